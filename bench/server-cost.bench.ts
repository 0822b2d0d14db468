/**
 * Server cost benchmark (issue 9): our ChatKit server (memory, SQLite, PostgreSQL when its binaries are
 * installed) against the Node peer `chatkit-node-backend-sdk` (installed under bench/peer only), all
 * streaming the same scripted turn (`threads.create`, 20 text deltas of 20 characters; bench/server-cost/
 * turn.ts) behind Express on loopback.
 *
 * Every server runs in its own child process, compiled to plain JavaScript with esbuild and started with
 * `node` (no TypeScript runtime), so its CPU time (`process.cpuUsage`) and RSS are its own. The load
 * generator is this process (keep-alive HTTP, c concurrent clients). Within each round the servers take
 * turns every ~200 turns (slices; see measureRound), because the CPU time the same work costs on the shared
 * VM drifts over seconds; a second copy of the peer is an A/A control.
 *
 * Prints per server and concurrency: CPU ms per turn (total over all rounds), its ratio against the peer
 * measured in the same run with a 90 % bootstrap range over the slices, streams/s and latency p50/p99
 * (medians of rounds), GC pauses per turn, mark-compacts, and the CPU ratio of every round against the peer's
 * same round (the spread); then idle RSS and RSS and heap per open stream (N streams held open after their first delta): once
 * right after start ("cold") and the median of several holds after the warm-up turns ("warm"). Also the
 * idle RSS of the compiled reference server (server/main.ts as `npm start` runs it).
 * Asserts nothing; never part of `npm test`.
 *
 * Run: `npm run bench`, or alone: `npx tsx bench/server-cost.bench.ts`
 * (env: BENCH_ROUNDS=5, BENCH_TURNS=600 per round and concurrency, BENCH_SLICES=TURNS/200 slices per round
 * (servers take turns slice by slice), BENCH_CONTROL=off to leave out the A/A control (a second peer), BENCH_HELD=1000 streams held open,
 * BENCH_MEMORY_ROUNDS=3 warm holds, BENCH_WARMUP=1000 turns per server and concurrency before the first round,
 * BENCH_POSTGRES=off to leave PostgreSQL out).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  postgresAvailable,
  startPostgres,
  type TestPostgres,
} from '../test/server/stores/postgres-server.js';
import { buildCompiledServer, measureIdle } from './server-cost/compiled-server.js';
import { buildServer, createLoad, OUT_DIR, ROOT, startChild, type Child } from './server-cost/launch.js';
import { FULL_TEXT } from './server-cost/turn.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const TURNS = Number(process.env.BENCH_TURNS ?? 600);
const HELD = Number(process.env.BENCH_HELD ?? 1000);
const MEMORY_ROUNDS = Number(process.env.BENCH_MEMORY_ROUNDS ?? 3);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 1000);
const SLICES = Number(process.env.BENCH_SLICES ?? Math.max(1, Math.round(TURNS / 200)));
const LEVELS = [10, 50];

// ---- build the children -------------------------------------------------------------------------------
const peerDir = join(ROOT, 'bench', 'peer');
if (!existsSync(join(peerDir, 'node_modules', 'chatkit-node-backend-sdk'))) {
  console.log('installing the peer under bench/peer (npm ci)…');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: peerDir, stdio: 'inherit' });
}
const oursFile = await buildServer('ours');
// The reference server file by file (as a compiled package would ship it), with its non-code assets.
const referenceEntry = await buildCompiledServer(join(OUT_DIR, 'compiled'));
const peerFile = await buildServer('peer');

// ---- load -------------------------------------------------------------------------------------------
const { turn, run, destroy: destroyLoad } = createLoad();

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const median = (values: number[]) => percentile(values, 50);

interface Sample {
  cpuMsPerTurn: number;
  /** CPU ms of each slice of the round (TURNS / SLICES turns each), for the confidence range. */
  sliceCpuMs: number[];
  streamsPerSecond: number;
  p50: number;
  p99: number;
  /** GC pauses on the child's main thread during the round. */
  gcCount: number;
  gcMs: number;
  majorCount: number;
}

/**
 * One round at one concurrency for every server, interleaved finely: every server gets a full GC first (so each
 * round starts from the same state; not counted), then SLICES slices of TURNS / SLICES turns go to the servers
 * in turn (the order rotates from slice to slice). CPU is the child's whole process CPU from before the first
 * slice to after the last, so every GC that the round's allocations caused (scavenges, and the mark-compacts
 * that several per round of these sizes bring) is charged to it, and so is CPU spent while another server's
 * slice ran (background GC threads, timers). No GC is forced at the end: a forced full GC costs in proportion
 * to the live heap (the memory stores keep every thread), 30–100 ms, which would charge the store's size rather
 * than the round's garbage. The slices are short (~0.1 s) because the CPU time the same work takes on this
 * machine drifts over seconds and differs between processes (see README, "Why the rounds spread").
 */
