/**
 * CPU profile of `<chatkit-chat>` streaming the render bench's answer, resolved to source through dist's
 * source maps: `node bench/stream-render/profile.mjs [bytes] [deltas] [paced]` (after `npm run build`). Prints
 * the functions with the most self time and the most total (inclusive) time (`PROFILE_OUT=file` keeps the raw
 * profile). Never in `npm test`.
 */
import { createServer } from 'node:http';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { Buffer } from 'node:buffer';
import { chromium } from 'playwright-core';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import { makeAnswer, splitDeltas } from './answer.js';

const root = normalize(join(import.meta.dirname, '../..'));
const [bytes = 16_700, count = 4000, paced = ''] = process.argv.slice(2);
const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  let body;
  if (url.pathname === '/feed.js') body = readFileSync(join(root, 'bench/stream-render/feed.mjs'));
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
await page.evaluate(`(async () => {
  await import('/dist/chatkit-chat.js');
  const el = document.createElement('chatkit-chat');
  el.style.cssText = 'display:block;width:720px;height:900px';
  document.body.append(el);
  const ready = new Promise((r) => el.addEventListener('chatkit.ready', r, { once: true }));
  el.setOptions({ api: { url: 'https://api.test/chatkit', fetch: (i, init) => window.__feed.fetch(i, init) } });
  await ready;
})()`);
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
await cdp.send('Profiler.start');
await page.evaluate(
  () =>
    new Promise((resolve) => {
      const el = document.querySelector('chatkit-chat');
      el.addEventListener('chatkit.response.end', () => requestAnimationFrame(() => setTimeout(resolve)), {
        once: true,
      });
      el.sendUserMessage({ text: 'go' });
    }),
);
const { profile } = await cdp.send('Profiler.stop');
// PROFILE_OUT=<file.cpuprofile>: keeps the raw profile (DevTools' Performance panel opens it).
if (process.env.PROFILE_OUT) writeFileSync(process.env.PROFILE_OUT, JSON.stringify(profile));
await browser.close();
server.close();

const maps = new Map();
const resolve = ({ functionName, url, lineNumber, columnNumber }) => {
  const name = functionName || '(anonymous)';
  const path = url.includes('/dist/') ? join(root, new URL(url).pathname) : '';
  if (!path || !existsSync(path + '.map')) return `${name} ${url.split('/').pop()}:${lineNumber + 1}`;
  if (!maps.has(path)) maps.set(path, new TraceMap(readFileSync(path + '.map', 'utf8')));
  const pos = originalPositionFor(maps.get(path), { line: lineNumber + 1, column: columnNumber });
  return `${pos.name ?? name} ${(pos.source ?? '?').replace(/^(\.\.\/)+/, '')}:${pos.line}`;
};
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map();
const total = new Map();
const key = new Map(profile.nodes.map((n) => [n.id, resolve(n.callFrame)]));
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i + 1] ?? 0;
  self.set(key.get(id), (self.get(key.get(id)) ?? 0) + dt);
  const seen = new Set();
  for (let n = id; n !== undefined; n = parent.get(n)) {
    const k = key.get(n);
    if (seen.has(k)) continue;
    seen.add(k);
    total.set(k, (total.get(k) ?? 0) + dt);
  }
});
const print = (title, m, n) => {
  console.log(title);
  for (const [k, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, n))
    console.log(`  ${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`);
};
print('self:', self, Number(process.env.TOP ?? 30));
// CALLERS=<name>: the stacks (innermost 6 frames) through which a function's self time was spent.
if (process.env.CALLERS) {
  const stacks = new Map();
  profile.samples.forEach((id, i) => {
    if (!key.get(id).startsWith(process.env.CALLERS + ' ')) return;
    const chain = [];
    for (let n = parent.get(id); n !== undefined && chain.length < 6; n = parent.get(n))
      chain.push(key.get(n));
    const k = chain.join(' < ');
    stacks.set(k, (stacks.get(k) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
  });
  print(`callers of ${process.env.CALLERS}:`, stacks, 8);
}
print('total:', total, Number(process.env.TOP ?? 45));
