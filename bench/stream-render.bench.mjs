/**
 * Streaming render and load benchmark, in headless Chromium: `node bench/stream-render.bench.mjs` (after
 * `npm run build`; the peer needs `npm --prefix bench/render-peer ci`). Never part of `npm test`.
 *
 * Streaming: the same markdown answer, split into the same deltas, fed to
 * - `<chatkit-chat>` (dist/chatkit-chat.js) through its `api.fetch` option as a real SSE body (its transport,
 *   SSE decoder, reducer, session and markdown element all run),
 * - `deep-chat` (npm, installed under bench/render-peer only) through its streaming `handler`,
 * - an incremental baseline: marked + DOMPurify, finished blocks frozen, the tail re-rendered once per frame,
 * at full speed (each delta its own task, as fast as the page takes them) and paced (one delta per 16 ms).
 * Printed per run: main-thread task time (CDP Performance `TaskDuration`) and CPU time (`ThreadTime`, steadier
 * on a loaded machine), layouts and style recalcs, frames,
 * long tasks (> 50 ms) and the longest (medians over rounds, and with BENCH_REPEAT each round's count and the longest of
 * all rounds), and ratios against the baseline measured in the same run.
 * `BENCH_REPEAT=n` alternates baseline and ours n times per answer and prints medians; `BENCH_PEER=0` skips the peer.
 *
 * Load: JavaScript bytes on the wire (gzip, CDP Network) until the first streamed answer is rendered, and the
 * time from the element script's response end to `chatkit.ready`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus } from 'node:os';
import { makeAnswer, splitDeltas } from './stream-render/answer.js';
import {
  SETUPS,
  bundleBaseline,
  feedFile,
  launchChromium,
  loadDropIn,
  median,
  openFeedPage,
  performanceMetrics,
  repoRoot as root,
  requireBuild,
  serve,
  setupScript,
  streamFirstAnswer,
} from './stream-render/harness.js';

requireBuild();
const baseline = await bundleBaseline();
const deepChatPath = ['dist/deepChat.bundle.js', 'dist/deepChat.js']
  .map((p) => join(root, 'bench/render-peer/node_modules/deep-chat', p))
  .find((p) => existsSync(p));

// Gzip and no-store: the load figures count bytes on the wire, each page loading afresh.
const server = await serve({
  files: {
    '/baseline.js': baseline,
    '/deep-chat.js': () => (deepChatPath ? readFileSync(deepChatPath) : undefined),
    '/feed.js': feedFile,
  },
  compress: true,
});
const { origin } = server;
const browser = await launchChromium();

const setups = {
  ours: SETUPS.ours(),
  baseline: SETUPS.baseline(),
  'deep-chat': `
    await import('/deep-chat.js');
    const el = document.createElement('deep-chat');
    el.style.cssText = 'display:block;width:720px;height:900px';
    let done;
    el.connect = { stream: true, handler: (body, signals) => {
      signals.onOpen();
      window.__feed.drive((d) => signals.onResponse({ text: d })).then(() => { signals.onClose(); done(); });
    } };
    document.body.append(el);
    await new Promise((r) => setTimeout(r, 300));
    window.__run = () => new Promise((resolve) => { done = () => requestAnimationFrame(() => setTimeout(resolve)); el.submitUserMessage({ text: 'go' }); });`,
};

async function runOne(name, answer, deltas, paced) {
  const page = await openFeedPage(browser, origin, { deltas, paced });
  await page.evaluate(setupScript(setups[name]));
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const profiling = process.env.BENCH_PROFILE === name;
  if (profiling) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
  }
  const before = await performanceMetrics(cdp);
  const extra = await page.evaluate(async () => {
    const longTasks = [];
    let t0 = performance.now();
    const observer = new PerformanceObserver((list) =>
      longTasks.push(...list.getEntries().map((e) => ({ at: e.startTime - t0, ms: e.duration }))),
    );
    observer.observe({ type: 'longtask' });
    let frames = 0;
    let counting = true;
    const tick = () => {
      frames++;
      if (counting) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    t0 = performance.now();
    await window.__run();
    const wall = performance.now() - t0;
    counting = false;
    await new Promise((r) => setTimeout(r, 50));
    observer.disconnect();
    return { wall, frames, longTasks };
  });
  const after = await performanceMetrics(cdp);
  if (profiling) printProfile((await cdp.send('Profiler.stop')).profile);
  const text = await page.evaluate(
    () => document.body.innerText.length + (document.querySelector('chatkit-chat') ? 1 : 0),
  );
  await page.close();
  return {
    name,
    taskMs: (after.TaskDuration - before.TaskDuration) * 1000,
    // CPU time of the renderer's main thread: unlike task (wall) time, not inflated while the OS runs other
    // processes, so it stays comparable on a loaded machine.
    cpuMs: (after.ThreadTime - before.ThreadTime) * 1000,
    layouts: after.LayoutCount - before.LayoutCount,
    styles: after.RecalcStyleCount - before.RecalcStyleCount,
    frames: extra.frames,
    wallMs: extra.wall,
    longTasks: extra.longTasks.length,
    maxTaskMs: extra.longTasks.length ? Math.max(...extra.longTasks.map((t) => t.ms)) : 0,
    // When each began, from the send (or the baseline's first delta), and its length: "+12:57".
    longTaskTimes: extra.longTasks.map((t) => `+${Math.round(t.at)}:${Math.round(t.ms)}`),
    text,
  };
}

/** `BENCH_PROFILE=<contestant>`: the functions with the most self time during its runs (CDP Profiler). */
function printProfile(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  profile.samples.forEach((id, i) => {
    const { functionName, url, lineNumber } = byId.get(id).callFrame;
    const key = `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(`    ${(us / 1000).toFixed(0).padStart(6)} ms self  ${key}`);
}

const f = (n, d = 0) => n.toFixed(d);
const withPeer = deepChatPath && process.env.BENCH_PEER !== '0';
const names = ['baseline', 'ours', ...(withPeer ? ['deep-chat'] : [])];
if (!deepChatPath) console.log('deep-chat not installed (npm --prefix bench/render-peer ci): peer skipped');
console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model}, Chromium ${browser.version()}, node ${process.version}`,
);

const plans = process.env.BENCH_QUICK
  ? [
      {
        bytes: Number(process.env.BENCH_QUICK) || 16_700,
        deltas: Math.round((Number(process.env.BENCH_QUICK) || 16_700) / 4.2),
        paced: false,
      },
    ]
  : [
      { bytes: 16_700, deltas: 4000, paced: false },
      { bytes: 16_700, deltas: 1000, paced: true },
      { bytes: 4_096, deltas: 1000, paced: false, flat: true },
      { bytes: 65_536, deltas: 16000, paced: false, flat: true },
    ];
// `BENCH_LOAD_ONLY=1` skips the streaming runs (only the load figures below).
for (const plan of process.env.BENCH_LOAD_ONLY ? [] : plans) {
  const answer = makeAnswer(plan.bytes);
  const deltas = splitDeltas(answer, plan.deltas);
  console.log(
    `\nstream ${(answer.length / 1024).toFixed(1)} KB in ${deltas.length} deltas, ${plan.paced ? 'paced 16 ms' : 'full speed'}:`,
  );
  // BENCH_REPEAT=n: n rounds alternating baseline and ours (the peer once), medians printed; on a shared
  // machine one run's ratio swings with the load, the median of rounds measured side by side much less.
  const rounds = Math.max(1, Number(process.env.BENCH_REPEAT) || 1);
  const runs = new Map();
  for (let round = 0; round < rounds; round++) {
    for (const name of names) {
      // The peer takes minutes per run: measured on the main answer only (and not in quick runs), once.
      if ((plan.flat || process.env.BENCH_QUICK || round > 0) && name === 'deep-chat') continue;
      const r = await runOne(name, answer, deltas, plan.paced);
      runs.set(name, [...(runs.get(name) ?? []), r]);
    }
  }
  const base = runs.get('baseline');
  if (rounds > 1)
    console.log(`  (median of ${rounds} alternating rounds; ratio = median of the per-round ratios)`);
  for (const [name, list] of runs) {
    const m = (key) => median(list.map((r) => r[key]));
    const ratioOf = (key) =>
      list.length === base.length
        ? median(list.map((r, i) => r[key] / base[i][key]))
        : m(key) / median(base.map((r) => r[key]));
    const ratio = ratioOf('taskMs');
    const spread =
      list.length > 1
        ? ` [${f(Math.min(...list.map((r, i) => r.taskMs / (base[i] ?? base[0]).taskMs)), 2)}–${f(Math.max(...list.map((r, i) => r.taskMs / (base[i] ?? base[0]).taskMs)), 2)}]`
        : '';
    console.log(
      `  ${name.padEnd(9)} main-thread ${f(m('taskMs')).padStart(6)} ms (${f(ratio, 2)}× baseline${spread}), ` +
        `${f((m('taskMs') * 1000) / deltas.length).padStart(5)} µs/delta; CPU ${f(m('cpuMs')).padStart(6)} ms ` +
        `(${f(ratioOf('cpuMs'), 2)}×), ${f((m('cpuMs') * 1000) / deltas.length).padStart(5)} µs/delta; layouts ${f(m('layouts'))}, style recalcs ${f(m('styles'))}, ` +
        `frames ${f(m('frames'))}, long tasks ${f(m('longTasks'))} (max ${f(m('maxTaskMs'))} ms${list.length > 1 ? `; per round ${list.map((r) => r.longTasks).join('/')}, longest ${f(Math.max(...list.map((r) => r.maxTaskMs)))} ms` : ''}), wall ${f(m('wallMs'))} ms`,
    );
    // Where the long tasks fell (ms from the send : ms long), per round: the first render, mid-answer, the end.
    const times = list.map((r) => r.longTaskTimes.join(' ') || '-');
    if (times.some((t) => t !== '-')) console.log(`            long tasks at ${times.join(' | ')}`);
  }
}

// Load: bytes of JS on the wire until a first streamed answer is rendered, and script → ready. Ready times
// move with the machine's load: measured `BENCH_LOAD_RUNS` times (default 7, a fresh page each), median printed.
async function measureLoad() {
  const answer = makeAnswer(2000);
  const deltas = splitDeltas(answer, 50);
  const requests = new Map();
  let jsBytes = 0;
  const files = [];
  const page = await openFeedPage(browser, origin, {
    deltas,
    async beforeLoad(page) {
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Network.enable');
      cdp.on('Network.responseReceived', (e) => requests.set(e.requestId, e.response));
      cdp.on('Network.loadingFinished', (e) => {
        const r = requests.get(e.requestId);
        if (r && /javascript/.test(r.mimeType) && r.url.includes('/dist/')) {
          jsBytes += e.encodedDataLength;
          files.push(`${r.url.split('/').pop()} ${(e.encodedDataLength / 1024).toFixed(1)}`);
        }
      });
    },
  });
  const { fromResponseEnd: ready } = await page.evaluate(loadDropIn, { feed: true });
  await page.evaluate(streamFirstAnswer);
  await page.close();
  return { jsBytes, files, ready };
}
const loads = [];
for (let i = 0; i < (Number(process.env.BENCH_LOAD_RUNS) || 7); i++) loads.push(await measureLoad());
const readies = loads.map((l) => l.ready).sort((a, b) => a - b);
const { jsBytes, files } = loads[0];
console.log(
  `\nload: ${(jsBytes / 1024).toFixed(1)} KB (${jsBytes} B, headers included) of JavaScript on the wire (gzip) until the first streamed answer ` +
    `is rendered (${files.length} files: ${files.join(', ')} KB); element script response end → chatkit.ready ` +
    `median ${f(readies[readies.length >> 1])} ms (${readies.length} runs: ${readies.map((r) => f(r)).join(', ')} ms)`,
);

await browser.close();
server.close();
