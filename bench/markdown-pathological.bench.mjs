/**
 * Pathological markdown answers, in headless Chromium: `node bench/markdown-pathological.bench.mjs`. Prints
 * the one-shot render time and the longest single update when the answer streams in 64 steps. Each case runs
 * in a fresh page with a 60 s limit, so one hang does not hide the others. `PATHO_CASES='200 KB answer|300-deep list'`
 * runs only the cases named (`|`-separated), `PATHO_REPEAT=n` each n times. Never part of `npm test`.
 */
import { build } from 'esbuild';
import { launchChromium } from './stream-render/harness.js';

const code = (
  await build({
    entryPoints: [new URL('./markdown-pathological.bench.ts', import.meta.url).pathname],
    bundle: true,
    format: 'iife',
    globalName: 'Patho',
    write: false,
    minify: true,
    target: 'es2022',
    logLevel: 'error',
  })
).outputFiles[0].text;
const only = process.env.PATHO_CASES?.split('|');
const names = Object.keys((await import('node:vm')).runInNewContext(`${code}; Patho.cases`, { performance }))
  .filter((name) => !only || only.includes(name))
  .flatMap((name) => Array(Number(process.env.PATHO_REPEAT ?? 1)).fill(name));
const browser = await launchChromium();
try {
  for (const name of names) {
    const page = await browser.newPage();
    await page.setContent('<!doctype html><html><body></body></html>');
    await page.addScriptTag({ content: code });
    const result = await Promise.race([
      page
        .evaluate((n) => window.Patho.runCase(n), name)
        .catch((e) => ({ error: String(e.message).split('\n')[0] })),
      new Promise((r) => setTimeout(() => r(null), 60_000)),
    ]);
    console.log(
      result?.error
        ? `${name.padEnd(26)} failed: ${result.error}`
        : result
          ? `${name.padEnd(26)} ${String(result.chars).padStart(7)} chars: one-shot ${result.oneShotMs.toFixed(0)} ms (longest call ${result.maxOneShotMs.toFixed(0)} ms), ` +
            `streamed in 64 steps ${result.streamedMs.toFixed(0)} ms (longest step ${result.maxDeltaMs.toFixed(0)} ms)${result.truncated ? ', limit applied' : ''}`
          : `${name.padEnd(26)} did not finish within 60 s`,
    );
    await page.close().catch(() => {});
  }
} finally {
  await browser.close();
}
