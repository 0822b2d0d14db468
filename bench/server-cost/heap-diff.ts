/**
 * What a held stream keeps on the heap: builds a server-cost benchmark child like the benchmark does
 * (esbuild, plain `node`), streams warm-up turns, takes a heap snapshot, holds N streams open after their
 * first delta, takes a second snapshot, and prints the difference per object kind (V8 node type and
 * constructor or string name): count and self size per held stream.
 *
 * Run: `npx tsx bench/server-cost/heap-diff.ts <memory|sqlite|peer> [held=200] [warmup=2000]`
 * (HEAP_DIFF_OWNERS=n lists n owners per kind instead of 3; HEAP_DIFF_DICT=1 also lists the new objects in
 * dictionary mode, those whose `properties` is an `(object properties)` array, by property names and owner)
 * Needs the peer installed for `peer` (`npm --prefix bench/peer ci`).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer, createLoad, startChild } from './launch.js';

const [kind = 'memory', heldArg = '200', warmupArg = '2000'] = process.argv.slice(2);
const held = Number(heldArg);
const warmup = Number(warmupArg);

const peer = kind === 'peer';
const file = await buildServer(peer ? 'peer' : 'ours', { suffix: '-heap' });
const work = mkdtempSync(join(tmpdir(), 'chatkit-heap-'));
const child = await startChild(kind, file, peer ? [] : [kind, join(work, 'h.db')], { cwd: work });
const { ask } = child;
const load = createLoad();
const turn = (text: string, onFirst?: () => void) => load.turn(child.port, text, onFirst);
await load.run(child.port, 10, warmup, 'hi');

// Hold `held` streams open once before the base snapshot, so the sockets of the keep-alive agent exist in
// both snapshots and only what a held stream adds shows in the difference.
async function hold(): Promise<Promise<unknown>[]> {
  await ask('arm');
  let opened = 0;
  let allOpen!: () => void;
  const open = new Promise<void>((resolve) => (allOpen = resolve));
  const streams = Array.from({ length: held }, () =>
    turn('please hold this stream', () => {
      if (++opened === held) allOpen();
    }),
  );
  await open;
  return streams;
}
let streams = await hold();
await ask('release');
await Promise.all(streams);
await ask('gc');
const base = (await ask('snapshot')).path as string;
streams = await hold();
await ask('gc');
const heldSnapshot = (await ask('snapshot')).path as string;
await ask('release');
await Promise.all(streams);
load.destroy();
await child.stop();

interface Snapshot {
  snapshot: {
    meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] };
  };
  nodes: number[];
  edges: number[];
  strings: string[];
}
const read = (path: string) => JSON.parse(readFileSync(join(work, path), 'utf8')) as Snapshot;
const kindOf = (data: Snapshot, index: number, width: number) => {
  const fields = data.snapshot.meta.node_fields;
  const type = data.snapshot.meta.node_types[0][data.nodes[index * width + fields.indexOf('type')]!]!;
  let name = data.strings[data.nodes[index * width + fields.indexOf('name')]!]!;
  if (type === 'string' || type === 'concatenated string' || type === 'sliced string') name = '';
  if (name.length > 50) name = name.slice(0, 50) + '…';
  return `${type} ${name}`;
};
// Node ids are stable between the snapshots of one process: the objects of the second snapshot whose id the
// first one lacks are what the held streams (and anything else since) made.
const baseData = read(base);
const baseWidth = baseData.snapshot.meta.node_fields.length;
const idAt = baseData.snapshot.meta.node_fields.indexOf('id');
const oldIds = new Set<number>();
for (let i = 0; i < baseData.nodes.length; i += baseWidth) oldIds.add(baseData.nodes[i + idAt]!);
const data = read(heldSnapshot);
const meta = data.snapshot.meta;
const width = meta.node_fields.length;
const sizeAt = meta.node_fields.indexOf('self_size');
const edgeCountAt = meta.node_fields.indexOf('edge_count');
const edgeWidth = meta.edge_fields.length;
const edgeToAt = meta.edge_fields.indexOf('to_node');
const edgeNameAt = meta.edge_fields.indexOf('name_or_index');
const edgeTypeAt = meta.edge_fields.indexOf('type');
const nodeCount = data.nodes.length / width;
const isNew = new Uint8Array(nodeCount);
for (let n = 0; n < nodeCount; n++) if (!oldIds.has(data.nodes[n * width + idAt]!)) isNew[n] = 1;
// One retainer per new node (a new one preferred): "<owner kind>.<edge name>".
const owner = new Array<string | undefined>(nodeCount);
let edge = 0;
for (let n = 0; n < nodeCount; n++) {
  const count = data.nodes[n * width + edgeCountAt]!;
  for (let e = 0; e < count; e++, edge += edgeWidth) {
    const to = data.edges[edge + edgeToAt]! / width;
    if (!isNew[to] || (owner[to] && !isNew[n])) continue;
    if (owner[to] && isNew[n] && owner[to]!.startsWith('*')) continue;
    const edgeType = meta.edge_types[0][data.edges[edge + edgeTypeAt]!];
    if (edgeType === 'weak') continue;
    const nameOrIndex = data.edges[edge + edgeNameAt]!;
    const edgeName =
      edgeType === 'element' || edgeType === 'hidden' ? `[${nameOrIndex}]` : data.strings[nameOrIndex];
    owner[to] = `${isNew[n] ? '*' : ''}${kindOf(data, n, width)} .${edgeName}`;
  }
}
const rows = new Map<string, { count: number; size: number; owners: Map<string, number> }>();
let total = 0;
for (let n = 0; n < nodeCount; n++) {
  if (!isNew[n]) continue;
  const key = kindOf(data, n, width);
  const size = data.nodes[n * width + sizeAt]!;
  total += size;
  const row = rows.get(key) ?? { count: 0, size: 0, owners: new Map() };
  row.count++;
  row.size += size;
  const by = owner[n] ?? '(none)';
  row.owners.set(by, (row.owners.get(by) ?? 0) + size);
  rows.set(key, row);
}
console.log(
  `${kind}: ${held} held streams, new objects' self size per held stream ${(total / held / 1024).toFixed(2)} KB ` +
    '(owners marked * are new objects too)',
);
console.log('   bytes  objects  kind  <- main owners (bytes per stream)');
for (const [key, row] of [...rows].sort((a, b) => b[1].size - a[1].size).slice(0, 45)) {
  if (row.size / held < 8) break;
  const owners = [...row.owners]
    .sort((a, b) => b[1] - a[1])
    .slice(0, process.env.HEAP_DIFF_OWNERS ? Number(process.env.HEAP_DIFF_OWNERS) : 3)
    .map(([name, size]) => `${name} ${(size / held).toFixed(0)}`)
    .join('; ');
  console.log(
    `${(row.size / held).toFixed(0).padStart(8)} ${(row.count / held).toFixed(2).padStart(8)}  ${key}  <- ${owners}`,
  );
}
if (process.env.HEAP_DIFF_DICT) {
  const firstEdge = new Uint32Array(nodeCount + 1);
  for (let n = 0; n < nodeCount; n++)
    firstEdge[n + 1] = firstEdge[n]! + data.nodes[n * width + edgeCountAt]! * edgeWidth;
  const dict = new Map<string, number>();
  for (let n = 0; n < nodeCount; n++) {
    if (!isNew[n]) continue;
    let slow = false;
    const names: string[] = [];
    for (let e = firstEdge[n]!; e < firstEdge[n + 1]!; e += edgeWidth) {
      const edgeType = meta.edge_types[0][data.edges[e + edgeTypeAt]!];
      const to = data.edges[e + edgeToAt]! / width;
      const name =
        edgeType === 'element' || edgeType === 'hidden' ? '' : data.strings[data.edges[e + edgeNameAt]!]!;
      if (name === 'properties' && kindOf(data, to, width) === 'array (object properties)') slow = true;
      else if (edgeType === 'property') names.push(name);
    }
    if (!slow) continue;
    const key = `${kindOf(data, n, width)} {${names.join(', ')}} <- ${owner[n] ?? '(none)'}`;
    dict.set(key, (dict.get(key) ?? 0) + 1);
  }
  console.log('new objects in dictionary mode (count per held stream):');
  for (const [key, count] of [...dict].sort((a, b) => b[1] - a[1]).slice(0, 30))
    console.log(`${(count / held).toFixed(2).padStart(8)}  ${key}`);
}
rmSync(work, { recursive: true, force: true });
