/**
 * What the stream-render benchmarks share: a static file server for the page, headless Chromium, a page with
 * the delta feeder (feed.mjs) loaded, the in-page setups of the contestants (`<chatkit-chat>` and the
 * incremental baseline), CDP helpers (metrics, tracing) and source-map resolution of profiled frames.
 * Used by stream-render.bench.mjs, by ab.mjs, delta-cost.mjs, profile.mjs, startup-profile.mjs and trace.mjs
 * here, and by bench/load/.
 */
/* global customElements, performance, requestAnimationFrame -- in-page functions (loadDropIn, …) */
import { createServer } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Buffer } from 'node:buffer';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../scripts/chromium-args.js';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';

/** The checkout these scripts belong to. */
export const repoRoot = normalize(join(import.meta.dirname, '../..'));

/** Exits with a message when `<root>/dist/chatkit-chat.js` is not built. */
export function requireBuild(root = repoRoot, shown = 'dist/chatkit-chat.js') {
  if (existsSync(join(root, 'dist/chatkit-chat.js'))) return;
  console.error(`${shown} is missing: run npm run build first`);
  process.exit(1);
}

/**
 * Bundles and minifies code for the page (ES2022 module); `input` is esbuild's `entryPoints` or `stdin`
 * option. Resolves to the code.
 */
export async function bundleForPage(input) {
  const result = await build({
    ...input,
    bundle: true,
    format: 'esm',
    write: false,
    minify: true,
    target: 'es2022',
    logLevel: 'error',
  });
  return result.outputFiles[0].text;
}

/** The incremental baseline (baseline.ts: marked + DOMPurify), bundled and minified for the page. */
export const bundleBaseline = () =>
  bundleForPage({ entryPoints: [join(import.meta.dirname, 'baseline.ts')] });

/**
 * The delta feeder, read on each request (so an edit shows up without restarting). Serve it at `/feed.js`;
 * serve() serves the module it imports (stream-events.js) at `/stream-events.js`.
 */
export const feedFile = () => readFileSync(join(import.meta.dirname, 'feed.mjs'));
const streamEventsFile = () => readFileSync(join(import.meta.dirname, 'stream-events.js'));

const BLANK_PAGE = '<!doctype html><html><body></body></html>';
const TYPES = {
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.html': 'text/html',
  '.css': 'text/css',
};

/**
 * Serves a blank page at `/`, the feeder's stream-events.js at `/stream-events.js`, `files` (pathname → content, or a function giving it, or undefined for a 404)
 * and, for each `mounts` prefix, the files under its folder (`{ '/dist/': '<root>/dist' }`).
 * `compress`: gzip when the client accepts it and `cache-control: no-store`, as the load figures need
 * (bytes on the wire, every page loading afresh). Resolves to the origin and a `close()`.
 */
export async function serve({
  files = {},
  mounts = { '/dist/': join(repoRoot, 'dist') },
  compress = false,
} = {}) {
  const server = createServer((req, res) => {
    const { pathname } = new URL(req.url, 'http://x');
    let body;
    if (pathname === '/') body = Buffer.from(BLANK_PAGE);
    else if (pathname === '/stream-events.js') body = streamEventsFile();
    else if (Object.hasOwn(files, pathname)) {
      const content = typeof files[pathname] === 'function' ? files[pathname]() : files[pathname];
      if (content !== undefined) body = Buffer.from(content);
    } else {
      const prefix = Object.keys(mounts).find((p) => pathname.startsWith(p));
      if (prefix) {
        const dir = normalize(mounts[prefix]);
        const file = normalize(join(dir, pathname.slice(prefix.length)));
        if (file.startsWith(dir + sep) && existsSync(file) && statSync(file).isFile())
          body = readFileSync(file);
      }
    }
    if (!body) return res.writeHead(404).end();
    const headers = { 'content-type': TYPES[extname(pathname)] ?? 'text/html' };
    if (compress) {
      headers['cache-control'] = 'no-store';
      if (/gzip/.test(req.headers['accept-encoding'] ?? '')) {
        body = gzipSync(body, { level: 9 });
        headers['content-encoding'] = 'gzip';
      }
    }
    res.writeHead(200, headers).end(body);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

/**
 * Headless Chromium (`CHROME_PATH`, default /usr/bin/chromium), with nothing running in the background (no
 * omnibox popup either: see scripts/chromium-args.js).
 */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS],
  });
}

/**
 * A new page on the blank document with the delta feeder loaded and set to feed `deltas` (`paced`: one per
 * 16 ms, otherwise each in its own task as fast as the page takes them). `beforeLoad(page)` runs on the new
 * page before it loads anything (to attach CDP listeners).
 */
export async function openFeedPage(browser, origin, { deltas, paced = false, beforeLoad } = {}) {
  const page = await browser.newPage();
  await beforeLoad?.(page);
  await page.goto(origin + '/');
  await page.addScriptTag({ url: '/feed.js', type: 'module' });
  await page.waitForFunction(() => window.__feedReady);
  if (deltas) await page.evaluate(([d, p]) => window.__setFeed(d, p), [deltas, paced]);
  return page;
}

/**
 * In-page setups (bodies of an async function, for `page.evaluate(setupScript(...))`): each mounts one
 * contestant and defines `window.__run()`, which streams the feed's answer into it and resolves once it
 * is rendered.
 */
