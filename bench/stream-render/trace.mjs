/**
 * Where the render bench's style and layout passes come from: `node bench/stream-render/trace.mjs [bytes]
 * [deltas] [paced]` (after `npm run build`; `TRACE_WHO=baseline` for the baseline) streams one answer into
 * `<chatkit-chat>` under a CDP performance
 * trace (Tracing domain) and prints the style recalcs and layouts per animation frame, and the JavaScript
 * stacks that forced a style or layout pass (a read of layout after a write, mid-frame), and what each task over
 * `TRACE_LONG` ms (default 40) contains. Never in `npm test`.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { makeAnswer, splitDeltas } from './answer.js';
import {
  SETUPS,
  bundleBaseline,
  feedFile,
  launchChromium,
  openFeedPage,
  requireBuild,
  serve,
  setupScript,
  startTracing,
  rendererMainEvents,
} from './harness.js';

const [bytes = 16_700, count = 4000, paced = ''] = process.argv.slice(2);
const who = process.env.TRACE_WHO ?? 'ours';
if (who === 'ours') requireBuild();
// TRACE_DIST=<dir>: another build's dist/ (e.g. a checkout of main, as for ab.mjs) instead of this one's.
const server = await serve({
  files: { '/baseline.js': await bundleBaseline(), '/feed.js': feedFile },
  ...(process.env.TRACE_DIST ? { mounts: { '/dist/': resolve(process.env.TRACE_DIST) } } : {}),
});
const browser = await launchChromium();
const deltas = splitDeltas(makeAnswer(Number(bytes)), Number(count));
const page = await openFeedPage(browser, server.origin, { deltas, paced: paced === 'paced' });
await page.evaluate(setupScript(SETUPS[who]()));
const cdp = await page.context().newCDPSession(page);
const stopTracing = await startTracing(cdp, {
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
const events = await stopTracing();
if (process.env.TRACE_OUT) writeFileSync(process.env.TRACE_OUT, JSON.stringify({ traceEvents: events }));
await browser.close();
server.close();

const onMain = rendererMainEvents(events);
const frames = onMain.filter((e) => e.name === 'FireAnimationFrame').length;
const count_ = (name) => onMain.filter((e) => e.name === name);
const styles = count_('UpdateLayoutTree');
const layouts = count_('Layout');
const ms = (list) => list.reduce((s, e) => s + (e.dur ?? 0), 0) / 1000;
console.log(
  `${deltas.length} deltas: rAF callbacks ${frames}, style recalcs ${styles.length} (${ms(styles).toFixed(0)} ms), ` +
    `layouts ${layouts.length} (${ms(layouts).toFixed(0)} ms)`,
);
// Rendering updates that ran layout more than once (a forced or repeated pass), and the mean layout time per
// quarter of the run (does a layout cost more as the answer grows?).
const lifecycles = count_('WebFrameWidgetImpl::UpdateLifecycle').filter((e) => e.dur);
const repeated = lifecycles.filter(
  (f) => layouts.filter((l) => l.ts >= f.ts && l.ts < f.ts + f.dur).length > 1,
).length;
const [t0, t1] = [layouts[0]?.ts ?? 0, layouts.at(-1)?.ts ?? 0];
const quarters = [0, 1, 2, 3].map((q) =>
  layouts.filter((l) => Math.min(3, Math.floor(((l.ts - t0) / (t1 - t0 + 1)) * 4)) === q),
);
console.log(
  `rendering updates ${lifecycles.length} (${ms(lifecycles).toFixed(0)} ms), ${repeated} with more than one layout; ` +
    `paint ${ms(count_('Paint')).toFixed(0)} ms, pre-paint ${ms(count_('PrePaint')).toFixed(0)} ms; mean layout per quarter ` +
    quarters.map((l) => `${(ms(l) / Math.max(1, l.length)).toFixed(2)} ms (${l.length})`).join(', '),
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
// Long tasks (`TRACE_LONG`, default 40 ms): what each contains, by direct child event, and the forced passes in it.
const longMs = Number(process.env.TRACE_LONG ?? 40);
const long = tasks.filter((t) => t.dur / 1000 > longMs);
console.log(`tasks over ${longMs} ms: ${long.length}`);
for (const t of long) {
  const inside = onMain.filter((e) => e !== t && e.dur && e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur);
  const parts = new Map();
  for (const e of inside) parts.set(e.name, (parts.get(e.name) ?? 0) + e.dur);
  const top = [...parts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}`)
    .join(', ');
  const at = ((t.ts - tasks[0].ts) / 1000).toFixed(0);
  console.log(`  at +${at} ms, ${(t.dur / 1000).toFixed(1)} ms: ${top}`);
  for (const e of inside.filter((e) => e.name === 'Layout' || e.name === 'UpdateLayoutTree')) {
    const stack = e.args?.beginData?.stackTrace ?? e.args?.data?.stackTrace;
    const d = e.args?.beginData ?? {};
    const who = stack?.length
      ? 'forced ← ' +
        stack
          .slice(0, 3)
          .map((f) => `${f.functionName || '(anon)'}@${f.url.split('/').pop()}:${f.lineNumber}`)
          .join(' ← ')
      : 'frame';
    const dirty = d.dirtyObjects != null ? `, ${d.dirtyObjects}/${d.totalObjects} dirty` : '';
    const els = e.args?.elementCount != null ? `, ${e.args.elementCount} elements` : '';
    console.log(`    ${e.name} ${(e.dur / 1000).toFixed(1)} ms${dirty}${els} ${who}`);
  }
}
console.log('by event (inclusive, overlapping):');
for (const [k, v] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 18))
  console.log(`  ${(v / 1000).toFixed(0).padStart(6)} ms  ${k}`);
