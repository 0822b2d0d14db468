/**
 * Request validation cost: `JSON.parse` + `parseRequest` (src/protocol/schema.ts) on bodies just under the
 * default 1 MB limit, in the shapes a hostile client can pick (issue 9 item 4, issue 11 item 3). Prints CPU
 * ms per body (median of several runs; user + system time of this process) and, for the depth check, the
 * ratio against the previous implementation that built a path string per node (kept below as the
 * baseline). Target: every body < 50 ms of CPU. Never part of `npm test`.
 *
 * Run: `npx tsx bench/validation.bench.ts`.
 */
import { cpuUsage } from 'node:process';
import { findTooDeep, MAX_DEPTH, parseRequest } from '../src/protocol/schema.js';

const LIMIT = 1024 * 1024;
const ROUNDS = 7;

/** The depth check as it was before (a `[value, depth, path]` tuple and a path string per node). */
function baselineFindTooDeep(value: unknown, max = MAX_DEPTH): string | null {
  const stack: [unknown, number, string][] = [[value, 0, '']];
  while (stack.length > 0) {
    const [current, depth, path] = stack.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= max) return path || '(root)';
    for (const [key, member] of Object.entries(current)) {
      stack.push([member, depth + 1, path ? `${path}.${key}` : key]);
    }
  }
  return null;
}

/** Repeats `unit` (joined by commas) inside `prefix…suffix` until the body is just under the limit. */
function fill(prefix: string, unit: (i: number) => string, suffix: string): string {
  const parts: string[] = [];
  let size = prefix.length + suffix.length;
  for (let i = 0; ; i++) {
    const next = unit(i);
    if (size + next.length + 1 > LIMIT) break;
    parts.push(next);
    size += next.length + 1;
  }
  return prefix + parts.join(',') + suffix;
}

const nested = (levels: number) => '['.repeat(levels) + '0' + ']'.repeat(levels);

const SHAPES: [name: string, body: string][] = [
  [
    'wide array of numbers in metadata',
    fill('{"type":"threads.list","params":{},"metadata":{"a":[', () => '0', ']}}'),
  ],
  [
    'wide array of empty objects in metadata',
    fill('{"type":"threads.list","params":{},"metadata":{"a":[', () => '{}', ']}}'),
  ],
  [
    'wide array of small objects in a payload',
    fill(
      '{"type":"threads.custom_action","params":{"thread_id":"t","action":{"type":"a","payload":[',
      (i) => `{"k":${i}}`,
      ']}}}',
    ),
  ],
  [
    'many keys in metadata',
    fill('{"type":"threads.list","params":{},"metadata":{', (i) => `"k${i}":0`, '}}'),
  ],
  [
    'branches nested just under the limit',
    fill('{"type":"threads.list","params":{},"metadata":{"a":[', () => nested(MAX_DEPTH - 3), ']}}'),
  ],
  [
    'one branch nested over the limit',
    `{"type":"threads.list","params":{},"metadata":{"a":${nested(400_000)}}}`,
  ],
  [
    'long string (thread title)',
    `{"type":"threads.update","params":{"thread_id":"t","title":"${'x'.repeat(LIMIT - 80)}"}}`,
  ],
  [
    'long string (tool result)',
    `{"type":"threads.add_client_tool_output","params":{"thread_id":"t","result":"${'x'.repeat(LIMIT - 100)}"}}`,
  ],
  [
    '100 text parts of 10,000 chars (valid)',
    JSON.stringify({
      type: 'threads.create',
      params: {
        input: {
          content: Array.from({ length: 100 }, () => ({ type: 'input_text', text: 'x'.repeat(10_000) })),
          attachments: [],
          inference_options: {},
        },
      },
    }),
  ],
  [
    'item_ids: wide array of numbers (invalid)',
    fill(
      '{"type":"items.feedback","params":{"thread_id":"t","kind":"positive","item_ids":[',
      () => '0',
      ']}}',
    ),
  ],
  [
    'item_ids: wide array of strings (invalid)',
    fill(
      '{"type":"items.feedback","params":{"thread_id":"t","kind":"positive","item_ids":[',
      (i) => `"m${i}"`,
      ']}}',
    ),
  ],
  [
    'structured answers: many entries (invalid)',
    fill(
      '{"type":"threads.add_structured_input","params":{"thread_id":"t","item_id":"i","input":{"answers":{',
      (i) => `"q${i}":{"values":[]}`,
      '}}}}',
    ),
  ],
  [
    'content: wide array of parts (invalid)',
    fill(
      '{"type":"threads.create","params":{"input":{"attachments":[],"inference_options":{},"content":[',
      () => '{"type":"input_text","text":""}',
      ']}}}',
    ),
  ],
];

const gc = (globalThis as { gc?: () => void }).gc;

/** CPU ms of `fn` (median of ROUNDS runs, a full GC before each when node runs with --expose-gc). */
function cpuMs(fn: () => unknown): number {
  const samples: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    gc?.();
    const start = cpuUsage();
    fn();
    const used = cpuUsage(start);
    samples.push((used.user + used.system) / 1000);
  }
  return samples.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)];
}

const rows = SHAPES.map(([name, body]) => {
  const value = JSON.parse(body);
  const result = parseRequest(value);
  const validate = cpuMs(() => parseRequest(value));
  const parse = cpuMs(() => JSON.parse(body));
  const depth = cpuMs(() => findTooDeep(value));
  const baseline = cpuMs(() => baselineFindTooDeep(value));
  return {
    shape: name,
    KB: Math.round(body.length / 1024),
    'parseRequest ms': validate.toFixed(1),
    'depth check ms': depth.toFixed(1),
    'old depth check ms': baseline.toFixed(1),
    'old / new': (baseline / Math.max(depth, 0.05)).toFixed(0),
    'JSON.parse ms': parse.toFixed(1),
    outcome: result.ok ? 'ok' : result.message.slice(0, 52),
  };
});
console.table(rows);
const worst = Math.max(...rows.map((row) => Number(row['parseRequest ms'])));
console.log(
  `worst parseRequest: ${worst.toFixed(1)} ms CPU (target < 50 ms); JSON.parse is the HTTP layer's own cost, ` +
    `shown for scale; node ${process.version}${gc ? ', GC before each run' : ''}`,
);