async function measureRound(list: Child[], concurrency: number, round: number): Promise<Sample[]> {
  const sliceTurns = Math.ceil(TURNS / SLICES);
  for (const child of list) {
    await run(child.port, concurrency, concurrency * 2); // warm the sockets
    await child.ask('gc');
  }
  const before = await Promise.all(list.map((child) => child.ask('usage')));
  const sliceCpu = list.map(() => [] as number[]);
  const seconds = list.map(() => 0);
  const latencies = list.map(() => [] as number[]);
  const last = before.map((usage) => usage.cpuMicros as number);
  for (let slice = 0; slice < SLICES; slice++) {
    for (let k = 0; k < list.length; k++) {
      const i = (k + slice + round) % list.length;
      const start = performance.now();
      latencies[i].push(...(await run(list[i].port, concurrency, sliceTurns)));
      seconds[i] += (performance.now() - start) / 1000;
      const usage = await list[i].ask('usage');
      sliceCpu[i].push((usage.cpuMicros - last[i]) / 1000);
      last[i] = usage.cpuMicros;
    }
  }
  const after = await Promise.all(list.map((child) => child.ask('usage')));
  const turns = sliceTurns * SLICES;
  return list.map((_, i) => ({
    cpuMsPerTurn: (after[i].cpuMicros - before[i].cpuMicros) / 1000 / turns,
    sliceCpuMs: sliceCpu[i],
    streamsPerSecond: turns / seconds[i],
    p50: percentile(latencies[i], 50),
    p99: percentile(latencies[i], 99),
    // (a BENCH_BEFORE build made before child.ts counted GCs reports none)
    gcCount: (after[i].gc?.count ?? 0) - (before[i].gc?.count ?? 0),
    gcMs: (after[i].gc?.ms ?? 0) - (before[i].gc?.ms ?? 0),
    majorCount: (after[i].gc?.majorCount ?? 0) - (before[i].gc?.majorCount ?? 0),
  }));
}

/**
 * 90 % range of the ratio of a server's CPU to the peer's, by resampling slice pairs (the same slice index in
 * the same round ran back to back, so they saw the same machine): 2,000 bootstrap draws of the ratio of sums.
 */
function ratioRange(ours: Sample[], peer: Sample[]): [number, number] {
  const pairs: [number, number][] = [];
  ours.forEach((sample, round) =>
    sample.sliceCpuMs.forEach((ms, slice) => pairs.push([ms, peer[round]!.sliceCpuMs[slice]!])),
  );
  let seed = 12345;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const ratios: number[] = [];
  for (let draw = 0; draw < 2000; draw++) {
    let a = 0;
    let b = 0;
    for (let n = 0; n < pairs.length; n++) {
      const [x, y] = pairs[Math.floor(random() * pairs.length)]!;
      a += x;
      b += y;
    }
    ratios.push(a / b);
  }
  return [percentile(ratios, 5), percentile(ratios, 95)];
}

interface MemoryFigures {
  idleMb: number;
  /** One hold right after start (50 turns streamed before): what a fresh process pays. */
  cold: { perStreamKb: number; heapPerStreamKb: number };
  /** Holds after the warm-up turns, one per memory round: what a process that has been serving pays. */
  warm: { perStreamKb: number; heapPerStreamKb: number }[];
}

/**
 * Holds HELD streams open after their first delta and reads the child's RSS and JS heap (plus external memory)
 * before and with them, each after a full GC. Heap per stream is what the streams keep; RSS per stream also
 * moves with how much room V8 and the allocator had already taken, so it is read several times (see
 * MemoryFigures) and both are reported.
 */
async function holdStreams(child: Child): Promise<{ perStreamKb: number; heapPerStreamKb: number }> {
  await child.ask('arm');
  await child.ask('gc');
  const baseUsage = await child.ask('usage');
  // Opened 100 at a time (each batch once its first deltas arrived): a thousand connections at once can
  // overflow the listen backlog of a loaded server and reset a connection.
  const streams: Promise<unknown>[] = [];
  for (let first = 0; first < HELD; first += 100) {
    const size = Math.min(100, HELD - first);
    let opened = 0;
    await new Promise<void>((resolve) => {
      for (let i = 0; i < size; i++)
        streams.push(
          turn(child.port, 'please hold this stream', () => {
            if (++opened === size) resolve();
          }),
        );
    });
  }
  await child.ask('gc');
  const heldUsage = await child.ask('usage');
  await child.ask('release');
  await Promise.all(streams);
  return {
    perStreamKb: (heldUsage.rss - baseUsage.rss) / 1024 / HELD,
    heapPerStreamKb: (heldUsage.heap - baseUsage.heap) / 1024 / HELD,
  };
}

