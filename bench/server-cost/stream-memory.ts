/**
 * RSS per open stream, decided by holding thousands of streams (issue 9 item 4: ≤ 40 KB per open stream in
 * production mode, compiled JavaScript). The cost bench's holds (1,000 streams, warm) read −6 to +29 KB per
 * stream for the same build: RSS does not shrink after a hold ends (the allocator and V8 keep the pages), so a
 * later hold reuses them and reads low, and a thousand streams is too few for the fixed steps of heap growth
 * to average out.
 *
 * Here every repetition is a fresh child (built like the bench's, started with `node`), warmed with turns at
 * c=10 and c=50 (JIT, the heap's working size), then streams are opened in steps of STEP (100 at a time, each
 * batch once its first delta arrived) and kept open, up to HELD at once: more than the process ever held, so
 * every step needs memory the process has not had before. After each step: a full GC, then RSS and JS heap +
 * external. The figure per server is the slope of a least-squares line through (streams held, RSS), in KB per
 * stream, and the same for the heap; each stream is one HTTP connection (an SSE stream holds its
 * connection), so the socket's user-space memory counts, as it does for the peer. The servers take turns
 * repetition by repetition (their order rotates).
 *
 * Run: `npx tsx bench/server-cost/stream-memory.ts` (env: MEM_HELD=5000, MEM_STEP=1000, MEM_REPEAT=3,
 * MEM_WARMUP=2000 turns per concurrency, MEM_BEFORE=<a kept .tmp/bench/ours-server.mjs> adds that build,
 * MEM_SERVERS=peer,memory,sqlite to choose). Asserts nothing; never part of `npm test`.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer, createLoad, startChild } from './launch.js';

const HELD = Number(process.env.MEM_HELD ?? 5000);
const STEP = Number(process.env.MEM_STEP ?? 1000);
const REPEAT = Number(process.env.MEM_REPEAT ?? 3);
const WARMUP = Number(process.env.MEM_WARMUP ?? 2000);
const BATCH = 100;

const peerFile = await buildServer('peer');
const oursFile = await buildServer('ours', { suffix: '-memory' });
const before = process.env.MEM_BEFORE;
if (before && !existsSync(before)) throw new Error(`MEM_BEFORE: no file ${before}`);

interface Spec {
  name: string;
  file: string;
  args: (dir: string) => string[];
}
const all: Record<string, Spec> = {
  peer: { name: 'peer (chatkit-node-backend-sdk)', file: peerFile, args: () => [] },
  memory: { name: 'ours, memory', file: oursFile, args: () => ['memory'] },
  sqlite: { name: 'ours, SQLite', file: oursFile, args: (dir) => ['sqlite', join(dir, 'm.db')] },
};
if (before) {
  all['before-memory'] = { name: 'before, memory', file: before, args: () => ['memory'] };
  all['before-sqlite'] = {
    name: 'before, SQLite',
    file: before,
    args: (dir) => ['sqlite', join(dir, 'm.db')],
  };
}
const specs = (process.env.MEM_SERVERS ?? Object.keys(all).join(',')).split(',').map(
  (key) =>
    all[key] ??
    (() => {
      throw new Error(`unknown server ${key}`);
    })(),
);

/** Least-squares slope of y over x. */
function slope(points: [number, number][]): number {
  const n = points.length;
  const mx = points.reduce((sum, [x]) => sum + x, 0) / n;
  const my = points.reduce((sum, [, y]) => sum + y, 0) / n;
  let num = 0;
  let den = 0;
  for (const [x, y] of points) {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  }
  return num / den;
}

interface Repetition {
  rssKb: number;
  heapKb: number;
  /** (RSS with HELD streams − RSS before any) / HELD, KB. */
  rssTotalKb: number;
  steps: { held: number; rssMb: number; heapMb: number }[];
  load: number;
}

async function measure(spec: Spec): Promise<Repetition> {
  const dir = mkdtempSync(join(tmpdir(), 'chatkit-mem-'));
  const child = await startChild(spec.name, spec.file, spec.args(dir));
  const load = createLoad();
  try {
    for (const concurrency of [10, 50]) await load.run(child.port, concurrency, WARMUP);
    // The warm-up's keep-alive sockets are closed, so every held stream opens its own connection.
    load.destroy();
    const hold = createLoad();
    await child.ask('arm');
    await child.ask('gc');
    const usage = async () => {
      await child.ask('gc');
      const { rss, heap } = await child.ask('usage');
      return { rss: rss / 1024, heap: heap / 1024 };
    };
    const base = await usage();
    const steps: Repetition['steps'] = [{ held: 0, rssMb: base.rss / 1024, heapMb: base.heap / 1024 }];
    const rssPoints: [number, number][] = [[0, base.rss]];
    const heapPoints: [number, number][] = [[0, base.heap]];
    const streams: Promise<unknown>[] = [];
    let last = base;
    for (let held = 0; held < HELD;) {
      const target = Math.min(HELD, held + STEP);
      for (; held < target; held += BATCH) {
        const size = Math.min(BATCH, target - held);
        let opened = 0;
        await new Promise<void>((resolve) => {
          for (let i = 0; i < size; i++)
            streams.push(
              hold.turn(child.port, 'please hold this stream', () => {
                if (++opened === size) resolve();
              }),
            );
        });
      }
      last = await usage();
      steps.push({ held, rssMb: last.rss / 1024, heapMb: last.heap / 1024 });
      rssPoints.push([held, last.rss]);
      heapPoints.push([held, last.heap]);
    }
    await child.ask('release');
    await Promise.all(streams);
    hold.destroy();
    return {
      rssKb: slope(rssPoints),
      heapKb: slope(heapPoints),
      rssTotalKb: (last.rss - base.rss) / HELD,
      steps,
      load: loadavg()[0]!,
    };
  } finally {
    load.destroy();
    await child.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const results = new Map<Spec, Repetition[]>(specs.map((spec) => [spec, []]));
for (let repetition = 0; repetition < REPEAT; repetition++) {
  for (let k = 0; k < specs.length; k++) {
    const spec = specs[(k + repetition) % specs.length]!;
    console.error(`repetition ${repetition + 1}/${REPEAT}: ${spec.name}…`);
    const result = await measure(spec);
    console.error(
      `  RSS ${result.rssKb.toFixed(1)} KB/stream (slope), heap ${result.heapKb.toFixed(1)}; steps (held: RSS MB / heap MB) ` +
        result.steps.map((s) => `${s.held}: ${s.rssMb.toFixed(1)} / ${s.heapMb.toFixed(1)}`).join(', ') +
        `; load ${result.load.toFixed(1)}`,
    );
    results.get(spec)!.push(result);
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const range = (values: number[]) => `${Math.min(...values).toFixed(1)}–${Math.max(...values).toFixed(1)}`;
console.log(
  `${HELD} streams held at once (steps of ${STEP}), fresh child per repetition, ${REPEAT} repetitions; ` +
    `KB per open stream, median [range]`,
);
console.log(
  `${'server'.padEnd(34)}${'RSS (slope)'.padEnd(22)}${'RSS (total / held)'.padEnd(22)}heap + external (slope)`,
);
for (const [spec, list] of results) {
  const rss = list.map((r) => r.rssKb);
  const total = list.map((r) => r.rssTotalKb);
  const heap = list.map((r) => r.heapKb);
  console.log(
    `${spec.name.padEnd(34)}${`${median(rss).toFixed(1)} [${range(rss)}]`.padEnd(22)}` +
      `${`${median(total).toFixed(1)} [${range(total)}]`.padEnd(22)}${median(heap).toFixed(1)} [${range(heap)}]`,
  );
}
