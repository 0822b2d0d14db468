/**
 * Streaming render benchmark of the markdown module, in real Chromium (DOMPurify needs a DOM):
 * `node bench/markdown-stream.bench.mjs`. Bundles bench/markdown-stream.bench.ts with esbuild, runs it in
 * headless Chromium (CHROME_PATH or /usr/bin/chromium) and prints one line of figures per size.
 * Never part of `npm test`.
 */
import { build } from 'esbuild';
import { launchChromium } from './stream-render/harness.js';

const bundle = await build({
  entryPoints: [new URL('./markdown-stream.bench.ts', import.meta.url).pathname],
  bundle: true,
  format: 'iife',
  globalName: 'MarkdownBench',
  write: false,
  minify: true,
  target: 'es2022',
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'error',
});
const code = bundle.outputFiles[0].text;

const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.setContent('<!doctype html><html><body></body></html>');
  await page.addScriptTag({ content: code });
  for (const [sections, deltas] of [
    [5, 200],
    [20, 800],
    [40, 1600],
  ]) {
    const result = await page.evaluate(([s, d]) => window.MarkdownBench.runBench(s, d), [sections, deltas]);
    console.log(
      `markdown-stream: ${result.chars} chars in ${result.deltas} deltas, ${result.blocks} blocks: ` +
        `incremental ${result.incrementalMs} ms (${result.blockRenders} block renders) vs full re-render ` +
        `${result.fullReRenderMs} ms (${result.speedup}x)`,
    );
  }
} finally {
  await browser.close();
}
