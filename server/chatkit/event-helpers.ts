/**
 * Builders of stream events (PROTOCOL.md §4), exposed to responders as `ctx.events`.
 *
 * @module
 */
import type { ThreadStreamEvent } from '../../src/protocol/types.js';
import type { EventHelpers } from './types.js';

/** The event builders. Pure: each call returns a new event object. */
export const eventHelpers: EventHelpers = {
  added: (item) => ({ type: 'thread.item.added', item }),
  done: (item) => ({ type: 'thread.item.done', item }),
  replaced: (item) => ({ type: 'thread.item.replaced', item }),
  removed: (itemId) => ({ type: 'thread.item.removed', item_id: itemId }),
  updated: (itemId, update) => ({ type: 'thread.item.updated', item_id: itemId, update }),
  textDelta: (itemId, delta, contentIndex = 0) => ({
    type: 'thread.item.updated',
    item_id: itemId,
    update: { type: 'assistant_message.content_part.text_delta', content_index: contentIndex, delta },
  }),
  progress: (text, icon) =>
    icon ? { type: 'progress_update', icon, text } : { type: 'progress_update', text },
  notice: (level, message, title) =>
    title ? { type: 'notice', level, message, title } : { type: 'notice', level, message },
  clientEffect: (name, data = {}) => ({ type: 'client_effect', name, data }),
  streamOptions: (options) => ({
    type: 'stream_options',
    stream_options: { allow_cancel: options.allow_cancel },
  }),
  error: ({ message, code, allowRetry }): ThreadStreamEvent => {
    const resolved = code ?? (message === undefined ? 'stream.error' : 'custom');
    const event: ThreadStreamEvent = {
      type: 'error',
      code: resolved,
      allow_retry: allowRetry ?? resolved === 'stream.error',
    };
    if (message !== undefined) event.message = message;
    return event;
  },
};
