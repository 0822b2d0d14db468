/**
 * The streaming half of the pure thread reducer (`reducer.ts` is the whole of it): applies one stream event
 * to a {@link ThreadState} (PROTOCOL.md §9 "Consuming a stream") with the item updater it is given, plus the
 * stream lifecycle helpers (begin, end, cancel, retry pruning, client tool output) and older history pages.
 *
 * Why a separate module: the client streams a first answer with this and the assistant-message updater alone;
 * refetch reconciliation and the widget, workflow and image updates (`reducer.ts`,
 * `apply-update.ts`) load on demand with the first request or update that needs them.
 *
 * Pure and DOM-free: nothing is mutated, unchanged parts keep their identity, and side effects are not
 * performed here. `client_effect` is not state: the reducer returns the state unchanged for it and the
 * session dispatches it to the host.
 *
 * @module
 */

import type {
  ClientToolCallItem,
  ErrorEvent,
  Page,
  ThreadItem,
  ThreadItemUpdate,
  ThreadItemUpdatedEvent,
  ThreadStreamEvent,
} from './types.js';
import { isHiddenItem } from './types.js';
import {
  indexOfItem,
  lastUserMessageId,
  removeItems,
  threadMeta,
  upsertItem,
  visible,
  without,
  type ThreadError,
  type ThreadState,
} from './thread-state.js';

/** The event types this reducer knows; anything else is ignored (and logged by the session). */
export const KNOWN_EVENT_TYPES: ReadonlySet<string> = new Set<ThreadStreamEvent['type']>([
  'thread.created',
  'thread.updated',
  'thread.item.added',
  'thread.item.updated',
  'thread.item.done',
  'thread.item.replaced',
  'thread.item.removed',
  'stream_options',
  'progress_update',
  'client_effect',
  'error',
  'notice',
]);

/** Applies one `thread.item.updated` payload to an item (`applyItemUpdate`, or `applyMessageUpdate` alone). */
export type ItemUpdater = (item: ThreadItem, update: ThreadItemUpdate) => ThreadItem;

/**
 * Applies one stream event (§9), item updates through `updateItem`. Returns `state` itself when nothing
 * visible changes (e.g. `client_effect`, unknown types, updates to unknown items). `applyEvent`
 * (`reducer.ts`) is this with every item update.
 *
 * @param state - The current snapshot.
 * @param event - A decoded event, applied strictly in stream order.
 * @param updateItem - Applies a `thread.item.updated` payload.
 */
export function reduceEvent(
  state: ThreadState,
  event: ThreadStreamEvent,
  updateItem: ItemUpdater,
): ThreadState {
  switch (event.type) {
    case 'thread.created':
      // Adopt the new thread; the optimistic bubble stays until its server copy arrives (`done`).
      return { ...state, thread: threadMeta(event.thread) };
    case 'thread.updated': {
      // Only metadata changes; the event's items page is always empty and must not replace local items.
      const incoming = threadMeta(event.thread);
      const thread = state.thread
        ? {
            ...state.thread,
            title: incoming.title,
            status: incoming.status,
            allowed_image_domains: incoming.allowed_image_domains,
          }
        : incoming;
      return { ...state, thread };
    }
    case 'thread.item.added': {
      if (isHiddenItem(event.item)) return state;
      const next = clearProgress(upsertItem(state, event.item));
      return { ...next, pending: new Set(next.pending).add(event.item.id) };
    }
    case 'thread.item.updated':
      return applyUpdatedEvent(state, event, updateItem);
    case 'thread.item.done':
    case 'thread.item.replaced':
      return settleItem(state, event.item, event.type === 'thread.item.done');
    case 'thread.item.removed': {
      const next = clearProgress(state);
      const removed = removeItems(next, new Set([event.item_id]));
      return removed === next ? { ...next, pending: without(next.pending, [event.item_id]) } : removed;
    }
    case 'stream_options':
      return event.stream_options.allow_cancel === state.allowCancel
        ? state
        : { ...state, allowCancel: event.stream_options.allow_cancel };
    case 'progress_update':
      return { ...state, progress: { text: event.text, ...(event.icon ? { icon: event.icon } : {}) } };
    case 'notice': {
      const id = (state.notices[state.notices.length - 1]?.id ?? 0) + 1;
      const notice = {
        id,
        level: event.level,
        message: event.message,
        ...(event.title ? { title: event.title } : {}),
      };
      return { ...state, notices: [...state.notices, notice] };
    }
    case 'error':
      return { ...state, error: errorFromEvent(state, event) };
    case 'client_effect':
    default:
      return state;
  }
}

function clearProgress(state: ThreadState): ThreadState {
  return state.progress === null ? state : { ...state, progress: null };
}

function applyUpdatedEvent(
  state: ThreadState,
  event: ThreadItemUpdatedEvent,
  updateItem: ItemUpdater,
): ThreadState {
  const next = clearProgress(state);
  // The target may be pending in this stream or any item loaded earlier (§4.4), so search all items.
  const index = indexOfItem(next, event.item_id);
  let imageProgress = next.imageProgress;
  if (event.update.type === 'generated_image.updated' && typeof event.update.progress === 'number') {
    imageProgress = { ...imageProgress, [event.item_id]: event.update.progress };
  }
  if (index === -1) return next;
  const item = next.items[index]!;
  const updated = updateItem(item, keepStreamedAnnotations(item, event.update));
  if (updated === item && imageProgress === next.imageProgress) return next;
  const items = next.items.slice();
  items[index] = updated;
  return { ...next, items, imageProgress };
}

