/**
 * How long the element's first `localStorage` access blocks before `chatkit.ready`:
 * `node bench/load/storage-probe.mjs [pages]` (after `npm run build`). On fresh pages, wraps the
 * `window.localStorage` getter and `Storage.prototype.getItem`/`setItem` to time each call (wall time:
 * the first access waits on the browser process, synchronously), loads `dist/chatkit-chat.js` as the load
 * bench does, and prints per page script → ready and the time spent inside storage calls before ready,
 * with medians. Never in `npm test`.
 */
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { Buffer } from 'node:buffer';
import { loadavg } from 'node:os';
import { chromium } from 'playwright-core';

const root = normalize(process.env.PROFILE_ROOT ?? join(import.meta.dirname, '../..'));
const pages = Number(process.argv[2]) || 9;
const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  let body;
  if (url.pathname.startsWith('/dist/')) {
    const file = normalize(join(root, url.pathname));
    if (file.startsWith(join(root, 'dist')) && existsSync(file)) body = readFileSync(file);
  } else if (url.pathname === '/') body = Buffer.from('<!doctype html><html><body></body></html>');
  if (!body) return res.writeHead(404).end();
  res.writeHead(200, { 'content-type': url.pathname === '/' ? 'text/html' : 'text/javascript' }).end(body);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking'],
});
const rows = [];
for (let i = 0; i < pages; i++) {
  const page = await browser.newPage();
  await page.goto(origin + '/');
  const row = await page.evaluate(async () => {
    const calls = [];
    const getter = Object.getOwnPropertyDescriptor(window, 'localStorage').get;
    Object.defineProperty(window, 'localStorage', {
      configurable: true,
      get() {
        const t = performance.now();
        const s = getter.call(window);
        calls.push(['localStorage', performance.now() - t]);
        return s;
      },
    });
    for (const name of ['getItem', 'setItem']) {
      const original = window.Storage.prototype[name];
      window.Storage.prototype[name] = function (...args) {
        const t = performance.now();
        const r = original.apply(this, args);
        calls.push([name, performance.now() - t]);
        return r;
      };
    }
    const el = document.createElement('chatkit-chat');
    document.body.append(el);
    const readyAt = new Promise((r) =>
      el.addEventListener('chatkit.ready', () => r(performance.now()), { once: true }),
    );
    const s = document.createElement('script');
    s.type = 'module';
    s.src = '/dist/chatkit-chat.js';
    document.head.append(s);
    await customElements.whenDefined('chatkit-chat');
    el.setOptions({ api: { url: 'https://api.test/chatkit', fetch: () => new Promise(() => {}) } });
    const t = await readyAt;
    const entry = performance
      .getEntriesByType('resource')
      .find((e) => e.name.endsWith('/dist/chatkit-chat.js'));
    return {
      ready: t - entry.responseEnd,
      storage: calls.reduce((s, c) => s + c[1], 0),
      calls: calls.length,
    };
  });
  rows.push({ ...row, load: loadavg()[0] });
  console.log(
    `page ${i + 1}: script → ready ${row.ready.toFixed(1)} ms, in storage calls ${row.storage.toFixed(1)} ms (${row.calls} calls), load ${loadavg()[0].toFixed(1)}`,
  );
  await page.close();
}
const median = (v) => [...v].sort((a, b) => a - b)[v.length >> 1];
console.log(
  `median: script → ready ${median(rows.map((r) => r.ready)).toFixed(1)} ms, in storage ${median(rows.map((r) => r.storage)).toFixed(1)} ms`,
);
await browser.close();
server.close();
