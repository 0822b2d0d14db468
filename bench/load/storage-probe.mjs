/**
 * How long the element's first `localStorage` access blocks before `chatkit.ready`:
 * `node bench/load/storage-probe.mjs [pages]` (after `npm run build`). On fresh pages, wraps the
 * `window.localStorage` getter and `Storage.prototype.getItem`/`setItem` to time each call (wall time:
 * the first access waits on the browser process, synchronously), loads `dist/chatkit-chat.js` as the load
 * bench does, and prints per page script → ready and the time spent inside storage calls before ready,
 * with medians. Never in `npm test`.
 */
import { join, normalize } from 'node:path';
import { loadavg } from 'node:os';
import { launchChromium, loadDropIn, repoRoot, serve } from '../stream-render/harness.js';

const root = process.env.PROFILE_ROOT ? normalize(process.env.PROFILE_ROOT) : repoRoot;
const pages = Number(process.argv[2]) || 9;
const server = await serve({ mounts: { '/dist/': join(root, 'dist') } });
const { origin } = server;
const browser = await launchChromium();
const rows = [];
for (let i = 0; i < pages; i++) {
  const page = await browser.newPage();
  await page.goto(origin + '/');
  await page.evaluate(() => {
    const calls = (window.__storageCalls = []);
    const getter = Object.getOwnPropertyDescriptor(window, 'localStorage').get;
    Object.defineProperty(window, 'localStorage', {
      configurable: true,
      get() {
        const t = performance.now();
        const s = getter.call(window);
        calls.push(['localStorage', performance.now() - t, t]);
        return s;
      },
    });
    for (const name of ['getItem', 'setItem']) {
      const original = window.Storage.prototype[name];
      window.Storage.prototype[name] = function (...args) {
        const t = performance.now();
        const r = original.apply(this, args);
        calls.push([name, performance.now() - t, t]);
        return r;
      };
    }
  });
  const { fromResponseEnd, readyAt } = await page.evaluate(loadDropIn);
  // The calls made before ready (started before the ready event's listener ran).
  const row = await page.evaluate(
    ([ready, readyAt]) => {
      const calls = window.__storageCalls.filter((c) => c[2] <= readyAt);
      return { ready, storage: calls.reduce((s, c) => s + c[1], 0), calls: calls.length };
    },
    [fromResponseEnd, readyAt],
  );
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