export const SETUPS = {
  /** `<chatkit-chat>` from `src`, talking to the feed through its `api.fetch`; resolves after the response end. */
  ours: (src = '/dist/chatkit-chat.js') => `
    await import('${src}');
    const el = document.createElement('chatkit-chat');
    el.style.cssText = 'display:block;width:720px;height:900px';
    document.body.append(el);
    const ready = new Promise((r) => el.addEventListener('chatkit.ready', r, { once: true }));
    el.setOptions({ api: { url: 'https://api.test/chatkit', fetch: (i, init) => window.__feed.fetch(i, init) } });
    await ready;
    window.__run = () => new Promise((resolve) => {
      el.addEventListener('chatkit.response.end', () => requestAnimationFrame(() => setTimeout(resolve)), { once: true });
      el.sendUserMessage({ text: 'go' });
    });`,
  /** The incremental baseline (served at /baseline.js) in a scrolling host. */
  baseline: () => `
    const { createBaseline } = await import('/baseline.js');
    const host = document.createElement('div');
    host.style.cssText = 'display:block;width:720px;height:900px;overflow:auto';
    document.body.append(host);
    const view = createBaseline(host);
    window.__run = () => window.__feed.drive((d) => view.push(d)).then(() => view.finish());`,
};

/**
 * In-page, for `page.evaluate(loadDropIn, options)`: loads `/dist/chatkit-chat.js` into the page as a site
 * drops it in (the element in the page first, then the script; options set once it is defined) and resolves
 * once `chatkit.ready` fired, to the times from the script's response end and from the script's adding to
 * ready (ms) and the ready time itself (`performance.now()`). Marks `script-added` and `chatkit-ready` for traces. `feed`: the element talks to the delta
 * feeder (openFeedPage), otherwise its requests never answer; `style`: the element's inline style.
 */
export async function loadDropIn({ feed = false, style = '' } = {}) {
  const el = document.createElement('chatkit-chat');
  if (style) el.style.cssText = style;
  document.body.append(el);
  const readyAt = new Promise((r) =>
    el.addEventListener(
      'chatkit.ready',
      () => {
        performance.mark('chatkit-ready');
        r(performance.now());
      },
      { once: true },
    ),
  );
  const s = document.createElement('script');
  s.type = 'module';
  s.src = '/dist/chatkit-chat.js';
  performance.mark('script-added');
  document.head.append(s);
  await customElements.whenDefined('chatkit-chat');
  el.setOptions({
    api: {
      url: 'https://api.test/chatkit',
      fetch: feed ? (i, init) => window.__feed.fetch(i, init) : () => new Promise(() => {}),
    },
  });
  const t = await readyAt;
  const entry = performance
    .getEntriesByType('resource')
    .find((e) => e.name.endsWith('/dist/chatkit-chat.js'));
  return {
    fromResponseEnd: t - entry.responseEnd,
    fromAdded: t - performance.getEntriesByName('script-added')[0].startTime,
    readyAt: t,
  };
}

/**
 * In-page, for `page.evaluate(streamFirstAnswer)`: sends "go" from the page's `<chatkit-chat>` and resolves
 * 100 ms after the frame after `chatkit.response.end` (the answer rendered and settled).
 */
export function streamFirstAnswer() {
  return new Promise((resolve) => {
    const el = document.querySelector('chatkit-chat');
    el.addEventListener('chatkit.response.end', () => requestAnimationFrame(() => setTimeout(resolve, 100)), {
      once: true,
    });
    el.sendUserMessage({ text: 'go' });
  });
}

/**
 * Wraps a setup body into an expression for `page.evaluate`; it resolves once the page has been idle twice
 * after the setup, as a page is before a reader's first message (for every contestant alike: work a
 * contestant leaves for idle time, such as `<chatkit-chat>`'s warm-up, is done before the measured send).
 */
export const setupScript = (body) =>
  `(async () => { ${body}; await new Promise((r) => requestIdleCallback(() => requestIdleCallback(r))); })()`;

/** CDP `Performance.getMetrics` as an object (`TaskDuration`, `ThreadTime`, `LayoutCount`, …). */
export async function performanceMetrics(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}

/** Starts a CDP trace (`Tracing.start` with `options`); the returned `stop()` resolves to its events. */
/** The trace events of the page's renderer main thread (`CrRendererMain`). */
export function rendererMainEvents(events) {
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  return events.filter((e) => e.pid === main.pid && e.tid === main.tid);
}

export async function startTracing(cdp, options) {
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  const complete = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.start', { transferMode: 'ReportEvents', ...options });
  return async () => {
    await cdp.send('Tracing.end');
    await complete;
    return events;
  };
}

/** The median (the mean of the middle two for an even count). */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Maps a profiled frame of a file under `<root>/dist/` to its source through the file's source map:
 * `{ name, source, line }`, or null when the frame is elsewhere or the file has no map.
 */
export function sourceMapper(root) {
  const maps = new Map();
  return ({ url, lineNumber, columnNumber }) => {
    const path = url.includes('/dist/') ? join(root, new URL(url).pathname) : '';
    if (!path || !existsSync(path + '.map')) return null;
    if (!maps.has(path)) maps.set(path, new TraceMap(readFileSync(path + '.map', 'utf8')));
    return originalPositionFor(maps.get(path), { line: lineNumber + 1, column: columnNumber });
  };
}