// ---- the run ------------------------------------------------------------------------------------------
const work = mkdtempSync(join(tmpdir(), 'chatkit-cost-'));
let postgres: TestPostgres | null = null;
if (postgresAvailable && process.env.BENCH_POSTGRES !== 'off') postgres = await startPostgres();

const specs: { name: string; file: string; args: string[] }[] = [
  { name: 'peer (chatkit-node-backend-sdk, memory)', file: peerFile, args: [] },
  { name: 'ours, memory', file: oursFile, args: ['memory'] },
  { name: 'ours, SQLite', file: oursFile, args: ['sqlite', join(work, 'bench.db')] },
];
// A/A control (BENCH_CONTROL=off leaves it out): a second copy of the peer, measured like the others. Its ratio
// to the peer should read 1.00; how far it is off, and its range, is the noise floor of this run.
if (process.env.BENCH_CONTROL !== 'off')
  specs.push({ name: 'peer again (A/A control)', file: peerFile, args: [] });
// A/B: BENCH_BEFORE=<a bundled ours-server.mjs kept from another build> adds that build (memory and SQLite)
// to the same run, e.g. `cp .tmp/bench/ours-server.mjs .tmp/before.mjs` before changing the code.
if (process.env.BENCH_BEFORE) {
  specs.push(
    { name: 'before, memory', file: process.env.BENCH_BEFORE, args: ['memory'] },
    { name: 'before, SQLite', file: process.env.BENCH_BEFORE, args: ['sqlite', join(work, 'before.db')] },
  );
}
if (postgres)
  specs.push({
    name: 'ours, PostgreSQL',
    file: oursFile,
    args: ['postgres', postgres.connection.host],
  });

const children = [];
for (const spec of specs) children.push(await startChild(spec.name, spec.file, spec.args));

// Sanity: every server streams the same turn (20 deltas, then the finished message).
for (const child of children) {
  const { body } = await turn(child.port);
  const deltas = body.split('assistant_message.content_part.text_delta').length - 1;
  if (deltas !== 20 || !body.includes(FULL_TEXT))
    throw new Error(`${child.name}: unexpected stream:\n${body}`);
}

// Idle RSS after start, then one "cold" hold after 50 turns (as on a server that has just answered a few).
const memoryFigures = new Map<string, MemoryFigures>();
for (const child of children) {
  console.error(`${child.name}: cold hold…`);
  await child.ask('gc');
  const idleMb = (await child.ask('usage')).rss / 2 ** 20;
  await run(child.port, 10, 50);
  memoryFigures.set(child.name, { idleMb, cold: await holdStreams(child), warm: [] });
}

// Steady state, as on a server that has been answering for a while: every server streams WARMUP turns at
// each concurrency before the measured rounds, so that the first round does not carry one server's JIT
// compilation more than the other's (it read 1.3 × the peer where the later rounds read 0.8–1.1 ×).
for (const child of children) for (const concurrency of LEVELS) await run(child.port, concurrency, WARMUP);

// "Warm" holds, alternating between the servers: V8's heap and the allocator have grown to what serving
// needs, as on a server that has been answering for a while; the median of MEMORY_ROUNDS holds is reported.
console.error('warm holds…');
for (let round = 0; round < MEMORY_ROUNDS; round++)
  for (const child of children) memoryFigures.get(child.name)!.warm.push(await holdStreams(child));

const samples = new Map<string, Sample[]>();
for (let round = 0; round < ROUNDS; round++) {
  for (const concurrency of LEVELS) {
    console.error(`round ${round + 1}/${ROUNDS}, c=${concurrency}…`);
    const results = await measureRound(children, concurrency, round);
    children.forEach((child, i) => {
      const key = `${child.name}|${concurrency}`;
      samples.set(key, [...(samples.get(key) ?? []), results[i]]);
    });
  }
}

// The reference server as `npm start` runs it, compiled (SQLite store, offline demo model), idle: RSS after
// startup and a full GC, three starts.
const referenceRss: number[] = [];
for (let start = 0; start < 3; start++) {
  const dataDir = mkdtempSync(join(work, 'ref-'));
  referenceRss.push((await measureIdle(referenceEntry, dataDir)).rssMb);
}

for (const child of children) await child.stop();
await postgres?.stop();
rmSync(work, { recursive: true, force: true });
destroyLoad();

