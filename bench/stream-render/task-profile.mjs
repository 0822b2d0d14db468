/**
 * What the heaviest main-thread tasks of a streamed answer are made of, by CPU time: `node
 * bench/stream-render/task-profile.mjs [bytes] [deltas] [paced]` (after `npm run build`) streams one answer
 * into `<chatkit-chat>` under a CDP trace with V8's sampling profiler on, ranks the tasks by thread time
 * (`tdur`: CPU time, not inflated when the OS runs other processes, so a loaded machine still ranks them
 * right), and prints for each of the `TP_TOP` heaviest (default 8) its wall and CPU time, its kind (frame,
 * delta message, timer…), its rendering phases (style, layout with dirty/total objects, pre-paint, paint) and
 * the functions with the most self time in it, resolved through dist's source maps; times are from the start
 * of the send's task. The first heavy task, before the send, is this script's own: starting the sampler (V8
 * logs every compiled function, ~60 ms of CPU; the render bench starts no sampler). `TP_DIST=<dir>` profiles
 * another build's dist/ (e.g. main's, as ab.mjs uses); `TRACE_OUT=file` keeps the trace; `TP_INCL=1` adds
 * inclusive times of our own functions. Never in `npm test`.
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { makeAnswer, splitDeltas } from './answer.js';
import {
  SETUPS,
  feedFile,
  launchChromium,
  openFeedPage,
  repoRoot,
  requireBuild,
  serve,
  setupScript,
  sourceMapper,
  startTracing,
  rendererMainEvents,
} from './harness.js';

const [bytes = 65_536, count = 16_000, paced = ''] = process.argv.slice(2);
const distRoot = process.env.TP_DIST ? resolve(process.env.TP_DIST, '..') : repoRoot;
requireBuild(distRoot);
const server = await serve({
  files: { '/feed.js': feedFile },
  mounts: { '/dist/': resolve(distRoot, 'dist') },
});
const browser = await launchChromium();
const deltas = splitDeltas(makeAnswer(Number(bytes)), Number(count));
const page = await openFeedPage(browser, server.origin, { deltas, paced: paced === 'paced' });
await page.evaluate(setupScript(SETUPS.ours()));
const cdp = await page.context().newCDPSession(page);
const load0 = loadavg()[0];
const stopTracing = await startTracing(cdp, {
  traceConfig: {
    includedCategories: [
      'devtools.timeline',
      'disabled-by-default-devtools.timeline',
      'v8.execute',
      'disabled-by-default-v8.cpu_profiler',
    ],
  },
});
// Starting V8's sampler logs every compiled function: give that its own task before the send.
await page.evaluate(() => new Promise((r) => setTimeout(r, 50)));
await page.evaluate(() => window.__run());
const events = await stopTracing();
if (process.env.TRACE_OUT) writeFileSync(process.env.TRACE_OUT, JSON.stringify({ traceEvents: events }));
await browser.close();
server.close();

const onMain = rendererMainEvents(events);
const timed = onMain.filter((e) => e.ph === 'X' && e.dur);
const tasks = timed.filter((e) => e.name === 'RunTask').sort((a, b) => a.ts - b.ts);

// The sampling profile: a Profile event, then ProfileChunks with nodes, samples and time deltas (trace clock).
const profileId = onMain.find((e) => e.name === 'Profile')?.id;
const nodes = new Map();
const samples = [];
let clock = onMain.find((e) => e.name === 'Profile')?.args?.data?.startTime ?? 0;
for (const e of events.filter((x) => x.name === 'ProfileChunk' && x.id === profileId)) {
  const data = e.args?.data ?? {};
  for (const n of data.cpuProfile?.nodes ?? []) nodes.set(n.id, n);
  const ids = data.cpuProfile?.samples ?? [];
  const deltasUs = data.timeDeltas ?? [];
  ids.forEach((id, i) => {
    clock += deltasUs[i] ?? 0;
    samples.push({ id, ts: clock });
  });
}
const toSource = sourceMapper(distRoot);
const nameOf = (id) => {
  const frame = nodes.get(id)?.callFrame;
  if (!frame) return '?';
  const name = frame.functionName || '(anonymous)';
  const pos = frame.url ? toSource({ ...frame, url: frame.url }) : null;
  if (!pos)
    return `${name} ${frame.url ? frame.url.split('/').pop() + ':' + (frame.lineNumber + 1) : ''}`.trim();
  return `${pos.name ?? name} ${(pos.source ?? '?').replace(/^(\.\.\/)+/, '')}:${pos.line}`;
};

const kindOf = (inside) => {
  if (inside.some((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'chatkit.response.start'))
    return 'send';
  if (inside.some((e) => e.name === 'FireAnimationFrame' || e.name === 'WebFrameWidgetImpl::BeginMainFrame'))
    return 'frame';
  // Starting V8's sampler logs every compiled function, in an interrupt of the task running then: this
  // script's own, before the send (the render bench runs no sampler, so its long-task count never sees it).
  if (
    !inside.some((e) => e.name === 'FunctionCall') &&
    inside.some((e) => e.name === 'V8.InvokeApiInterruptCallbacks')
  )
    return 'sampler start (this script, not the element)';
  if (inside.some((e) => e.name === 'MessagePort::Accept')) return 'delta message';
  if (inside.some((e) => e.name === 'TimerFire')) return 'timer';
  if (inside.some((e) => e.name === 'ParseHTML' || e.name === 'EvaluateScript')) return 'script/parse';
  return 'other';
};
// Times are from the start of the send's task (the first over 1 ms if none is found).
const eventsIn = (t) => timed.filter((e) => e !== t && e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur);
const first = (
  tasks.find((t) => kindOf(eventsIn(t)) === 'send') ??
  tasks.find((t) => t.dur > 1000) ??
  tasks[0]
).ts;
const top = Number(process.env.TP_TOP ?? 8);
const heavy = [...tasks].sort((a, b) => (b.tdur ?? 0) - (a.tdur ?? 0)).slice(0, top);
// TP_LAST=n: also the last n tasks of over 2 ms CPU (the end of the answer: `thread.item.done`, the last render).
const lastN = Number(process.env.TP_LAST ?? 0);
if (lastN)
  for (const t of tasks.filter((x) => (x.tdur ?? 0) > 2000).slice(-lastN))
    if (!heavy.includes(t)) heavy.push(t);
const ms = (us) => (us / 1000).toFixed(1);
console.log(
  `${deltas.length} deltas of ${bytes} bytes${paced ? ', paced' : ''}: ${tasks.length} tasks, ` +
    `${samples.length} samples; load ${load0.toFixed(1)} → ${loadavg()[0].toFixed(1)}`,
);
console.log(
  `tasks over 50 ms wall: ${tasks.filter((t) => t.dur > 50_000).length}; over 50 ms CPU: ` +
    `${tasks.filter((t) => (t.tdur ?? 0) > 50_000).length}; heaviest ${top} by CPU:`,
);
for (const t of heavy.sort((a, b) => a.ts - b.ts)) {
  const inside = eventsIn(t);
  const sum = (name) => inside.filter((e) => e.name === name).reduce((s, e) => s + (e.tdur ?? e.dur), 0);
  const style = inside
    .filter((e) => e.name === 'UpdateLayoutTree')
    .map((e) => `${ms(e.tdur ?? e.dur)}[${e.args?.elementCount ?? '?'}]`);
  const layout = inside
    .filter((e) => e.name === 'Layout')
    .map((e) => {
      const d = e.args?.beginData ?? {};
      const forced = e.args?.beginData?.stackTrace?.length ? ' forced' : '';
      return `${ms(e.tdur ?? e.dur)}[${d.dirtyObjects}/${d.totalObjects}${forced}]`;
    });
  console.log(
    `\n+${ms(t.ts - first)} ms ${t.name === 'RunTask' ? kindOf(inside) : t.name}: wall ${ms(t.dur)} ms, CPU ${ms(t.tdur ?? 0)} ms; ` +
      `style ${style.join(' ') || '-'}; layout ${layout.join(' ') || '-'}; pre-paint ${ms(sum('PrePaint'))}; ` +
      `paint ${ms(sum('Paint'))}; layerize ${ms(sum('Layerize'))}; GC ${ms(sum('MinorGC') + sum('MajorGC') + sum('V8.GC_SCAVENGER'))}`,
  );
  // Self time by function (samples inside the task; the sampler's interval is charged to the sample).
  const self = new Map();
  const within = samples.filter((s) => s.ts >= t.ts && s.ts < t.ts + t.dur);
  within.forEach((s, i) => {
    const next = within[i + 1]?.ts ?? t.ts + t.dur;
    const k = nameOf(s.id);
    self.set(k, (self.get(k) ?? 0) + Math.min(next - s.ts, 1000));
  });
  for (const [k, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TP_FUNCS ?? 12)))
    console.log(`    ${ms(us).padStart(6)} ms  ${k}`);
  // TP_INCL=1: also inclusive time (the function anywhere on the sampled stack), our sources only.
  if (process.env.TP_INCL) {
    const incl = new Map();
    within.forEach((s, i) => {
      const next = within[i + 1]?.ts ?? t.ts + t.dur;
      const seen = new Set();
      for (let id = s.id; id; id = nodes.get(id)?.parent) {
        const k = nameOf(id);
        if (!(process.env.TP_INCL === 'all' || /src\//.test(k)) || seen.has(k)) continue;
        seen.add(k);
        incl.set(k, (incl.get(k) ?? 0) + Math.min(next - s.ts, 1000));
      }
    });
    console.log('    inclusive:');
    for (const [k, us] of [...incl]
      .sort((a, b) => b[1] - a[1])
      .slice(0, Number(process.env.TP_FUNCS ?? 12) * 2))
      console.log(`    ${ms(us).padStart(6)} ms  ${k}`);
  }
}
