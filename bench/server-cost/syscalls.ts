/**
 * System calls per streamed turn, ours against the peer: builds the server-cost children, warms each up,
 * then attaches `strace -c -f` (all threads) to one child at a time while the load streams the scripted turn
 * at it, and prints the calls per turn by name (writev, read, epoll_wait, futex, pwrite64, …). strace slows
 * the child: read the counts, never the times. Needs strace and ptrace permission.
 *
 * Run: `npx tsx bench/server-cost/syscalls.ts [turns=2000] [concurrency=10]`
 * (env: SYSCALLS_KINDS=memory,sqlite,peer; SYSCALLS_BEFORE=<a bundled ours-server.mjs> adds that build)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer, createLoad, startChild, type Child } from './launch.js';

const [turnsArg = '2000', concurrencyArg = '10'] = process.argv.slice(2);
const TURNS = Number(turnsArg);
const C = Number(concurrencyArg);
const KINDS = (process.env.SYSCALLS_KINDS ?? 'memory,sqlite,peer').split(',');

const work = mkdtempSync(join(tmpdir(), 'chatkit-syscalls-'));
const ours = await buildServer('ours');
const peer = await buildServer('peer');
const children: Child[] = [];
for (const kind of KINDS)
  children.push(
    kind === 'peer'
      ? await startChild('peer', peer, [])
      : await startChild(kind, ours, [kind, join(work, `${kind}.db`)]),
  );
if (process.env.SYSCALLS_BEFORE)
  for (const kind of ['memory', 'sqlite'])
    children.push(
      await startChild(`before-${kind}`, process.env.SYSCALLS_BEFORE, [
        kind,
        join(work, `before-${kind}.db`),
      ]),
    );

const load = createLoad();
const table = new Map<string, Map<string, number>>();
for (const child of children) {
  await load.run(child.port, C, 1000);
  const out = join(work, `${child.name}.strace`);
  const strace = spawn('strace', ['-c', '-f', '-o', out, '-p', String(child.process.pid)], {
    stdio: 'ignore',
  });
  // Wait until strace is attached: it reports "Process … attached" on stderr only without -o, so give it
  // a first small load and start counting from there (its calls are in the counts, 1/TURNS of them).
  await new Promise((resolve) => setTimeout(resolve, 500));
  await load.run(child.port, C, TURNS);
  const exited = new Promise((resolve) => strace.once('exit', resolve));
  strace.kill('SIGINT');
  await exited;
  const counts = new Map<string, number>();
  for (const line of readFileSync(out, 'utf8').split('\n')) {
    const match = /^\s*[\d.]+\s+[\d.]+\s+\d+\s+(\d+)\s+(?:\d+\s+)?(\w+)\s*$/.exec(line);
    if (match && match[2] !== 'total') counts.set(match[2]!, Number(match[1]));
  }
  table.set(child.name, counts);
}
load.destroy();
for (const child of children) await child.stop();
rmSync(work, { recursive: true, force: true });

const names = [...table.keys()];
const calls = [...new Set(names.flatMap((name) => [...table.get(name)!.keys()]))].sort(
  (a, b) =>
    Math.max(...names.map((name) => table.get(name)!.get(b) ?? 0)) -
    Math.max(...names.map((name) => table.get(name)!.get(a) ?? 0)),
);
console.log(`system calls per turn (strace -c -f, ${TURNS} turns at c=${C}; all threads)`);
console.log(`${'call'.padEnd(20)}${names.map((name) => name.padStart(16)).join('')}`);
for (const call of calls)
  console.log(
    `${call.padEnd(20)}${names.map((name) => ((table.get(name)!.get(call) ?? 0) / TURNS).toFixed(2).padStart(16)).join('')}`,
  );
console.log(
  `${'total'.padEnd(20)}${names.map((name) => ([...table.get(name)!.values()].reduce((a, b) => a + b, 0) / TURNS).toFixed(2).padStart(16)).join('')}`,
);
