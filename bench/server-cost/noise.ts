/**
 * Where the round-to-round spread of the server-cost benchmark comes from: streams rounds of the scripted
 * turn at two copies of the peer (an A/A pair: any ratio other than 1.00 between them is noise) and at ours
 * (memory), alternating, and prints for every round and server: CPU ms per turn, how much of it ran on the
 * main thread and how much on the child's other threads (V8's GC helpers, libuv), the GC pauses on the main
 * thread (count and ms, scavenges and mark-compacts), the load generator's own CPU and the CPU that other
 * processes on the machine took during the round (from /proc/stat).
 *
 * Run: `npx tsx bench/server-cost/noise.ts [rounds=6] [turns=2000] [concurrency=10]`
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer, createLoad, startChild, type Child } from './launch.js';

const [roundsArg = '6', turnsArg = '2000', concurrencyArg = '10'] = process.argv.slice(2);
const ROUNDS = Number(roundsArg);
const TURNS = Number(turnsArg);
const C = Number(concurrencyArg);
const extra = (process.env.NOISE_EXECARGV ?? '').split(' ').filter(Boolean);

const TICK = 100; // USER_HZ: /proc times are in 1/100 s
/** CPU ms of the main thread (tid = pid) and of all other threads of a process. */
function threadCpu(pid: number): { main: number; other: number } {
  let main = 0;
  let other = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ms = ((Number(fields[11]) + Number(fields[12])) * 1000) / TICK;
    if (Number(tid) === pid) main += ms;
    else other += ms;
  }
  return { main, other };
}
/** Machine-wide busy and steal ms (all CPUs) from /proc/stat. */
function machine(): { busy: number; steal: number } {
  const [, ...v] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const n = v.map(Number);
  const busy = n[0] + n[1] + n[2] + n[5] + n[6] + n[7];
  return { busy: (busy * 1000) / TICK, steal: (n[7] * 1000) / TICK };
}

const peerFile = await buildServer('peer');
const oursFile = await buildServer('ours');
const work = mkdtempSync(join(tmpdir(), 'chatkit-noise-'));
const children: Child[] = [
  await startChild('peer A', peerFile, [], { execArgv: ['--expose-gc', ...extra] }),
  await startChild('peer B', peerFile, [], { execArgv: ['--expose-gc', ...extra] }),
  await startChild('ours memory', oursFile, ['memory'], { execArgv: ['--expose-gc', ...extra] }),
  await startChild('ours sqlite', oursFile, ['sqlite', join(work, 'n.db')], {
    execArgv: ['--expose-gc', ...extra],
  }),
];
// NOISE_PIN=1: the load generator on CPU 0, every child on CPU 1 (all threads).
if (process.env.NOISE_PIN) {
  execFileSync('taskset', ['-a', '-pc', '0', String(process.pid)], { stdio: 'ignore' });
  for (const child of children)
    execFileSync('taskset', ['-a', '-pc', '1', String(child.process.pid)], { stdio: 'ignore' });
}
const load = createLoad();
for (const child of children) await load.run(child.port, C, 3000);

const cpu: Record<string, number[]> = {};
console.log(
  'round server        ms/turn  main  other  gc#  gcms  major#/ms  loadgen ms/turn  others% of 2 cores  steal',
);
for (let round = 0; round < ROUNDS; round++) {
  for (const child of children) {
    const pid = child.process.pid!;
    const before = await child.ask('usage');
    const threadsBefore = threadCpu(pid);
    const machineBefore = machine();
    const parentBefore = process.cpuUsage();
    const start = performance.now();
    await load.run(child.port, C, TURNS);
    const wall = performance.now() - start;
    const after = await child.ask('usage');
    const threadsAfter = threadCpu(pid);
    const machineAfter = machine();
    const parent = process.cpuUsage(parentBefore);
    const ms = (after.cpuMicros - before.cpuMicros) / 1000;
    const parentMs = (parent.user + parent.system) / 1000;
    const others = machineAfter.busy - machineBefore.busy - ms - parentMs;
    (cpu[child.name] ??= []).push(ms / TURNS);
    console.log(
      `${String(round).padEnd(6)}${child.name.padEnd(14)}${(ms / TURNS).toFixed(3).padStart(7)}` +
        `${((threadsAfter.main - threadsBefore.main) / TURNS).toFixed(3).padStart(7)}` +
        `${((threadsAfter.other - threadsBefore.other) / TURNS).toFixed(3).padStart(7)}` +
        `${String(after.gc.count - before.gc.count).padStart(5)}${(after.gc.ms - before.gc.ms).toFixed(0).padStart(6)}` +
        `${`${after.gc.majorCount - before.gc.majorCount}/${(after.gc.majorMs - before.gc.majorMs).toFixed(0)}`.padStart(10)}` +
        `${(parentMs / TURNS).toFixed(3).padStart(17)}${((others / (2 * wall)) * 100).toFixed(0).padStart(20)}%` +
        `${(machineAfter.steal - machineBefore.steal).toFixed(0).padStart(7)}`,
    );
  }
}
const peerA = cpu['peer A'];
for (const name of Object.keys(cpu))
  console.log(
    `${name.padEnd(14)} ratio to peer A per round: ${cpu[name].map((v, i) => (v / peerA[i]).toFixed(2)).join(' ')}`,
  );
// Ratios of sums over blocks of rounds: what finer interleaving buys (GROUP rounds per block).
const GROUP = Number(process.env.NOISE_GROUP ?? 1);
if (GROUP > 1)
  for (const name of Object.keys(cpu)) {
    const blocks: string[] = [];
    for (let i = 0; i + GROUP <= ROUNDS; i += GROUP) {
      const sum = (list: number[]) => list.slice(i, i + GROUP).reduce((a, b) => a + b, 0);
      blocks.push((sum(cpu[name]) / sum(peerA)).toFixed(2));
    }
    console.log(`${name.padEnd(14)} ratio to peer A per block of ${GROUP}: ${blocks.join(' ')}`);
  }
for (const child of children) await child.stop();
load.destroy();
