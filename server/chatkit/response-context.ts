/**
 * Builds the {@link ResponseContext} handed to responders.
 *
 * @module
 */
import type { Clock } from '../../src/protocol/time.js';
import { formatTimestamp } from '../../src/protocol/time.js';
import type { IdGenerator } from '../../src/protocol/ids.js';
import type { AssistantMessageItem, ThreadMetadata } from '../../src/protocol/types.js';
import type { RequestContext, Store } from '../stores/store.js';
import { eventHelpers } from './event-helpers.js';
import { streamWidget } from './stream-widget.js';
import type { ResponseContext } from './types.js';

/** What a response context is made from. */
export interface ResponseContextInit<C extends RequestContext> {
  context: C;
  store: Store<C>;
  thread: ThreadMetadata;
  signal: AbortSignal;
  generateId: IdGenerator;
  clock: Clock;
}

/** Creates the context of one response phase (or one sync action). */
export function createResponseContext<C extends RequestContext>(
  init: ResponseContextInit<C>,
): ResponseContext<C> {
  const { context, store, thread, signal, generateId, clock } = init;
  const now = () => formatTimestamp(clock());
  return {
    context,
    store,
    thread,
    signal,
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
}
