/**
 * The client's view of one thread (PROTOCOL.md §9 "State"), as an immutable snapshot, and the small pure
 * helpers that build and edit it. The reducer (`reducer.ts`) applies stream events to it; the session
 * (`session.ts`) owns the current snapshot and the element renders it.
 *
 * Every helper returns a new object for what changed and shares everything else, so consumers can detect
 * changes with `Object.is` per field (items keep their identity unless they changed).
 *
 * @module
 */

import type { IconName, Page, Thread, ThreadItem, ThreadMetadata, UserMessageItem } from './types.js';
import { isHiddenItem } from './types.js';

/** Thread metadata as the client keeps it: a {@link Thread} without its items page. */
export type ThreadMeta = ThreadMetadata;

/** The transient status line of a `progress_update` event (§4.9). */
export interface ProgressLine {
  text: string;
  icon?: IconName | null;
}

/** A `notice` event (§4.12) kept until the user dismisses it. `id` is local and increasing. */
export interface ThreadNotice {
  id: number;
  level: 'info' | 'warning' | 'danger';
  /** Markdown. */
  message: string;
  title?: string | null;
}

/** The error shown inline: an `error` event (§4.11) or a client-side failure. */
export interface ThreadError {
  /** `custom`, `stream.error`, any server code, or a client code (`stream.interrupted`, `http_500`, …). */
  code: string;
  /** The message to show as is (code `custom`); absent → the element shows a localized generic text. */
  message?: string;
  /** Whether to offer "retry". */
  allowRetry: boolean;
  /** The user message `threads.retry_after_item` should target when the user retries. */
  retryItemId?: string;
  /** Set when loading this thread failed: "retry" loads it again (there is no current thread then). */
  loadThreadId?: string;
}

/**
 * Whether an error code says the thread (or request target) does not exist: our server answers 404
 * `not_found`, the client and some servers say `thread.not_found`, a bare 404 becomes `http_404`. Only then
 * may a remembered thread id be forgotten; chatkit-python reports a missing thread as a 500, which looks
 * like any temporary failure and must not lose the id.
 */
export function isNotFoundError(error: { code: string } | null | undefined): boolean {
  const code = error?.code;
  return code === 'not_found' || code === 'thread.not_found' || code === 'http_404';
}

/**
 * The thread whose load failed, when that is what the current error says (there is no current thread
 * then): "retry" loads it again instead of regenerating an answer.
 */
export function failedLoadThreadId(state: ThreadState): string | undefined {
  return state.thread ? undefined : state.error?.loadThreadId;
}

/**
 * One thread as the client sees it.
 *
 * - `thread`: metadata of the current thread (`null` before `thread.created` on a new chat).
 * - `items`: visible items, oldest first; hidden item types never enter (§8.10).
 * - `pending`: ids added in the current stream and not yet done/replaced/removed.
 * - `streaming`: a streaming request is in flight; `allowCancel`: the latest `stream_options.allow_cancel`.
 * - `progress`: the current `progress_update` line, cleared by item events and at the end of a stream.
 * - `notices`: `notice` events not yet dismissed; `error`: the current inline error.
 * - `hasMoreBefore` / `beforeCursor`: older history exists; `items.list` (desc) `after` cursor to get it.
 * - `optimisticId`: id of the local user bubble shown until the server's `user_message` arrives.
 * - `imageProgress`: the latest `generated_image.updated` progress (0..1) per item id, while generating.
 */
export interface ThreadState {
  readonly thread: ThreadMeta | null;
  readonly items: readonly ThreadItem[];
  readonly pending: ReadonlySet<string>;
  readonly streaming: boolean;
  readonly allowCancel: boolean;
  readonly progress: ProgressLine | null;
  readonly notices: readonly ThreadNotice[];
  readonly error: ThreadError | null;
  readonly hasMoreBefore: boolean;
  readonly beforeCursor?: string;
  readonly optimisticId: string | null;
  readonly imageProgress: Readonly<Record<string, number>>;
}

const NO_PENDING: ReadonlySet<string> = new Set<string>();

/** The state of a new, empty chat (no thread yet). */
export function initialThreadState(): ThreadState {
  return {
    thread: null,
    items: [],
    pending: NO_PENDING,
    streaming: false,
    allowCancel: false,
    progress: null,
    notices: [],
    error: null,
    hasMoreBefore: false,
    optimisticId: null,
    imageProgress: {},
  };
}

/** Strips the items page off a wire thread. */
export function threadMeta(thread: Thread | ThreadMeta): ThreadMeta {
  const { items: _items, ...meta } = thread as Thread;
  return meta;
}

