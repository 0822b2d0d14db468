/**
 * Cancellation (PROTOCOL.md §8.8): closing the stream, or aborting the request signal, stops the responder
 * for real, keeps pending assistant text, drops other pending items and stores the hidden note.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CANCELLED_STREAM_NOTE } from '../../../server/chatkit/server.js';
import type { RespondHook } from '../../../server/chatkit/types.js';
import type { RequestContext } from '../../../server/stores/store.js';
import type { ThreadStreamEvent } from '../../../src/protocol/types.js';
import { ManualScheduler } from '../../support/scheduler.js';
import { json, makeServer } from './helpers.js';

const message = (threadId: string) => ({
  type: 'threads.add_user_message',
  params: {
    thread_id: threadId,
    input: {
      content: [{ type: 'input_text', text: 'Write me a long essay' }],
      attachments: [],
      inference_options: {},
    },
  },
});

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

/** A deferred promise, to await what a responder reports. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

async function setup(respond: RespondHook<RequestContext>, scheduler?: ManualScheduler) {
  const made = makeServer({ respond, ...(scheduler ? { scheduler: scheduler.schedule } : {}) });
  cleanup = made.cleanup;
  const context: RequestContext = { userId: 'u1' };
  await made.store.saveThread(
    { id: 'thr_1', created_at: '2026-05-19T14:00:00Z', status: { type: 'active' }, metadata: {} },
    context,
  );
  return { ...made, context };
}

describe('cancellation', () => {
  it('stops a responder that would loop forever when the consumer stops iterating', async () => {
    let pulls = 0;
    const finished = deferred();
    const { server, store, context } = await setup(async function* (thread, _input, ctx) {
      try {
        // A static widget is one `done` event: it is stored at once and must survive the cancel.
        yield* ctx.streamWidget({ type: 'Card', children: [] });
        const item = ctx.assistantMessage();
        yield ctx.events.added(item);
        yield ctx.events.added({ ...ctx.assistantMessage(), id: 'msg_blank' });
        yield ctx.events.added({
          id: 'wf_open',
          thread_id: thread.id,
          created_at: ctx.now(),
          type: 'workflow',
          workflow: { type: 'reasoning', tasks: [], expanded: false },
        });
        for (;;) {
          pulls++;
          yield ctx.events.textDelta(item.id, `word${pulls} `);
        }
      } finally {
        finished.resolve();
      }
    });
    const result = await server.process(message('thr_1'), context);
    if (result.kind !== 'stream') throw new Error('expected a stream');
    const received: ThreadStreamEvent[] = [];
    for await (const event of result.events) {
      received.push(event);
      if (received.filter((e) => e.type === 'thread.item.updated').length === 3) break;
    }
    await finished.promise;
    const pullsAtStop = pulls;
    expect(pullsAtStop).toBeLessThanOrEqual(4);

    const items = await store.loadThreadItems('thr_1', { limit: 20, order: 'asc' }, context);
    const types = items.data.map((item) => item.type);
    // user message, the completed widget, the partial answer, the hidden note; no blank message, no workflow.
    expect(types).toEqual(['user_message', 'widget', 'assistant_message', 'sdk_hidden_context']);
    const answer = items.data[2];
    expect(answer.type === 'assistant_message' && answer.content[0].text).toMatch(/^word1 word2 word3 /);
    expect(items.data[3]).toMatchObject({ type: 'sdk_hidden_context', content: CANCELLED_STREAM_NOTE });
    expect(pulls).toBe(pullsAtStop);

    // The hidden note is never sent to clients.
    const listed = json(
      await server.process({ type: 'items.list', params: { thread_id: 'thr_1', order: 'asc' } }, context),
    );
    expect(listed.data.map((item: { type: string }) => item.type)).toEqual([
      'user_message',
      'widget',
      'assistant_message',
    ]);
    const loaded = json(
      await server.process({ type: 'threads.get_by_id', params: { thread_id: 'thr_1' } }, context),
    );
    expect(loaded.items.data).toHaveLength(3);
  });

  it('aborting the request signal unblocks a responder waiting on a model call and aborts its signal', async () => {
    const waiting = deferred();
    let sawAbort = false;
    const { server, store } = await setup(async function* (_thread, _input, ctx) {
      const item = ctx.assistantMessage();
      yield ctx.events.added(item);
      yield ctx.events.textDelta(item.id, 'Partial answer');
      // Simulates a model call that honours the signal.
      await new Promise<void>((_resolve, reject) => {
        ctx.signal.addEventListener('abort', () => {
          sawAbort = true;
          reject(new Error('aborted'));
        });
        waiting.resolve();
      });
      yield ctx.events.textDelta(item.id, ' never');
    });
    const controller = new AbortController();
    const context: RequestContext = { userId: 'u1', signal: controller.signal };
    const result = await server.process(message('thr_1'), context);
    if (result.kind !== 'stream') throw new Error('expected a stream');
    const iterator = result.events[Symbol.asyncIterator]();
    const types: string[] = [];
    for (let i = 0; i < 4; i++) types.push(((await iterator.next()).value as ThreadStreamEvent).type);
    expect(types).toEqual(['thread.item.done', 'stream_options', 'thread.item.added', 'thread.item.updated']);
    const pending = iterator.next();
    await waiting.promise;
    controller.abort();
    expect(await pending).toEqual({ done: true, value: undefined });
    expect(sawAbort).toBe(true);
    const items = await store.loadThreadItems('thr_1', { limit: 20, order: 'asc' }, { userId: 'u1' });
    expect(items.data.map((item) => item.type)).toEqual([
      'user_message',
      'assistant_message',
      'sdk_hidden_context',
    ]);
    expect(items.data[1]).toMatchObject({ content: [{ text: 'Partial answer' }] });
  });

  it('cancels even a responder that ignores its signal and never settles', async () => {
    const stuck = deferred();
    const scheduler = new ManualScheduler();
    const { server, store, context } = await setup(async function* (_thread, _input, ctx) {
      yield ctx.events.progress('thinking');
      stuck.resolve();
      await new Promise(() => {});
    }, scheduler);
    const result = await server.process(message('thr_1'), context);
    if (result.kind !== 'stream') throw new Error('expected a stream');
    const iterator = result.events[Symbol.asyncIterator]();
    await iterator.next();
    await iterator.next();
    await iterator.next();
    const pending = iterator.next();
    await stuck.promise;
    const returned = iterator.return!();
    // The responder never returns: clean-up waits out its grace period (1 s), then goes ahead without it.
    expect(await scheduler.fireNext()).toBe(1000);
    await returned;
    expect(await pending).toEqual({ done: true, value: undefined });
    const items = await store.loadThreadItems('thr_1', { limit: 20, order: 'asc' }, context);
    expect(items.data.map((item) => item.type)).toEqual(['user_message', 'sdk_hidden_context']);
  });

  it('requests on a thread wait for its cancelled stream to store the partial answer', async () => {
    const inFinally = deferred();
    const release = deferred();
    const { server, context } = await setup(async function* (_thread, _input, ctx) {
      const item = ctx.assistantMessage();
      try {
        yield ctx.events.added(item);
        yield ctx.events.textDelta(item.id, 'Partial answer');
        yield ctx.events.textDelta(item.id, ' never');
      } finally {
        // The responder's own clean-up is slow (its grace period is up to a second).
        inFinally.resolve();
        await release.promise;
      }
    });
    const controller = new AbortController();
    const result = await server.process(message('thr_1'), { ...context, signal: controller.signal });
    if (result.kind !== 'stream') throw new Error('expected a stream');
    const iterator = result.events[Symbol.asyncIterator]();
    for (let i = 0; i < 4; i++) await iterator.next(); // user message, stream_options, added, first delta
    const ended = iterator.next();
    controller.abort(); // "Stop": the client closed the stream
    await inFinally.promise;

    // A reload arrives while the cancelled stream is still cleaning up.
    const listed = server.process(
      { type: 'items.list', params: { thread_id: 'thr_1', order: 'asc' } },
      context,
    );
    let answered = false;
    void listed.then(() => (answered = true));
    // Other threads are not held up.
    const other = await server.process(
      { type: 'threads.list', params: { limit: 5, order: 'desc' } },
      context,
    );
    expect(json(other).data).toHaveLength(1);
    expect(answered).toBe(false);
    release.resolve();

    expect(await ended).toEqual({ done: true, value: undefined });
    const texts = json(await listed).data.map((item: { type: string; content?: { text?: string }[] }) =>
      item.type === 'assistant_message' ? item.content?.[0]?.text : item.type,
    );
    expect(texts).toEqual(['user_message', 'Partial answer']);
  });

  it('an allow_cancel chosen by getStreamOptions is sent first in the response phase', async () => {
    const made = makeServer({
      respond: async function* () {},
      getStreamOptions: () => ({ allow_cancel: false }),
    });
    cleanup = made.cleanup;
    const result = await made.server.process(
      { type: 'threads.create', params: { input: { content: [], attachments: [], inference_options: {} } } },
      { userId: 'u1' },
    );
    if (result.kind !== 'stream') throw new Error('expected a stream');
    const events = [];
    for await (const event of result.events) events.push(event);
    expect(events.map((event) => event.type)).toEqual([
      'thread.created',
      'thread.item.done',
      'stream_options',
    ]);
    expect(events[2]).toEqual({ type: 'stream_options', stream_options: { allow_cancel: false } });
  });
});