/**
 * The Agents bridge sends `content_part.done` with `annotations: []` even after streaming annotations; they
 * return with the item's `done` (§5.1 caveat). Keeping the streamed ones meanwhile avoids a flicker of the
 * citations, which §5.1 allows a client to do.
 */
function keepStreamedAnnotations(item: ThreadItem, update: ThreadItemUpdate): ThreadItemUpdate {
  if (update.type !== 'assistant_message.content_part.done' || item.type !== 'assistant_message')
    return update;
  const streamed = item.content?.[update.content_index]?.annotations ?? [];
  if ((update.content.annotations ?? []).length > 0 || streamed.length === 0) return update;
  return { ...update, content: { ...update.content, annotations: streamed } };
}

/** `thread.item.done` / `thread.item.replaced`: upsert, clear pending, swap the optimistic bubble. */
function settleItem(state: ThreadState, item: ThreadItem, isDone: boolean): ThreadState {
  let next = clearProgress(state);
  if (next.imageProgress[item.id] !== undefined) {
    const { [item.id]: _done, ...rest } = next.imageProgress;
    next = { ...next, imageProgress: rest };
  }
  next = { ...next, pending: without(next.pending, [item.id]) };
  if (isHiddenItem(item)) return next;
  const optimisticIndex = next.optimisticId ? indexOfItem(next, next.optimisticId) : -1;
  if (isDone && item.type === 'user_message' && optimisticIndex !== -1 && indexOfItem(next, item.id) === -1) {
    // The server's copy of the message we just sent: it takes the bubble's place (the ids differ).
    const items = next.items.slice();
    items[optimisticIndex] = item;
    return { ...next, items, optimisticId: null };
  }
  return upsertItem(next, item);
}

function errorFromEvent(state: ThreadState, event: ErrorEvent): ThreadError {
  const retryItemId = event.allow_retry ? lastUserMessageId(state) : undefined;
  return {
    code: event.code,
    ...(event.message ? { message: event.message } : {}),
    allowRetry: Boolean(event.allow_retry),
    ...(retryItemId ? { retryItemId } : {}),
  };
}

/** A streaming request starts: clear the previous turn's error and progress; no stop control until told. */
export function beginStream(state: ThreadState): ThreadState {
  return { ...state, streaming: true, allowCancel: false, progress: null, error: null };
}

/**
 * The stream body ended (normally or not): clear progress, the stop control and the pending set. Pending
 * items are kept as they are (§9 "End of stream"); a refetch reconciles them if exactness matters.
 */
export function endStream(state: ThreadState): ThreadState {
  return {
    ...state,
    streaming: false,
    allowCancel: false,
    progress: null,
    // Keep the (empty) collections' identity when nothing was pending, so consumers see no change there.
    pending: state.pending.size === 0 ? state.pending : new Set(),
    imageProgress: Object.keys(state.imageProgress).length === 0 ? state.imageProgress : {},
  };
}

/**
 * The user cancelled (§8.8/§9 "Cancelling"): a pending assistant message stays only if it has non-blank
 * text (the server stored its own copy); every other pending item is dropped. Then as {@link endStream}.
 */
export function cancelStream(state: ThreadState): ThreadState {
  const drop = new Set<string>();
  for (const item of state.items) {
    if (!state.pending.has(item.id)) continue;
    const keep =
      item.type === 'assistant_message' &&
      (item.content ?? []).some((part) => (part.text ?? '').trim() !== '');
    if (!keep) drop.add(item.id);
  }
  return endStream(drop.size > 0 ? removeItems(state, drop) : state);
}

/**
 * Removes every item after `itemId` (the user message being retried): the server deletes them silently
 * (§8.7), so the client prunes before applying the new stream. Unknown ids leave the state as is.
 */
export function pruneAfter(state: ThreadState, itemId: string): ThreadState {
  const index = indexOfItem(state, itemId);
  if (index === -1 || index === state.items.length - 1) return { ...state, error: null };
  const dropped = state.items.slice(index + 1).map((item) => item.id);
  return {
    ...state,
    items: state.items.slice(0, index + 1),
    pending: without(state.pending, dropped),
    error: null,
  };
}

/**
 * Merges an `items.list` page into the history.
 *
 * - `'older'`: `page` was listed with `order: "desc"` and `after: beforeCursor`; its items (newest first)
 *   are reversed and prepended, skipping ids already present; the cursor moves on.
 * - `'newer'`: `page` was listed with `order: "asc"`; its items are upserted in order (appended when new).
 */
export function mergeHistoryPage(
  state: ThreadState,
  page: Page<ThreadItem>,
  direction: 'older' | 'newer',
): ThreadState {
  const known = new Set(state.items.map((item) => item.id));
  if (direction === 'older') {
    const older = visible([...page.data].reverse()).filter((item) => !known.has(item.id));
    const { beforeCursor: _cursor, ...rest } = state;
    return {
      ...rest,
      items: older.length > 0 ? [...older, ...state.items] : state.items,
      hasMoreBefore: page.has_more,
      ...(page.has_more && page.after ? { beforeCursor: page.after } : {}),
    };
  }
  return visible(page.data).reduce(upsertItem, state);
}

/**
 * Marks a client tool call completed with its output locally: the server completes its stored copy on
 * `threads.add_client_tool_output` but never sends it back (§8.5).
 */
export function completeClientToolCall(state: ThreadState, itemId: string, output: unknown): ThreadState {
  const index = indexOfItem(state, itemId);
  const item = state.items[index];
  if (!item || item.type !== 'client_tool_call') return state;
  const items = state.items.slice();
  items[index] = { ...item, status: 'completed', output } satisfies ClientToolCallItem;
  return { ...state, items };
}
