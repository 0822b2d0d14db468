/**
 * The request's AbortSignal is made only when read (server/chatkit/lazy-abort.ts). Through real HTTP: a
 * responder that never reads `ctx.signal` is still cancelled on a client disconnect (its partial answer and
 * the hidden note stored), and one that first reads it after the disconnect gets an already-aborted, real
 * AbortSignal.
 */
import express from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterEach, expect, it } from 'vitest';
import { ChatKitServer } from '../../../server/chatkit/server.js';
import type { RespondHook } from '../../../server/chatkit/types.js';
import { createChatKitRouter } from '../../../server/express/chatkit-router.js';
import { createLogger } from '../../../server/logger.js';
import { MemoryStore } from '../../../server/stores/memory-store.js';
import type { RequestContext } from '../../../server/stores/store.js';

const USER = 'u-lazy';
let listening: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => listening?.close(resolve));
  listening = undefined;
});

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Our server behind the router; `cleanupStarted` resolves when a cancelled stream starts its clean-up. */
async function serve(respond: RespondHook<RequestContext>) {
  const store = new MemoryStore();
  const cleanupStarted = deferred();
  class Server extends ChatKitServer {
    override cleanupStarted(threadId: string, done: Promise<void>): void {
      super.cleanupStarted(threadId, done);
      cleanupStarted.resolve();
    }
  }
  const server = new Server({ store, logger: { error: () => {}, warn: () => {}, debug: () => {} }, respond });
  const app = express();
  app.use(
    '/chatkit',
    createChatKitRouter(server, {
      rateLimit: false,
      logger: createLogger('silent'),
      getContext: () => ({ userId: USER }),
    }),
  );
  listening = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => listening!.once('listening', resolve));
  const url = `http://127.0.0.1:${(listening.address() as AddressInfo).port}/chatkit`;
  const post = (body: unknown, signal?: AbortSignal) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal,
    });
  return { store, post, cleanupStarted: cleanupStarted.promise };
}

const create = {
  type: 'threads.create',
  params: {
    input: { content: [{ type: 'input_text', text: 'hi' }], attachments: [], inference_options: {} },
  },
};

/** Starts a streamed turn, reads its first chunk, aborts the fetch; returns the thread id. */
async function startAndDisconnect(post: (body: unknown, signal?: AbortSignal) => Promise<Response>) {
  const controller = new AbortController();
  const response = await post(create, controller.signal);
  expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
  const reader = response.body!.getReader();
  const first = new TextDecoder().decode((await reader.read()).value);
  const threadId = /"id":"(thr_[^"]+)"/.exec(first)![1]!;
  controller.abort();
  return threadId;
}

async function storedTypes(store: MemoryStore, post: (body: unknown) => Promise<Response>, threadId: string) {
  // A request on the thread waits for the cancelled stream's clean-up (README decision 7).
  expect((await post({ type: 'threads.get_by_id', params: { thread_id: threadId } })).status).toBe(200);
  const items = await store.loadThreadItems(threadId, { limit: 20, order: 'asc' }, { userId: USER });
  return items.data;
}

