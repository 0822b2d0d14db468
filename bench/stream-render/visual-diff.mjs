/**
 * Does a rendering change look the same? `node bench/stream-render/visual-diff.mjs <before-root> [bytes]
 * [deltas]` (both builds with `dist/`, as for ab.mjs) streams the same answer into each build of
 * `<chatkit-chat>` (the render bench's answer followed by rules, loose lists, nested quotes and inline code
 * at block edges), then screenshots the element at several scroll positions of the thread and counts the
 * pixels that differ between the builds at each position. `VISUAL_OUT=<dir>` keeps the PNGs. Never in
 * `npm test`.
 */
/* global Image, OffscreenCanvas -- in-page functions */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
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

const [beforeRoot, bytes = 12_000, count = 600] = process.argv.slice(2);
if (!beforeRoot || !existsSync(join(beforeRoot, 'dist/chatkit-chat.js'))) {
  console.error('usage: node bench/stream-render/visual-diff.mjs <before-root with dist/> [bytes] [deltas]');
  process.exit(1);
}
requireBuild();
const extra = [
  '---',
  '## After a rule',
  '`code` opens this paragraph, and a [link](https://example.com/x) ends it: [end](https://example.com/y)',
  '- loose item one\n\n- loose item two\n\n  with a second paragraph\n\n- loose item three',
  '### After a loose list',
  '> outer quote\n>\n> > inner quote\n> > second line',
  '***',
  '#### A small heading after a rule',
  '1. one\n2. two\n   - nested\n   - nested two\n3. three',
  '| h1 | h2 |\n|---|---|\n| *italic at the edge* | `x` |',
  '## Last heading',
  'The *last* paragraph, ending in _italics_',
].join('\n\n');
const answer = makeAnswer(Number(bytes)) + '\n\n' + extra;
const deltas = splitDeltas(answer, Number(count));
const server = await serve({
  files: { '/feed.js': feedFile },
  mounts: { '/before/dist/': join(resolve(beforeRoot), 'dist'), '/after/dist/': join(repoRoot, 'dist') },
});
const browser = await launchChromium();
const out = process.env.VISUAL_OUT;
if (out) mkdirSync(out, { recursive: true });

async function shots(who) {
  const page = await openFeedPage(browser, server.origin, { deltas });
  await page.setViewportSize({ width: 800, height: 1000 });
  await page.evaluate(setupScript(SETUPS.ours(`/${who}/dist/chatkit-chat.js`)));
  await page.evaluate(() => window.__run());
  // The thread's scroller, in the page.
  const scroller = () =>
    document
      .querySelector('chatkit-chat')
      .shadowRoot.querySelector('chatkit-thread')
      .shadowRoot.querySelector('.scroller');
  const height = await page.evaluate(`(${scroller})().scrollHeight`);
  const list = [];
  for (const f of [0, 0.2, 0.4, 0.6, 0.8, 1]) {
    await page.evaluate(
      `new Promise((resolve) => {
        const el = (${scroller})();
        el.scrollTop = ${f} * (el.scrollHeight - el.clientHeight);
        requestAnimationFrame(() => requestAnimationFrame(resolve));
      })`,
    );
    const png = await page.locator('chatkit-chat').screenshot();
    if (out) writeFileSync(join(out, `${who}-${f}.png`), png);
    list.push(png.toString('base64'));
  }
  await page.close();
  return { height, list };
}

const before = await shots('before');
const after = await shots('after');
console.log(`scroll height: before ${before.height}, after ${after.height}`);
const page = await browser.newPage();
for (let i = 0; i < before.list.length; i++) {
  const differ = await page.evaluate(
    async ([a, b]) => {
      const load = async (data) => {
        const img = new Image();
        img.src = `data:image/png;base64,${data}`;
        await img.decode();
        const c = new OffscreenCanvas(img.width, img.height);
        const g = c.getContext('2d');
        g.drawImage(img, 0, 0);
        return g.getImageData(0, 0, img.width, img.height);
      };
      const [x, y] = [await load(a), await load(b)];
      if (x.width !== y.width || x.height !== y.height)
        return `size ${x.width}x${x.height} vs ${y.width}x${y.height}`;
      let n = 0;
      for (let j = 0; j < x.data.length; j += 4)
        if (x.data[j] !== y.data[j] || x.data[j + 1] !== y.data[j + 1] || x.data[j + 2] !== y.data[j + 2])
          n++;
      return n;
    },
    [before.list[i], after.list[i]],
  );
  console.log(`position ${i}: ${differ} pixels differ`);
}
await browser.close();
server.close();
