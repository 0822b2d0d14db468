/**
 * Where the time from the drop-in script to `chatkit.ready` goes: `node bench/stream-render/startup-profile.mjs
 * [runs]` (after `npm run build`). Loads `dist/chatkit-chat.js` into an idle page the way the load bench does
 * (element in the page, script added, options set once it is defined), records a CDP performance trace and a
 * CPU profile from the script's request to `chatkit.ready`, and prints per run: the main thread's time by
 * trace event (script compile and evaluation, style, layout, paint, idle), the requests made before ready,
 * and the functions with the most self time resolved through dist's source maps (summed over the runs).
 * `PROFILE_ROOT=<dir>` profiles another checkout's dist (to compare builds in one run). Never in `npm test`.
 */
import { join, normalize } from 'node:path';
import {
  launchChromium,
  loadDropIn,
  repoRoot,
  requireBuild,
  serve,
  sourceMapper,
  startTracing,
} from './harness.js';

const root = process.env.PROFILE_ROOT ? normalize(process.env.PROFILE_ROOT) : repoRoot;
const runs = Number(process.argv[2]) || 5;
requireBuild(root, `${root}/dist/chatkit-chat.js`);
// Gzip and no-store, as the load bench serves the drop-in script.
const server = await serve({ mounts: { '/dist/': join(root, 'dist') }, compress: true });
const { origin } = server;
const browser = await launchChromium();

const toSource = sourceMapper(root);
const resolve = (frame) => {
  const name = frame.functionName || '(anonymous)';
  const pos = toSource(frame);
  if (!pos) return `${name} ${frame.url ? frame.url.split('/').pop() : '(native)'}`;
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
  const stopTracing = await startTracing(cdp, {
    categories: 'devtools.timeline,v8.execute,blink.user_timing,disabled-by-default-devtools.timeline',
  });
  await cdp.send('Profiler.start');
  const ready = await page.evaluate(loadDropIn, { style: 'display:block;width:720px;height:700px' });
  const { profile } = await cdp.send('Profiler.stop');
  const events = await stopTracing();
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
