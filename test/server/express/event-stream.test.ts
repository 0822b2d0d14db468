/**
 * The adapter's streaming and error contract, independent of the ChatKit server: a real Express app on
 * loopback around a scripted `process()` that fails, never ends, or leaks secrets in its errors.
 */
import type { AddressInfo } from 'node:net';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { afterEach, expect, it } from 'vitest';
import type { ThreadStreamEvent } from '../../../src/protocol/types.js';
import { HttpError } from '../../../server/chatkit/errors.js';
import type { ProcessResult } from '../../../server/chatkit/types.js';
import { createApp } from '../../../server/express/app.js';
import type { ChatKitProcessor } from '../../../server/express/chatkit-router.js';
import type { GetContext } from '../../../server/express/request-context.js';
import { DEFAULT_BRANDING } from '../../../server/config.js';
import { createLogger } from '../../../server/logger.js';
import type { RequestContext } from '../../../server/stores/store.js';
import { readEvents } from '../../support/test-server.js';

const NOTICE: ThreadStreamEvent = { type: 'notice', level: 'info', message: 'hello' };
let server: Server | null = null;
let logLines: string[] = [];

async function serve(processor: ChatKitProcessor, getContext?: GetContext): Promise<string> {
  logLines = [];
  const logger = createLogger('error', { write: (line: string) => void logLines.push(line) });
  const app = createApp({
    server: processor,
    branding: DEFAULT_BRANDING,
    allowedOrigins: null,
    logger,
    getContext,
  });
  server = createServer(app);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

function post(url: string, init: { signal?: AbortSignal } = {}) {
  return fetch(`${url}/chatkit`, {
    method: 'POST',
    headers: { 'x-chatkit-user': 'user_12345678' },
    body: '{"type":"threads.create","params":{}}',
    signal: init.signal,
  });
}

function stream(events: AsyncIterable<ThreadStreamEvent>): ChatKitProcessor {
  return { process: async (): Promise<ProcessResult> => ({ kind: 'stream', events }) };
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = null;
});

it('a failure of the event source after the first event ends the stream with one stream.error event', async () => {
  const url = await serve(
    stream(
      (async function* () {
        yield NOTICE;
        throw new Error('socket to the model broke');
      })(),
    ),
  );
  const response = await post(url);
  expect(response.status).toBe(200);
  expect(await readEvents(response)).toEqual([
    NOTICE,
    { type: 'error', code: 'stream.error', allow_retry: true },
  ]);
  expect(logLines.join('')).toContain('socket to the model broke');
});

it('a failure before the first event is still a JSON error with its status', async () => {
  const url = await serve(
    stream(
      // eslint-disable-next-line require-yield
      (async function* () {
        throw new HttpError(409, 'conflict', 'no pending client tool call in this thread');
      })(),
    ),
  );
  const response = await post(url);
  expect(response.status).toBe(409);
  expect(await response.json()).toEqual({
    error: { code: 'conflict', message: 'no pending client tool call in this thread' },
  });
});

it('an empty event stream is a 200 stream with no events', async () => {
  const url = await serve(stream((async function* () {})()));
  const response = await post(url);
  expect(response.status).toBe(200);
  expect(await response.text()).toBe('');
});

it('a disconnect aborts the context signal and returns the iterator of an endless stream', async () => {
  let signal: AbortSignal | undefined;
  let produced = 0;
  let markReturned: () => void = () => {};
  const returned = new Promise<void>((resolve) => (markReturned = resolve));
  const processor: ChatKitProcessor = {
    async process(_body, context: RequestContext): Promise<ProcessResult> {
      signal = context.signal;
      async function* endless(): AsyncGenerator<ThreadStreamEvent> {
        try {
          for (;;) {
            produced++;
            yield NOTICE;
            // Yield to the event loop so the close can be noticed, as a real responder would.
            await new Promise((resolve) => setImmediate(resolve));
          }
        } finally {
          markReturned();
        }
      }
      return { kind: 'stream', events: endless() };
    },
  };
  const url = await serve(processor);
  const controller = new AbortController();
  const response = await post(url, { signal: controller.signal });
  const reader = response.body!.getReader();
  await reader.read();
  controller.abort();
  await returned;
  expect(signal?.aborted).toBe(true);
  // It ran only briefly: the stream was stopped, not drained.
  expect(produced).toBeGreaterThan(0);
  expect(produced).toBeLessThan(100_000);
  expect((await fetch(`${url}/health`)).status).toBe(200);
});

it('the event source is pulled only when the socket has room (backpressure), never while it must drain', async () => {
  // Each event is larger than the socket's high-water mark, so every write fills it: a writer that buffers
  // instead of waiting for 'drain' would ask the source for the next event while the response needs draining.
  const big: ThreadStreamEvent = { type: 'notice', level: 'info', message: 'x'.repeat(64 * 1024) };
  const total = 200;
  let response: ServerResponse | undefined;
  let pulledWhileFull = 0;
  let drains = 0;
  const url = await serve(
    stream(
      (async function* () {
        for (let produced = 0; produced < total; produced++) {
          if (response?.writableNeedDrain) pulledWhileFull++;
          yield big;
        }
      })(),
    ),
  );
  server!.on('request', (_req, res) => {
    response = res;
    res.on('drain', () => drains++);
  });
  const events = await readEvents(await post(url));
  expect(events).toHaveLength(total);
  expect(drains).toBeGreaterThan(0);
  expect(pulledWhileFull).toBe(0);
});

