/**
 * What of the drop-in file a first streamed answer never runs: `node bench/load/first-answer-coverage.mjs`
 * (after `npm run build`). Loads `dist/chatkit-chat.js` into an idle page as the load bench does, sends one
 * message, streams a markdown answer through the bench feed, then takes V8's precise (block) coverage and
 * prints, per source module of the drop-in file (through its source map), the gzip size of its code and of
 * the part never run. Code never run on this path is what could load on first use instead; code that runs
 * is needed for a first answer whatever file holds it. Never in `npm test`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import { makeAnswer, splitDeltas } from '../stream-render/answer.js';
import {
  feedFile,
  launchChromium,
  loadDropIn,
  openFeedPage,
  repoRoot as root,
  serve,
  streamFirstAnswer,
} from '../stream-render/harness.js';

const server = await serve({ files: { '/feed.js': feedFile } });
const browser = await launchChromium();
let cdp;
const page = await openFeedPage(browser, server.origin, {
  deltas: splitDeltas(makeAnswer(2000), 50),
  async beforeLoad(page) {
    cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.startPreciseCoverage', { callCount: false, detailed: true });
  },
});
await page.evaluate(loadDropIn, { feed: true });
await page.evaluate(streamFirstAnswer);
const { result } = await cdp.send('Profiler.takePreciseCoverage');
await browser.close();
server.close();

const file = process.argv[2] ?? 'dist/chatkit-chat.js';
const script = result.find((s) => s.url.endsWith('/' + file));
const code = readFileSync(join(root, file), 'utf8');
// Byte offsets → run or not: the innermost range containing an offset decides (ranges are nested).
const ran = new Uint8Array(code.length).fill(1);
for (const fn of script.functions)
  for (const r of fn.ranges) if (r.count === 0) ran.fill(0, r.startOffset, r.endOffset);
// Ranges with count > 0 nested inside count-0 ranges are not possible (a function never called has no
// executed blocks), so filling zeros over the defaults is enough.
const map = new TraceMap(readFileSync(join(root, file + '.map'), 'utf8'));
const lines = code.split('\n');
const per = new Map();
let offset = 0;
for (let li = 0; li < lines.length; li++) {
  const line = lines[li];
  let col = 0;
  while (col < line.length) {
    const pos = originalPositionFor(map, { line: li + 1, column: col });
    const src = (pos.source ?? '?')
      .replace(/^(\.\.\/)+/, '')
      .replace(/.*node_modules\/((@[^/]+\/)?[^/]+).*/, 'nm:$1');
    let end = col + 1;
    // Extend while the mapping stays the same source (cheap: step by chunks of the same original source).
    while (end < line.length) {
      const next = originalPositionFor(map, { line: li + 1, column: end });
      if (next.source !== pos.source && next.source != null) break;
      end++;
    }
    const e = per.get(src) ?? { all: '', dead: '' };
    for (let c = col; c < end; c++) {
      e.all += line[c];
      if (!ran[offset + c]) e.dead += line[c];
    }
    per.set(src, e);
    col = end;
  }
  offset += line.length + 1;
}
if (process.env.RANGES) {
  // The largest never-run ranges with their source position.
  const big = [];
  for (const fn of script.functions)
    for (const r of fn.ranges)
      if (r.count === 0 && r.endOffset - r.startOffset >= Number(process.env.RANGES)) big.push(r);
  big.sort((a, b) => b.endOffset - b.startOffset - (a.endOffset - a.startOffset));
  const lineStarts = [0];
  for (let i = 0; i < code.length; i++) if (code[i] === '\n') lineStarts.push(i + 1);
  const where = (off) => {
    let li = lineStarts.findLastIndex((s) => s <= off);
    const pos = originalPositionFor(map, { line: li + 1, column: off - lineStarts[li] });
    return `${(pos.source ?? '?').replace(/^(\.\.\/)+/, '')}:${pos.line} ${pos.name ?? ''}`;
  };
  for (const r of big.slice(0, 60))
    console.log(String(r.endOffset - r.startOffset).padStart(6), where(r.startOffset));
}
const gz = (s) => (s ? gzipSync(s, { level: 9 }).length : 0);
const rows = [...per].map(([src, e]) => [src, gz(e.all), gz(e.dead), e.all.length, e.dead.length]);
rows.sort((a, b) => b[2] - a[2]);
let deadChars = '';
for (const e of per.values()) deadChars += e.dead;
console.log(
  `${file}: ${(gz(code) / 1024).toFixed(1)} KB gzip; never run on the first-answer path: ${(gz(deadChars) / 1024).toFixed(1)} KB gzip alone`,
);
console.log('module'.padEnd(58), 'gzip', 'not run (gzip alone, chars)');
for (const [src, all, dead, ac, dc] of rows)
  console.log(src.padEnd(58), String(all).padStart(5), String(dead).padStart(6), `${dc}/${ac}`);
