/**
 * The assistant-message half of `thread.item.updated` (PROTOCOL.md §5.1): content parts added, done, text
 * deltas and annotations. Every streamed answer needs it; {@link applyItemUpdate} (`apply-update.ts`) adds the
 * widget, workflow and image updates on top. Split so that the client can stream a first answer without those
 * (the stream runner loads them with the first update that needs them). Pure, like `apply-update.ts`.
 *
 * @module
 */

import type { AssistantMessageContent, AssistantMessageItem, ThreadItem, ThreadItemUpdate } from './types.js';

/** The part §5.1 pads `content` with when an update addresses an index beyond its end. */
function emptyTextPart(): AssistantMessageContent {
  return { type: 'output_text', text: '', annotations: [] };
}

/** Whether {@link applyMessageUpdate} is all `update` needs (an `assistant_message.*` update). */
export function isMessageUpdate(update: ThreadItemUpdate): boolean {
  return update.type.startsWith('assistant_message.');
}

/**
 * Returns `item` with an `assistant_message.*` update applied (§5.1); any other update, or an item that is
 * no assistant message, returns `item` itself. Pure: unchanged parts are shared.
 */
export function applyMessageUpdate(item: ThreadItem, update: ThreadItemUpdate): ThreadItem {
  if (item.type !== 'assistant_message') return item;
  switch (update.type) {
    case 'assistant_message.content_part.added':
    case 'assistant_message.content_part.done':
      return withContentPart(item, update.content_index, () => update.content);
    case 'assistant_message.content_part.text_delta':
      if (update.delta === '') return item;
      return withContentPart(item, update.content_index, (part) => ({
        ...part,
        text: part.text + update.delta,
      }));
    case 'assistant_message.content_part.annotation_added':
      return withContentPart(item, update.content_index, (part) => {
        const annotations = part.annotations ?? [];
        const index = update.annotation_index;
        // §5.1: insert at annotation_index when it is within bounds (<= length), otherwise append.
        const at =
          Number.isInteger(index) && index >= 0 && index <= annotations.length ? index : annotations.length;
        return {
          ...part,
          annotations: [...annotations.slice(0, at), update.annotation, ...annotations.slice(at)],
        };
      });
    default:
      return item;
  }
}

/** Replaces `content[index]` with `change(current)`, padding with empty parts first (§5.1). */
function withContentPart(
  item: AssistantMessageItem,
  index: number,
  change: (part: AssistantMessageContent) => AssistantMessageContent,
): AssistantMessageItem {
  if (!Number.isInteger(index) || index < 0) return item;
  const content = (item.content ?? []).slice();
  while (content.length <= index) content.push(emptyTextPart());
  content[index] = change(content[index]!);
  return { ...item, content };
}
