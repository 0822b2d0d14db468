/**
 * Where the time from the drop-in script to `chatkit.ready` goes: `node bench/stream-render/startup-profile.mjs
 * [runs]` (after `npm run build`). Loads `dist/chatkit-chat.js` into an idle page the way the load bench does
 * (element in the page, script added, options set once it is defined), records a CDP performance trace and a
 * CPU profile from the script's request to `chatkit.ready`, and prints per run: the main thread's time by
 * trace event (script compile and evaluation, style, layout, paint, idle), the requests made before ready,
 * and the functions with the most self time resolved through dist's source maps (summed over the runs).
 * `PROFILE_ROOT=<dir>` profiles another checkout's dist (to compare builds in one run). Never in `npm test`.
 */
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { Buffer } from 'node:buffer';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';

const root = normalize(process.env.PROFILE_ROOT ?? join(import.meta.dirname, '../..'));
const runs = Number(process.argv[2]) || 5;
if (!existsSync(join(root, 'dist/chatkit-chat.js'))) {
  console.error(`${root}/dist/chatkit-chat.js is missing: run npm run build first`);
  process.exit(1);
}
const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  let body;
  if (url.pathname.startsWith('/dist/')) {
    const file = normalize(join(root, url.pathname));
    if (file.startsWith(join(root, 'dist')) && existsSync(file)) body = readFileSync(file);
  } else if (url.pathname === '/') body = Buffer.from('<!doctype html><html><body></body></html>');
  if (!body) return res.writeHead(404).end();
  const headers = {
    'content-type': extname(url.pathname) === '.js' ? 'text/javascript' : 'text/html',
    'cache-control': 'no-store',
  };
  if (/gzip/.test(req.headers['accept-encoding'] ?? '')) {
    body = gzipSync(body, { level: 9 });
    headers['content-encoding'] = 'gzip';
  }
  res.writeHead(200, headers).end(body);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking'],
});

const maps = new Map();
const resolve = ({ functionName, url, lineNumber, columnNumber }) => {
  const name = functionName || '(anonymous)';
  const path = url.includes('/dist/') ? join(root, new URL(url).pathname) : '';
  if (!path || !existsSync(path + '.map')) return `${name} ${url ? url.split('/').pop() : '(native)'}`;
  if (!maps.has(path)) maps.set(path, new TraceMap(readFileSync(path + '.map', 'utf8')));
  const pos = originalPositionFor(maps.get(path), { line: lineNumber + 1, column: columnNumber });
  return `${pos.name ?? name} ${(pos.source ?? '?').replace(/^(\.\.\/)+/, '').replace(/^node_modules\//, '')}:${pos.line}`;
};

