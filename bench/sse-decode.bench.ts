/**
 * SSE decoding throughput of src/protocol/sse.ts (its line reader, sse-reader.ts): a 2,000-event answer
 * transcript fed in 64-byte and 16 KB chunks. Prints events/s and MB/s; never part of `npm test`.
 *
 * Run: `npx tsx bench/sse-decode.bench.ts`.
 */
import { performance } from 'node:perf_hooks';
import { decodeSSEStream, encodeSSE } from '../src/protocol/sse.js';
import type { ThreadStreamEvent } from '../src/protocol/types.js';

const events: ThreadStreamEvent[] = Array.from({ length: 2000 }, (_, i) => ({
  type: 'thread.item.updated',
  item_id: 'msg_bench',
  update: {
    type: 'assistant_message.content_part.text_delta',
    content_index: 0,
    delta: `word ${i} ünïcödé `,
  },
}));
const bytes = new TextEncoder().encode(events.map(encodeSSE).join(''));

function streamOf(chunkSize: number): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(offset, (offset += chunkSize)));
    },
  });
}

for (const chunkSize of [64, 16 * 1024]) {
  let decoded = 0;
  const rounds = 20;
  const start = performance.now();
  for (let round = 0; round < rounds; round++) {
    for await (const result of decodeSSEStream(streamOf(chunkSize))) if (result.ok) decoded++;
  }
  const seconds = (performance.now() - start) / 1000;
  console.log(
    `SSE decode, ${chunkSize}-byte chunks: ${Math.round(decoded / seconds).toLocaleString('en')} events/s, ` +
      `${((bytes.length * rounds) / seconds / 1e6).toFixed(1)} MB/s`,
  );
}
