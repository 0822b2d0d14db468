/**
 * The pure thread reducer: applies one stream event to a {@link ThreadState} (PROTOCOL.md §9 "Consuming a
 * stream"), plus the stream lifecycle and history helpers the session needs (begin, end, cancel, retry
 * pruning, history pages, refetch reconciliation).
 *
 * The streaming half lives in `stream-reducer.ts` (re-exported here): the client streams a first answer with
 * it alone and loads this module (history pages, refetch reconciliation, every item update) on demand.
 *
 * Pure and DOM-free: nothing is mutated, unchanged parts keep their identity, and side effects are not
 * performed here. `client_effect` is not state: the reducer returns the state unchanged for it and the
 * session dispatches it to the host.
 *
 * @module
 */

import { applyItemUpdate } from './apply-update.js';
import type { Page, ThreadItem, ThreadStreamEvent } from './types.js';
import { reduceEvent } from './stream-reducer.js';
import { indexOfItem, visible, type ThreadState } from './thread-state.js';

export {
  beginStream,
  cancelStream,
  completeClientToolCall,
  endStream,
  KNOWN_EVENT_TYPES,
  mergeHistoryPage,
  pruneAfter,
} from './stream-reducer.js';

/**
 * Applies one stream event (§9). Returns `state` itself when nothing visible changes (e.g. `client_effect`,
 * unknown types, updates to unknown items).
 *
 * @param state - The current snapshot.
 * @param event - A decoded event, applied strictly in stream order.
 */
export function applyEvent(state: ThreadState, event: ThreadStreamEvent): ThreadState {
  return reduceEvent(state, event, applyItemUpdate);
}

/** Options of {@link reconcileNewest}. */
export interface ReconcileOptions {
  /**
   * Ids of items that were still streaming when the stream ended or broke off. Those that are workflows
   * or assistant messages with text and that the server does not have yet stay at the end (the partial
   * answer stays visible until the server stores its copy). @defaultValue none
   */
  keepUnsynced?: ReadonlySet<string>;
}

/**
 * Reconciles the local items with a fresh `items.list` page in `desc` order (the newest items), e.g. after
 * a dropped connection or while waiting for a reloaded thread's answer. The page is the truth for its time
 * window: local items inside it are replaced, local items newer than its oldest item that the server does
 * not have are dropped (unless `keepUnsynced` keeps a partial answer), and older local history is
 * kept. If the page does not overlap the local items at all, it replaces them.
 */
export function reconcileNewest(
  state: ThreadState,
  page: Page<ThreadItem>,
  options: ReconcileOptions = {},
): ThreadState {
  // Reuse local objects that equal the server's copy so renderers can skip them by identity.
  const byId = new Map(state.items.map((item) => [item.id, item]));
  const newest = visible([...page.data].reverse()).map((item) => {
    const local = byId.get(item.id);
    return local && JSON.stringify(local) === JSON.stringify(item) ? local : item;
  });
  const tail = options.keepUnsynced ? unsyncedTail(state, newest, options.keepUnsynced) : [];
  const oldest = newest[0];
  const index = oldest ? indexOfItem(state, oldest.id) : -1;
  if (page.has_more && oldest && index !== -1) {
    const incoming = new Set(newest.map((item) => item.id));
    const kept = state.items.slice(0, index).filter((item) => !incoming.has(item.id));
    return { ...state, items: appendMissing([...kept, ...newest], tail), optimisticId: null };
  }
  if (page.has_more && !oldest) return state;
  const { beforeCursor: _cursor, ...rest } = state;
  return {
    ...rest,
    items: appendMissing(newest, tail),
    optimisticId: null,
    hasMoreBefore: page.has_more,
    ...(page.has_more && page.after ? { beforeCursor: page.after } : {}),
  };
}

function appendMissing(items: ThreadItem[], tail: readonly ThreadItem[]): ThreadItem[] {
  const present = new Set(items.map((item) => item.id));
  return [...items, ...tail.filter((item) => !present.has(item.id))];
}

/** The `keep` items the server lacks that are workflows or assistant messages with text, in local order. */
function unsyncedTail(
  state: ThreadState,
  server: readonly ThreadItem[],
  keep: ReadonlySet<string>,
): ThreadItem[] {
  const serverIds = new Set(server.map((item) => item.id));
  return state.items.filter(
    (item) =>
      keep.has(item.id) &&
      !serverIds.has(item.id) &&
      // §9 "End of stream": a workflow may legitimately stay open until a later turn.
      (item.type === 'workflow' ||
        (item.type === 'assistant_message' && item.content.some((part) => (part.text ?? '').trim() !== ''))),
  );
}
