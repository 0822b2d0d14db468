/**
 * End-to-end: embedding modes and access. The launcher bubble on the shop page (open, Escape, focus return),
 * the cross-origin embed (element served by a second origin, API on the first), a keyboard-only conversation,
 * and screenshots in light, dark, narrow and right-to-left that a person looks at (test-results/screenshots).
 */
import { mkdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startE2E, type E2E } from './support/harness.js';
import { e2eHooks } from './support/responder.js';

const SHOTS = 'test-results/screenshots';
let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E({ hooks: e2eHooks });
  await mkdir(SHOTS, { recursive: true });
});
afterAll(async () => {
  await e2e?.close();
});

describe('launcher mode', () => {
  it('opens from the bubble, closes with Escape and returns focus to the bubble', async () => {
    const { page } = await e2e.newPage();
    await page.goto(`${e2e.server.url}/shop.html`);
    const launcher = page.getByRole('button', { name: 'Open chat' });
    await launcher.click();
    const box = page.getByRole('textbox', { name: 'Message' });
    await expect.poll(() => box.isVisible()).toBe(true);
    await box.fill('Hello from the shop');
    await box.press('Enter');
    await expect.poll(() => page.getByRole('button', { name: 'Send' }).count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => box.isVisible()).toBe(false);
    const focused = await page.evaluate(() => {
      const host = document.querySelector('chatkit-chat')!;
      return host.shadowRoot?.activeElement?.getAttribute('aria-label') ?? null;
    });
    expect(focused).toBe('Open chat');
    await page.screenshot({ path: `${SHOTS}/shop-launcher-closed.png` });

    // The open state is remembered across a reload.
    await launcher.click();
    await page.reload();
    await expect.poll(() => page.getByRole('textbox', { name: 'Message' }).isVisible()).toBe(true);
    await page.screenshot({ path: `${SHOTS}/shop-launcher-open.png` });
  });

  it('goes full screen on a narrow viewport', async () => {
    const { page } = await e2e.newPage({ viewport: { width: 390, height: 760 } });
    await page.goto(`${e2e.server.url}/shop.html`);
    await page.getByRole('button', { name: 'Open chat' }).click();
    const panel = page.locator('[part~="panel"]');
    await expect.poll(async () => (await panel.boundingBox())?.width ?? 0).toBeGreaterThanOrEqual(380);
    await page.screenshot({ path: `${SHOTS}/shop-narrow.png` });

    // The on-screen keyboard shrinks the visual viewport: the panel follows it and the composer stays visible.
    await page.setViewportSize({ width: 390, height: 420 });
    await expect.poll(async () => (await panel.boundingBox())?.height ?? Infinity).toBeLessThanOrEqual(420);
    const composer = await page.locator('[part~="input"]').boundingBox();
    expect(composer).not.toBeNull();
    expect(composer!.y + composer!.height).toBeLessThanOrEqual(420);
    await page.screenshot({ path: `${SHOTS}/shop-narrow-keyboard.png` });
  });
});

describe('cross-origin embed', () => {
  it('loads the element from a second origin and talks to the API on the first', async () => {
    expect(e2e.server.crossOriginUrl).toBeTruthy();
    const { page } = await e2e.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(new URL(request.url()).origin));
    await page.goto(
      `${e2e.server.crossOriginUrl}/cross-origin.html?api=${encodeURIComponent(e2e.server.url)}`,
    );
    const box = page.getByRole('textbox', { name: 'Message' });
    await box.fill('Hello across origins');
    await box.press('Enter');
    await expect.poll(() => page.locator('[part~="assistant-message"]').count()).toBe(1);
    await expect.poll(() => page.getByRole('button', { name: 'Send' }).count()).toBe(1);
    // Only the two origins of the test are ever contacted: no third-party requests.
    const origins = new Set(requests);
    for (const origin of origins) expect([e2e.server.url, e2e.server.crossOriginUrl]).toContain(origin);
    expect(origins.has(e2e.server.url)).toBe(true);
  });
});

