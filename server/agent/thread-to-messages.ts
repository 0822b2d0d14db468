/**
 * Converts stored thread items into model input (Chat Completions messages), like chatkit-python's
 * `ThreadItemConverter`:
 *
 * - user messages: text; tags become entity markers the model can refer to; quoted text is prefixed;
 *   image attachments become image parts, other files a short description;
 * - assistant messages: their text;
 * - widgets: a note with the widget's `copy_text` (or its visible text) so the model knows what was shown;
 * - completed client tool calls: an assistant tool call followed by the tool result;
 * - hidden context (integration and SDK notes): a user-role message wrapped in `<hidden_context>`;
 * - answered structured input: the answers;
 * - workflows, tasks, images, end-of-turn markers: omitted (status UI only).
 *
 * @module
 */
import type { ChatCompletionContentPart } from 'openai/resources/chat/completions';
import type { ThreadItem, UserMessageItem, WidgetNode } from '../../src/protocol/types.js';
import type { ModelMessage } from './chat-model.js';

/** Collects the visible text of a widget tree (titles, text, labels), for widgets without `copy_text`. */
export function widgetText(node: WidgetNode | null | undefined, out: string[] = []): string[] {
  if (!node || typeof node !== 'object') return out;
  for (const key of ['value', 'label', 'title'] as const) {
    const value = node[key];
    if (typeof value === 'string' && value.trim()) out.push(value.trim());
  }
  const children = node.children;
  if (Array.isArray(children)) for (const child of children) widgetText(child as WidgetNode, out);
  else if (children && typeof children === 'object') widgetText(children as WidgetNode, out);
  return out;
}

/** The user message as model content: text, entity markers, quote, attachments. */
export function userMessageContent(item: UserMessageItem): string | ChatCompletionContentPart[] {
  let text = '';
  const entities: string[] = [];
  for (const part of item.content) {
    if (part.type === 'input_text') text += part.text;
    else if (part.type === 'input_tag') {
      text += `@${part.text}`;
      entities.push(
        `<entity id=${JSON.stringify(part.id)} label=${JSON.stringify(part.text)}>${JSON.stringify(part.data ?? {})}</entity>`,
      );
    }
  }
  const sections: string[] = [];
  if (item.quoted_text)
    sections.push(`The user is replying to this quoted text:\n> ${item.quoted_text.replace(/\n/g, '\n> ')}`);
  sections.push(text);
  if (entities.length > 0) sections.push(`Entities tagged in this message:\n${entities.join('\n')}`);
  const files = item.attachments.filter((a) => a.type !== 'image');
  if (files.length > 0) {
    sections.push(`Attached files: ${files.map((f) => `${f.name} (${f.mime_type}, id ${f.id})`).join('; ')}`);
  }
  const body = sections.join('\n\n');
  const images = item.attachments.filter((a) => a.type === 'image' && typeof a.preview_url === 'string');
  if (images.length === 0) return body;
  return [
    { type: 'text', text: body },
    ...images.map((image): ChatCompletionContentPart => ({
      type: 'image_url',
      image_url: { url: (image as { preview_url: string }).preview_url },
    })),
  ];
}

/** Converts one item; returns no messages for items the model does not need. */
export function itemToMessages(item: ThreadItem): ModelMessage[] {
  switch (item.type) {
    case 'user_message':
      return [{ role: 'user', content: userMessageContent(item) }];
    case 'assistant_message': {
      const text = item.content.map((part) => part.text).join('');
      return text.trim() ? [{ role: 'assistant', content: text }] : [];
    }
    case 'widget': {
      const summary = item.copy_text?.trim() || widgetText(item.widget).join(' | ');
      return [{ role: 'assistant', content: `[Widget shown to the user (item ${item.id})]: ${summary}` }];
    }
    case 'client_tool_call':
      if (item.status !== 'completed') return [];
      return [
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: item.call_id,
              type: 'function',
              function: { name: item.name, arguments: JSON.stringify(item.arguments ?? {}) },
            },
          ],
        },
        { role: 'tool', tool_call_id: item.call_id, content: JSON.stringify(item.output ?? null) },
      ];
    case 'hidden_context_item':
    case 'sdk_hidden_context': {
      const content = typeof item.content === 'string' ? item.content : JSON.stringify(item.content);
      return [{ role: 'user', content: `<hidden_context>\n${content}\n</hidden_context>` }];
    }
    case 'structured_input': {
      if (item.status === 'pending') return [];
      const answers = item.inputs.map((input) => {
        const answer = input.answer?.skipped || !input.answer ? '(skipped)' : input.answer.values.join(', ');
        return `${input.question}: ${answer}`;
      });
      return [{ role: 'user', content: `Answers to the questions:\n${answers.join('\n')}` }];
    }
    default:
      return [];
  }
}

/**
 * Converts a history window (oldest first) into messages. The window is cut at a user message so the
 * model never starts in the middle of an exchange (e.g. with an orphaned tool result).
 */
export function threadItemsToMessages(items: readonly ThreadItem[]): ModelMessage[] {
  const firstUser = items.findIndex((item) => item.type === 'user_message');
  const window = firstUser > 0 ? items.slice(firstUser) : items;
  return window.flatMap(itemToMessages);
}
