/**
 * What the streams in flight keep on the heap at an event-loop boundary (what a scavenge there has to copy):
 * a benchmark child streams warm-up turns, takes a heap snapshot after a full GC, then streams turns at
 * `concurrency` and takes a second snapshot ~0.4 s into that load; prints what the second snapshot has that
 * the first lacks (by V8 node type and constructor), the store's writes of those 0.4 s included.
 *
 * Run: `npx tsx bench/server-cost/inflight-heap.ts <memory|sqlite|peer> [concurrency=50]`
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer, createLoad, startChild } from './launch.js';
const [kind = 'memory', cArg = '50'] = process.argv.slice(2);
const peer = kind === 'peer';
const file = await buildServer(peer ? 'peer' : 'ours', { suffix: '-heap' });
const work = mkdtempSync(join(tmpdir(), 'chatkit-inflight-'));
const child = await startChild(kind, file, peer ? [] : [kind, join(work, 'h.db')], { cwd: work });
const load = createLoad();
await load.run(child.port, Number(cArg), 1000, 'hi');
await child.ask('gc');
const base = (await child.ask('snapshot')).path;
const running = load.run(child.port, Number(cArg), 4000, 'hi');
await new Promise((r) => setTimeout(r, 400));
const mid = (await child.ask('snapshot')).path;
await running;
load.destroy();
await child.stop();
const read = (p: string) => JSON.parse(readFileSync(join(work, p), 'utf8'));
const b = read(base);
const f = b.snapshot.meta.node_fields;
const w = f.length;
const idAt = f.indexOf('id');
const old = new Set<number>();
for (let i = 0; i < b.nodes.length; i += w) old.add(b.nodes[i + idAt]);
const d = read(mid);
const types = d.snapshot.meta.node_types[0];
const sums = new Map<string, [number, number]>();
let total = 0;
for (let i = 0; i < d.nodes.length; i += w) {
  if (old.has(d.nodes[i + idAt])) continue;
  const type = types[d.nodes[i + f.indexOf('type')]];
  let name = d.strings[d.nodes[i + f.indexOf('name')]];
  if (type.includes('string') || name.length > 40) name = name.slice(0, 0);
  const key = `${type} ${name}`;
  const size = d.nodes[i + f.indexOf('self_size')];
  total += size;
  const s = sums.get(key) ?? [0, 0];
  s[0]++;
  s[1] += size;
  sums.set(key, s);
}
console.log(`${kind}: new since base (in-flight c=${cArg} + store writes): ${(total / 1024).toFixed(0)} KB`);
for (const [k, [n, s]] of [...sums].sort((a, b) => b[1][1] - a[1][1]).slice(0, 25))
  console.log(String((s / 1024).toFixed(1)).padStart(8), 'KB', String(n).padStart(6), k);
