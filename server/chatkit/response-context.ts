/**
 * Builds the {@link ResponseContext} handed to responders.
 *
 * @module
 */
import type { Clock } from '../../src/protocol/time.js';
import { formatClockReading } from './timestamp.js';
import type { IdGenerator } from '../../src/protocol/ids.js';
import type { AssistantMessageItem, ThreadMetadata } from '../../src/protocol/types.js';
import type { RequestContext, Store } from '../stores/store.js';
import { eventHelpers } from './event-helpers.js';
import { attachResponseSignal, LazyAbort } from './lazy-abort.js';
import { streamWidget } from './stream-widget.js';
import type { ResponseContext } from './types.js';

/** What a response context is made from. */
export interface ResponseContextInit<C extends RequestContext> {
  context: C;
  store: Store<C>;
  thread: ThreadMetadata;
  /** The signal, or the abort state whose real signal is made when a responder first reads `signal`. */
  signal: AbortSignal | LazyAbort;
  generateId: IdGenerator;
  clock: Clock;
}

/** Creates the context of one response phase (or one sync action). */
export function createResponseContext<C extends RequestContext>(
  init: ResponseContextInit<C>,
): ResponseContext<C> {
  const { context, store, thread, signal, generateId, clock } = init;
  const now = () => formatClockReading(clock());
  const ctx: Omit<ResponseContext<C>, 'signal'> & { signal?: AbortSignal } = {
    context,
    store,
    thread,
    generateId,
    now,
    events: eventHelpers,
    assistantMessage(text?: string): AssistantMessageItem {
      return {
        id: generateId('message'),
        thread_id: thread.id,
        created_at: now(),
        type: 'assistant_message',
        content: text === undefined ? [] : [{ type: 'output_text', text, annotations: [] }],
      };
    },
    streamWidget: (widget, options = {}) => streamWidget(thread, widget, { ...options, generateId, clock }),
    async loadHistory(limit = 50) {
      const page = await store.loadThreadItems(thread.id, { limit, order: 'desc' }, context);
      return page.data.reverse();
    },
  };
  if (signal instanceof LazyAbort) {
    attachResponseSignal(ctx, signal); // a getter shared by all contexts (see there)
  } else ctx.signal = signal;
  return ctx as ResponseContext<C>;
}
