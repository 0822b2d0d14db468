/**
 * What each source module costs the drop-in file in gzip: `node bench/load/module-gzip.mjs [file]` (after `npm
 * run build`; default `dist/chatkit-chat.js`). Every character of the built file is given to the source module its
 * source map names (library modules grouped by package; `?` for what the map names no source of, such as the
 * export list), then per module: its characters, the gzip size of those characters alone, and its **marginal**
 * gzip: `gzip -9` of the whole file minus `gzip -9` of the file without that module's characters, i.e. about what
 * removing the module would save (gzip shares context across modules, so the alone sizes add up to more than the
 * file). `MODULE=<name>` also prints that module's characters, `¦` between its ranges. Sizes only, never in `npm
 * test`; `first-answer-coverage.mjs` says which of those characters a first answer runs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { TraceMap, eachMapping } from '@jridgewell/trace-mapping';
import { repoRoot as root } from '../stream-render/harness.js';

const file = process.argv[2] ?? 'dist/chatkit-chat.js';
const code = readFileSync(join(root, file), 'utf8');
const map = new TraceMap(readFileSync(join(root, `${file}.map`), 'utf8'));
const lineStarts = [0];
for (let i = 0; i < code.length; i++) if (code[i] === '\n') lineStarts.push(i + 1);
const segments = [];
eachMapping(map, (m) => segments.push([lineStarts[m.generatedLine - 1] + m.generatedColumn, m.source]));
segments.sort((a, b) => a[0] - b[0]);
const owner = new Array(code.length).fill('?');
for (let i = 0; i < segments.length; i++) {
  const [start, source] = segments[i];
  const end = i + 1 < segments.length ? segments[i + 1][0] : code.length;
  const name = (source ?? '?')
    .replace(/^(\.\.\/)+/, '')
    .replace(/.*node_modules\/((@[^/]+\/)?[^/]+).*/, 'nm:$1');
  owner.fill(name, start, end);
}
const gz = (text) => gzipSync(text, { level: 9 }).length;
const total = gz(code);
const chars = new Map();
for (const name of owner) chars.set(name, (chars.get(name) ?? 0) + 1);
const rows = [];
for (const [name, count] of chars) {
  let alone = '';
  let without = '';
  for (let i = 0; i < code.length; i++) {
    if (owner[i] === name) alone += code[i];
    else without += code[i];
  }
  rows.push([name, count, gz(alone), total - gz(without)]);
}
rows.sort((a, b) => b[3] - a[3]);
console.log(`${file}: ${code.length} characters, ${total} B gzip -9`);
console.log('module'.padEnd(58), 'chars'.padStart(6), 'alone'.padStart(6), 'marginal'.padStart(8));
for (const [name, count, alone, marginal] of rows)
  console.log(
    name.padEnd(58),
    String(count).padStart(6),
    String(alone).padStart(6),
    String(marginal).padStart(8),
  );
if (process.env.MODULE) {
  let text = '';
  for (let i = 0; i < code.length; i++) {
    if (owner[i] === process.env.MODULE) text += code[i];
    else if (text && !text.endsWith('¦')) text += '¦';
  }
  console.log(text);
}
