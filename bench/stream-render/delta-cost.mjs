/**
 * Main-thread CPU of the render bench's deltas without any rendering, in headless Chromium: `node
 * bench/stream-render/delta-cost.mjs [bytes] [deltas] [rounds]` (no build needed). The same feed as the render
 * bench at full speed, consumed by: `push` (what the baseline does per delta: append to a string), `raw` (the
 * feed's SSE body read chunk by chunk, nothing decoded: the feed's encoding and Chromium's body stream),
 * `decode` (src/protocol/sse.ts's `decodeSSEStream` over that body) and `session` (a whole `createSession`
 * turn over it, notifications once per animation frame, no listener work). Differences between the modes are
 * what each layer costs per answer. Never in `npm test`.
 */
import { makeAnswer, splitDeltas } from './answer.js';
import { bundleForPage, feedFile, launchChromium, openFeedPage, repoRoot, serve } from './harness.js';

const [bytes = 16_700, count = 4000, rounds = 3] = process.argv.slice(2).map(Number);
const lib = await bundleForPage({
  stdin: {
    contents:
      "export { decodeSSEStream } from './src/protocol/sse.ts'; export { createSession } from './src/protocol/session.ts';",
    resolveDir: repoRoot,
    loader: 'ts',
  },
});
const server = await serve({ files: { '/feed.js': feedFile, '/lib.js': lib }, mounts: {} });
const { origin } = server;
const browser = await launchChromium();
const deltas = splitDeltas(makeAnswer(bytes), count);
const modes = ['push', 'raw', 'decode', 'session'];
const cpu = Object.fromEntries(modes.map((m) => [m, []]));
for (let round = 0; round < rounds; round++) {
  for (const mode of modes) {
    const page = await openFeedPage(browser, origin, { deltas });
    await page.evaluate(`import('/lib.js').then((m) => { window.lib = m; })`);
    await page.waitForFunction(() => window.lib);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const threadTime = async () =>
      (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ThreadTime').value;
    const before = await threadTime();
    await page.evaluate(async (mode) => {
      const send = { body: JSON.stringify({ type: 'threads.create', params: {} }) };
      if (mode === 'push') {
        let text = '';
        await window.__feed.drive((d) => (text += d));
      } else if (mode === 'session') {
        const session = window.lib.createSession({
          url: 'https://api.test/chatkit',
          fetch: (input, init) => window.__feed.fetch(input, init),
          scheduleNotify: (notify) => requestAnimationFrame(notify),
        });
        session.subscribe(() => undefined);
        await session.sendUserMessage({ text: 'go' });
      } else {
        const response = await window.__feed.fetch('x', send);
        if (mode === 'raw') {
          const reader = response.body.getReader();
          while (!(await reader.read()).done);
        } else for await (const _ of window.lib.decodeSSEStream(response.body));
      }
    }, mode);
    cpu[mode].push((await threadTime()) - before);
    await page.close();
  }
}
await browser.close();
server.close();
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
console.log(
  `${deltas.length} deltas, main-thread CPU per answer (median of ${rounds}; every round in brackets):`,
);
for (const mode of modes)
  console.log(
    `  ${mode.padEnd(8)} ${(median(cpu[mode]) * 1000).toFixed(0).padStart(5)} ms  ` +
      `[${cpu[mode].map((s) => (s * 1000).toFixed(0)).join(', ')}]`,
  );
