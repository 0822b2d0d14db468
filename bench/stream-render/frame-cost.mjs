/**
 * CPU time of the rendering work per frame while an answer streams, two builds alternating: `node
 * bench/stream-render/frame-cost.mjs [before-root] [bytes] [deltas] [paced]` (after `npm run build`; the
 * before-root is another checkout with `dist/` built, as for ab.mjs; without it only this build runs). Each run
 * streams the answer under a CDP trace and reads thread time (`tdur`, CPU time, not inflated while the OS runs
 * other processes) of: the frames of the second half of the answer (mean and most expensive frame task, and the
 * mean style, layout, pre-paint and paint per frame: what grows with the answer's length), the most expensive
 * task of the run (and its wall time), the first frame after the send, and the task that handles the end of the
 * answer (`thread.item.done`). `FC_RUNS` runs per build (default 3), printed with the load average.
 * Never in `npm test`.
 */
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { makeAnswer, splitDeltas } from './answer.js';
import {
  SETUPS,
  feedFile,
  launchChromium,
  median,
  openFeedPage,
  repoRoot,
  requireBuild,
  serve,
  setupScript,
  startTracing,
  rendererMainEvents,
} from './harness.js';

const args = process.argv.slice(2);
const beforeRoot = args[0] && existsSync(join(args[0], 'dist/chatkit-chat.js')) ? args.shift() : undefined;
const [bytes = 65_536, count = 16_000, paced = ''] = args;
requireBuild();
const mounts = { '/after/dist/': join(repoRoot, 'dist') };
if (beforeRoot) mounts['/before/dist/'] = join(resolve(beforeRoot), 'dist');
const server = await serve({ files: { '/feed.js': feedFile }, mounts });
const browser = await launchChromium();
const deltas = splitDeltas(makeAnswer(Number(bytes)), Number(count));
const builds = beforeRoot ? ['before', 'after'] : ['after'];
const runs = Math.max(1, Number(process.env.FC_RUNS) || 3);

async function run(who) {
  const page = await openFeedPage(browser, server.origin, { deltas, paced: paced === 'paced' });
  await page.evaluate(setupScript(SETUPS.ours(`/${who}/dist/chatkit-chat.js`)));
  const cdp = await page.context().newCDPSession(page);
  const stop = await startTracing(cdp, {
    traceConfig: {
      includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink'],
    },
  });
  await page.evaluate(() => window.__run());
  const events = await stop();
  await page.close();
  const onMain = rendererMainEvents(events).filter((e) => e.ph === 'X' && e.dur);
  const tasks = onMain.filter((e) => e.name === 'RunTask').sort((a, b) => a.ts - b.ts);
  const within = (t, name) =>
    onMain.filter((e) => e.name === name && e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur);
  const cpu = (e) => (e.tdur ?? e.dur) / 1000;
  const sum = (t, name) => within(t, name).reduce((s, e) => s + cpu(e), 0);
  // Frames that rendered something (a layout or paint), from the first to the answer's end.
  const rendering = tasks.filter((t) => within(t, 'Paint').length > 0 || within(t, 'Layout').length > 0);
  const frames = rendering.filter((t) => within(t, 'FireAnimationFrame').length > 0);
  const sent = frames[0];
  const half = frames.slice(Math.floor(frames.length / 2));
  // The end of the answer: the last task that handled a stream chunk (a fetch body read) with a layout in it.
  const done = tasks
    .filter((t) => within(t, 'FireAnimationFrame').length === 0 && within(t, 'FunctionCall').length > 0)
    .filter((t) => t.ts > (half[0]?.ts ?? 0))
    .sort((a, b) => cpu(b) - cpu(a))[0];
  const mean = (f) => half.reduce((s, t) => s + f(t), 0) / Math.max(1, half.length);
  const longest = tasks.reduce((a, t) => (cpu(t) > cpu(a) ? t : a), tasks[0]);
  // The three most expensive tasks: CPU ms @ start (ms after the first frame's task) and kind.
  const kind = (t) =>
    within(t, 'FireAnimationFrame').length
      ? 'frame'
      : within(t, 'Layout').length || within(t, 'Paint').length
        ? 'task+layout'
        : 'task';
  const top3 = [...tasks]
    .sort((a, b) => cpu(b) - cpu(a))
    .slice(0, 3)
    .map((t) => `${cpu(t).toFixed(1)}@${((t.ts - (sent?.ts ?? 0)) / 1000).toFixed(0)} ${kind(t)}`)
    .join(', ');
  return {
    frames: frames.length,
    frameCpu: mean(cpu),
    frameMax: Math.max(...half.map(cpu)),
    style: mean((t) => sum(t, 'UpdateLayoutTree')),
    layout: mean((t) => sum(t, 'Layout')),
    prepaint: mean((t) => sum(t, 'PrePaint')),
    paint: mean((t) => sum(t, 'Paint')),
    longestCpu: cpu(longest),
    longestWall: longest.dur / 1000,
    over50: tasks.filter((t) => t.dur > 50_000).length,
    first: sent ? cpu(sent) : 0,
    done: done ? cpu(done) : 0,
    total: tasks.reduce((s, t) => s + cpu(t), 0),
    top3,
  };
}

const load = () => loadavg()[0].toFixed(1);
const f = (x) => x.toFixed(1);
console.log(
  `${(Number(bytes) / 1024).toFixed(1)} KB in ${deltas.length} deltas${paced ? ', paced 16 ms' : ''}; CPU ms (thread time)`,
);
const all = Object.fromEntries(builds.map((b) => [b, []]));
for (let i = 0; i < runs; i++) {
  for (const who of i % 2 ? [...builds].reverse() : builds) {
    const l = load();
    const r = await run(who);
    all[who].push(r);
    console.log(
      `  ${who.padEnd(6)} load ${l}: 2nd-half frames: mean ${f(r.frameCpu)}, max ${f(r.frameMax)} (style ${f(r.style)}, layout ${f(r.layout)}, ` +
        `pre-paint ${f(r.prepaint)}, paint ${f(r.paint)}); first frame ${f(r.first)}; done ${f(r.done)}; ` +
        `tasks > 50 ms wall ${r.over50}; total ${r.total.toFixed(0)}; heaviest ${r.top3}`,
    );
  }
}
for (const who of builds) {
  const m = (k) => f(median(all[who].map((r) => r[k])));
  console.log(
    `${who.padEnd(6)} medians: frame mean ${m('frameCpu')} max ${m('frameMax')}, layout ${m('layout')}, pre-paint ${m('prepaint')}, ` +
      `paint ${m('paint')}; first frame ${m('first')}; done ${m('done')}; longest task CPU ${m('longestCpu')}; total ${m('total')}`,
  );
}
console.log(`load at end ${load()}`);
await browser.close();
server.close();
