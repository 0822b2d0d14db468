/**
 * CPU cost per streamed delta of the protocol half of the client's per-delta path, outside the browser:
 * reading a body of one SSE event per chunk (as the render bench's full-speed feed delivers them), decoding it
 * (`decodeSSEStream`: TextDecoder, the line reader, JSON.parse, the event check), the transport's `yield*`
 * around the decoder, the reducer alone, and the whole session (stream runner, reducer, notification) over
 * decoded events. CPU time (`process.cpuUsage`), best of 15 rounds of 4,000 deltas, so it stays readable on a
 * loaded machine. Compare with the render bench's CPU per delta (≈ 55–70 µs for the baseline, ≈ 150 µs for
 * ours at 16.3 KB full speed) to see how much of the gap this path can explain. Never part of `npm test`.
 *
 * Run: `npx tsx bench/delta-path.bench.ts`.
 */
import { decodeSSEStream, encodeSSE } from '../src/protocol/sse.js';
import { applyEvent } from '../src/protocol/reducer.js';
import { createSession } from '../src/protocol/session.js';
import { initialThreadState, type ThreadState } from '../src/protocol/thread-state.js';
import type { Transport } from '../src/protocol/transport.js';
import { answerDone, answerHead, textDelta } from './stream-render/stream-events.js';

const N = 4000;
const ROUNDS = 15;
const head = answerHead([{ type: 'input_text', text: 'go' }]);
// ≈ 4 characters per delta, as the 16.3 KB answer in 4,000 deltas.
const deltas = Array.from({ length: N }, (_, i) => textDelta(`w${i % 10}r `));
const done = answerDone('');
const encoder = new TextEncoder();
const chunks = deltas.map((event) => encoder.encode(encodeSSE(event)));

function body(): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      if (i >= chunks.length) controller.close();
      else controller.enqueue(chunks[i++]!);
    },
  });
}
const cpu = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};
async function best(run: () => Promise<void> | void): Promise<number> {
  let min = Infinity;
  for (let r = 0; r < ROUNDS; r++) {
    const t = cpu();
    await run();
    min = Math.min(min, (cpu() - t) / N);
  }
  return min;
}
async function drain(iterable: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of iterable);
}
async function* readChunks(stream: ReadableStream<Uint8Array>) {
  const reader = stream.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    yield value;
  }
}
async function* transportLike(stream: ReadableStream<Uint8Array>) {
  try {
    yield* decodeSSEStream(stream);
  } catch (error) {
    // As the transport: a read error becomes the client's own error.
    throw new Error('The response stream ended unexpectedly.', { cause: error });
  }
}

const rows: [string, number][] = [];
rows.push(['body read, one chunk per event (async generator)', await best(() => drain(readChunks(body())))]);
rows.push([
  'decodeSSEStream (read + decode + JSON.parse + check)',
  await best(() => drain(decodeSSEStream(body()))),
]);
rows.push(["  + the transport's yield* around it", await best(() => drain(transportLike(body())))]);
rows.push([
  'reducer alone (applyEvent per delta)',
  await best(() => {
    let state: ThreadState = head.reduce(applyEvent, initialThreadState());
    for (const event of deltas) state = applyEvent(state, event);
  }),
]);
rows.push([
  'session over decoded events (runner, reducer, notify per frame)',
  await best(async () => {
    const transport: Transport = {
      request: async <T>() => ({}) as T,
      async *stream() {
        for (const event of head) yield { ok: true, event };
        for (const event of deltas) yield { ok: true, event };
        yield { ok: true, event: done };
      },
    };
    // One notification per 16 events, as ≈ 16 deltas arrive per frame at full speed.
    let queued = 0;
    const session = createSession({
      transport,
      scheduleNotify: (notify) => {
        if (++queued % 16 === 0) queueMicrotask(notify);
        else setTimeout(notify);
      },
    });
    session.subscribe(() => undefined);
    await session.sendUserMessage({ text: 'go' });
    session.dispose();
  }),
]);
console.log(`protocol path per delta, CPU µs (best of ${ROUNDS} × ${N} deltas), node ${process.version}:`);
for (const [name, us] of rows) console.log(`  ${us.toFixed(2).padStart(6)} µs  ${name}`);
