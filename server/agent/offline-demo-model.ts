/**
 * The offline demo model: the embedded default when no API key is configured. It is deterministic and
 * sits behind the same {@link ChatModel} interface as a real provider, so the same tool loop runs: it reads
 * the messages and the offered tools, places the user's words with the intent tables the use cases
 * registered ({@link OfflineIntent}), makes the tool calls a real model would make, then summarises the
 * tool results. What it cannot place gets a short answer with clickable suggestions (the
 * `suggest_prompts` tool when offered). Text streams at a human-visible pace (default 40 characters per
 * 30 ms) so Stop and cancellation cut real partial answers. Its first answer in a thread says that it is
 * the offline demo model.
 *
 * @module
 */
import type { ChatModel, ModelEvent, ModelMessage, ModelRequest, ModelToolCall } from './chat-model.js';
import {
  matchIntent,
  type OfflineCall,
  type OfflineDecision,
  type OfflineIntent,
} from './offline-intents.js';
import { SUGGEST_TOOL } from './suggestions.js';
import { TITLE_INSTRUCTIONS } from './thread-title.js';
import type { OfflineBehaviour, StartPrompt } from './use-case.js';

/** The note in the first answer of a thread. */
export const OFFLINE_NOTE =
  '_Offline demo model: set `OPENAI_API_KEY` (or `OPENAI_BASE_URL`) to use a real model._';

/** Streaming pace: `chars` characters every `intervalMs` milliseconds. */
export interface OfflinePace {
  chars: number;
  intervalMs: number;
}

/** The default pace (about 1 300 characters a second: fast, yet visibly streaming). */
export const DEFAULT_OFFLINE_PACE: OfflinePace = Object.freeze({ chars: 40, intervalMs: 30 });

/** Options of {@link OfflineDemoModel}. */
export interface OfflineDemoModelOptions {
  /** What the use cases taught it (intents and suggestions). */
  behaviours?: readonly OfflineBehaviour[];
  /** Streaming pace; `null` streams everything at once. Default {@link DEFAULT_OFFLINE_PACE}. */
  pace?: OfflinePace | null;
  /**
   * Waits between two chunks; must reject when `signal` aborts. Default: a timer. Tests inject a gate to
   * step the stream deterministically.
   */
  wait?: (ms: number, signal: AbortSignal) => Promise<void>;
}

const GREETING =
  /^(?:hi|hello|hey|hallo|good (?:morning|afternoon|evening)|help|what can you do|who are you)\b/i;

function textOf(message: ModelMessage): string {
  const content = (message as { content?: unknown }).content;
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((part) => (part?.type === 'text' ? part.text : '')).join('');
  return '';
}

/** The user's newest own words (hidden context and tool outputs are not the user speaking). */
export function lastUserText(messages: readonly ModelMessage[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (message.role !== 'user') continue;
    const text = textOf(message);
    if (text.startsWith('<hidden_context>')) continue;
    // Drop the converter's extra sections (quotes, entities, attachments): the request is the main text.
    return text
      .split('\n\nEntities tagged')[0]
      .split('\n\nAttached files')[0]
      .replace(/^The user is replying[\s\S]*?\n\n/, '')
      .trim();
  }
  return '';
}

