/**
 * Where the markdown engine spends its time on the pathological answers of markdown-pathological.bench.ts:
 * `node bench/profile-markdown.mjs '*a × 20,000' …` prints the functions with the most self time (CDP
 * Profiler, one-shot render, unminified bundle). `PROFILE_VIEW=1` profiles the whole case instead, one-shot and
 * streamed, with the DOM of the blocks (`runCase`). A profiling aid, not a benchmark (not run by `npm run bench`).
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
    minify: false,
    target: 'es2022',
    logLevel: 'error',
  })
).outputFiles[0].text;
const browser = await launchChromium();
const names = process.argv.slice(2);
for (const name of names) {
  const page = await browser.newPage();
  await page.setContent('<!doctype html><html><body></body></html>');
  await page.addScriptTag({ content: code });
  if (process.env.PROFILE_VIEW) await page.evaluate(() => (window.__view = true));
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const r = await page
    .evaluate((n) => {
      if (window.__view) return JSON.stringify(window.Patho.runCase(n));
      const text = window.Patho.cases[n]();
      const s = performance.now();
      const engine = new window.Patho.IM();
      do engine.update(text, false);
      while (engine.behind);
      return performance.now() - s;
    }, name)
    .catch((e) => String(e));
  const { profile } = await cdp.send('Profiler.stop');
  const self = new Map();
  const dt = profile.timeDeltas;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const counts = new Map();
  profile.samples.forEach((id, i) => counts.set(id, (counts.get(id) || 0) + (dt[i] || 0)));
  for (const [id, t] of counts) {
    const n = byId.get(id);
    const k = `${n.callFrame.functionName || '(anon)'} :${n.callFrame.lineNumber}`;
    self.set(k, (self.get(k) || 0) + t);
  }
  console.log(`== ${name}: ${typeof r === 'number' ? `${r.toFixed(0)} ms` : r}`);
  [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 12)
    .forEach(([k, t]) => console.log(`  ${(t / 1000).toFixed(0).padStart(6)} ms ${k}`));
  await page.close();
}
await browser.close();
