/**
 * Thread titles after the first exchange: asked from the model (a short, separate completion), or taken
 * from the first user message (the offline model, or when the model call fails).
 *
 * @module
 */
import type { UserMessageItem } from '../../src/protocol/types.js';
import type { ChatModel } from './chat-model.js';

/** How a new thread gets its title. */
export type TitleMode = 'model' | 'first-message' | 'off';

/** The system prompt of a title request. */
export const TITLE_INSTRUCTIONS =
  'Write a short title (at most 6 words, no quotes, no trailing period) for a conversation that starts with the following user message. Reply with the title only.';

const MAX_TITLE = 60;

/** The first user message's text, trimmed to a title. */
export function titleFromMessage(input: UserMessageItem): string {
  const text = input.content
    .map((part) => (part.type === 'input_text' ? part.text : `@${part.text}`))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
  if (!text) return 'New chat';
  const sentence = text.charAt(0).toUpperCase() + text.slice(1);
  return sentence.length <= MAX_TITLE ? sentence : `${sentence.slice(0, MAX_TITLE - 1).trimEnd()}…`;
}

/** Produces a title, or null when titles are off. Model failures fall back to the message text. */
export async function generateTitle(
  model: ChatModel,
  input: UserMessageItem,
  mode: TitleMode,
  signal: AbortSignal,
): Promise<string | null> {
  if (mode === 'off') return null;
  const fallback = titleFromMessage(input);
  if (mode === 'first-message') return fallback;
  try {
    let text = '';
    const request = {
      messages: [
        {
          role: 'system' as const,
          content: TITLE_INSTRUCTIONS,
        },
        { role: 'user' as const, content: fallback },
      ],
      tools: [],
    };
    for await (const event of model.stream(request, signal))
      if (event.type === 'text_delta') text += event.delta;
    const title = text.replace(/^["'\s]+|["'.\s]+$/g, '').replace(/\s+/g, ' ');
    return title ? title.slice(0, MAX_TITLE) : fallback;
  } catch {
    if (signal.aborted) return null;
    return fallback;
  }
}
