/**
 * End-to-end: the two seed use cases with the real agent on the offline demo model (no API key), the demo
 * inline page, the built element and Debian's Chromium. Todo: typed add, checkbox click replaced in place
 * and kept across a reload and in a new thread (returns: test/e2e/returns.test.ts). Client tool: the page's `get_time` answers and the turn resumes.
 */
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

describe('todo use case in the browser (offline demo model)', () => {
  it('adds by typing, toggles by clicking, keeps the state across a reload and in a new thread', async () => {
    const page = await openInline();
    await send(page, 'add buy milk');
    const checkbox = page.getByRole('checkbox', { name: 'buy milk' });
    await expect.poll(() => checkbox.count()).toBe(1);
    await expect
      .poll(() => page.getByText('Offline demo model', { exact: false }).count())
      .toBeGreaterThan(0);
    expect(await checkbox.isChecked()).toBe(false);

    await checkbox.click();
    await expect.poll(() => page.getByRole('checkbox', { name: 'buy milk' }).isChecked()).toBe(true);
    await expect.poll(() => page.getByText('0 open', { exact: true }).count()).toBe(1);

    await page.reload();
    await expect.poll(() => page.getByRole('checkbox', { name: 'buy milk' }).count()).toBe(1);
    expect(await page.getByRole('checkbox', { name: 'buy milk' }).isChecked()).toBe(true);

    await page.getByRole('button', { name: 'New chat' }).click();
    await send(page, 'show my todos');
    await expect.poll(() => page.getByRole('checkbox', { name: 'buy milk' }).count()).toBe(1);
    expect(await page.getByRole('checkbox', { name: 'buy milk' }).isChecked()).toBe(true);
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
