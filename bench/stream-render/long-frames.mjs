/**
 * What the long tasks of a streamed answer are made of, without a trace's overhead: `node
 * bench/stream-render/long-frames.mjs [before-root]` (after `npm run build`) streams the render bench's answers
 * into `<chatkit-chat>` and lists every task over 50 ms (PerformanceObserver `longtask`) and every long
 * animation frame (`long-animation-frame`, Chromium's LoAF: script time, forced style and layout inside
 * scripts, and the frame's own style/layout/paint), with its start after the message was sent. With
 * `<before-root>` (another checkout with `dist/` built, as for ab.mjs) the two builds alternate, one page per
 * run, and the summary compares them.
 * `LF_PLANS` (default `4096:1000,16700:4000,65536:16000,16700:1000:paced`: bytes:deltas[:paced]), `LF_RUNS`
 * (runs per build and plan, default 3), `LF_QUIET=1` prints the summary only. Never in `npm test`.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadavg } from 'node:os';
import { makeAnswer, splitDeltas } from './answer.js';
import {
  SETUPS,
  feedFile,
  launchChromium,
  median,
  openFeedPage,
  performanceMetrics,
  repoRoot,
  requireBuild,
  serve,
  setupScript,
} from './harness.js';

const [beforeRoot] = process.argv.slice(2);
if (beforeRoot && !existsSync(join(beforeRoot, 'dist/chatkit-chat.js'))) {
  console.error('usage: node bench/stream-render/long-frames.mjs [before-root with dist/]');
  process.exit(1);
}
requireBuild();
const mounts = { '/after/dist/': join(repoRoot, 'dist') };
if (beforeRoot) mounts['/before/dist/'] = join(resolve(beforeRoot), 'dist');
const server = await serve({ files: { '/feed.js': feedFile }, mounts });
const browser = await launchChromium();
const plans = (process.env.LF_PLANS ?? '4096:1000,16700:4000,65536:16000,16700:1000:paced')
  .split(',')
  .map((p) => {
    const [bytes, deltas, paced] = p.split(':');
    return { bytes: Number(bytes), deltas: Number(deltas), paced: paced === 'paced' };
  });
const runs = Math.max(1, Number(process.env.LF_RUNS) || 3);
const quiet = process.env.LF_QUIET === '1';
const builds = beforeRoot ? ['before', 'after'] : ['after'];

async function run(who, deltas, paced) {
  const page = await openFeedPage(browser, server.origin, { deltas, paced });
  await page.evaluate(setupScript(SETUPS.ours(`/${who}/dist/chatkit-chat.js`)));
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const a = await performanceMetrics(cdp);
  const seen = await page.evaluate(async () => {
    const tasks = [];
    const frames = [];
    const t0 = performance.now();
    const o1 = new PerformanceObserver((l) => tasks.push(...l.getEntries()));
    o1.observe({ type: 'longtask' });
    const o2 = new PerformanceObserver((l) => frames.push(...l.getEntries()));
    o2.observe({ type: 'long-animation-frame' });
    let end = 0;
    document
      .querySelector('chatkit-chat')
      .addEventListener('chatkit.response.end', () => (end = performance.now()), { once: true });
    await window.__run();
    await new Promise((r) => setTimeout(r, 50));
    o1.disconnect();
    o2.disconnect();
    const at = (t) => Math.round(t - t0);
    return {
      end: at(end),
      tasks: tasks.map((e) => ({ at: at(e.startTime), ms: e.duration })),
      frames: frames
        .filter((f) => f.duration > 50)
        .map((f) => ({
          at: at(f.startTime),
          ms: f.duration,
          // Before rendering starts: tasks and frame callbacks; then style/layout/paint of the frame.
          script: f.scripts.reduce((s, x) => s + x.duration, 0),
          forced: f.scripts.reduce((s, x) => s + x.forcedStyleAndLayoutDuration, 0),
          render: f.renderStart ? f.startTime + f.duration - f.renderStart : 0,
          styleLayout: f.styleAndLayoutStart ? f.startTime + f.duration - f.styleAndLayoutStart : 0,
          top: f.scripts
            .toSorted((x, y) => y.duration - x.duration)
            .slice(0, 3)
            .map(
              (x) =>
                `${x.invokerType}:${x.invoker}${x.sourceFunctionName ? ` ${x.sourceFunctionName}` : ''} ${x.duration.toFixed(0)}` +
                (x.forcedStyleAndLayoutDuration
                  ? ` (forced ${x.forcedStyleAndLayoutDuration.toFixed(0)})`
                  : ''),
            ),
        })),
    };
  });
  const b = await performanceMetrics(cdp);
  await page.close();
  return {
    ...seen,
    cpu: (b.ThreadTime - a.ThreadTime) * 1000,
    layouts: b.LayoutCount - a.LayoutCount,
  };
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
for (const plan of plans) {
  const deltas = splitDeltas(makeAnswer(plan.bytes), plan.deltas);
  console.log(
    `\n${(plan.bytes / 1024).toFixed(1)} KB in ${deltas.length} deltas, ${plan.paced ? 'paced 16 ms' : 'full speed'} (load ${load()})`,
  );
  const all = Object.fromEntries(builds.map((b) => [b, []]));
  for (let i = 0; i < runs; i++) {
    const order = i % 2 ? [...builds].reverse() : builds;
    for (const who of order) {
      const r = await run(who, deltas, plan.paced);
      all[who].push(r);
      if (quiet) continue;
      const long = r.tasks.map((t) => `${t.ms.toFixed(0)}@${t.at}`).join(' ') || 'none';
      console.log(
        `  ${who} run ${i + 1}: cpu ${r.cpu.toFixed(0)} ms, layouts ${r.layouts}, response end @${r.end}, long tasks ${long}`,
      );
      for (const f of r.frames)
        console.log(
          `    frame @${f.at} ${f.ms.toFixed(0)} ms: script ${f.script.toFixed(0)} (forced layout ${f.forced.toFixed(0)}), ` +
            `rendering ${f.render.toFixed(0)} (style+layout+paint from ${f.styleLayout.toFixed(0)})  ${f.top.join(' | ')}`,
        );
    }
  }
  for (const who of builds) {
    const list = all[who];
    const longest = list.map((r) => Math.max(0, ...r.tasks.map((t) => t.ms)));
    console.log(
      `  ${who.padEnd(6)} cpu median ${median(list.map((r) => r.cpu)).toFixed(0)} ms; long tasks per run ` +
        `${list.map((r) => r.tasks.length).join('/')}; longest per run ${longest.map((x) => x.toFixed(0)).join('/')} ms`,
    );
  }
}
console.log(`\nload at end ${load()}`);
await browser.close();
server.close();
