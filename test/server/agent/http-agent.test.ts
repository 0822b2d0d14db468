/**
 * The agent behind the real reference server over HTTP: `startServer` with its default hooks (the agent),
 * once with the offline demo model and once with the fake OpenAI-compatible provider via the environment.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WidgetItem } from '../../../src/protocol/types.js';
import { defaultHooks } from '../../../server/main.js';
import { FakeOpenAIServer, reply } from '../../fixtures/fake-openai/fake-openai-server.js';
import { startTestServer, textInput, type TestServer } from '../../support/test-server.js';

describe('reference server with the agent, offline demo model', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ hooks: defaultHooks });
  });
  afterAll(async () => {
    await server.close();
  });

  it('adds a todo by typing, toggles it by clicking, and the todo shows in a new thread', async () => {
    const events = await server.stream({
      type: 'threads.create',
      params: { input: textInput('add buy milk') },
    });
    const created = events.find((e) => e.type === 'thread.created');
    const threadId = created?.type === 'thread.created' ? created.thread.id : '';
    const card = events.flatMap((e) =>
      e.type === 'thread.item.done' && e.item.type === 'widget' ? [e.item] : [],
    )[0] as WidgetItem;
    expect(JSON.stringify(card.widget)).toContain('buy milk');
    expect(events.some((e) => e.type === 'thread.updated' && e.thread.title === 'Add buy milk')).toBe(true);

    const checkbox = JSON.stringify(card.widget).match(/"onChangeAction":(\{[^}]*\}\})/);
    const action = JSON.parse(checkbox![1]);
    const clicked = await server.stream({
      type: 'threads.custom_action',
      params: { thread_id: threadId, item_id: card.id, action },
    });
    expect(clicked.map((e) => e.type)).toEqual(['stream_options', 'thread.item.replaced']);

    const other = await server.stream({
      type: 'threads.create',
      params: { input: textInput('show my todos') },
    });
    const listed = other.find((e) => e.type === 'thread.item.done' && e.item.type === 'widget');
    expect(JSON.stringify(listed)).toMatch(/"defaultChecked":true,.*"value":"buy milk","lineThrough":true/);
  });
});

describe('reference server with the agent on an OpenAI-compatible provider (fake)', () => {
  let fake: FakeOpenAIServer;
  let server: TestServer;
  beforeAll(async () => {
    fake = await FakeOpenAIServer.start();
    fake.fallback = () => reply.text('A title');
    server = await startTestServer({
      hooks: defaultHooks,
      env: { OPENAI_API_KEY: 'sk-fake', OPENAI_BASE_URL: fake.baseURL, CHATKIT_MODEL: 'fake-model' },
    });
  });
  afterAll(async () => {
    await server.close();
    await fake.close();
  });

  it('streams the provider text to the HTTP client and sends the key and model', async () => {
    fake.enqueue(reply.text('Streamed over HTTP.'));
    const events = await server.stream({ type: 'threads.create', params: { input: textInput('hello') } });
    const done = events.find((e) => e.type === 'thread.item.done' && e.item.type === 'assistant_message');
    expect(JSON.stringify(done)).toContain('Streamed over HTTP.');
    expect(fake.requests[0].headers.authorization).toBe('Bearer sk-fake');
    expect(fake.requests[0].body.model).toBe('fake-model');
  });

  it('a provider failure reaches the HTTP client as an error event with retry', async () => {
    // The SDK retries twice by default before the failure reaches the user.
    fake.enqueue(reply.error(503), reply.error(503), reply.error(503));
    const before = fake.requestCount;
    const events = await server.stream({ type: 'threads.create', params: { input: textInput('hello') } });
    expect(events.find((e) => e.type === 'error')).toMatchObject({ code: 'custom', allow_retry: true });
    expect(fake.requestCount - before).toBe(3);
  });
});
