/**
 * Where a streamed turn's CPU goes, layer by layer, ours against the peer (issue 9 item 4). Builds the
 * server-cost children (with source maps), warms each up, then profiles them in interleaved slices under the
 * same load (the child's own inspector: `cpu-start`/`cpu-stop` in child.ts, sampling every CPU_SAMPLING_US,
 * default 200 µs, so start-up and warm-up are not in the profile) and attributes the main thread's self time
 * per turn to layers: node's HTTP, net, stream, events and event-loop internals, native calls (the socket
 * write syscalls are the `writev`/`writeBuffer`/`write*String` natives), GC, Express and its packages, our
 * router and response path (server/express, src/protocol/sse.ts), ChatKit code (server/chatkit, the protocol
 * helpers, the peer's package), stores and the bench's own responder. Then it counts, per turn, in a separate
 * phase (counters.ts; counting slows the child): socket writes and bytes, response headers set, listeners
 * added, promises, ticks, immediates, timers.
 *
 * Run: `npx tsx bench/server-cost/layers.ts [turns=6000] [concurrency=10] [slices=6]`
 * (env: LAYERS_KINDS=memory,sqlite,peer, LAYERS_WARMUP=2000 turns per child, LAYERS_COUNT_TURNS=1000,
 * LAYERS_TOP=12 functions listed per layer where ours and the peer differ most, LAYERS_BEFORE=<a bundled
 * ours-server.mjs with an inline source map> adds that build as `before-memory` / `before-sqlite`).
 * Asserts nothing; never part of `npm test`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer, createLoad, startChild, type Child } from './launch.js';

const [turnsArg = '6000', concurrencyArg = '10', slicesArg = '6'] = process.argv.slice(2);
const TURNS = Number(turnsArg);
const C = Number(concurrencyArg);
const SLICES = Number(slicesArg);
const WARMUP = Number(process.env.LAYERS_WARMUP ?? 2000);
const COUNT_TURNS = Number(process.env.LAYERS_COUNT_TURNS ?? 1000);
const TOP = Number(process.env.LAYERS_TOP ?? 12);
const KINDS = (process.env.LAYERS_KINDS ?? 'memory,sqlite,peer').split(',');

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface Profile {
  nodes: { id: number; callFrame: CallFrame }[];
  samples: number[];
  timeDeltas: number[];
}

const work = mkdtempSync(join(tmpdir(), 'chatkit-layers-'));
const oursFile = await buildServer('ours', { suffix: '-map', sourcemap: true });
const peerFile = await buildServer('peer', { suffix: '-map', sourcemap: true });
const files: Record<string, string> = {};
const children: Child[] = [];
for (const kind of KINDS) {
  if (kind === 'peer') {
    children.push(await startChild('peer', peerFile, []));
    files.peer = peerFile;
  } else if (kind === 'memory' || kind === 'sqlite') {
    children.push(await startChild(kind, oursFile, [kind, join(work, `${kind}.db`)]));
    files[kind] = oursFile;
  }
}
if (process.env.LAYERS_BEFORE) {
  for (const kind of ['memory', 'sqlite']) {
    const name = `before-${kind}`;
    children.push(await startChild(name, process.env.LAYERS_BEFORE, [kind, join(work, `${name}.db`)]));
    files[name] = process.env.LAYERS_BEFORE;
  }
}

const load = createLoad();
const loads: number[] = [loadavg()[0]];
for (const child of children) await load.run(child.port, C, WARMUP);

// ---- profiles, interleaved slices ------------------------------------------------------------------------
const profiles = new Map<string, Profile[]>(children.map((child) => [child.name, []]));
const cpu = new Map<string, number>(children.map((child) => [child.name, 0]));
const perSlice = Math.round(TURNS / SLICES);
for (let slice = 0; slice < SLICES; slice++) {
  const order = children.map((_, i) => children[(i + slice) % children.length]);
  for (const child of order) {
    await child.ask('gc');
    const before = await child.ask('usage');
    await child.ask('cpu-start');
    await load.run(child.port, C, perSlice);
    const { profile } = await child.ask('cpu-stop');
    const after = await child.ask('usage');
    cpu.set(child.name, cpu.get(child.name)! + after.cpuMicros - before.cpuMicros);
    profiles.get(child.name)!.push(profile);
  }
  loads.push(loadavg()[0]);
}

// ---- counts -----------------------------------------------------------------------------------------------
const counts = new Map<string, Record<string, number>>();
for (const child of children) {
  await child.ask('count-start');
  await load.run(child.port, C, COUNT_TURNS);
  counts.set(child.name, (await child.ask('count-stop')).counts);
}
loads.push(loadavg()[0]);
load.destroy();
for (const child of children) await child.stop();
rmSync(work, { recursive: true, force: true });

// ---- attribution -------------------------------------------------------------------------------------------
const maps = new Map<string, SourceMap | null>();
type Entry = { originalSource?: string; originalLine?: number };
const entryOf = (map: SourceMap | null | undefined, frame: CallFrame): Entry | undefined =>
  map?.findEntry(frame.lineNumber, frame.columnNumber) as Entry | undefined;
function sourceMapOf(url: string): SourceMap | null {
  if (maps.has(url)) return maps.get(url)!;
  let map: SourceMap | null = null;
  try {
    const text = readFileSync(new URL(url), 'utf8');
    const match = /\/\/# sourceMappingURL=data:application\/json;base64,(\S+)\s*$/.exec(text);
    if (match) map = new SourceMap(JSON.parse(Buffer.from(match[1], 'base64').toString('utf8')));
  } catch {
    map = null;
  }
  maps.set(url, map);
  return map;
}

const NODE_LAYERS: [RegExp, string][] = [
  [/^node:(_http_|http$|internal\/http)/, 'node http'],
  [/^node:(net$|internal\/stream_base_commons|internal\/net)/, 'node net'],
  [/^node:internal\/streams\//, 'node stream'],
  [
    /^node:events$|^node:internal\/event_target|^node:internal\/abort_controller/,
    'node events / AbortSignal',
  ],
  [
    /^node:(internal\/process\/task_queues|internal\/timers|timers$|internal\/async_hooks|async_hooks$)/,
    'node event loop',
  ],
];
const EXPRESS = new Set([
  'express',
  'router',
  'body-parser',
  'raw-body',
  'mime-types',
  'mime-db',
  'content-type',
  'type-is',
  'on-finished',
  'finalhandler',
  'send',
  'depd',
  'debug',
  'qs',
  'iconv-lite',
  'media-typer',
  'bytes',
  'parseurl',
  'path-to-regexp',
  'encodeurl',
  'escape-html',
  'statuses',
  'http-errors',
  'accepts',
  'negotiator',
  'fresh',
  'etag',
  'vary',
  'proxy-addr',
  'forwarded',
  'ipaddr.js',
  'cookie',
  'cookie-signature',
  'range-parser',
  'safe-buffer',
  'merge-descriptors',
  'utils-merge',
  'methods',
  'array-flatten',
  'setprototypeof',
  'inherits',
  'toidentifier',
  'unpipe',
  'ee-first',
  'content-disposition',
  'serve-static',
  'is-promise',
  'once',
  'wrappy',
  'side-channel',
  'call-bind',
  'get-intrinsic',
  'object-inspect',
  'math-intrinsics',
  'es-errors',
  'function-bind',
  'hasown',
  'call-bound',
  'dunder-proto',
  'es-object-atoms',
  'gopd',
  'has-symbols',
  'get-proto',
  'side-channel-list',
  'side-channel-map',
  'side-channel-weakmap',
  'es-define-property',
  'call-bind-apply-helpers',
  'router',
]);
const SOCKET_NATIVES =
  /^(writev|writeBuffer|writeUtf8String|writeLatin1String|writeAsciiString|writeUcs2String)$/;

function layerOf(frame: CallFrame): string {
  const { functionName, url } = frame;
  if (functionName === '(garbage collector)') return 'GC (main thread)';
  if (functionName === '(program)') return 'V8 / native (program)';
  if (!url) {
    if (SOCKET_NATIVES.test(functionName)) return 'socket write (native + syscall)';
    if (functionName === 'runMicrotasks') return 'node event loop';
    return 'native (other)';
  }
  if (url.startsWith('node:')) {
    for (const [pattern, layer] of NODE_LAYERS) if (pattern.test(url)) return layer;
    return 'node (other)';
  }
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1];
  if (pkg === 'chatkit-node-backend-sdk') return 'ChatKit code';
  if (pkg === 'better-sqlite3') return 'store';
  if (pkg && EXPRESS.has(pkg)) return 'Express & its packages';
  if (pkg) return `package ${pkg}`;
  if (url.includes('peer-server'))
    return /Store|loadThread|saveThread|addThreadItem|saveItem|loadItem/.test(functionName)
      ? 'store'
      : 'bench child (responder, wiring)';
  const map = sourceMapOf(url);
  const source = entryOf(map, frame)?.originalSource ?? '';
  if (/server\/express\/|src\/protocol\/sse/.test(source)) return 'our router / response';
  if (/server\/stores\//.test(source)) return 'store';
  if (/server\/chatkit\/|src\/protocol\//.test(source)) return 'ChatKit code';
  if (/bench\//.test(source)) return 'bench child (responder, wiring)';
  if (/server\//.test(source)) return 'our server (other)';
  return `other (${url.split('/').pop()})`;
}

function functionKey(frame: CallFrame): string {
  let where = frame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\//, '');
  const map =
    frame.url.startsWith('file:') && !frame.url.includes('node_modules') ? sourceMapOf(frame.url) : null;
  const entry = entryOf(map, frame);
  if (entry?.originalSource)
    where = `${entry.originalSource.replace(/^.*?(server|src|bench)\//, '$1/')}:${(entry.originalLine ?? 0) + 1}`;
  else where = `${where}:${frame.lineNumber + 1}`;
  return `${frame.functionName || '(anonymous)'} ${where}`;
}

interface Attribution {
  busyMicros: number;
  layers: Map<string, number>;
  functions: Map<string, { layer: string; micros: number }>;
}
function attribute(list: Profile[]): Attribution {
  const result: Attribution = { busyMicros: 0, layers: new Map(), functions: new Map() };
  for (const profile of list) {
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const cache = new Map<number, { layer: string; key: string }>();
    profile.samples.forEach((id, index) => {
      const dt = profile.timeDeltas[index + 1] ?? 0; // a sample's time is the gap to the next one
      const frame = byId.get(id)!.callFrame;
      if (frame.functionName === '(idle)') return;
      let info = cache.get(id);
      if (!info) {
        info = { layer: layerOf(frame), key: functionKey(frame) };
        cache.set(id, info);
      }
      result.busyMicros += dt;
      result.layers.set(info.layer, (result.layers.get(info.layer) ?? 0) + dt);
      const fn = result.functions.get(info.key) ?? { layer: info.layer, micros: 0 };
      fn.micros += dt;
      result.functions.set(info.key, fn);
    });
  }
  return result;
}

const names = children.map((child) => child.name);
const turnsOf = (name: string) => profiles.get(name)!.length * perSlice;
const attributions = new Map(names.map((name) => [name, attribute(profiles.get(name)!)]));
const pad = (text: string, width: number) => text.padStart(width);
const col = Math.max(12, ...children.map((child) => child.name.length + 2));

console.log(
  `\nlayers.ts: c=${C}, ${SLICES} slices × ${perSlice} turns per server (after ${WARMUP} warm-up turns), ` +
    `sampling ${process.env.CPU_SAMPLING_US ?? 200} µs; load average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}`,
);
console.log(
  '\nMain-thread self time, µs per turn (sampled), and process CPU (cpuUsage, all threads) per turn:',
);
console.log(`${'layer'.padEnd(36)}${names.map((name) => pad(name, col)).join('')}`);
const layers = [...new Set(names.flatMap((name) => [...attributions.get(name)!.layers.keys()]))].sort(
  (a, b) =>
    Math.max(...names.map((name) => attributions.get(name)!.layers.get(b) ?? 0)) -
    Math.max(...names.map((name) => attributions.get(name)!.layers.get(a) ?? 0)),
);
for (const layer of layers)
  console.log(
    `${layer.padEnd(36)}${names
      .map((name) => pad(((attributions.get(name)!.layers.get(layer) ?? 0) / turnsOf(name)).toFixed(1), col))
      .join('')}`,
  );
console.log(
  `${'= busy (sampled)'.padEnd(36)}${names.map((name) => pad((attributions.get(name)!.busyMicros / turnsOf(name)).toFixed(1), col)).join('')}`,
);
console.log(
  `${'process CPU (cpuUsage)'.padEnd(36)}${names.map((name) => pad((cpu.get(name)! / turnsOf(name)).toFixed(1), col)).join('')}`,
);

// Functions where ours and the peer differ most (per turn), for the layers outside the ChatKit code.
if (names.includes('peer')) {
  const peer = attributions.get('peer')!;
  for (const name of names.filter((n) => n !== 'peer')) {
    const ours = attributions.get(name)!;
    const keys = new Set([...ours.functions.keys(), ...peer.functions.keys()]);
    const rows = [...keys]
      .map((key) => {
        const a = ours.functions.get(key);
        const b = peer.functions.get(key);
        return {
          key,
          layer: a?.layer ?? b!.layer,
          ours: (a?.micros ?? 0) / turnsOf(name),
          peer: (b?.micros ?? 0) / turnsOf('peer'),
        };
      })
      .sort((x, y) => Math.abs(y.ours - y.peer) - Math.abs(x.ours - x.peer))
      .slice(0, TOP * 3);
    console.log(`\n${name} against peer, functions with the largest difference (µs per turn: ours / peer):`);
    for (const row of rows)
      console.log(
        `${pad(row.ours.toFixed(1), 7)} ${pad(row.peer.toFixed(1), 7)}  ${row.layer.padEnd(32)} ${row.key}`,
      );
  }
}

console.log(`\nCounted per turn (${COUNT_TURNS} turns, counting phase):`);
const countKeys = [...new Set(names.flatMap((name) => Object.keys(counts.get(name)!)))].sort();
console.log(`${'count'.padEnd(36)}${names.map((name) => pad(name, col)).join('')}`);
for (const key of countKeys)
  console.log(
    `${key.padEnd(36)}${names.map((name) => pad(((counts.get(name)![key] ?? 0) / COUNT_TURNS).toFixed(2), col)).join('')}`,
  );

// LAYERS_LIST=<layer>,<layer>: every function of those layers with its µs per turn, per server.
for (const layer of (process.env.LAYERS_LIST ?? '').split(',').filter(Boolean)) {
  for (const name of names) {
    const rows = [...attributions.get(name)!.functions]
      .filter(([, fn]) => fn.layer === layer)
      .sort((a, b) => b[1].micros - a[1].micros)
      .slice(0, TOP * 2);
    console.log(`\n${name}, ${layer}:`);
    for (const [key, fn] of rows) console.log(`${pad((fn.micros / turnsOf(name)).toFixed(1), 7)}  ${key}`);
  }
}
