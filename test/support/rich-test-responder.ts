/**
 * A test responder for the endpoint tests: the scripted answer by default, and turns that end with a client
 * tool call ("use a tool"), a structured-input question ("ask me") or a widget ("show a widget"), plus
 * action, sync action and transcription hooks. Also small helpers over collected events.
 *
 * @module
 */
import type { ThreadItem, ThreadStreamEvent, WidgetRoot } from '../../src/protocol/types.js';
import type { ServerHooks } from '../../server/main.js';
import { createScriptedResponder, userText } from './scripted-responder.js';
import { textInput, type TestServer } from './test-server.js';

const scripted = createScriptedResponder({ delayMs: 0 });
const CARD = {
  type: 'Card',
  children: [{ type: 'Text', id: 'greeting', value: 'Hello' }],
} as unknown as WidgetRoot;

/** A responder that can also end a turn with a client tool call, a question or a widget. */
export const richTestHooks: ServerHooks = {
  async *respond(thread, input, ctx) {
    const text = userText(input);
    if (text === 'use a tool') {
      yield ctx.events.done({
        id: ctx.generateId('tool_call'),
        thread_id: thread.id,
        created_at: ctx.now(),
        type: 'client_tool_call',
        status: 'pending',
        call_id: 'call_1',
        name: 'get_time',
        arguments: { zone: 'UTC' },
      });
      return;
    }
    if (text === 'ask me') {
      yield ctx.events.done({
        id: ctx.generateId('message'),
        thread_id: thread.id,
        created_at: ctx.now(),
        type: 'structured_input',
        status: 'pending',
        inputs: [{ type: 'freeform', id: 'why', question: 'Why?' }],
      });
      return;
    }
    if (text === 'show a widget') {
      yield* ctx.streamWidget(CARD);
      return;
    }
    yield* scripted(thread, input, ctx);
  },
  async *action(_thread, action, _sender, ctx) {
    yield ctx.events.done(ctx.assistantMessage(`Action ${action.type} done`));
  },
  async syncAction(_thread, _action, sender) {
    if (!sender) return {};
    const widget = {
      type: 'Card',
      children: [{ type: 'Text', id: 'greeting', value: 'Updated' }],
    } as unknown as WidgetRoot;
    return { updated_item: { ...sender, widget } };
  },
  async transcribe(audio, mimeType) {
    return { text: `heard ${audio.byteLength} bytes of ${mimeType.split(';')[0]}` };
  },
};

/** Event types, with item updates as `thread.item.updated:<last word of the update type>`. */
export function types(events: ThreadStreamEvent[]): string[] {
  return events.map((event) =>
    event.type === 'thread.item.updated' ? `${event.type}:${event.update.type.split('.').pop()}` : event.type,
  );
}

export async function createThread(
  server: TestServer,
  text: string,
  user = server.user,
): Promise<{ threadId: string; events: ThreadStreamEvent[] }> {
  const events = await server.stream({ type: 'threads.create', params: { input: textInput(text) } }, user);
  const created = events[0];
  if (created?.type !== 'thread.created') throw new Error(`first event was ${created?.type}`);
  return { threadId: created.thread.id, events };
}

export function doneItems(events: ThreadStreamEvent[]): ThreadItem[] {
  return events.flatMap((event) => (event.type === 'thread.item.done' ? [event.item] : []));
}