/**
 * The state of a freshly loaded thread. `newest` is the `items.list` page in `desc` order (newest first)
 * when the client loaded the latest items (§9 "History"); without it, the items of `thread` (the oldest
 * page, ascending) are used.
 */
export function threadStateFromThread(thread: Thread, newest?: Page<ThreadItem>): ThreadState {
  const base = initialThreadState();
  if (newest) {
    return {
      ...base,
      thread: threadMeta(thread),
      items: visible([...newest.data].reverse()),
      hasMoreBefore: newest.has_more,
      ...(newest.has_more && newest.after ? { beforeCursor: newest.after } : {}),
    };
  }
  return { ...base, thread: threadMeta(thread), items: visible(thread.items?.data ?? []) };
}

/** Filters server-private items out (§8.10). */
export function visible(items: readonly ThreadItem[]): ThreadItem[] {
  return items.filter((item) => !isHiddenItem(item));
}

/** The index of the item with `id`, or -1. */
export function indexOfItem(state: ThreadState, id: string): number {
  // From the end: stream events address the newest items, so a long thread costs nothing per delta.
  const { items } = state;
  for (let i = items.length - 1; i >= 0; i--) if (items[i]!.id === id) return i;
  return -1;
}

/** Replaces the item with the same id in place, or appends it (§9 `done`/`replaced`). */
export function upsertItem(state: ThreadState, item: ThreadItem): ThreadState {
  if (isHiddenItem(item)) return state;
  const index = indexOfItem(state, item.id);
  if (index === -1) return { ...state, items: [...state.items, item] };
  if (state.items[index] === item) return state;
  const items = state.items.slice();
  items[index] = item;
  return { ...state, items };
}

/** Removes items by id (and from `pending`). */
export function removeItems(state: ThreadState, ids: ReadonlySet<string>): ThreadState {
  if (!state.items.some((item) => ids.has(item.id))) return state;
  return {
    ...state,
    items: state.items.filter((item) => !ids.has(item.id)),
    pending: without(state.pending, ids),
  };
}

/** `set` minus `ids`, sharing `set` when nothing is removed. */
export function without(set: ReadonlySet<string>, ids: Iterable<string>): ReadonlySet<string> {
  let next: Set<string> | null = null;
  for (const id of ids) {
    if ((next ?? set).has(id)) {
      next ??= new Set(set);
      next.delete(id);
    }
  }
  return next ?? set;
}

/** Shows the user's message at once, before the server echoes it (§9 `done` of a `user_message`). */
export function addOptimisticUserMessage(state: ThreadState, item: UserMessageItem): ThreadState {
  const withBubble = upsertItem(
    state.optimisticId ? removeItems(state, new Set([state.optimisticId])) : state,
    item,
  );
  return { ...withBubble, optimisticId: item.id };
}

/** The optimistic bubble still waiting for its server copy, if any. */
export function optimisticMessage(state: ThreadState): UserMessageItem | undefined {
  const item = state.optimisticId ? state.items[indexOfItem(state, state.optimisticId)] : undefined;
  return item?.type === 'user_message' ? item : undefined;
}

/** Drops the optimistic bubble (the request failed before the server stored the message). */
export function dropOptimisticUserMessage(state: ThreadState): ThreadState {
  if (!state.optimisticId) return state;
  return { ...removeItems(state, new Set([state.optimisticId])), optimisticId: null };
}

/** The id of the newest `user_message`, the natural retry target (§9 "Retrying"). */
export function lastUserMessageId(state: ThreadState): string | undefined {
  for (let i = state.items.length - 1; i >= 0; i--) {
    const item = state.items[i]!;
    if (item.type === 'user_message' && item.id !== state.optimisticId) return item.id;
  }
  return undefined;
}

/** Sets (or clears, with `null`) the inline error. */
export function setError(state: ThreadState, error: ThreadError | null): ThreadState {
  return state.error === error ? state : { ...state, error };
}

/** Removes one notice by its local id. */
export function dismissNotice(state: ThreadState, id: number): ThreadState {
  const notices = state.notices.filter((notice) => notice.id !== id);
  return notices.length === state.notices.length ? state : { ...state, notices };
}

/**
 * Whether the server is presumably still answering a turn this client did not stream (e.g. after a page
 * reload): the newest visible item is the user's message and no stream is active. The reference server
 * stores an answer only when it is done (§8.1), so a reloaded thread shows no partial answer; polling
 * `fetchUpdates` until this turns false shows the answer once it is stored.
 */
export function isAwaitingResponse(state: ThreadState): boolean {
  const last = state.items[state.items.length - 1];
  return (
    !state.streaming && last !== undefined && last.type === 'user_message' && last.id !== state.optimisticId
  );
}
