/**
 * Where the render bench's style and layout passes come from: `node bench/stream-render/trace.mjs [bytes]
 * [deltas] [paced]` (after `npm run build`; `TRACE_WHO=baseline` for the baseline) streams one answer into
 * `<chatkit-chat>` under a CDP performance
 * trace (Tracing domain) and prints the style recalcs and layouts per animation frame, and the JavaScript
 * stacks that forced a style or layout pass (a read of layout after a write, mid-frame). Never in `npm test`.
 */
import { createServer } from 'node:http';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { Buffer } from 'node:buffer';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { makeAnswer, splitDeltas } from './answer.js';

const root = normalize(join(import.meta.dirname, '../..'));
const [bytes = 16_700, count = 4000, paced = ''] = process.argv.slice(2);
const who = process.env.TRACE_WHO ?? 'ours';
const baseline = (
  await build({
    entryPoints: [join(root, 'bench/stream-render/baseline.ts')],
    bundle: true,
    format: 'esm',
    write: false,
    minify: true,
    target: 'es2022',
    logLevel: 'error',
  })
).outputFiles[0].text;
const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  let body;
  if (url.pathname === '/baseline.js') body = Buffer.from(baseline);
  else if (url.pathname === '/feed.js') body = readFileSync(join(root, 'bench/stream-render/feed.mjs'));
  else if (url.pathname.startsWith('/dist/')) {
    const file = normalize(join(root, url.pathname));
    if (file.startsWith(join(root, 'dist')) && existsSync(file)) body = readFileSync(file);
  } else if (url.pathname === '/') body = Buffer.from('<!doctype html><html><body></body></html>');
  if (!body) return res.writeHead(404).end();
  const type = extname(url.pathname) === '.js' ? 'text/javascript' : 'text/html';
  res.writeHead(200, { 'content-type': type }).end(body);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking'],
});
const page = await browser.newPage();
await page.goto(origin + '/');
await page.addScriptTag({ url: '/feed.js', type: 'module' });
await page.waitForFunction(() => window.__feedReady);
const deltas = splitDeltas(makeAnswer(Number(bytes)), Number(count));
await page.evaluate(([d, p]) => window.__setFeed(d, p), [deltas, paced === 'paced']);
const setup = {
  baseline: `(async () => {
    const { createBaseline } = await import('/baseline.js');
    const host = document.createElement('div');
    host.style.cssText = 'display:block;width:720px;height:900px;overflow:auto';
    document.body.append(host);
    const view = createBaseline(host);
    window.__run = () => window.__feed.drive((d) => view.push(d)).then(() => view.finish());
  })()`,
  ours: `(async () => {
  await import('/dist/chatkit-chat.js');
  const el = document.createElement('chatkit-chat');
  el.style.cssText = 'display:block;width:720px;height:900px';
  document.body.append(el);
  const ready = new Promise((r) => el.addEventListener('chatkit.ready', r, { once: true }));
  el.setOptions({ api: { url: 'https://api.test/chatkit', fetch: (i, init) => window.__feed.fetch(i, init) } });
  await ready;
  window.__run = () => new Promise((resolve) => {
    el.addEventListener('chatkit.response.end', () => requestAnimationFrame(() => setTimeout(resolve)), { once: true });
    el.sendUserMessage({ text: 'go' });
  });
})()`,
};
await page.evaluate(setup[who]);
const cdp = await page.context().newCDPSession(page);
const events = [];
cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
const complete = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
await cdp.send('Tracing.start', {
  transferMode: 'ReportEvents',
  traceConfig: {
    includedCategories: [
      'devtools.timeline',
      'disabled-by-default-devtools.timeline',
      'disabled-by-default-devtools.timeline.stack',
      'blink',
      'v8.execute',
    ],
  },
});
await page.evaluate(() => window.__run());
await cdp.send('Tracing.end');
await complete;
if (process.env.TRACE_OUT) writeFileSync(process.env.TRACE_OUT, JSON.stringify({ traceEvents: events }));
await browser.close();
server.close();

const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid);
const frames = onMain.filter((e) => e.name === 'FireAnimationFrame').length;
const count_ = (name) => onMain.filter((e) => e.name === name);
const styles = count_('UpdateLayoutTree');
const layouts = count_('Layout');
const ms = (list) => list.reduce((s, e) => s + (e.dur ?? 0), 0) / 1000;
console.log(
  `${deltas.length} deltas: rAF callbacks ${frames}, style recalcs ${styles.length} (${ms(styles).toFixed(0)} ms), ` +
    `layouts ${layouts.length} (${ms(layouts).toFixed(0)} ms)`,
);
const tasks = onMain.filter((e) => e.name === 'RunTask' && e.dur);
console.log(
  `tasks ${tasks.length}, total ${ms(tasks).toFixed(0)} ms, longest ${(Math.max(...tasks.map((t) => t.dur)) / 1000).toFixed(1)} ms`,
);
// Forced passes: those with a JS stack (beginData.stackTrace) are synchronous reads from script.
const forced = new Map();
for (const e of [...styles, ...layouts]) {
  const stack = e.args?.beginData?.stackTrace ?? e.args?.data?.stackTrace;
  if (!stack?.length) continue;
  const key = `${e.name} ← ${stack
    .slice(0, 4)
    .map((f) => `${f.functionName || '(anon)'}@${f.url.split('/').pop()}:${f.lineNumber}`)
    .join(' ← ')}`;
  const v = forced.get(key) ?? { n: 0, us: 0 };
  v.n++;
  v.us += e.dur ?? 0;
  forced.set(key, v);
}
console.log('forced (from script):');
for (const [k, v] of [...forced].sort((a, b) => b[1].us - a[1].us).slice(0, 20))
  console.log(`  ${String(v.n).padStart(5)} × ${(v.us / 1000).toFixed(0).padStart(5)} ms  ${k}`);
// What else takes main-thread time (top-level events inside tasks, by name).
const byName = new Map();
for (const e of onMain) {
  if (!e.dur || e.name === 'RunTask') continue;
  const v = byName.get(e.name) ?? 0;
  byName.set(e.name, v + e.dur);
}
console.log('by event (inclusive, overlapping):');
for (const [k, v] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 18))
  console.log(`  ${(v / 1000).toFixed(0).padStart(6)} ms  ${k}`);
