/**
 * Which processes and threads use the CPU while `<chatkit-chat>` streams an answer: `node
 * bench/stream-render/cpu-share.mjs [bytes] [deltas]` (after `npm run build`; Linux only) streams the answer
 * `CS_RUNS` times (default 3), each on a new page as the render bench does, and prints the CPU time of every
 * Chromium and Node thread that used over 10 ms during the run, read from /proc before and after it. On two
 * cores, anything else busy there takes time from the contestant's main thread and shows up as long tasks.
 * `CS_PLAIN=1` launches Chromium with Playwright's switches only (without the harness's `CHROMIUM_ARGS`), to
 * see what those remove. Never in `npm test`.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
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
} from './harness.js';
import { resolve } from 'node:path';

const [bytes = 65_536, count = 16_000] = process.argv.slice(2);
requireBuild(repoRoot);

/** CPU time (ms) of every thread of Chromium and Node processes, by `pid/tid`. */
function threads() {
  const out = new Map();
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    let cmd;
    try {
      cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    if (!/chromium|node/.test(cmd)) continue;
    const kind = /--type=([a-z-]+)/.exec(cmd)?.[1] ?? (/chromium/.test(cmd) ? 'browser' : 'node');
    const webui = cmd.includes('--top-chrome-webui') ? ' (top-chrome WebUI)' : '';
    let tids = [];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      try {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        // utime + stime, in clock ticks (100 per second on Linux).
        const ms = (Number(fields[11]) + Number(fields[12])) * 10;
        out.set(`${pid}/${tid}`, { label: `${kind}${webui} ${pid}: ${name}`, ms });
      } catch {
        // The thread ended meanwhile.
      }
    }
  }
  return out;
}

const server = await serve({
  files: { '/feed.js': feedFile },
  mounts: { '/dist/': resolve(repoRoot, 'dist') },
});
const browser = process.env.CS_PLAIN
  ? await chromium.launch({
      executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking'],
    })
  : await launchChromium();
const deltas = splitDeltas(makeAnswer(Number(bytes)), Number(count));
console.log(
  `${deltas.length} deltas of ${bytes} bytes${process.env.CS_PLAIN ? ', Playwright switches only' : ''}`,
);
for (let run = 1; run <= Number(process.env.CS_RUNS ?? 3); run++) {
  const page = await openFeedPage(browser, server.origin, { deltas });
  await page.evaluate(setupScript(SETUPS.ours()));
  const before = threads();
  const t0 = performance.now();
  await page.evaluate(() => window.__run());
  const wall = performance.now() - t0;
  const rows = [...threads()]
    .map(([id, t]) => ({ label: t.label, ms: t.ms - (before.get(id)?.ms ?? 0) }))
    .filter((r) => r.ms > 10)
    .sort((a, b) => b.ms - a.ms);
  console.log(`run ${run}: ${wall.toFixed(0)} ms wall`);
  for (const r of rows) console.log(`  ${String(r.ms).padStart(6)} ms  ${r.label}`);
  await page.close();
}
await browser.close();
server.close();