it('internal errors answer 500 internal_error without details, which go to the log', async () => {
  const url = await serve({ process: async () => ({ kind: 'json', body: {} }) }, () => {
    throw new TypeError('cannot read password of undefined (db=postgres://admin:hunter2@db)');
  });
  const response = await post(url);
  expect(response.status).toBe(500);
  const text = await response.text();
  expect(JSON.parse(text)).toEqual({ error: { code: 'internal_error', message: 'Internal server error' } });
  expect(text).not.toContain('hunter2');
  expect(logLines.join('')).toContain('hunter2');
});

it('a JSON body of the processor is sent as application/json', async () => {
  const url = await serve({ process: async () => ({ kind: 'json', body: { data: [], has_more: false } }) });
  const response = await post(url);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  expect(await response.json()).toEqual({ data: [], has_more: false });
});

it('events around a store acknowledgment in the next turn of the event loop leave in one socket write', async () => {
  const writes: string[] = [];
  const url = await serve(
    stream(
      (async function* () {
        yield NOTICE;
        yield { ...NOTICE, message: 'before the store write' };
        // What a group-committed store write looks like to the stream: acknowledged in the next turn.
        await new Promise((resolve) => setImmediate(resolve));
        yield { ...NOTICE, message: 'after the store write' };
      })(),
    ),
  );
  // Count what the response hands to the socket (body writes and the final end).
  server!.prependListener('request', (_req, res: ServerResponse) => {
    const write = res.write.bind(res);
    const end = res.end.bind(res);
    res.write = ((chunk: unknown, ...rest: never[]) => {
      writes.push(String(chunk));
      return write(chunk as string, ...rest);
    }) as typeof res.write;
    res.end = ((chunk?: unknown, ...rest: never[]) => {
      if (chunk) writes.push(String(chunk));
      return end(chunk as string, ...rest);
    }) as typeof res.end;
  });
  const response = await post(url);
  const events = await readEvents(response);
  expect(events.map((event) => (event as { message?: string }).message)).toEqual([
    'hello',
    'before the store write',
    'after the store write',
  ]);
  expect(writes).toHaveLength(1);
});

it('each event reaches the client while its stream waits, with other streams queued alongside and one leaving', async () => {
  // Ping-pong: every stream yields an event and waits until its client has read it before the next, so an
  // event the writer held back (the flush shared by all streams) would stall the stream and the test.
  const delivered = new Map<string, () => void>();
  const returned = new Map<string, Promise<void>>();
  const processor: ChatKitProcessor = {
    async process(body, context: RequestContext): Promise<ProcessResult> {
      const name = (body as { params: { name: string } }).params.name;
      // A raw iterator is only returned between steps: a stream whose client left stops waiting.
      const signal = context.signal!;
      const left = new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
      let markReturned: () => void = () => {};
      returned.set(name, new Promise<void>((resolve) => (markReturned = resolve)));
      async function* rounds(): AsyncGenerator<ThreadStreamEvent> {
        try {
          for (let round = 0; round < 5; round++) {
            const read = new Promise<void>((resolve) => delivered.set(`${name}:${round}`, resolve));
            yield { type: 'notice', level: 'info', message: `${name}:${round}` };
            await Promise.race([read, left]);
            if (signal.aborted) return;
          }
        } finally {
          markReturned();
        }
      }
      return { kind: 'stream', events: rounds() };
    },
  };
  const url = await serve(processor);
  const leaving = new AbortController();
  const open = (name: string, signal?: AbortSignal) =>
    fetch(`${url}/chatkit`, {
      method: 'POST',
      headers: { 'x-chatkit-user': 'user_12345678' },
      body: JSON.stringify({ type: 'threads.create', params: { name } }),
      signal,
    });
  const read = async (name: string, response: Response, stopAfter?: number) => {
    const seen: string[] = [];
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return seen;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const message = (JSON.parse(buffer.slice(6, end)) as { message: string }).message;
        buffer = buffer.slice(end + 2);
        seen.push(message);
        if (stopAfter !== undefined && seen.length === stopAfter) {
          leaving.abort();
          return seen;
        }
        delivered.get(message)?.();
      }
    }
  };
  const names = ['a', 'b', 'c'];
  const [a, b, c] = await Promise.all([open('a'), open('b'), open('c', leaving.signal)]);
  const [seenA, seenB, seenC] = await Promise.all([
    read('a', a),
    read('b', b),
    read('c', c, 2).catch(() => ['left']),
  ]);
  const rounds = (name: string) => [0, 1, 2, 3, 4].map((round) => `${name}:${round}`);
  expect(seenA).toEqual(rounds('a'));
  expect(seenB).toEqual(rounds('b'));
  expect(seenC).toEqual(['c:0', 'c:1']);
  // The stream whose client left was stopped (its iterator returned) while the others went on.
  await Promise.all(names.map((name) => returned.get(name)));
});