// ---- report -------------------------------------------------------------------------------------------
const cpuModel = cpus()[0]?.model ?? 'unknown CPU';
console.log(
  `machine: ${cpuModel}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}; ` +
    `${ROUNDS} rounds × ${TURNS} turns per server and concurrency, ${SLICES} slices per round`,
);
const peerName = specs[0].name;
const pad = (text: string, width: number) => text.padEnd(width);
console.log(
  `CPU: the child's process CPU over all rounds / turns; × peer ` +
    `[90 % range, bootstrap over ${SLICES} slices × ${ROUNDS} rounds]; GC = main-thread pauses per turn`,
);
console.log(
  `\n${pad('server', 34)}${pad('c', 4)}${pad('CPU ms/turn', 12)}${pad('× peer [90 % range]', 22)}${pad('streams/s', 10)}${pad('× peer', 7)}` +
    `${pad('p50 ms', 8)}${pad('p99 ms', 8)}${pad('GC µs/turn', 11)}${pad('major GCs', 10)}CPU × peer per round`,
);
const total = (list: Sample[]) => list.reduce((sum, s) => sum + s.cpuMsPerTurn, 0) / list.length; // equal turns per round
for (const concurrency of LEVELS) {
  const peer = samples.get(`${peerName}|${concurrency}`)!;
  const peerCpu = total(peer);
  const peerRate = median(peer.map((s) => s.streamsPerSecond));
  for (const spec of specs) {
    const list = samples.get(`${spec.name}|${concurrency}`)!;
    const cpu = total(list);
    const rate = median(list.map((s) => s.streamsPerSecond));
    const [low, high] = ratioRange(list, peer);
    const turnsPerRound = Math.ceil(TURNS / SLICES) * SLICES;
    const gcMicros = (list.reduce((sum, s) => sum + s.gcMs, 0) * 1000) / (turnsPerRound * list.length);
    console.log(
      `${pad(spec.name, 34)}${pad(String(concurrency), 4)}${pad(cpu.toFixed(3), 12)}` +
        pad(`${(cpu / peerCpu).toFixed(2)} [${low.toFixed(2)}–${high.toFixed(2)}]`, 22) +
        `${pad(rate.toFixed(0), 10)}${pad((rate / peerRate).toFixed(2), 7)}${pad(median(list.map((s) => s.p50)).toFixed(1), 8)}` +
        pad(median(list.map((s) => s.p99)).toFixed(1), 8) +
        pad(gcMicros.toFixed(0), 11) +
        pad(String(list.reduce((sum, s) => sum + s.majorCount, 0)), 10) +
        // Each round's ratio against the peer's same round.
        list.map((s, round) => (s.cpuMsPerTurn / peer[round]!.cpuMsPerTurn).toFixed(2)).join(' '),
    );
  }
}
const peerMemory = memoryFigures.get(peerName)!;
const warmMedian = (figures: MemoryFigures, key: 'perStreamKb' | 'heapPerStreamKb') =>
  median(figures.warm.map((hold) => hold[key]));
const range = (values: number[]) => `${Math.min(...values).toFixed(1)}–${Math.max(...values).toFixed(1)}`;
console.log(
  `\n${pad('server', 42)}${pad('idle RSS MB', 13)}${pad('× peer', 8)}per open stream (${HELD} held), KB: ` +
    `cold RSS / heap, warm RSS / heap (median of ${MEMORY_ROUNDS}) [range], heap × peer (warm)`,
);
for (const spec of specs) {
  const figures = memoryFigures.get(spec.name)!;
  const warmRss = figures.warm.map((hold) => hold.perStreamKb);
  const warmHeap = figures.warm.map((hold) => hold.heapPerStreamKb);
  console.log(
    `${pad(spec.name, 42)}${pad(figures.idleMb.toFixed(1), 13)}${pad((figures.idleMb / peerMemory.idleMb).toFixed(2), 8)}` +
      `cold ${figures.cold.perStreamKb.toFixed(1)} / ${figures.cold.heapPerStreamKb.toFixed(1)}, ` +
      `warm ${warmMedian(figures, 'perStreamKb').toFixed(1)} [${range(warmRss)}] / ` +
      `${warmMedian(figures, 'heapPerStreamKb').toFixed(1)} [${range(warmHeap)}], ` +
      `${(warmMedian(figures, 'heapPerStreamKb') / warmMedian(peerMemory, 'heapPerStreamKb')).toFixed(2)}`,
  );
}
console.log(
  `\nreference server (server/main.ts compiled, node, SQLite + offline demo model), idle RSS after a GC, ` +
    `3 starts: ${referenceRss.map((mb) => mb.toFixed(1)).join(' / ')} MB`,
);
