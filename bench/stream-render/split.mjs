/**
 * Splits a CPU profile of `<chatkit-chat>` streaming an answer by where the time goes along the per-delta path:
 * `PROFILE_OUT=/tmp/p.cpuprofile node bench/stream-render/profile.mjs 16700 4000` first, then
 * `node bench/stream-render/split.mjs /tmp/p.cpuprofile [dist-root]` (dist-root: the checkout whose `dist/`
 * was profiled, default this one). Each sample goes to the first category of its stack, innermost frame first
 * for the leaf categories (JSON.parse, TextDecoder, GC…) and then by the owning code anywhere in the stack, in
 * the priority order below (markdown before the thread that renders it, the reducer before the runner that
 * calls it). Prints ms and the share of the sampled busy time. Never in `npm test`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';

const [file, rootArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/stream-render/split.mjs <profile.cpuprofile> [dist-root]');
  process.exit(1);
}
const root = normalize(rootArg ?? join(import.meta.dirname, '../..'));
const profile = JSON.parse(readFileSync(file, 'utf8'));

const maps = new Map();
const resolve = ({ functionName, url, lineNumber, columnNumber }) => {
  const name = functionName || '(anonymous)';
  const path = url.includes('/dist/') ? join(root, new URL(url).pathname) : '';
  if (!path || !existsSync(path + '.map')) return { name, source: url.split('/').pop() || '' };
  if (!maps.has(path)) maps.set(path, new TraceMap(readFileSync(path + '.map', 'utf8')));
  const pos = originalPositionFor(maps.get(path), { line: lineNumber + 1, column: columnNumber });
  return { name: pos.name ?? name, source: (pos.source ?? '?').replace(/^(\.\.\/)+/, '') };
};

/** Categories by owning code, in priority order: the first one found anywhere in a sample's stack wins. */
const owners = [
  ['markdown', (f) => /src\/markdown\/|node_modules\/marked\//.test(f.source)],
  ['items (templates)', (f) => /src\/element\/items\//.test(f.source)],
  ['thread component', (f) => /src\/element\/thread\//.test(f.source)],
  ['root element + context', (f) => /src\/element\/chatkit-chat\/|src\/context\//.test(f.source)],
  ['other components', (f) => /src\/element\//.test(f.source) && !/controllers\//.test(f.source)],
  [
    'reducer (apply-update, thread-state)',
    (f) => /src\/protocol\/(reducer|apply-update|thread-state)\.ts/.test(f.source),
  ],
  [
    'session notify + controller',
    (f) => /src\/protocol\/session\.ts|controllers\/session-controller/.test(f.source),
  ],
  [
    'SSE decode (sse.ts, sse-reader.ts)',
    (f) => /src\/protocol\/sse(-reader)?\.ts|eventsource-parser/.test(f.source),
  ],
  ['transport + stream runner', (f) => /src\/protocol\/(transport|stream-runner)\.ts/.test(f.source)],
  ['bench feed (encode + enqueue)', (f) => /feed\.js|feed\.mjs/.test(f.source)],
  ['lit (unattributed updates)', (f) => /node_modules\/(lit|@lit|lit-html|lit-element)/.test(f.source)],
  ['other src', (f) => /^src\//.test(f.source)],
];
/** Leaf categories: decided by the innermost frame before ownership (native calls made by our code). */
const leaves = [
  ['(garbage collector)', (f) => f.name === '(garbage collector)'],
  ['(idle)', (f) => f.name === '(idle)'],
];

const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const frame = new Map(profile.nodes.map((n) => [n.id, resolve(n.callFrame)]));
const sums = new Map();
const jsonParse = new Map();
const detail = new Map();
let busy = 0;
const add = (m, k, dt) => m.set(k, (m.get(k) ?? 0) + dt);
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i + 1] ?? 0;
  const leaf = frame.get(id);
  const leafCat = leaves.find(([, test]) => test(leaf))?.[0];
  if (leafCat === '(idle)') return add(sums, leafCat, dt);
  busy += dt;
  if (leafCat) return add(sums, leafCat, dt);
  const stack = [];
  for (let n = id; n !== undefined; n = parent.get(n)) stack.push(frame.get(n));
  if (leaf.name === 'parse' && leaf.source === '') add(jsonParse, 'JSON.parse (native, any caller)', dt);
  for (const [cat, test] of owners) {
    if (stack.some(test)) {
      add(detail, `${cat} | ${leaf.name} ${leaf.source}`, dt);
      return add(sums, cat, dt);
    }
  }
  add(sums, leaf.name === '(program)' ? '(program: native, style/layout/paint)' : `other: ${leaf.name}`, dt);
});
const rows = [...sums].filter(([k]) => k !== '(idle)').sort((a, b) => b[1] - a[1]);
console.log(
  `sampled busy ${(busy / 1000).toFixed(0)} ms (idle ${((sums.get('(idle)') ?? 0) / 1000).toFixed(0)} ms)`,
);
for (const [k, us] of rows.filter(([k]) => !k.startsWith('other: ')))
  console.log(
    `  ${(us / 1000).toFixed(0).padStart(6)} ms  ${((100 * us) / busy).toFixed(1).padStart(5)}%  ${k}`,
  );
const other = rows.filter(([k]) => k.startsWith('other: '));
const otherSum = other.reduce((s, [, us]) => s + us, 0);
console.log(
  `  ${(otherSum / 1000).toFixed(0).padStart(6)} ms  ${((100 * otherSum) / busy).toFixed(1).padStart(5)}%  other native/browser: ` +
    other
      .slice(0, 6)
      .map(([k, us]) => `${k.slice(7)} ${(us / 1000).toFixed(0)}`)
      .join(', '),
);
for (const [k, us] of jsonParse) console.log(`  (of which ${k}: ${(us / 1000).toFixed(0)} ms)`);
// DETAIL=1: the leaf functions (self time) inside each category.
if (process.env.DETAIL) {
  for (const [k, us] of [...detail].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.DETAIL) || 40))
    console.log(`  ${(us / 1000).toFixed(1).padStart(7)} ms  ${k}`);
}
