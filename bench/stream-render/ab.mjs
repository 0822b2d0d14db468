/**
 * Paired before/after of two builds of `<chatkit-chat>`: `node bench/stream-render/ab.mjs <before-root> [bytes]
 * [deltas] [paced] [pairs]`, where `<before-root>` is another checkout with `dist/` built (`git archive <commit> |
 * tar -x -C <dir>`, a node_modules link, `npx vite build`) and "after" is this one. The same answer is streamed
 * through the render bench's feed into each build in turn, in alternating order, one page per run; prints CDP
 * main-thread task and CPU time per run and the median of the per-pair after/before ratios. Never in `npm test`.
 */
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { Buffer } from 'node:buffer';
import { chromium } from 'playwright-core';
import { makeAnswer, splitDeltas } from './answer.js';
const [beforeRoot, bytes = 16700, count = 4000, paced = '', pairs = 7] = process.argv.slice(2);
if (!beforeRoot || !existsSync(join(beforeRoot, 'dist/chatkit-chat.js'))) {
  console.error(
    'usage: node bench/stream-render/ab.mjs <before-root with dist/> [bytes] [deltas] [paced] [pairs]',
  );
  process.exit(1);
}
const roots = { before: normalize(beforeRoot), after: normalize(join(import.meta.dirname, '../..')) };
const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  let body;
  if (url.pathname === '/feed.js') body = readFileSync(join(import.meta.dirname, 'feed.mjs'));
  else {
    const m = url.pathname.match(/^\/(before|after)(\/dist\/.*)$/);
    if (m) {
      const f = normalize(join(roots[m[1]], m[2]));
      if (existsSync(f)) body = readFileSync(f);
    }
  }
  if (url.pathname === '/') body = Buffer.from('<!doctype html><html><body></body></html>');
  if (!body) return res.writeHead(404).end();
  res
    .writeHead(200, { 'content-type': extname(url.pathname) === '.js' ? 'text/javascript' : 'text/html' })
    .end(body);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking'],
});
const deltas = splitDeltas(makeAnswer(Number(bytes)), Number(count));
async function run(who) {
  const page = await browser.newPage();
  await page.goto(origin + '/');
  await page.addScriptTag({ url: '/feed.js', type: 'module' });
  await page.waitForFunction(() => window.__feedReady);
  await page.evaluate(([d, p]) => window.__setFeed(d, p), [deltas, paced === 'paced']);
  await page.evaluate(`(async () => {
    await import('/${who}/dist/chatkit-chat.js');
    const el = document.createElement('chatkit-chat');
    el.style.cssText = 'display:block;width:720px;height:900px';
    document.body.append(el);
    const ready = new Promise((r) => el.addEventListener('chatkit.ready', r, { once: true }));
    el.setOptions({ api: { url: 'https://api.test/chatkit', fetch: (i, init) => window.__feed.fetch(i, init) } });
    await ready;
  })()`);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const m = async () =>
    Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((x) => [x.name, x.value]));
  const a = await m();
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
  const b = await m();
  await page.close();
  return {
    task: (b.TaskDuration - a.TaskDuration) * 1000,
    cpu: (b.ThreadTime - a.ThreadTime) * 1000,
    layouts: b.LayoutCount - a.LayoutCount,
  };
}
const rows = [];
for (let i = 0; i < Number(pairs); i++) {
  const order = i % 2 ? ['after', 'before'] : ['before', 'after'];
  const r = {};
  for (const who of order) r[who] = await run(who);
  rows.push(r);
  console.log(
    `pair ${i + 1}: before task ${r.before.task.toFixed(0)} cpu ${r.before.cpu.toFixed(0)} | after task ${r.after.task.toFixed(0)} cpu ${r.after.cpu.toFixed(0)} | after/before cpu ${(r.after.cpu / r.before.cpu).toFixed(2)} task ${(r.after.task / r.before.task).toFixed(2)}`,
  );
}
const med = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const k = s.length >> 1;
  return s.length % 2 ? s[k] : (s[k - 1] + s[k]) / 2;
};
console.log(
  `median: before cpu ${med(rows.map((r) => r.before.cpu)).toFixed(0)} ms, after cpu ${med(rows.map((r) => r.after.cpu)).toFixed(0)} ms; after/before cpu ${med(rows.map((r) => r.after.cpu / r.before.cpu)).toFixed(2)}, task ${med(rows.map((r) => r.after.task / r.before.task)).toFixed(2)}`,
);
await browser.close();
server.close();
