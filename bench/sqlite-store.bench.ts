/**
 * The SQLite store alone, no HTTP: CPU per turn and WAL pages per turn.
 *
 * A turn is what the server asks of the store for a new conversation: the thread and the user message in one
 * tick (one group commit shared by the `c` turns of a round), then the context read (newest items, desc), the
 * answer and the thread saved again (its title) in the next tick. `BENCH_TURNS` turns (default 30,000) fill
 * the file first (~95 MB), then `BENCH_MEASURE` turns (default 5,000) are measured `BENCH_REPEAT` times
 * (default 3): CPU µs per turn (`process.cpuUsage`, the store's process does nothing else) and WAL frames per
 * turn (checkpoints disabled while measuring, the WAL restarted before each measurement; a frame is one page
 * written). Answers are `BENCH_ANSWER` bytes of text (default 1,500), users `BENCH_USERS` (default 200).
 * `BENCH_NEW` (default 1) is the share of turns that start a new thread; the others continue a random earlier
 * thread (its items sit at a random place in the item indexes). Thread ids are the server's (creation time
 * first, server/chatkit/ids.ts); `BENCH_IDS=random` makes them random (the server's before 2026-12-03 19:10).
 *
 *   npx tsx bench/sqlite-store.bench.ts            # this build's store
 *   BENCH_STORE=path/to/other-sqlite-store.ts npx tsx bench/sqlite-store.bench.ts
 *
 * After the last run it prints which b-tree (table or index, from SQLite's `dbstat`) the WAL pages of that run
 * belong to, per turn.
 *
 * @module
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as StoreModule from '../server/stores/sqlite-store.js';
import { serverGenerateId } from '../server/chatkit/ids.js';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const fillTurns = env('BENCH_TURNS', 30_000);
const measureTurns = env('BENCH_MEASURE', 5_000);
const repeat = env('BENCH_REPEAT', 3);
const c = env('BENCH_C', 10);
const answerBytes = env('BENCH_ANSWER', 1500);
const users = env('BENCH_USERS', 200);
const newShare = env('BENCH_NEW', 1);
const threads: { id: string; created_at: string; userId: string }[] = [];

const modulePath = resolve(process.env.BENCH_STORE ?? 'server/stores/sqlite-store.ts');
const { SqliteStore } = (await import(pathToFileURL(modulePath).href)) as typeof StoreModule;

const directory = mkdtempSync(join(tmpdir(), 'sqlite-store-bench-'));
const path = join(directory, 'bench.db');
const store = new SqliteStore({ path });
const pageSize = store.db.pragma('page_size', { simple: true }) as number;
const answerText = 'lorem ipsum dolor sit amet '.repeat(Math.ceil(answerBytes / 27)).slice(0, answerBytes);
let next = 0;
const hex = () =>
  Math.floor(Math.random() * 2 ** 52)
    .toString(16)
    .padStart(13, '0') + (next++).toString(16);
// Thread ids as the server makes them (time first, server/chatkit/ids.ts); BENCH_IDS=random: random ones.
const randomIds = process.env.BENCH_IDS === 'random';
const threadId = () => (randomIds ? `thr_${hex()}` : serverGenerateId('thread'));
const tick = () => new Promise<void>((done) => setImmediate(done));

async function turn(n: number): Promise<void> {
  const earlier =
    threads.length > 0 && Math.random() >= newShare
      ? threads[Math.floor(Math.random() * threads.length)]
      : undefined;
  const context = { userId: earlier?.userId ?? `user_${n % users}` };
  const now = new Date().toISOString();
  const thread = {
    id: earlier?.id ?? threadId(),
    created_at: earlier?.created_at ?? now,
    status: { type: 'active' as const },
    metadata: {},
  };
  if (!earlier) threads.push({ id: thread.id, created_at: now, userId: context.userId });
  const message = {
    id: `msg_${hex()}`,
    thread_id: thread.id,
    created_at: now,
    type: 'user_message' as const,
    content: [{ type: 'input_text' as const, text: 'Hello, what can you do?' }],
    attachments: [],
    inference_options: {},
  };
  await Promise.all([store.saveThread(thread, context), store.addThreadItem(thread.id, message, context)]);
  await tick();
  await store.loadThreadItems(thread.id, { limit: 20, order: 'desc' }, context);
  const answer = {
    id: `msg_${hex()}`,
    thread_id: thread.id,
    created_at: new Date().toISOString(),
    type: 'assistant_message' as const,
    content: [{ type: 'output_text' as const, text: answerText, annotations: [] }],
  };
  await Promise.all([
    store.saveItem(thread.id, answer as never, context),
    store.saveThread({ ...thread, title: 'Hello' } as never, context),
  ]);
}

async function run(turns: number): Promise<void> {
  for (let done = 0; done < turns; done += c) {
    const round: Promise<void>[] = [];
    for (let i = 0; i < c && done + i < turns; i++) round.push(turn(done + i));
    await Promise.all(round);
  }
}

const walBytes = () => {
  try {
    return statSync(`${path}-wal`).size;
  } catch {
    return 0;
  }
};

/** WAL frames of the last run by b-tree: the page number is the first 4 bytes of each 24-byte frame header. */
function breakdown(): void {
  const wal = readFileSync(`${path}-wal`);
  const owner = new Map<number, string>();
  for (const row of store.db.prepare('SELECT name, pageno FROM dbstat').iterate() as Iterable<{
    name: string;
    pageno: number;
  }>)
    owner.set(row.pageno, row.name);
  const counts = new Map<string, number>();
  for (let offset = 32; offset + 24 <= wal.length; offset += 24 + pageSize) {
    const name = owner.get(wal.readUInt32BE(offset)) ?? '(free or new)';
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  const parts = [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([name, n]) => `${name} ${(n / measureTurns).toFixed(2)}`);
  console.log(`WAL pages per turn by b-tree: ${parts.join(', ')}`);
}

await run(fillTurns);
console.log(
  `filled ${fillTurns} turns: ${(statSync(path).size / 1e6).toFixed(1)} MB + WAL; c=${c}, answer ${answerBytes} B, ${users} users, page ${pageSize} B`,
);
for (let r = 0; r < repeat; r++) {
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  store.db.pragma('wal_autocheckpoint = 0');
  const before = process.cpuUsage();
  const wall = performance.now();
  await run(measureTurns);
  const cpu = process.cpuUsage(before);
  const ms = performance.now() - wall;
  const frames = walBytes() / (pageSize + 24);
  if (r === repeat - 1) breakdown();
  store.db.pragma('wal_autocheckpoint = 8000');
  console.log(
    `run ${r + 1}: ${((cpu.user + cpu.system) / measureTurns).toFixed(1)} µs CPU/turn (user ${(cpu.user / measureTurns).toFixed(1)}), ` +
      `${(frames / measureTurns).toFixed(2)} WAL pages/turn, wall ${((ms * 1000) / measureTurns).toFixed(1)} µs/turn`,
  );
}
console.log(`file ${(statSync(path).size / 1e6).toFixed(1)} MB`);
await store.close();
rmSync(directory, { recursive: true, force: true });
