/**
 * The response phase relays its events to the SSE writer itself (server/chatkit/relay.ts) rather than handing
 * each one through the stream's iterator: the same events, in the same order and shape, with backpressure,
 * through a real Express app on loopback around a real `ChatKitServer`.
 */
import express from 'express';
import type { AddressInfo } from 'node:net';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { afterEach, expect, it } from 'vitest';
import type { AssistantMessageItem, ThreadStreamEvent } from '../../../src/protocol/types.js';
import { ChatKitServer } from '../../../server/chatkit/server.js';
import type { ChatKitServerOptions, ProcessResult } from '../../../server/chatkit/types.js';
import { createChatKitRouter } from '../../../server/express/chatkit-router.js';
import { createLogger } from '../../../server/logger.js';
import { MemoryStore } from '../../../server/stores/memory-store.js';
import type { RequestContext } from '../../../server/stores/store.js';
import { readEvents } from '../../support/test-server.js';

let server: Server | null = null;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = null;
});

/** Serves a ChatKitServer; `nextCalls` counts the router's `next()` calls on each stream's iterator. */
async function serve(respond: ChatKitServerOptions['respond']) {
  const store = new MemoryStore();
  const chatkit = new ChatKitServer({
    store,
    respond,
    logger: { error: () => {}, warn: () => {}, debug: () => {} },
  });
  const counted = { nextCalls: 0 };
  const processor = {
    async process(body: unknown, context: RequestContext): Promise<ProcessResult> {
      const result = await chatkit.process(body, context);
      if (result.kind === 'stream') {
        const events = result.events as AsyncIterable<ThreadStreamEvent> & {
          next: () => Promise<unknown>;
        };
        const next = events.next.bind(events);
        events.next = () => {
          counted.nextCalls++;
          return next();
        };
      }
      return result;
    },
  };
  const app = express();
  app.use('/chatkit', createChatKitRouter(processor, { rateLimit: false, logger: createLogger('silent') }));
  server = createServer(app);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server!.address() as AddressInfo).port}/chatkit`;
  const post = () =>
    fetch(url, {
      method: 'POST',
      headers: { 'x-chatkit-user': 'user_12345678', 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'threads.create',
        params: {
          input: { content: [{ type: 'input_text', text: 'hi' }], attachments: [], inference_options: {} },
        },
      }),
    });
  return { post, counted, store, server: server! };
}

it('the response phase writes its events to the SSE writer: its iterator is asked once for all of them', async () => {
  const { post, counted } = await serve(async function* (_thread, _input, ctx) {
    const message: AssistantMessageItem = {
      ...ctx.assistantMessage(),
      content: [{ type: 'output_text', text: '', annotations: [] }],
    };
    yield ctx.events.added(message);
    for (let i = 0; i < 20; i++) yield ctx.events.textDelta(message.id, `d${i} `);
    yield ctx.events.done({ ...message, content: [{ type: 'output_text', text: 'all', annotations: [] }] });
  });
  const events = await readEvents(await post());
  expect(events.map((event) => event.type)).toEqual([
    'thread.created',
    'thread.item.done',
    'stream_options',
    'thread.item.added',
    ...Array<string>(20).fill('thread.item.updated'),
    'thread.item.done',
  ]);
  const deltas = events.flatMap((event) =>
    event.type === 'thread.item.updated' && event.update.type === 'assistant_message.content_part.text_delta'
      ? [event.update.delta]
      : [],
  );
  expect(deltas.join('')).toBe(Array.from({ length: 20 }, (_, i) => `d${i} `).join(''));
  // The first event before the SSE headers, the user message, then one `next()` that settles when the phase
  // ends (each event pulled through the iterator made 24 calls).
  expect(counted.nextCalls).toBe(3);
});

it('a relayed event is sent as it was when yielded, in its wire form, and thread changes follow it', async () => {
  const { post, store } = await serve(async function* (thread, _input, ctx) {
    const message: AssistantMessageItem = {
      ...ctx.assistantMessage(),
      content: [{ type: 'output_text', text: 'first', annotations: [] }],
    };
    yield ctx.events.added(message);
    // Changed after the yield: the event already sent must not show it (it was copied before the relay).
    message.content[0]!.text = 'changed later';
    // A member toWire drops (null): still dropped on the relayed path.
    yield { type: 'notice', level: 'info', message: 'note', title: null } as unknown as ThreadStreamEvent;
    thread.title = 'Relayed title';
    yield ctx.events.done({ ...message, content: [{ type: 'output_text', text: 'done', annotations: [] }] });
  });
  const events = await readEvents(await post());
  const added = events.find((event) => event.type === 'thread.item.added');
  expect(added?.type === 'thread.item.added' && added.item.type === 'assistant_message').toBe(true);
  expect(added?.type === 'thread.item.added' && added.item).toMatchObject({
    content: [{ type: 'output_text', text: 'first', annotations: [] }],
  });
  expect(events.find((event) => event.type === 'notice')).toEqual({
    type: 'notice',
    level: 'info',
    message: 'note',
  });
  expect(events.slice(-2).map((event) => event.type)).toEqual(['thread.item.done', 'thread.updated']);
  const updated = events.at(-1);
  expect(updated?.type === 'thread.updated' && updated.thread.title).toBe('Relayed title');
  const created = events[0];
  const threadId = created?.type === 'thread.created' ? created.thread.id : '';
  const stored = await store.loadThreadItems(
    threadId,
    { limit: 10, order: 'asc' },
    { userId: 'user_12345678' },
  );
  expect(stored.data.map((item) => item.type)).toEqual(['user_message', 'assistant_message']);
  expect((await store.loadThread(threadId, { userId: 'user_12345678' })).title).toBe('Relayed title');
});

it('the responder is resumed only when the socket has room (backpressure), never while it must drain', async () => {
  const big = 'x'.repeat(64 * 1024);
  const total = 100;
  let response: ServerResponse | undefined;
  let resumedWhileFull = 0;
  let drains = 0;
  const { post, server: http } = await serve(async function* (_thread, _input, ctx) {
    for (let produced = 0; produced < total; produced++) {
      yield ctx.events.notice('info', big);
      if (response?.writableNeedDrain) resumedWhileFull++;
    }
  });
  http.on('request', (_req, res) => {
    response = res;
    res.on('drain', () => drains++);
  });
  const events = await readEvents(await post());
  expect(events.filter((event) => event.type === 'notice')).toHaveLength(total);
  expect(drains).toBeGreaterThan(0);
  expect(resumedWhileFull).toBe(0);
});
