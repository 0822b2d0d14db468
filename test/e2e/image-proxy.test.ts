/**
 * End-to-end: the element's `image-proxy` with the reference server's `/image-proxy` route (issue 11 item 8).
 * An answer shows an image from a host the default policy refuses (`localhost`, while the API is on
 * `127.0.0.1`): without a proxy it waits behind "Load image from localhost:…"; with the attribute pointing at
 * the server's route it loads through the proxy — real pixels, from a real loopback image server, and the
 * image server never sees the page's cookies.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RespondHook } from '../../server/chatkit/types.js';
import type { Page } from 'playwright-core';
import type { RequestContext } from '../../server/stores/store.js';
import { startE2E, type E2E } from './support/harness.js';

/** A 2×3 red PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAADCAIAAAA2iEnWAAAAEElEQVR4nGP4z8AARAwoFABE0AX7pM/egAAAAABJRU5ErkJggg==',
  'base64',
);

let e2e: E2E;
let images: Server;
let imageUrl = '';
const seen: IncomingHttpHeaders[] = [];

beforeAll(async () => {
  images = createServer((req, res) => {
    seen.push(req.headers);
    res.writeHead(200, { 'content-type': 'image/png', 'set-cookie': 'tracker=1' }).end(PNG);
  });
  await new Promise<void>((resolve) => images.listen(0, '127.0.0.1', resolve));
  imageUrl = `http://localhost:${(images.address() as AddressInfo).port}/photo.png`;
  const respond: RespondHook<RequestContext> = async function* (_thread, _input, ctx) {
    yield ctx.events.done(ctx.assistantMessage(`Here it is: ![a red photo](${imageUrl}) done.`));
  };
  e2e = await startE2E({
    hooks: { respond },
    env: { CHATKIT_IMAGE_PROXY: 'on', CHATKIT_IMAGE_PROXY_HOSTS: 'localhost', CHATKIT_DEMO_PORT: 'off' },
  });
});
afterAll(async () => {
  await e2e?.close();
  images?.closeAllConnections();
  await new Promise<void>((resolve) => images?.close(() => resolve()));
});

/** The rendered answer's image state: its img `src` and natural width, and the load button's text. */
async function answerImage(page: Page) {
  return page.evaluate(() => {
    const chat = document.querySelector('chatkit-chat')!;
    const thread = chat.shadowRoot!.querySelector('chatkit-thread')!;
    const md = thread.shadowRoot!.querySelector('chatkit-markdown');
    const root = md?.shadowRoot;
    const img = root?.querySelector('img');
    return {
      text: root?.textContent ?? '',
      src: img?.getAttribute('src') ?? null,
      width: img && img.complete ? img.naturalWidth : 0,
      button: root?.querySelector('.md-image-load')?.textContent ?? null,
    };
  });
}

describe('image proxy, end to end', () => {
  it('without a proxy: blocked behind a button; with image-proxy: loaded through the server', async () => {
    const { page, context } = await e2e.newPage();
    await context.addCookies([{ name: 'session', value: 'secret', url: imageUrl }]);
    await page.goto(`${e2e.server.url}/inline.html`);
    const box = page.getByRole('textbox', { name: 'Message' });
    await box.fill('Show me a photo');
    await box.press('Enter');
    await expect.poll(async () => (await answerImage(page)).text).toContain('done.');
    const blocked = await answerImage(page);
    expect(blocked.src).toBe(null);
    expect(blocked.button).toMatch(/^Load image from localhost:\d+$/);
    expect(seen).toHaveLength(0);

    await page.evaluate((proxy) => {
      document.querySelector('chatkit-chat')!.setAttribute('image-proxy', proxy);
    }, `${e2e.server.url}/image-proxy`);
    await expect.poll(async () => (await answerImage(page)).width).toBe(2);
    const loaded = await answerImage(page);
    expect(loaded.src).toBe(`${e2e.server.url}/image-proxy?url=${encodeURIComponent(imageUrl)}`);
    expect(loaded.button).toBe(null);
    // The image host was reached by the proxy only, without the visitor's cookies.
    expect(seen.length).toBeGreaterThanOrEqual(1);
    for (const headers of seen) expect(headers.cookie).toBeUndefined();
  });
});
