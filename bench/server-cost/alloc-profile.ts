/**
 * What one streamed turn allocates, garbage included (the GC time per turn follows it): a benchmark child
 * under V8's sampling heap profiler with collected objects kept in the profile, the scripted turn streamed
 * at one concurrency, then the allocation sites with the most bytes per turn (self).
 *
 * Run: `npx tsx bench/server-cost/alloc-profile.ts <memory|sqlite|peer> [concurrency=10] [turns=3000]`
 * (ALLOC_SURVIVORS=1: only what survived a scavenge or is still alive, i.e. what the scavenges copy)
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer, createLoad, startChild } from './launch.js';

const [kind = 'memory', concurrencyArg = '10', turnsArg = '3000'] = process.argv.slice(2);
const concurrency = Number(concurrencyArg);
const turns = Number(turnsArg);
const peer = kind === 'peer';
const server = await buildServer(peer ? 'peer' : 'ours', { suffix: '-alloc', sourcemap: true });
const work = mkdtempSync(join(tmpdir(), 'chatkit-alloc-'));
const child = await startChild(kind, server, peer ? [] : [kind, join(work, 'p.db')], {
  execArgv: ['--enable-source-maps'],
});
const load = createLoad();
await load.run(child.port, concurrency, 2000, 'hi'); // warm
await child.ask('alloc-start');
await load.run(child.port, concurrency, turns, 'hi');
const { profile } = await child.ask('alloc-stop');
load.destroy();
await child.stop();

interface Node {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: Node[];
}
const self = new Map<string, number>();
let total = 0;
const walk = (node: Node, parent: string) => {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url.replace(/^.*node_modules\//, '').replace(/^.*\//, '');
  const name = `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`;
  // Allocations by V8 builtins are shown under their JavaScript caller.
  const key = where ? name : `${name} ← ${parent}`;
  total += node.selfSize;
  self.set(key, (self.get(key) ?? 0) + node.selfSize);
  for (const next of node.children) walk(next, where ? name : parent);
};
walk((profile as { head: Node }).head, '');
console.log(
  `${kind}, c=${concurrency}: ${(total / turns / 1024).toFixed(1)} KB allocated per turn (sampled)`,
);
for (const [key, bytes] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 40))
  console.log(`${(bytes / turns).toFixed(0).padStart(7)} B/turn  ${key}`);
