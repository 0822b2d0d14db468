/**
 * Server benchmark: the real reference server (Express, SQLite in a temp dir, scripted responder with no
 * delay) on loopback. Prints figures; asserts nothing; never part of `npm test`.
 *
 * - streamed turns per second with N concurrent clients, and time to first event (p50/p95);
 * - `items.list` latency on a 20,000-item thread versus a 20-item thread (keyset paging: O(limit)).
 *
 * Run: `npx tsx bench/server-throughput.bench.ts` (or `npm run bench`).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../server/config.js';
import { createLogger } from '../server/logger.js';
import { startServer } from '../server/main.js';
import { createScriptedResponder } from '../test/support/scripted-responder.js';
import type { UserMessageItem } from '../src/protocol/types.js';

const dataDir = await mkdtemp(join(tmpdir(), 'chatkit-bench-'));
const config = loadConfig({
  PORT: '0',
  HOST: '127.0.0.1',
  CHATKIT_DATA_DIR: dataDir,
  LOG_LEVEL: 'silent',
  CHATKIT_DEMO_PORT: 'off',
  CHATKIT_RATE_LIMIT: '0',
});
const server = await startServer(config, {
  logger: createLogger('silent'),
  hooks: { respond: createScriptedResponder({ delayMs: 0 }) },
  demoDir: null,
  distDir: null,
});
const user = 'bench_user_0001';
const post = (body: unknown) =>
  fetch(`${server.url}/chatkit`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-chatkit-user': user },
    body: JSON.stringify(body),
  });
const input = (text: string) => ({
  content: [{ type: 'input_text', text }],
  attachments: [],
  inference_options: {},
});

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function streamedTurn(): Promise<number> {
  const start = performance.now();
  const response = await post({ type: 'threads.create', params: { input: input('Tell me about markdown') } });
  const reader = response.body!.getReader();
  let first = 0;
  for (;;) {
    const { done } = await reader.read();
    if (!first) first = performance.now() - start;
    if (done) break;
  }
  return first;
}

for (const concurrency of [1, 8, 32]) {
  const turns = concurrency * 10;
  const firsts: number[] = [];
  const start = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < turns) firsts.push(await streamedTurn());
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  console.log(
    `threads.create streamed turns, ${concurrency} concurrent: ${(turns / seconds).toFixed(1)} turns/s, ` +
      `first byte p50 ${percentile(firsts, 50).toFixed(1)} ms, p95 ${percentile(firsts, 95).toFixed(1)} ms`,
  );
}

// items.list on a long thread versus a short one.
const context = { userId: user };
async function threadWith(count: number): Promise<string> {
  const id = `thr_bench${count}`;
  await server.store.saveThread(
    { id, created_at: new Date().toISOString(), status: { type: 'active' }, metadata: {} },
    context,
  );
  for (let i = 0; i < count; i++) {
    const item: UserMessageItem = {
      type: 'user_message',
      id: `msg_${count}_${i}`,
      thread_id: id,
      created_at: new Date(1_700_000_000_000 + i).toISOString(),
      content: [{ type: 'input_text', text: `message ${i}` }],
      attachments: [],
      inference_options: {},
    };
    await server.store.addThreadItem(id, item, context);
  }
  return id;
}
for (const count of [20, 20_000]) {
  const threadId = await threadWith(count);
  const times: number[] = [];
  for (let i = 0; i < 200; i++) {
    const start = performance.now();
    const response = await post({
      type: 'items.list',
      params: { thread_id: threadId, limit: 20, order: 'desc' },
    });
    await response.json();
    times.push(performance.now() - start);
  }
  console.log(
    `items.list limit 20 on a ${count}-item thread: p50 ${percentile(times, 50).toFixed(2)} ms, ` +
      `p95 ${percentile(times, 95).toFixed(2)} ms`,
  );
}

await server.close();
await rm(dataDir, { recursive: true, force: true });
