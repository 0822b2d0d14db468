/**
 * Converts ChatKit's public `UserMessageContent[]` (host input: `sendUserMessage`, `setComposerValue`,
 * starter prompts) into the wire content, dropping malformed parts instead of sending them.
 *
 * @internal
 * @module
 */
import type { ChatController } from '../../context/chat-context.js';
import type { InputTagContent, JsonObject, UserMessageContent as WireContent } from '../../protocol/types.js';
import type { UserMessageContent } from './options.js';

/** The wire form of host content; parts that are neither text nor a tag with an id are dropped. */
export function toWireContent(content: readonly UserMessageContent[] | undefined): WireContent[] {
  if (!Array.isArray(content)) return [];
  const out: WireContent[] = [];
  for (const part of content) {
    if (!part || typeof part !== 'object') continue;
    if (part.type === 'input_text' && typeof part.text === 'string') {
      out.push({ type: 'input_text', text: part.text });
    } else if (part.type === 'input_tag' && typeof part.id === 'string') {
      const tag: InputTagContent = {
        type: 'input_tag',
        id: part.id,
        text: typeof part.text === 'string' ? part.text : part.id,
        data: (part.data && typeof part.data === 'object' ? part.data : {}) as JsonObject,
        interactive: !!part.interactive,
      };
      if (part.group) tag.group = part.group;
      out.push(tag);
    }
  }
  return out;
}

/** The plain text of content (its text parts joined). */
export function textOf(content: readonly WireContent[]): string {
  return content
    .map((part) => (part.type === 'input_text' ? part.text : ''))
    .join('')
    .trim();
}

/** Sends a starter prompt: text as typed, structured content as is. */
export function sendPrompt(controller: ChatController, prompt: string | UserMessageContent[]): void {
  if (typeof prompt === 'string') return controller.sendMessage(prompt);
  const content = toWireContent(prompt);
  if (content.length) controller.sendMessage(textOf(content), [], content);
}
