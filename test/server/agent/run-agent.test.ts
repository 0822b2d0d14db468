import { once } from 'node:events';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ThreadStreamEvent } from '../../../src/protocol/types.js';
import { FakeOpenAIServer, reply } from '../../fixtures/fake-openai/fake-openai-server.js';
import { AgentHarness, assistantText, doneItems, input } from './agent-harness.js';

let fake: FakeOpenAIServer;
let harness: AgentHarness;

beforeAll(async () => {
  fake = await FakeOpenAIServer.start();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.reset();
  // Title requests (the only ones without tools) get a title; anything else a plain answer.
  fake.fallback = (request) =>
    request.body.tools ? reply.text('Fallback answer.') : reply.text('Groceries and errands');
  harness = new AgentHarness(
    { openaiApiKey: 'sk-test', openaiBaseUrl: fake.baseURL, model: 'fake-model' },
    { maxRetries: 0, timeoutMs: 1500 },
  );
});
afterEach(async () => {
  await harness.close();
});

const types = (events: ThreadStreamEvent[]) =>
  events.map((e) => (e.type === 'thread.item.updated' ? e.update.type : e.type));

describe('runAgent with the real openai client against a fake provider', () => {
  it('streams text as assistant message events (§8.13) and titles the thread with the model', async () => {
    fake.enqueue(reply.text('Hello there, how can I help?', 5));
    const { events } = await harness.create('hi');
    expect(types(events)).toEqual([
      'thread.created',
      'thread.item.done',
      'stream_options',
      'thread.item.added',
      'assistant_message.content_part.added',
      ...Array(6).fill('assistant_message.content_part.text_delta'),
      'assistant_message.content_part.done',
      'thread.item.done',
      'thread.updated',
    ]);
    const added = events[3] as Extract<ThreadStreamEvent, { type: 'thread.item.added' }>;
    expect(added.item).toMatchObject({ type: 'assistant_message', content: [] });
    const deltas = events.flatMap((e) =>
      e.type === 'thread.item.updated' && e.update.type === 'assistant_message.content_part.text_delta'
        ? [e.update.delta]
        : [],
    );
    expect(deltas.join('')).toBe('Hello there, how can I help?');
    expect(assistantText(events)).toBe('Hello there, how can I help?');
    const updated = events.at(-1) as Extract<ThreadStreamEvent, { type: 'thread.updated' }>;
    expect(updated.thread.title).toBe('Groceries and errands');

    // The model saw the instructions, the user text and the tool declarations (zod → JSON schema).
    const body = fake.requests[0].body;
    expect(body.model).toBe('fake-model');
    expect(body.stream).toBe(true);
    expect(body.messages[0].role).toBe('system');
    expect(body.messages.at(-1)).toEqual({ role: 'user', content: 'hi' });
    const addTodo = body.tools.find((t: any) => t.function.name === 'add_todo');
    expect(addTodo.function.parameters).toMatchObject({
      type: 'object',
      properties: { title: { type: 'string', minLength: 1 } },
      required: ['title'],
    });
    expect(fake.requests).toHaveLength(2);
  });

  it('runs parallel tool calls and feeds every result back in one follow-up request', async () => {
    fake.enqueue(
      reply.tools(
        { name: 'add_todo', arguments: { title: 'buy milk' } },
        { name: 'add_todo', arguments: { title: 'call mom' } },
      ),
      reply.text('Added both.'),
    );
    const { events, threadId } = await harness.create('add buy milk and call mom', {
      tool_choice: { id: 'todo' },
    });
    expect(assistantText(events)).toBe('Added both.');
    const followUp = fake.requests[1].body;
    const assistant = followUp.messages.find((m: any) => m.role === 'assistant' && m.tool_calls);
    expect(assistant.tool_calls.map((c: any) => JSON.parse(c.function.arguments).title)).toEqual([
      'buy milk',
      'call mom',
    ]);
    const results = followUp.messages.filter((m: any) => m.role === 'tool');
    expect(results.map((m: any) => m.tool_call_id)).toEqual(assistant.tool_calls.map((c: any) => c.id));
    expect(results.every((m: any) => JSON.parse(m.content).summary.startsWith('Added'))).toBe(true);
    expect((await harness.hooks.todos.list('user_a')).map((t) => t.title).sort()).toEqual([
      'buy milk',
      'call mom',
    ]);
    // Exactly one live card remains in the thread, holding both todos.
    const cards = (await harness.items(threadId)).filter(
      (i) => i.type === 'widget' && i.widget.key === 'todo-card',
    );
    expect(cards).toHaveLength(1);
    // The interim card of the first parallel call is removed, not kept as a snapshot.
    expect((await harness.items(threadId)).filter((i) => i.type === 'widget')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'thread.item.removed')).toHaveLength(1);
    expect(JSON.stringify(cards[0])).toContain('buy milk');
    expect(JSON.stringify(cards[0])).toContain('call mom');
  });

  it('accepts tool calls sent whole without an index (some compatible servers)', async () => {
    fake.enqueue(
      {
        kind: 'tool_calls',
        wholeCalls: true,
        calls: [
          { name: 'add_todo', arguments: { title: 'one' } },
          { name: 'add_todo', arguments: { title: 'two' } },
        ],
      },
      reply.text('ok'),
    );
    await harness.create('add one and two', { tool_choice: { id: 'todo' } });
    expect((await harness.hooks.todos.list('user_a')).map((t) => t.title).sort()).toEqual(['one', 'two']);
  });

  it('reports invalid tool arguments to the model instead of failing the turn', async () => {
    fake.enqueue(reply.tools({ name: 'add_todo', arguments: { title: '' } }), reply.text('Sorry.'));
    const { events } = await harness.create('add nothing', { tool_choice: { id: 'todo' } });
    expect(assistantText(events)).toBe('Sorry.');
    const tool = fake.requests[1].body.messages.find((m: any) => m.role === 'tool');
    expect(JSON.parse(tool.content).error).toBe('Invalid arguments');
  });

  it('caps tool rounds: after maxRounds the model is called once more without tools', async () => {
    await harness.close();
    harness = new AgentHarness(
      { openaiApiKey: 'sk-test', openaiBaseUrl: fake.baseURL, model: 'fake-model' },
      { maxRetries: 0, maxRounds: 2, titles: 'off' },
    );
    fake.fallback = (request) =>
      request.body.tools ? reply.tools({ name: 'list_todos', arguments: {} }) : reply.text('Stopping here.');
    const { events } = await harness.create('loop forever', { tool_choice: { id: 'todo' } });
    expect(fake.requests).toHaveLength(3);
    expect(fake.requests[2].body.tools).toBeUndefined();
    expect(assistantText(events)).toBe('Stopping here.');
  });

  it('pauses on a client tool call and resumes with its output in the model history', async () => {
    fake.enqueue(reply.tools({ name: 'get_time', arguments: {}, id: 'call_browser_1' }));
    const { events, threadId } = await harness.create('what time is it?');
    const last = events.filter((e) => e.type !== 'thread.updated').at(-1);
    expect(last).toMatchObject({
      type: 'thread.item.done',
      item: {
        type: 'client_tool_call',
        status: 'pending',
        name: 'get_time',
        call_id: 'call_browser_1',
      },
    });
    expect(fake.requests).toHaveLength(1 + 1); // the answer request and the title request

    fake.enqueue(reply.text('It is 10:42 in Europe/Paris.'));
    const resumed = await harness.stream({
      type: 'threads.add_client_tool_output',
      params: { thread_id: threadId, result: { localTime: '10:42', timeZone: 'Europe/Paris' } },
    });
    expect(assistantText(resumed)).toBe('It is 10:42 in Europe/Paris.');
    const messages = fake.lastBody.messages;
    const call = messages.find((m: any) => m.tool_calls?.[0]?.id === 'call_browser_1');
    expect(call.tool_calls[0].function.name).toBe('get_time');
    expect(messages[messages.indexOf(call) + 1]).toEqual({
      role: 'tool',
      tool_call_id: 'call_browser_1',
      content: JSON.stringify({ localTime: '10:42', timeZone: 'Europe/Paris' }),
    });
  });

  it('shows tool status as a workflow (returns agent): loading tasks, then done with a summary', async () => {
    fake.enqueue(reply.tools({ name: 'start_return', arguments: {} }), reply.text('Who is returning?'));
    const { events } = await harness.create('I want to return my headphones', {
      tool_choice: { id: 'returns' },
    });
    const added = events.find((e) => e.type === 'thread.item.added' && e.item.type === 'workflow');
    expect(added).toBeTruthy();
    const taskAdded = events.find(
      (e) => e.type === 'thread.item.updated' && e.update.type === 'workflow.task.added',
    );
    expect(taskAdded).toMatchObject({
      update: { task: { title: 'Starting a return', status_indicator: 'loading' } },
    });
    const workflowDone = doneItems(events).find((i) => i.type === 'workflow');
    expect(workflowDone).toMatchObject({
      workflow: { tasks: [{ status_indicator: 'complete' }], summary: { title: 'Return started' } },
    });
    // The workflow closes before the widget (a visible item) appears.
    const order = doneItems(events).map((i) => i.type);
    expect(order.indexOf('workflow')).toBeLessThan(order.indexOf('widget'));
  });

  it('parallel calls on a shared flow run in the order the model made them', async () => {
    fake.enqueue(
      reply.tools(
        { name: 'start_return', arguments: {} },
        { name: 'select_return_option', arguments: { choice: 'Alice Martin', step: 'customer' } },
      ),
      reply.text('Which item?'),
    );
    const { events, threadId } = await harness.create("I'm Alice and want to return something", {
      tool_choice: { id: 'returns' },
    });
    const widgets = (await harness.items(threadId)).filter((i) => i.type === 'widget');
    expect(widgets.map((w) => (w.type === 'widget' ? w.widget.key : ''))).toEqual([
      'returns-customer',
      'returns-item',
    ]);
    const results = fake.requests[1].body.messages
      .filter((m: any) => m.role === 'tool')
      .map((m: any) => JSON.parse(m.content));
    expect(results[0].status).toBe('started');
    expect(results[1].recorded).toMatchObject({ step: 'customer', value: 'cus_alice' });
    expect(assistantText(events)).toBe('Which item?');
  });

  it('does not answer in a locked thread', async () => {
    fake.enqueue(reply.text('first'));
    const { threadId } = await harness.create('hi');
    const thread = await harness.store.loadThread(threadId, harness.context);
    await harness.store.saveThread(
      { ...thread, status: { type: 'locked', reason: 'read only' } },
      harness.context,
    );
    const before = fake.requestCount;
    const events = await harness.send(threadId, 'hello?');
    expect(events.find((e) => e.type === 'error')).toMatchObject({
      code: 'custom',
      message: 'This conversation is locked: read only',
      allow_retry: false,
    });
    expect(fake.requestCount).toBe(before);
  });

  it('sends the composer model pick to the provider', async () => {
    fake.enqueue(reply.text('ok'));
    await harness.create('hi', { model: 'other-model' });
    expect(fake.requests[0].body.model).toBe('other-model');
  });

  it('aborts the provider request when the client goes away (signal passed to the SDK)', async () => {
    fake.enqueue(reply.hang());
    const result = await harness.server.process(
      { type: 'threads.create', params: { input: input('hang please') } },
      harness.context,
    );
    if (result.kind !== 'stream') throw new Error('expected a stream');
    const iterator = result.events[Symbol.asyncIterator]();
    const seen: string[] = [];
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      seen.push(next.value.type);
      if (next.value.type === 'stream_options') break;
    }
    // Pulling the next event runs the responder until it blocks on the (hanging) provider request.
    const requested = once(fake.events, 'request');
    const pending = iterator.next();
    await requested;
    const closed = once(fake.events, 'hang-closed');
    await iterator.return?.();
    await closed;
    await pending.catch(() => undefined);
    expect(seen).toContain('stream_options');
  });
});