it('a responder that never reads ctx.signal is still stopped by a client disconnect', async () => {
  const finished = deferred<number>();
  const { store, post } = await serve(async function* (_thread, _input, ctx) {
    const item = ctx.assistantMessage();
    let deltas = 0;
    try {
      yield ctx.events.added({ ...item, content: [{ type: 'output_text', text: '', annotations: [] }] });
      for (;;) {
        yield ctx.events.textDelta(item.id, 'word ');
        deltas++;
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      finished.resolve(deltas);
    }
  });
  const threadId = await startAndDisconnect(post);
  const deltas = await finished.promise;
  expect(deltas).toBeGreaterThan(0);
  expect(deltas).toBeLessThan(100_000);
  const items = await storedTypes(store, post, threadId);
  expect(items.map((item) => item.type)).toEqual(['user_message', 'assistant_message', 'sdk_hidden_context']);
  expect(items[1]).toMatchObject({ content: [{ text: expect.stringMatching(/^(word )+$/) }] });
});

it('ctx.signal first read after the disconnect is a real AbortSignal, already aborted', async () => {
  const gate = deferred();
  const seen = deferred<{ signal: AbortSignal; same: boolean; threw: unknown; listenerCalled: boolean }>();
  const { store, post, cleanupStarted } = await serve(async function* (_thread, _input, ctx) {
    const item = ctx.assistantMessage();
    yield ctx.events.added({ ...item, content: [{ type: 'output_text', text: '', annotations: [] }] });
    yield ctx.events.textDelta(item.id, 'partial');
    await gate.promise; // blocked (ignoring its signal) until the test saw the cancellation start
    const { signal } = ctx;
    let threw: unknown;
    try {
      signal.throwIfAborted();
    } catch (error) {
      threw = error;
    }
    let listenerCalled = false;
    signal.addEventListener('abort', () => (listenerCalled = true));
    seen.resolve({ signal, same: ctx.signal === signal, threw, listenerCalled });
    yield ctx.events.textDelta(item.id, ' never sent');
  });
  const threadId = await startAndDisconnect(post);
  await cleanupStarted;
  gate.resolve();
  const { signal, same, threw, listenerCalled } = await seen.promise;
  expect(signal).toBeInstanceOf(AbortSignal);
  expect(signal.aborted).toBe(true);
  expect(signal.reason).toBeInstanceOf(Error);
  expect((signal.reason as Error).message).toBe('client disconnected');
  expect(threw).toBe(signal.reason);
  expect(listenerCalled).toBe(false); // an abort listener added after the abort never runs, as with any signal
  expect(same).toBe(true); // the same signal every time it is read
  const items = await storedTypes(store, post, threadId);
  expect(items.map((item) => item.type)).toEqual(['user_message', 'assistant_message', 'sdk_hidden_context']);
  expect(items[1]).toMatchObject({ content: [{ text: 'partial' }] });
});

it('the abort state stays hidden: contexts show only their members, copies carry the real signal', async () => {
  const seen = deferred<{
    requestKeys: string[];
    responseKeys: string[];
    requestJson: string;
    copySignal: unknown;
    requestSignal: AbortSignal;
    sameAsResponse: boolean;
  }>();
  const { post } = await serve(async function* (_thread, _input, ctx) {
    const item = ctx.assistantMessage();
    yield ctx.events.added({ ...item, content: [{ type: 'output_text', text: '', annotations: [] }] });
    const request = ctx.context as RequestContext & { signal?: AbortSignal };
    const copy = { ...ctx };
    seen.resolve({
      requestKeys: Object.keys(request).sort(),
      responseKeys: Object.keys(ctx).sort(),
      requestJson: JSON.stringify({ ...request, signal: undefined }),
      copySignal: copy.signal,
      requestSignal: request.signal!,
      sameAsResponse: request.signal === ctx.signal,
    });
    for (;;) {
      yield ctx.events.textDelta(item.id, 'word ');
      await new Promise((resolve) => setImmediate(resolve));
    }
  });
  await startAndDisconnect(post);
  const found = await seen.promise;
  expect(found.requestKeys).toEqual(['requestOrigin', 'signal', 'userId']);
  expect(found.responseKeys).toEqual(
    [
      'assistantMessage',
      'context',
      'events',
      'generateId',
      'loadHistory',
      'now',
      'signal',
      'store',
      'streamWidget',
      'thread',
    ].sort(),
  );
  expect(JSON.parse(found.requestJson)).toEqual({ requestOrigin: expect.any(String), userId: USER });
  expect(found.copySignal).toBeInstanceOf(AbortSignal); // a spread reads the getter: a real signal
  expect(found.sameAsResponse).toBe(true); // the request's abort state is the stream's
  const { requestSignal } = found;
  if (!requestSignal.aborted)
    await new Promise((resolve) => requestSignal.addEventListener('abort', resolve));
  expect((found.requestSignal.reason as Error).message).toBe('client disconnected');
});
