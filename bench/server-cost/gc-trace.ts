/**
 * Where a benchmark child's GC time goes: forks the peer and ours (memory; SQLite with GC_TRACE_SQLITE=1)
 * with `--trace-gc-nvp` (plus GC_TRACE_FLAGS), streams GC_TRACE_WARMUP turns at each, then GC_TRACE_TURNS turns
 * per concurrency (10, 50) in slices of 200 taking turns, and sums the V8 trace per child and phase:
 * scavenges and mark-compacts (count, pause ms per turn), KB promoted and surviving per turn and per scavenge,
 * MB allocated between scavenges (the young generation's size in effect) and the largest heap.
 *
 * Run: `npx tsx bench/server-cost/gc-trace.ts` (GC_TRACE_RAW=dir keeps each child's trace there).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildServer, createLoad } from './launch.js';

const WARMUP = Number(process.env.GC_TRACE_WARMUP ?? 1000);
const TURNS = Number(process.env.GC_TRACE_TURNS ?? 2000);
const SLICE = 200;
const extra = (process.env.GC_TRACE_FLAGS ?? '').split(' ').filter(Boolean);

const oursFile = await buildServer('ours');
const peerFile = await buildServer('peer');
const work = mkdtempSync(join(tmpdir(), 'chatkit-gctrace-'));

interface Traced {
  name: string;
  port: number;
  proc: ChildProcess;
  lines: string[];
  ask(cmd: string): Promise<any>;
}

async function start(name: string, file: string, args: string[]): Promise<Traced> {
  const proc = fork(file, args, {
    cwd: work,
    execArgv: ['--expose-gc', '--trace-gc-nvp', ...extra],
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const lines: string[] = [];
  let rest = '';
  proc.stdout!.on('data', (chunk: Buffer) => {
    const text = rest + chunk.toString();
    const parts = text.split('\n');
    rest = parts.pop()!;
    for (const line of parts) if (line.includes('pause=')) lines.push(line);
  });
  const port = await new Promise<number>((resolve) => proc.once('message', (m: any) => resolve(m.port)));
  const ask = (cmd: string) =>
    new Promise<any>((resolve) => {
      const on = (m: any) => {
        if (m.cmd !== cmd) return;
        proc.off('message', on);
        resolve(m);
      };
      proc.on('message', on);
      proc.send({ cmd });
    });
  return { name, port, proc, lines, ask };
}

const specs: [string, string, string[]][] = [
  ['peer', peerFile, []],
  ['peer B', peerFile, []],
  ['ours memory', oursFile, ['memory']],
];
// GC_TRACE_OTHER=<a kept .tmp/bench/ours-server*.mjs>: another build of ours (memory) in the same run.
if (process.env.GC_TRACE_OTHER) specs.push(['other memory', resolve(process.env.GC_TRACE_OTHER), ['memory']]);
if (process.env.GC_TRACE_SQLITE) specs.push(['ours sqlite', oursFile, ['sqlite', join(work, 'g.db')]]);
const children: Traced[] = [];
for (const [name, file, args] of specs) children.push(await start(name, file, args));

const load = createLoad();
const parse = (line: string) => {
  const out: Record<string, string> = {};
  for (const m of line.matchAll(/(\w+)=(\S+)/g)) out[m[1]] = m[2];
  return out;
};
const settle = () => new Promise((r) => setTimeout(r, 50));

function summarize(child: Traced, from: number, turns: number) {
  const entries = child.lines.slice(from).map(parse);
  const by = (kinds: string[]) => entries.filter((e) => kinds.includes(e.gc));
  const scav = by(['s']);
  const major = by(['mc', 'ms']);
  const other = entries.filter((e) => !['s', 'mc', 'ms'].includes(e.gc));
  const sum = (list: Record<string, string>[], key: string) =>
    list.reduce((t, e) => t + Number(e[key] ?? 0), 0);
  const per = (v: number) => (v / turns).toFixed(4);
  return {
    child: child.name,
    turns,
    scavenges: scav.length,
    scavengeMsPerTurn: per(sum(scav, 'pause')),
    majors: major.length,
    majorMsPerTurn: per(sum(major, 'pause')),
    otherKinds: [...new Set(other.map((e) => e.gc))].join(','),
    otherMsPerTurn: per(sum(other, 'pause')),
    promotedKBPerTurn: (sum(scav, 'promoted') / 1024 / turns).toFixed(2),
    survivedKBPerTurn: (sum(scav, 'new_space_survived') / 1024 / turns).toFixed(2),
    survivedKBPerScavenge: (sum(scav, 'new_space_survived') / 1024 / Math.max(1, scav.length)).toFixed(0),
    allocatedKBPerTurn: (sum(entries, 'allocated') / 1024 / turns).toFixed(1),
    allocatedMBPerScavenge: (sum(scav, 'allocated') / 1048576 / Math.max(1, scav.length)).toFixed(1),
    heapMaxMB: (Math.max(0, ...entries.map((e) => Number(e.total_size_before ?? 0))) / 1048576).toFixed(0),
    scavengeMsMedian: median(scav.map((e) => Number(e.pause))),
    scavengeMsMax: Math.max(0, ...scav.map((e) => Number(e.pause))),
  };
}
function median(values: number[]) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

for (const c of children) await load.run(c.port, 10, WARMUP, 'hi');
console.log(
  `load ${loadavg()
    .map((v) => v.toFixed(2))
    .join(' ')}, ${new Date().toISOString()}`,
);
for (const concurrency of [10, 50]) {
  const from = children.map((c) => c.lines.length);
  for (let done = 0; done < TURNS; done += SLICE)
    for (const c of children) await load.run(c.port, concurrency, SLICE, 'hi');
  await settle();
  const rows = [];
  for (const [i, c] of children.entries()) rows.push(summarize(c, from[i], TURNS));
  console.log(`c=${concurrency}`);
  console.table(rows);
}
console.log(
  `load ${loadavg()
    .map((v) => v.toFixed(2))
    .join(' ')}, ${new Date().toISOString()}`,
);
if (process.env.GC_TRACE_RAW)
  for (const c of children)
    writeFileSync(join(process.env.GC_TRACE_RAW, `${c.name}.trace`), c.lines.join('\n'));
for (const c of children) {
  const exited = new Promise((r) => c.proc.once('exit', r));
  c.proc.send({ cmd: 'exit' });
  await exited;
}
load.destroy();
