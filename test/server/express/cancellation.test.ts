/**
 * Client disconnect mid-stream (PROTOCOL.md §8.8) through real HTTP: the fetch is aborted after a few
 * deltas, the server aborts the responder's signal and stops it, and the partial answer stays in the store.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { decodeSSEStream } from '../../../src/protocol/sse.js';
import type { ThreadItem } from '../../../src/protocol/types.js';
import type { ResponseContext } from '../../../server/chatkit/types.js';
import { createScriptedResponder } from '../../support/scripted-responder.js';
import { scriptedAnswer } from '../../support/scripted-answers.js';
import { startTestServer, textInput, type TestServer } from '../../support/test-server.js';

let markFinished: () => void = () => {};
/** What the wrapped responder observed. */
const observed = {
  signal: null as AbortSignal | null,
  deltas: 0,
  text: '',
  completed: false,
  finished: new Promise<void>((resolve) => (markFinished = resolve)),
};

const scripted = createScriptedResponder({ delayMs: 15, wordsPerDelta: 2 });
const FULL_TEXT = scriptedAnswer('a long story please');

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    hooks: {
      async *respond(thread, input, ctx: ResponseContext) {
        observed.signal = ctx.signal;
        try {
          for await (const event of scripted(thread, input, ctx)) {
            if (
              event.type === 'thread.item.updated' &&
              event.update.type === 'assistant_message.content_part.text_delta'
            ) {
              observed.deltas++;
              observed.text += event.update.delta;
            }
            yield event;
          }
          observed.completed = !ctx.signal.aborted;
        } finally {
          markFinished();
        }
      },
    },
  });
});
afterAll(async () => {
  await server.close();
});

it('aborting the fetch cancels the responder and keeps the partial answer', async () => {
  const controller = new AbortController();
  const response = await server.post(
    { type: 'threads.create', params: { input: textInput('a long story please') } },
    { signal: controller.signal },
  );
  expect(response.status).toBe(200);

  let threadId = '';
  let received = '';
  let deltasSeen = 0;
  try {
    for await (const decoded of decodeSSEStream(response.body!, { signal: controller.signal })) {
      if (!decoded.ok) continue;
      const event = decoded.event;
      if (event.type === 'thread.created') threadId = event.thread.id;
      if (
        event.type === 'thread.item.updated' &&
        event.update.type === 'assistant_message.content_part.text_delta'
      ) {
        received += event.update.delta;
        if (++deltasSeen === 5) controller.abort();
      }
    }
  } catch (error) {
    expect((error as Error).name).toMatch(/Abort/);
  }
  expect(deltasSeen).toBe(5);

  // The server noticed the disconnect: the responder's signal aborted and the generator ended early.
  await observed.finished;
  expect(observed.signal?.aborted).toBe(true);
  expect(observed.completed).toBe(false);
  expect(observed.deltas).toBeLessThan(FULL_TEXT.split(/\s+/).length / 2);
  await server.settled();

  const items = await server.json({ type: 'items.list', params: { thread_id: threadId, order: 'asc' } });
  const types = items.data.map((item: ThreadItem) => item.type);
  // The hidden cancellation note is stored but never listed.
  expect(types).toEqual(['user_message', 'assistant_message']);
  const partial = items.data[1].content[0].text as string;
  // The store holds exactly what the responder produced (possibly more than the client received).
  expect(partial).toBe(observed.text);
  expect(partial.startsWith(received)).toBe(true);
  expect(FULL_TEXT.startsWith(partial)).toBe(true);
  expect(partial.length).toBeLessThan(FULL_TEXT.length);

  // The server keeps serving: the same thread takes the next message.
  const next = await server.stream({
    type: 'threads.add_user_message',
    params: { thread_id: threadId, input: textInput('hello again') },
  });
  const done = next.filter((event) => event.type === 'thread.item.done');
  expect(done.map((event) => event.type === 'thread.item.done' && event.item.type)).toEqual([
    'user_message',
    'assistant_message',
  ]);
  // The cancelled first turn never got to name the thread; the first complete exchange does.
  expect(next.at(-1)).toMatchObject({ type: 'thread.updated', thread: { title: 'Hello again' } });
});