describe('provider failures become error events with retry, and retry then succeeds', () => {
  const failures = [
    ['HTTP 500', () => reply.error(500), /HTTP 500/],
    ['HTTP 429', () => reply.error(429), /rate limiting/],
    ['timeout', () => reply.hang(), /did not answer in time/],
    ['malformed SSE chunk', () => reply.malformed(), /malformed/],
    ['dropped connection', () => reply.drop(), /interrupted|reach/],
  ] as const;

  for (const [name, failure, message] of failures) {
    it(name, async () => {
      fake.enqueue(failure());
      const { events, threadId } = await harness.create('hello');
      const error = events.find((e) => e.type === 'error');
      expect(error).toMatchObject({ type: 'error', code: 'custom', allow_retry: true });
      expect((error as { message: string }).message).toMatch(message);

      const userMessage = doneItems(events).find((i) => i.type === 'user_message');
      fake.enqueue(reply.text('Recovered answer.'));
      const retried = await harness.stream({
        type: 'threads.retry_after_item',
        params: { thread_id: threadId, item_id: userMessage!.id },
      });
      expect(retried.some((e) => e.type === 'error')).toBe(false);
      expect(assistantText(retried)).toBe('Recovered answer.');
    });
  }

  it('a rejected API key is an error without retry', async () => {
    fake.enqueue(reply.error(401, 'bad key'));
    const { events } = await harness.create('hello');
    expect(events.find((e) => e.type === 'error')).toMatchObject({ code: 'custom', allow_retry: false });
  });
});
