/**
 * The tool helpers (AgentContext) through the real ChatKitServer: a custom agent whose tools use every
 * helper, driven by a scripted in-process model behind the same ChatModel interface.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ThreadStreamEvent, WidgetRoot } from '../../../src/protocol/types.js';
import type { Agent } from '../../../server/agent/agent.js';
import { defineTool } from '../../../server/agent/agent-tool.js';
import type { ChatModel, ModelEvent, ModelRequest } from '../../../server/agent/chat-model.js';
import { runAgent } from '../../../server/agent/run-agent.js';
import { ChatKitServer } from '../../../server/chatkit/server.js';
import { SqliteStore } from '../../../server/stores/sqlite-store.js';
import { collect, input } from './agent-harness.js';

/** A model that calls the given tools on the first request and then answers with text. */
class ScriptedModel implements ChatModel {
  readonly name = 'scripted';
  readonly offline = true;
  readonly requests: ModelRequest[] = [];
  constructor(private readonly calls: { name: string; arguments: string }[]) {}
  async *stream(request: ModelRequest): AsyncIterable<ModelEvent> {
    this.requests.push(request);
    if (this.requests.length === 1) {
      let i = 0;
      for (const call of this.calls) yield { type: 'tool_call', call: { id: `call_${i++}`, ...call } };
      return;
    }
    yield { type: 'text_delta', delta: 'All done.' };
  }
}

async function* growing(): AsyncIterable<WidgetRoot> {
  const text = (value: string, streaming: boolean) => ({
    type: 'Card' as const,
    children: [{ type: 'Markdown' as const, id: 'body', value, streaming }],
  });
  yield text('Hel', true);
  yield text('Hello wor', true);
  yield text('Hello world', true);
}

const helperAgent: Agent = {
  id: 'helpers',
  instructions: 'test',
  tools: [
    defineTool({
      name: 'everything',
      description: 'uses every helper',
      parameters: z.object({}),
      async execute(_args, ctx) {
        ctx.progress('Working…', 'clock');
        ctx.startWorkflow();
        const index = ctx.addTask({ type: 'custom', title: 'Step one', status_indicator: 'loading' });
        ctx.updateTask(index, { type: 'custom', title: 'Step one', status_indicator: 'complete' });
        ctx.endWorkflow({ title: 'Finished the steps', icon: 'check' });
        await ctx.streamWidget(growing(), { copyText: 'Hello world' });
        ctx.clientEffect('confetti', { amount: 3 });
        await ctx.addHiddenContext({ note: 'remember this' });
        ctx.setThreadTitle('Helper test');
        return { ok: true };
      },
    }),
  ],
};

let dir: string;
let store: SqliteStore;
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function serverWith(agent: Agent, model: ChatModel): ChatKitServer {
  dir = mkdtempSync(join(tmpdir(), 'chatkit-helpers-'));
  store = new SqliteStore({ path: join(dir, 'chatkit.db') });
  return new ChatKitServer({
    store,
    respond: (_thread, userInput, ctx) => runAgent(ctx, { agent, model, input: userInput }),
  });
}

const kinds = (events: ThreadStreamEvent[]) =>
  events.map((e) =>
    e.type === 'thread.item.updated'
      ? e.update.type
      : e.type === 'thread.item.done'
        ? `done:${e.item.type}`
        : e.type,
  );

describe('AgentContext tool helpers', () => {
  it('progress, workflow, growing widget, client effect, hidden context and title reach the stream and the store', async () => {
    const model = new ScriptedModel([{ name: 'everything', arguments: '{}' }]);
    const server = serverWith(helperAgent, model);
    const events = await collect(
      await server.process({ type: 'threads.create', params: { input: input('go') } }, { userId: 'u' }),
    );
    // The title change may be announced as soon as the server notices it (the tool runs concurrently).
    expect(kinds(events).filter((kind) => kind !== 'thread.updated')).toEqual([
      'thread.created',
      'done:user_message',
      'stream_options',
      'progress_update',
      'thread.item.added',
      'workflow.task.added',
      'workflow.task.updated',
      'done:workflow',
      'thread.item.added',
      'widget.streaming_text.value_delta',
      'widget.streaming_text.value_delta',
      'done:widget',
      'client_effect',
      'thread.item.added',
      'assistant_message.content_part.added',
      'assistant_message.content_part.text_delta',
      'assistant_message.content_part.done',
      'done:assistant_message',
    ]);
    const deltas = events.flatMap((e) =>
      e.type === 'thread.item.updated' && e.update.type === 'widget.streaming_text.value_delta'
        ? [e.update.delta]
        : [],
    );
    expect(deltas).toEqual(['lo wor', 'ld']);
    expect(events.find((e) => e.type === 'client_effect')).toEqual({
      type: 'client_effect',
      name: 'confetti',
      data: { amount: 3 },
    });
    const workflow = events.find((e) => e.type === 'thread.item.done' && e.item.type === 'workflow');
    expect(workflow).toMatchObject({
      item: {
        workflow: { summary: { title: 'Finished the steps' }, tasks: [{ status_indicator: 'complete' }] },
      },
    });
    expect(events.find((e) => e.type === 'thread.updated')).toMatchObject({
      thread: { title: 'Helper test' },
    });

    // The hidden context is stored (never sent) and the next model call sees it.
    const threadId = (events[0] as Extract<ThreadStreamEvent, { type: 'thread.created' }>).thread.id;
    const stored = await store.loadThreadItems(threadId, { limit: 50, order: 'asc' }, { userId: 'u' });
    expect(stored.data.map((i) => i.type)).toContain('hidden_context_item');
    const next = await collect(
      await server.process(
        { type: 'threads.add_user_message', params: { thread_id: threadId, input: input('again') } },
        { userId: 'u' },
      ),
    );
    expect(next.some((e) => e.type === 'thread.item.done' && e.item.type === 'hidden_context_item')).toBe(
      false,
    );
    const messages = model.requests.at(-1)!.messages;
    expect(messages.some((m) => typeof m.content === 'string' && m.content.includes('remember this'))).toBe(
      true,
    );
    expect(messages.some((m) => typeof m.content === 'string' && m.content.includes('Hello world'))).toBe(
      true,
    );
  });

  it('a tool can request a client tool call; the turn ends with it pending', async () => {
    const agent: Agent = {
      id: 'client',
      instructions: 'test',
      tools: [
        defineTool({
          name: 'ask_browser',
          description: 'asks the browser',
          parameters: z.object({}),
          execute(_args, ctx) {
            ctx.requestClientToolCall('get_selection', { max: 10 });
            return 'requested';
          },
        }),
      ],
    };
    const server = serverWith(agent, new ScriptedModel([{ name: 'ask_browser', arguments: '{}' }]));
    const events = await collect(
      await server.process({ type: 'threads.create', params: { input: input('go') } }, { userId: 'u' }),
    );
    const last = events.filter((e) => e.type !== 'thread.updated').at(-1);
    expect(last).toMatchObject({
      type: 'thread.item.done',
      item: { type: 'client_tool_call', status: 'pending', name: 'get_selection', arguments: { max: 10 } },
    });
  });
});