describe('cache-busting query string', () => {
  it('works when the page loads chatkit-chat.js?v=…: the lazy history panel still gets the chat context', async () => {
    const { page } = await e2e.newPage();
    const scripts: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.endsWith('/chatkit-chat.js')) scripts.push(url.pathname + url.search);
    });
    // The page's own tag gets a query: the on-demand chunks import the file back by its plain URL, a second
    // module instance, whose elements must still find the root's context.
    await page.route('**/inline.html', async (route) => {
      const response = await route.fetch();
      const body = (await response.text()).replace('src="/chatkit-chat.js"', 'src="/chatkit-chat.js?v=1"');
      await route.fulfill({ response, body });
    });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${e2e.server.url}/inline.html`);
    await page.getByRole('button', { name: 'History' }).click();
    await expect
      .poll(() => page.locator('[part~="history"]').getByRole('button', { name: 'New chat' }).count())
      .toBeGreaterThan(0);
    expect(scripts).toContain('/chatkit-chat.js?v=1');
    expect(errors).toEqual([]);
  });
});

/** The accessible label of the element that has focus, looking through shadow roots. */
function focusedLabel(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active?.getAttribute('aria-label') ?? null;
  });
}

describe('keyboard only', () => {
  it('holds a conversation and opens the history without a mouse', async () => {
    const { page } = await e2e.newPage();
    await page.goto(`${e2e.server.url}/inline.html`);
    await page.getByRole('textbox', { name: 'Message' }).waitFor();
    // Tab from the top of the page until the composer has focus.
    let reached = false;
    for (let i = 0; i < 30 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = (await focusedLabel(page)) === 'Message';
    }
    expect(reached).toBe(true);
    await page.keyboard.type('Typed without a mouse');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[part~="assistant-message"]').count()).toBe(1);
    await expect.poll(() => page.getByRole('button', { name: 'Send' }).count()).toBe(1);
    // Shift+Tab back to the header's History button and open it with Enter.
    let onHistory = false;
    for (let i = 0; i < 40 && !onHistory; i++) {
      await page.keyboard.press('Shift+Tab');
      onHistory = (await focusedLabel(page)) === 'History';
    }
    expect(onHistory).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[part~="history"]').isVisible()).toBe(true);
  });
});

describe('screenshots', () => {
  const variants = [
    { name: 'light-wide', query: '', viewport: { width: 1100, height: 800 }, colorScheme: 'light' as const },
    {
      name: 'dark-wide',
      query: '?theme=dark',
      viewport: { width: 1100, height: 800 },
      colorScheme: 'dark' as const,
    },
    { name: 'light-narrow', query: '', viewport: { width: 390, height: 760 }, colorScheme: 'light' as const },
    {
      name: 'arabic-rtl',
      query: '?locale=ar',
      viewport: { width: 1100, height: 800 },
      colorScheme: 'light' as const,
    },
  ];
  for (const variant of variants) {
    it(`renders a conversation (${variant.name})`, async () => {
      const { page } = await e2e.newPage({ viewport: variant.viewport, colorScheme: variant.colorScheme });
      await page.goto(`${e2e.server.url}/inline.html${variant.query}`);
      const box = page.getByRole('textbox');
      await box.first().waitFor();
      await page.screenshot({ path: `${SHOTS}/${variant.name}-start.png` });
      await box.first().fill('Show me a table');
      await box.first().press('Enter');
      await expect.poll(() => page.locator('[part~="assistant-message"]').count()).toBe(1);
      await expect.poll(() => page.locator('[part~="stop-button"]').count()).toBe(0);
      if (variant.name === 'arabic-rtl') {
        const dir = await page.evaluate(
          () => getComputedStyle(document.querySelector('chatkit-chat')!).direction,
        );
        expect(dir).toBe('rtl');
      }
      await page.screenshot({ path: `${SHOTS}/${variant.name}-answer.png` });
    });
  }
});