function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${date.toISOString().slice(11, 16)} UTC (${iso})`;
}

/** Summarises the results of the tools the previous assistant message called. */
function summariseToolResults(messages: readonly ModelMessage[]): string {
  const lines: string[] = [];
  for (let i = messages.length - 1; i >= 0 && messages[i].role === 'tool'; i--) {
    let value: any;
    try {
      value = JSON.parse(textOf(messages[i]));
    } catch {
      value = textOf(messages[i]);
    }
    if (value && typeof value === 'object') {
      if (typeof value.summary === 'string') lines.unshift(value.summary);
      else if (typeof value.error === 'string') lines.unshift(`That did not work: ${value.error}`);
      else if (typeof value.time === 'string')
        lines.unshift(`Your browser says it is ${formatTime(value.time)}.`);
      else if (typeof value.localTime === 'string')
        lines.unshift(
          `Your browser says it is ${value.localTime}${value.timeZone ? ` (${value.timeZone})` : ''}.`,
        );
      else lines.unshift('Done.');
    } else if (typeof value === 'string' && value) lines.unshift(value);
  }
  return lines.filter(Boolean).join(' ');
}

/** Splits text into chunks of about `size` characters, cutting after whitespace where possible. */
export function chunkText(text: string, size: number): string[] {
  if (size <= 0 || text.length <= size) return text ? [text] : [];
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > size) {
    const space = rest.lastIndexOf(' ', size);
    const cut = space > size / 2 ? space + 1 : size;
    chunks.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (rest) chunks.push(rest);
  return chunks;
}

function timerWait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** The offline demo {@link ChatModel}. */
export class OfflineDemoModel implements ChatModel {
  readonly name = 'offline demo model';
  readonly offline = true;
  private readonly intents: OfflineIntent[];
  private readonly behaviours: readonly OfflineBehaviour[];
  private readonly pace: OfflinePace | null;
  private readonly wait: (ms: number, signal: AbortSignal) => Promise<void>;

  constructor(options: OfflineDemoModelOptions = {}) {
    this.behaviours = options.behaviours ?? [];
    this.intents = this.behaviours.flatMap((behaviour) => behaviour.intents);
    this.pace = options.pace === undefined ? DEFAULT_OFFLINE_PACE : options.pace;
    this.wait = options.wait ?? timerWait;
  }

  /** Decides what to do with a user request, given the tools on offer and the instructions. */
  decide(text: string, tools: ReadonlySet<string>, instructions = ''): OfflineDecision {
    const matched = matchIntent(this.intents, text, tools, instructions);
    if (matched) return matched.decision;
    return this.fallback(text, tools);
  }

  /** The short answer for what it cannot place: an apology or greeting, plus suggestions to click. */
  private fallback(text: string, tools: ReadonlySet<string>): OfflineDecision {
    const greeting = GREETING.test(text.trim());
    const suggestions = this.suggestionsFor(tools);
    const intro = greeting
      ? 'Hello! I am the offline demo model.'
      : "Sorry, I didn't catch that: I am the offline demo model and understand simple requests.";
    if (suggestions.length === 0) return { text: `${intro} I can only chat a little without a real model.` };
    if (tools.has(SUGGEST_TOOL)) {
      const call: OfflineCall = {
        name: SUGGEST_TOOL,
        arguments: { prompts: suggestions.map((prompt) => prompt.prompt) },
      };
      return { text: intro, calls: [call] };
    }
    return { text: `${intro} Try ${suggestions.map((prompt) => `“${prompt.prompt}”`).join(', ')}.` };
  }

  /** Suggestions of the use cases whose tools are on offer (at most four, in registration order). */
  private suggestionsFor(tools: ReadonlySet<string>): StartPrompt[] {
    const out: StartPrompt[] = [];
    for (const behaviour of this.behaviours) {
      const offered = behaviour.intents.some((intent) => intent.tools.every((tool) => tools.has(tool)));
      if (offered) out.push(...(behaviour.suggestions ?? []));
    }
    return out.slice(0, 4);
  }

  async *stream(request: ModelRequest, signal: AbortSignal): AsyncIterable<ModelEvent> {
    signal.throwIfAborted();
    const messages = request.messages;
    const system = messages[0]?.role === 'system' ? textOf(messages[0]) : '';
    if (request.tools.length === 0 && system === TITLE_INSTRUCTIONS) {
      yield { type: 'text_delta', delta: lastUserText(messages).slice(0, 40) };
      return;
    }
    const tools = new Set(request.tools.map((tool) => tool.function.name));
    const last = messages.at(-1);
    let decision: OfflineDecision;
    if (last?.role === 'tool') decision = { text: summariseToolResults(messages) };
    else decision = this.decide(lastUserText(messages), tools, system);
    const calls = tools.size > 0 ? (decision.calls ?? []).filter((call) => tools.has(call.name)) : [];
    let text = decision.text ?? (calls.length > 0 ? '' : 'Done.');
    const answered = messages.some(
      (m) => m.role === 'assistant' && textOf(m).trim() !== '' && !textOf(m).startsWith('[Widget'),
    );
    // The note goes with the first text of the turn that is not just a lead-in to tool calls.
    if (!answered && text && calls.length === 0) text = `${text}\n\n${OFFLINE_NOTE}`;
    yield* this.paced(text, signal);
    let index = 0;
    for (const call of calls) {
      const toolCall: ModelToolCall = {
        id: `call_offline_${messages.length}_${index++}`,
        name: call.name,
        arguments: JSON.stringify(call.arguments),
      };
      yield { type: 'tool_call', call: toolCall };
    }
  }

  private async *paced(text: string, signal: AbortSignal): AsyncIterable<ModelEvent> {
    const chunks = this.pace ? chunkText(text, this.pace.chars) : text ? [text] : [];
    for (let i = 0; i < chunks.length; i++) {
      signal.throwIfAborted();
      if (i > 0 && this.pace) await this.wait(this.pace.intervalMs, signal);
      yield { type: 'text_delta', delta: chunks[i] };
    }
    signal.throwIfAborted();
  }
}
