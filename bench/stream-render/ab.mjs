/**
 * Paired before/after of two builds of `<chatkit-chat>`: `node bench/stream-render/ab.mjs <before-root> [bytes]
 * [deltas] [paced] [pairs]`, where `<before-root>` is another checkout with `dist/` built (`git archive <commit> |
 * tar -x -C <dir>`, a node_modules link, `npx vite build`) and "after" is this one. The same answer is streamed
 * through the render bench's feed into each build in turn, in alternating order, one page per run; prints CDP
 * main-thread task and CPU time per run and the median of the per-pair after/before ratios. Never in `npm test`.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
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
const [beforeRoot, bytes = 16700, count = 4000, paced = '', pairs = 7] = process.argv.slice(2);
if (!beforeRoot || !existsSync(join(beforeRoot, 'dist/chatkit-chat.js'))) {
  console.error(
    'usage: node bench/stream-render/ab.mjs <before-root with dist/> [bytes] [deltas] [paced] [pairs]',
  );
  process.exit(1);
}
requireBuild();
const server = await serve({
  files: { '/feed.js': feedFile },
  mounts: { '/before/dist/': join(resolve(beforeRoot), 'dist'), '/after/dist/': join(repoRoot, 'dist') },
});
const browser = await launchChromium();
const deltas = splitDeltas(makeAnswer(Number(bytes)), Number(count));
async function run(who) {
  const page = await openFeedPage(browser, server.origin, { deltas, paced: paced === 'paced' });
  await page.evaluate(setupScript(SETUPS.ours(`/${who}/dist/chatkit-chat.js`)));
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const a = await performanceMetrics(cdp);
  await page.evaluate(() => window.__run());
  const b = await performanceMetrics(cdp);
  await page.close();
  return {
    task: (b.TaskDuration - a.TaskDuration) * 1000,
    cpu: (b.ThreadTime - a.ThreadTime) * 1000,
    layouts: b.LayoutCount - a.LayoutCount,
  };
}
const rows = [];
for (let i = 0; i < Number(pairs); i++) {
  const order = i % 2 ? ['after', 'before'] : ['before', 'after'];
  const r = {};
  for (const who of order) r[who] = await run(who);
  rows.push(r);
  console.log(
    `pair ${i + 1}: before task ${r.before.task.toFixed(0)} cpu ${r.before.cpu.toFixed(0)} | after task ${r.after.task.toFixed(0)} cpu ${r.after.cpu.toFixed(0)} | after/before cpu ${(r.after.cpu / r.before.cpu).toFixed(2)} task ${(r.after.task / r.before.task).toFixed(2)}`,
  );
}
console.log(
  `median: before cpu ${median(rows.map((r) => r.before.cpu)).toFixed(0)} ms, after cpu ${median(rows.map((r) => r.after.cpu)).toFixed(0)} ms; after/before cpu ${median(rows.map((r) => r.after.cpu / r.before.cpu)).toFixed(2)}, task ${median(rows.map((r) => r.after.task / r.before.task)).toFixed(2)}`,
);
await browser.close();
server.close();
