/**
 * CPU profile of `<chatkit-chat>` streaming the render bench's answer, resolved to source through dist's
 * source maps: `node bench/stream-render/profile.mjs [bytes] [deltas] [paced]` (after `npm run build`). Prints
 * the functions with the most self time and the most total (inclusive) time (`PROFILE_OUT=file` keeps the raw
 * profile). Never in `npm test`.
 */
import { writeFileSync } from 'node:fs';
import { makeAnswer, splitDeltas } from './answer.js';
import {
  SETUPS,
  feedFile,
  launchChromium,
  openFeedPage,
  repoRoot as root,
  requireBuild,
  serve,
  setupScript,
  sourceMapper,
} from './harness.js';

const [bytes = 16_700, count = 4000, paced = ''] = process.argv.slice(2);
requireBuild();
const server = await serve({ files: { '/feed.js': feedFile } });
const browser = await launchChromium();
const deltas = splitDeltas(makeAnswer(Number(bytes)), Number(count));
const page = await openFeedPage(browser, server.origin, { deltas, paced: paced === 'paced' });
await page.evaluate(setupScript(SETUPS.ours()));
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
await cdp.send('Profiler.start');
await page.evaluate(() => window.__run());
const { profile } = await cdp.send('Profiler.stop');
// PROFILE_OUT=<file.cpuprofile>: keeps the raw profile (DevTools' Performance panel opens it).
if (process.env.PROFILE_OUT) writeFileSync(process.env.PROFILE_OUT, JSON.stringify(profile));
await browser.close();
server.close();

const toSource = sourceMapper(root);
const resolve = (frame) => {
  const name = frame.functionName || '(anonymous)';
  const pos = toSource(frame);
  if (!pos) return `${name} ${frame.url.split('/').pop()}:${frame.lineNumber + 1}`;
  return `${pos.name ?? name} ${(pos.source ?? '?').replace(/^(\.\.\/)+/, '')}:${pos.line}`;
};
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map();
const total = new Map();
const key = new Map(profile.nodes.map((n) => [n.id, resolve(n.callFrame)]));
// PROFILE_WINDOW=<from>-<to>: only the samples taken from..to ms after the first sample (the message is sent
// when profiling starts, and the first sample comes with the send: 0-200 is the send and the first render).
const [from, to] = (process.env.PROFILE_WINDOW ?? '0-Infinity').split('-').map(Number);
let at = -(profile.timeDeltas[0] ?? 0);
const inWindow = profile.samples.map((_, i) => {
  at += profile.timeDeltas[i] ?? 0;
  return at / 1000 >= from && at / 1000 < to;
});
profile.samples.forEach((id, i) => {
  if (!inWindow[i]) return;
  const dt = profile.timeDeltas[i + 1] ?? 0;
  self.set(key.get(id), (self.get(key.get(id)) ?? 0) + dt);
  const seen = new Set();
  for (let n = id; n !== undefined; n = parent.get(n)) {
    const k = key.get(n);
    if (seen.has(k)) continue;
    seen.add(k);
    total.set(k, (total.get(k) ?? 0) + dt);
  }
});
const print = (title, m, n) => {
  console.log(title);
  for (const [k, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, n))
    console.log(`  ${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`);
};
print('self:', self, Number(process.env.TOP ?? 30));
// CALLERS=<name>: the stacks (innermost 6 frames) through which a function's self time was spent.
if (process.env.CALLERS) {
  const stacks = new Map();
  profile.samples.forEach((id, i) => {
    if (!key.get(id).startsWith(process.env.CALLERS + ' ')) return;
    const chain = [];
    for (let n = parent.get(id); n !== undefined && chain.length < 6; n = parent.get(n))
      chain.push(key.get(n));
    const k = chain.join(' < ');
    stacks.set(k, (stacks.get(k) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
  });
  print(`callers of ${process.env.CALLERS}:`, stacks, 8);
}
print('total:', total, Number(process.env.TOP ?? 45));
