/**
 * The offline demo model: the embedded default when no API key is configured. It is deterministic and
 * sits behind the same {@link ChatModel} interface as a real provider, so the same tool loop runs: it reads
 * the messages and the offered tools, and answers the demo's plain requests ("add buy milk", "show my
 * todos", "complete buy milk", "delete buy milk", "I want to return something", "full refund please",
 * "what time is it?") with the tool calls a real model would make, then summarises the tool results.
 * Its first answer in a thread says that it is the offline demo model.
 *
 * @module
 */
import type { ChatModel, ModelEvent, ModelMessage, ModelRequest, ModelToolCall } from './chat-model.js';

/** The note in the first answer of a thread. */
export const OFFLINE_NOTE =
  '_Offline demo model: set `OPENAI_API_KEY` (or `OPENAI_BASE_URL`) to use a real model._';

interface Decision {
  calls?: { name: string; arguments: Record<string, unknown> }[];
  text?: string;
}

const TODO_SUFFIX = /\s+(?:to|on|in|onto)\s+(?:my\s+|the\s+)?(?:todo|to-do)s?(?:\s+list)?$/i;
const FROM_TODOS = /\s+from\s+(?:my\s+|the\s+)?(?:todo|to-do)s?(?:\s+list)?$/i;
const LIST_TODOS =
  /\b(?:show|list|see|view|display|what(?:'s| is| are)?)\b.*\b(?:todos?|to-dos?|tasks?|list)\b|^(?:my\s+)?(?:todos?|to-dos?)\??$/i;
const ADD_TODO = /^(?:please\s+)?(?:add|create|remember(?:\s+to)?|put|new todo:?)\s+(.+)$/i;
const COMPLETE_TODO =
  /^(?:please\s+)?(?:complete|finish|check off|tick off|mark)\s+(.+?)(?:\s+as\s+(?:done|complete|completed|finished))?$/i;
const DELETE_TODO = /^(?:please\s+)?(?:delete|remove|drop)\s+(.+)$/i;
const START_RETURN = /\b(?:return|refund|send (?:it |something |this )?back|give back)\b/i;
const CLIENT_INFO = /\b(?:what time|local time|time zone|timezone|my browser)\b/i;
const HELP = /^(?:hi|hello|hey|help|what can you do|who are you)\b/i;

function trimPunctuation(text: string): string {
  return text.replace(/^["'“]+|["'”.!?]+$/g, '').trim();
}

function textOf(message: ModelMessage): string {
  const content = (message as { content?: unknown }).content;
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((part) => (part?.type === 'text' ? part.text : '')).join('');
  return '';
}

/** The user's newest own words (hidden context and tool outputs are not the user speaking). */
function lastUserText(messages: readonly ModelMessage[]): string {
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

/** Decides what to do with a user request, given the tools on offer and the instructions. */
export function decide(text: string, tools: ReadonlySet<string>, instructions: string): Decision {
  const request = trimPunctuation(text.replace(/\s+/g, ' '));
  const returnsActive = instructions.includes('RETURN FLOW ACTIVE') && tools.has('select_return_option');
  const todo = tools.has('add_todo') ? todoDecision(request) : null;
  if (returnsActive) {
    if (START_RETURN.test(request) && /\b(?:want|like|need|start)\b/i.test(request))
      return { calls: [{ name: 'start_return', arguments: {} }] };
    // While a return is open, plain answers ("drop off", "remove it") belong to it unless todos are named.
    if (todo && /\b(?:todos?|to-dos?|tasks?)\b/i.test(request)) return todo;
    return { calls: [{ name: 'select_return_option', arguments: { choice: request } }] };
  }
  if (todo) return todo;
  if (tools.has('start_return') && START_RETURN.test(request))
    return { calls: [{ name: 'start_return', arguments: {} }] };
  if (tools.has('get_time') && CLIENT_INFO.test(request))
    return { calls: [{ name: 'get_time', arguments: {} }] };
  return { text: helpText(tools, HELP.test(request)) };
}

function todoDecision(request: string): Decision | null {
  if (LIST_TODOS.test(request) && !/^(?:add|delete|remove|complete)\b/i.test(request)) {
    return { calls: [{ name: 'list_todos', arguments: {} }] };
  }
  let match = ADD_TODO.exec(request);
  if (match) {
    const titles = trimPunctuation(match[1].replace(TODO_SUFFIX, ''))
      .split(/\s*,\s*(?:and\s+)?|\s+and\s+/i)
      .map(trimPunctuation)
      .filter(Boolean);
    // One call per item: several items become parallel tool calls, as a real model makes them.
    return { calls: titles.map((title) => ({ name: 'add_todo', arguments: { title } })) };
  }
  match = COMPLETE_TODO.exec(request);
  if (match)
    return {
      calls: [
        { name: 'complete_todo', arguments: { todo: trimPunctuation(match[1].replace(TODO_SUFFIX, '')) } },
      ],
    };
  match = DELETE_TODO.exec(request);
  if (match)
    return {
      calls: [
        { name: 'delete_todo', arguments: { todo: trimPunctuation(match[1].replace(FROM_TODOS, '')) } },
      ],
    };
  return null;
}

function helpText(tools: ReadonlySet<string>, greeting: boolean): string {
  const abilities: string[] = [];
  if (tools.has('add_todo'))
    abilities.push(
      'manage your todos ("add buy milk", "show my todos", "complete buy milk", "delete buy milk")',
    );
  if (tools.has('start_return'))
    abilities.push('return an order ("I want to return something", then click or type your answers)');
  if (tools.has('get_time')) abilities.push('ask your browser for its local time ("what time is it?")');
  const intro = greeting ? 'Hello! ' : "Sorry, I didn't understand that. ";
  if (abilities.length === 0) return `${intro}I am the offline demo model and can only chat a little.`;
  return `${intro}I am the offline demo model, so I understand a few plain requests. I can ${abilities.join('; ')}.`;
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
  return lines.join(' ') || 'Done.';
}

/** The offline demo {@link ChatModel}. */
export class OfflineDemoModel implements ChatModel {
  readonly name = 'offline demo model';
  readonly offline = true;

  async *stream(request: ModelRequest, signal: AbortSignal): AsyncIterable<ModelEvent> {
    signal.throwIfAborted();
    const messages = request.messages;
    const system = messages[0]?.role === 'system' ? textOf(messages[0]) : '';
    if (request.tools.length === 0 && system.startsWith('Write a short title')) {
      yield* words(lastUserText(messages).slice(0, 40));
      return;
    }
    const tools = new Set(request.tools.map((tool) => tool.function.name));
    const last = messages.at(-1);
    let decision: Decision;
    if (last?.role === 'tool') decision = { text: summariseToolResults(messages) };
    else decision = decide(lastUserText(messages), tools, system);
    if (decision.calls && decision.calls.length > 0 && tools.size > 0) {
      let index = 0;
      for (const call of decision.calls) {
        const toolCall: ModelToolCall = {
          id: `call_offline_${messages.length}_${index++}`,
          name: call.name,
          arguments: JSON.stringify(call.arguments),
        };
        yield { type: 'tool_call', call: toolCall };
      }
      return;
    }
    const answered = messages.some(
      (m) => m.role === 'assistant' && textOf(m).trim() !== '' && !textOf(m).startsWith('[Widget'),
    );
    const text = answered ? (decision.text ?? 'Done.') : `${decision.text ?? 'Done.'}\n\n${OFFLINE_NOTE}`;
    for (const event of words(text)) {
      signal.throwIfAborted();
      yield event;
    }
  }
}

function* words(text: string): Generator<ModelEvent> {
  for (const piece of text.match(/\S+\s*|\s+/g) ?? []) yield { type: 'text_delta', delta: piece };
}
