/**
 * The scripted responder: a deterministic `respond` implementation that needs no model. It streams a
 * canned markdown answer (see scripted-answers.ts) as an assistant message in several text deltas, with a
 * small pause between them that ends early when the request is cancelled, and names the thread after the
 * first exchange (the server emits `thread.updated` when it sees the new title).
 *
 * Event order per turn: `thread.item.added` (assistant_message, empty) → `content_part.added` →
 * N × `content_part.text_delta` → `content_part.done` → `thread.item.done`.
 *
 * @module
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type {
  AssistantMessageContent,
  ThreadStreamEvent,
  UserMessageItem,
} from '../../src/protocol/types.js';
import type { RespondHook } from '../../server/chatkit/types.js';
import type { RequestContext } from '../../server/stores/store.js';
import { scriptedAnswer, splitIntoDeltas, titleFromPrompt } from './scripted-answers.js';

/** Options of {@link createScriptedResponder}. */
export interface ScriptedResponderOptions {
  /** Pause before each delta in milliseconds (default 25); 0 streams as fast as the client reads. */
  delayMs?: number;
  /** Words per delta (default 3). */
  wordsPerDelta?: number;
  /** Replaces the canned answers (tests use it to script exact texts). */
  answer?: (prompt: string) => string;
}

/** The plain text of a user message: its text parts and tag labels, in order. */
export function userText(input: UserMessageItem | null): string {
  if (!input) return '';
  return input.content
    .map((part) =>
      part.type === 'input_text' ? part.text : part.type === 'input_tag' ? `@${part.text}` : '',
    )
    .join('')
    .trim();
}

/** Waits `ms` or until `signal` aborts; resolves `false` when aborted (never throws). */
async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return false;
  if (ms <= 0) return true;
  try {
    await sleep(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}

/** Creates the scripted `respond` hook. */
export function createScriptedResponder<C extends RequestContext = RequestContext>(
  options: ScriptedResponderOptions = {},
): RespondHook<C> {
  const delayMs = options.delayMs ?? 25;
  const wordsPerDelta = options.wordsPerDelta ?? 3;
  const answerFor = options.answer ?? scriptedAnswer;

  return async function* scriptedRespond(
    thread,
    input,
    ctx,
  ): AsyncGenerator<ThreadStreamEvent, void, undefined> {
    const prompt = userText(input);
    const text = answerFor(prompt);
    const message = ctx.assistantMessage();
    const empty: AssistantMessageContent = { type: 'output_text', text: '', annotations: [] };

    yield ctx.events.added(message);
    yield ctx.events.updated(message.id, {
      type: 'assistant_message.content_part.added',
      content_index: 0,
      content: empty,
    });
    for (const delta of splitIntoDeltas(text, wordsPerDelta)) {
      // A cancelled request ends the turn quietly; the server keeps the partial text (§8.8).
      if (!(await pause(delayMs, ctx.signal))) return;
      yield ctx.events.textDelta(message.id, delta);
    }
    const content: AssistantMessageContent = { type: 'output_text', text, annotations: [] };
    yield ctx.events.updated(message.id, {
      type: 'assistant_message.content_part.done',
      content_index: 0,
      content,
    });
    yield ctx.events.done({ ...message, content: [content] });

    // Name the thread after its first exchange; later turns keep the title (users may have renamed it).
    if (!thread.title && prompt !== '') thread.title = titleFromPrompt(prompt);
  };
}