const selfTotals = new Map();
const readies = [];
const busies = [];
const cpus = [];
for (let run = 0; run < runs; run++) {
  const page = await browser.newPage();
  await page.goto(origin + '/');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const requests = [];
  cdp.on('Network.requestWillBeSent', (e) =>
    requests.push({ id: e.requestId, url: e.request.url, t: e.timestamp }),
  );
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  const traced = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.start', {
    categories: 'devtools.timeline,v8.execute,blink.user_timing,disabled-by-default-devtools.timeline',
    transferMode: 'ReportEvents',
  });
  await cdp.send('Profiler.start');
  const ready = await page.evaluate(async () => {
    const el = document.createElement('chatkit-chat');
    el.style.cssText = 'display:block;width:720px;height:700px';
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
    el.setOptions({ api: { url: 'https://api.test/chatkit', fetch: () => new Promise(() => {}) } });
    const t = await readyAt;
    const entry = performance
      .getEntriesByType('resource')
      .find((e) => e.name.endsWith('/dist/chatkit-chat.js'));
    return {
      fromResponseEnd: t - entry.responseEnd,
      fromAdded: t - performance.getEntriesByName('script-added')[0].startTime,
    };
  });
  const { profile } = await cdp.send('Profiler.stop');
  await cdp.send('Tracing.end');
  await traced;
  readies.push(ready.fromResponseEnd);

  // Main thread events between the script's response and the ready mark.
  const readyMark = events.find((e) => e.name === 'chatkit-ready');
  const rendererMain = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const main = events.filter((e) => e.pid === readyMark?.pid && e.tid === rendererMain?.tid);
  const sent = events.find(
    (e) => e.name === 'ResourceSendRequest' && e.args?.data?.url?.endsWith('/dist/chatkit-chat.js'),
  );
  const finish = events.find(
    (e) => e.name === 'ResourceFinish' && e.args?.data?.requestId === sent?.args?.data?.requestId,
  );
  const start = finish?.ts ?? main[0]?.ts;
  const end = readyMark?.ts ?? main.at(-1)?.ts;
  const byName = new Map();
  let busy = 0;
  let cpu = 0;
  // Top-level tasks only (RunTask), and the named events inside them.
  for (const e of main) {
    if (e.ph !== 'X') continue;
    if (e.name === 'RunTask') {
      // Top-level tasks, clipped to the span.
      const overlap = Math.max(0, Math.min(end, e.ts + (e.dur ?? 0)) - Math.max(start, e.ts));
      busy += overlap / 1000;
      // Thread (CPU) time, in proportion to the part of the task inside the span: what load does not inflate.
      if (e.dur) cpu += ((e.tdur ?? 0) * overlap) / e.dur / 1000;
      continue;
    }
    if (e.ts < start || e.ts > end) continue;
    const d = (e.dur ?? 0) / 1000;
    if (
      /^(EvaluateScript|v8\.compileModule|v8\.evaluateModule|v8\.compile|FunctionCall|EventDispatch|UpdateLayoutTree|Layout|Paint|PrePaint|Layerize|TimerFire|FireAnimationFrame|ParseHTML|RunMicrotasks|v8\.run|CompileScript|ScheduleStyleRecalculation|HitTest)$/.test(
        e.name,
      )
    ) {
      byName.set(e.name, (byName.get(e.name) ?? 0) + d);
    }
  }
  const span = (end - start) / 1000;
  busies.push(busy);
  cpus.push(cpu);
  const before = requests.filter((r) => r.url.includes('/dist/')).map((r) => r.url.split('/').pop());
  console.log(
    `run ${run + 1}: script response end → ready ${ready.fromResponseEnd.toFixed(1)} ms (script added → ready ` +
      `${ready.fromAdded.toFixed(1)} ms); traced span ${span.toFixed(1)} ms, main thread busy ${busy.toFixed(1)} ms, CPU ${cpu.toFixed(1)} ms; ` +
      `requests before ready: ${before.join(', ')}`,
  );
  console.log(
    '  ' +
      [...byName]
        .sort((a, b) => b[1] - a[1])
        .map(([n, d]) => `${n} ${d.toFixed(1)}`)
        .join(', '),
  );

  // Self time per function from the CPU profile.
  const dt = new Map();
  profile.samples.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  for (const n of profile.nodes) {
    const k = resolve(n.callFrame);
    selfTotals.set(k, (selfTotals.get(k) ?? 0) + (dt.get(n.id) ?? 0));
  }
  await page.close();
}
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
console.log(
  `\nscript response end → chatkit.ready: median ${median(readies).toFixed(1)} ms (${readies.map((r) => r.toFixed(0)).join(', ')}); ` +
    `main thread busy in that span: median ${median(busies).toFixed(1)} ms (${busies.map((b) => b.toFixed(0)).join(', ')}); ` +
    `main thread CPU: median ${median(cpus).toFixed(1)} ms (${cpus.map((c) => c.toFixed(0)).join(', ')})`,
);
console.log(`\nself time summed over ${runs} runs (ms), top 30:`);
for (const [k, v] of [...selfTotals]
  .filter(([k]) => !/^\((idle|program|garbage collector)\)/.test(k))
  .sort((a, b) => b[1] - a[1])
  .slice(0, 30)) {
  console.log(`  ${v.toFixed(1).padStart(7)}  ${k}`);
}
for (const k of ['(idle)', '(program)', '(garbage collector)']) {
  const v = [...selfTotals].filter(([n]) => n.startsWith(k)).reduce((s, [, x]) => s + x, 0);
  console.log(`  ${v.toFixed(1).padStart(7)}  ${k}`);
}
await browser.close();
server.close();
