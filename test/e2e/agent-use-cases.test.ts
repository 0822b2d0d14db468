/**
 * End-to-end: the real agent on the offline demo model (no API key), the demo
 * inline page, the built element and Debian's Chromium: the client tool round trip (the page's `get_time`
 * answers and the turn resumes). The use cases have their own files: todo.test.ts, returns.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultHooks } from '../../server/main.js';
import { startE2E, type E2E } from './support/harness.js';
import { sendMessage } from './support/composer.js';

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E({ hooks: defaultHooks });
});
afterAll(async () => {
  await e2e?.close();
});

async function openInline() {
  const { page } = await e2e.newPage({ viewport: { width: 1000, height: 1100 } });
  await page.goto(`${e2e.server.url}/inline.html`);
  await page.getByRole('textbox', { name: 'Message' }).waitFor();
  return page;
}

/** Sends a message and waits for its answer to end (see support/composer.ts). */
const send = sendMessage;

describe('client tool round trip in the browser', () => {
  it('the page answers get_time and the turn resumes with the answer', async () => {
    const page = await openInline();
    await send(page, 'what time is it?');
    // The answer also reaches the screen-reader announcer, so it can appear twice.
    await expect
      .poll(() => page.getByText(/Your browser says it is/).count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
  });
});
