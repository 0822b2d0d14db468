/**
 * End-to-end: the two seed use cases with the real agent on the offline demo model (no API key), the demo
 * inline page, the built element and Debian's Chromium (the todo flows are in todo.test.ts). Returns: clicks and typing mixed, workflow status, the
 * return row in SQLite. Client tool: the page's `get_time` answers and the turn resumes.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultHooks } from '../../server/main.js';
import { startE2E, type E2E } from './support/harness.js';

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

async function send(page: Page, text: string) {
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill(text);
  await box.press('Enter');
  await expect.poll(() => page.getByRole('button', { name: 'Send' }).count()).toBe(1);
}

/** Clicks the newest visible element with exactly this text and waits for the response to finish. */
async function clickText(page: Page, text: string) {
  await page.getByText(text, { exact: true }).last().click();
  await expect.poll(() => page.getByRole('button', { name: 'Send' }).count()).toBe(1);
}

describe('order returns use case in the browser (offline demo model)', () => {
  it('runs the flow with clicks and typing, shows tool status as a workflow and stores the return', async () => {
    const page = await openInline();
    await send(page, 'I want to return something');
    await expect.poll(() => page.getByText('Who is returning?', { exact: true }).count()).toBe(1);
    // The typed request ran a tool: its status is shown as a workflow.
    await expect.poll(() => page.getByText('Starting a return', { exact: true }).count()).toBeGreaterThan(0);

    await clickText(page, 'Alice Martin');
    await expect
      .poll(() => page.getByText('Which item do you want to return?', { exact: true }).count())
      .toBe(1);
    await clickText(page, 'Wireless Headphones');
    await send(page, 'it arrived broken');
    await expect.poll(() => page.getByText('How should we make it right?', { exact: true }).count()).toBe(1);
    await clickText(page, 'Full refund');
    await send(page, 'courier pickup please');
    await expect.poll(() => page.getByText(/^Return RMA-[0-9A-F]{6}$/).count()).toBe(1);
    const title = await page.getByText(/^Return RMA-[0-9A-F]{6}$/).textContent();
    const returnId = title!.replace('Return ', '');

    const db = new Database(join(e2e.dataDir, 'chatkit.db'), { readonly: true });
    try {
      expect(
        db
          .prepare('SELECT customer_id, reason, resolution, shipping FROM demo_returns WHERE id = ?')
          .get(returnId),
      ).toEqual({
        customer_id: 'cus_alice',
        reason: 'damaged',
        resolution: 'refund',
        shipping: 'pickup',
      });
    } finally {
      db.close();
    }
  });
});

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
