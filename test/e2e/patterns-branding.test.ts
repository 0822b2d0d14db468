/**
 * End-to-end: branding from the environment on the demo pages. The inline demo shows the configured brand
 * name and tagline in the chat header (no hard-coded title), loads the generated /branding.css (header
 * gradient in the brand color) and applies the brand favicon to the page it opted in for.
 */
import { mkdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, type E2E } from './support/harness.js';
import { e2eHooks } from './support/responder.js';

const SHOTS = 'test-results/screenshots';
let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E({
    hooks: e2eHooks,
    env: { BRAND_NAME: 'Contoso Help', BRAND_TAGLINE: 'Answers in seconds', BRAND_PRIMARY_COLOR: '#c0392b' },
  });
  await mkdir(SHOTS, { recursive: true });
});
afterAll(async () => {
  await e2e?.close();
});

describe('branding on the demo pages', () => {
  it.each(['light', 'dark'])(
    'the inline demo shows the brand name, tagline and gradient (%s)',
    async (theme) => {
      const { page } = await e2e.newPage({ viewport: { width: 1100, height: 800 } });
      await page.goto(`${e2e.server.url}/inline.html?theme=${theme}`);
      const title = page.locator('[part="title"]');
      await expect.poll(() => title.textContent()).toBe('Contoso Help');
      await expect.poll(() => page.locator('[part="tagline"]').textContent()).toBe('Answers in seconds');
      const header = await page
        .locator('[part="header"]')
        .evaluate((part) => getComputedStyle(part).backgroundImage);
      expect(header).toContain('linear-gradient');
      expect(header).toMatch(/rgb\(192, 57, 43\)|#c0392b/i);
      const icon = await page.evaluate(
        () => document.querySelector<HTMLLinkElement>('link[rel~="icon"]')?.href,
      );
      expect(icon).toBe(`${e2e.server.url}/favicon.svg`);
      await page.screenshot({ path: `${SHOTS}/branding-inline-${theme}.png` });
    },
  );

  it('keeps the brand on a narrow screen', async () => {
    const { page } = await e2e.newPage({ viewport: { width: 390, height: 760 } });
    await page.goto(`${e2e.server.url}/inline.html`);
    await expect.poll(() => page.locator('[part="tagline"]').textContent()).toBe('Answers in seconds');
    await page.screenshot({ path: `${SHOTS}/branding-inline-narrow.png` });
  });
});
