/**
 * Main-thread CPU time of a render-bench trace, split by kind of work: `TRACE_OUT=/tmp/t.json node
 * bench/stream-render/trace.mjs 16700 4000 [paced]` (and with `TRACE_WHO=baseline`), then `node
 * bench/stream-render/trace-split.mjs /tmp/t.json [/tmp/baseline.json]`. Uses each trace event's thread time
 * (`tdur`, CPU time of the thread, not inflated while the OS runs other processes) and charges every event its
 * self time (its own minus its children's), grouped into: delta tasks (the feed's MessageChannel or timer
 * tasks and the stream reading they cause, microtasks included), animation-frame callbacks (the session's
 * notification and the Lit updates it causes), style, layout, paint/prepaint/commit, ResizeObserver callbacks,
 * GC and the rest. With two traces, prints both and the difference. Never in `npm test`.
 */
import { readFileSync } from 'node:fs';
import { rendererMainEvents } from './harness.js';

const groups = [
  ['style', /Style|LayoutTree|StyleInvalidat/],
  ['layout', /Layout(?!Tree)|ShapeText|performLayout|IntersectionObserver/],
  ['paint, prepaint, commit, layers', /Paint|Commit|Layeriz|Layer|Composit|Rasteri|CullRect/],
  ['GC', /GC|Collect|Scavenge|Sweep|Mark|V8\.GC/],
];
/** The kind of a top-level task, from the events it contains (first match in this order). */
const taskKinds = [
  [
    'frame',
    /^(BeginMainFrame|WebFrameWidgetImpl::BeginMainFrame|FireAnimationFrame|PageAnimator::serviceScriptedAnimations)$/,
  ],
  ['delta (MessagePort)', /^MessagePort::Accept$/],
  ['timer', /^TimerFire$/],
];
/** Inside a frame task: where a piece of script ran. */
const frameParts = [
  ['rAF callbacks', /^(FireAnimationFrame|FrameRequestCallbackCollection::ExecuteFrameCallbacks)$/],
  ['ResizeObserver', /NotifyResizeObservers/],
  ['scroll events', /^ScrollEvent$|ScrollableArea::SetScrollOffset|UpdateScrollOffset/],
];

function split(file) {
  const events = JSON.parse(readFileSync(file, 'utf8')).traceEvents;
  const onMain = rendererMainEvents(events)
    .filter((e) => e.ph === 'X' && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  // Build the nesting tree.
  const roots = [];
  const stack = [];
  for (const e of onMain) {
    e.children = [];
    while (stack.length && stack[stack.length - 1].ts + stack[stack.length - 1].dur <= e.ts) stack.pop();
    if (stack.length) stack[stack.length - 1].children.push(e);
    else roots.push(e);
    stack.push(e);
  }
  const sums = new Map();
  const add = (k, v) => sums.set(k, (sums.get(k) ?? 0) + v);
  const names = (e, out = new Set()) => {
    out.add(e.name);
    for (const c of e.children) names(c, out);
    return out;
  };
  const visit = (e, kind, part) => {
    const childT = e.children.reduce((s, c) => s + (c.tdur ?? 0), 0);
    const self = Math.max(0, (e.tdur ?? 0) - childT);
    const group = groups.find(([, re]) => re.test(e.name))?.[0];
    const p = frameParts.find(([, re]) => re.test(e.name))?.[0] ?? part;
    if (group) add(group, self);
    else add(`script/other in ${kind}${kind === 'frame' && p ? ': ' + p : ''}`, self);
    for (const c of e.children) visit(c, kind, group ? part : p);
  };
  let tasks = 0;
  for (const r of roots) {
    const all = names(r);
    const kind = taskKinds.find(([, re]) => [...all].some((n) => re.test(n)))?.[0] ?? 'other tasks';
    if (kind !== 'other tasks') tasks++;
    visit(r, kind, undefined);
  }
  let total = 0;
  for (const v of sums.values()) total += v;
  return { sums, total, tasks };
}

const files = process.argv.slice(2);
if (!files.length) {
  console.error('usage: node bench/stream-render/trace-split.mjs <ours.json> [baseline.json]');
  process.exit(1);
}
const results = files.map(split);
const keys = [...new Set(results.flatMap((r) => [...r.sums.keys()]))];
const fold = (r) => {
  const out = new Map();
  let other = 0;
  for (const k of keys) {
    const v = r.sums.get(k) ?? 0;
    if (k.startsWith('other: ')) other += v;
    else out.set(k, v);
  }
  out.set('other', other);
  return out;
};
const folded = results.map(fold);
const rows = [...folded[0].keys()].sort((a, b) => folded[0].get(b) - folded[0].get(a));
const ms = (us) => (us / 1000).toFixed(0).padStart(7);
console.log(
  `${''.padEnd(62)} ${files.map((_, i) => (i === 0 ? 'first' : 'second').padStart(7)).join(' ')}${files.length > 1 ? '   diff' : ''}`,
);
for (const k of rows) {
  const vals = folded.map((f) => f.get(k) ?? 0);
  console.log(
    `  ${k.padEnd(60)} ${vals.map(ms).join(' ')}${vals.length > 1 ? ' ' + ms(vals[0] - vals[1]) : ''}`,
  );
}
const totals = results.map((r) => r.total);
console.log(
  `  ${'total thread time'.padEnd(60)} ${totals.map(ms).join(' ')}${totals.length > 1 ? ' ' + ms(totals[0] - totals[1]) : ''}`,
);
