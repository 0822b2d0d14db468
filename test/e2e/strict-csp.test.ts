/**
 * End-to-end: the element on a host page with a strict Content-Security-Policy (`style-src 'self'`, no
 * `'unsafe-inline'`; issue 11 item 7). The whole widget gallery (every component variant and every shared
 * fixture) and a conversation with a widget and a markdown answer render with **0** `securitypolicyviolation`
 * events, and the widgets keep their styles (inline values are applied through CSSOM, which CSP allows).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { deepText } from './support/deep-text.js';
import { startE2E, type E2E } from './support/harness.js';
import { e2eHooks } from './support/responder.js';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E({ hooks: e2eHooks });
});
afterAll(async () => {
  await e2e?.close();
});

interface Violation {
  directive: string;
  blocked: string;
  sample: string;
}

/** A page that records every CSP violation (events are composed, so shadow-DOM ones reach the document). */
async function watchedPage(options?: { colorScheme?: 'light' | 'dark' }) {
  const { page } = await e2e.newPage(options);
  const console: string[] = [];
  page.on('console', (message) => {
    if (/content security policy/i.test(message.text())) console.push(message.text());
  });
  await page.addInitScript(() => {
    const seen: Violation[] = [];
    (window as any).__violations = seen;
    document.addEventListener(
      'securitypolicyviolation',
      (event) =>
        seen.push({ directive: event.violatedDirective, blocked: event.blockedURI, sample: event.sample }),
      true,
    );
  });
  const violations = () => page.evaluate(() => (window as any).__violations as Violation[]);
  return { page, console, violations };
}

/** Waits until every Lit element in the page (through shadow roots) has finished its pending updates. */
async function settle(page: Page) {
  await page.evaluate(async () => {
    const pending = () => {
      const out: Promise<unknown>[] = [];
      const walk = (root: Document | ShadowRoot) => {
        for (const el of Array.from(root.querySelectorAll('*'))) {
          const update = (el as any).updateComplete;
          if (update instanceof Promise) out.push(update);
          if (el.shadowRoot) walk(el.shadowRoot);
        }
      };
      walk(document);
      return out;
    };
    for (let round = 0; round < 3; round++) await Promise.all(pending());
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  });
}

async function send(page: Page, text: string) {
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill(text);
  await box.press('Enter');
}

describe('strict CSP host page', () => {
  it('renders the whole widget gallery, styled, with 0 violations', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page, console, violations } = await watchedPage({ colorScheme });
      await page.goto(
        `${e2e.server.url}/strict-csp-gallery.html${colorScheme === 'dark' ? '?scheme=dark' : ''}`,
      );
      await page.waitForSelector('body[data-ready="true"]');
      await settle(page);
      const count = await page.locator('chatkit-widget').count();
      expect(count).toBeGreaterThan(30);

      // Styles set from widget values are applied: a Box with `padding: 4` and a Text with an explicit color.
      const applied: { padded: number; inline: number } = await page.evaluate(() => {
        let padded = 0;
        let inline = 0;
        for (const widget of Array.from(document.querySelectorAll('chatkit-widget'))) {
          for (const el of Array.from(widget.shadowRoot?.querySelectorAll<HTMLElement>('*') ?? [])) {
            if (el.style.length === 0) continue;
            inline++;
            if (parseFloat(getComputedStyle(el).paddingTop) > 0 && el.style.paddingTop) padded++;
          }
        }
        return { padded, inline };
      });
      expect(applied.inline).toBeGreaterThan(30);
      expect(applied.padded).toBeGreaterThan(5);

      await page.screenshot({ path: `.tmp/strict-csp-gallery-${colorScheme}.png`, fullPage: false });
      expect(console).toEqual([]);
      expect(await violations()).toEqual([]);

      // Control: the same listener does see a violation from inside a shadow root, so 0 above means 0.
      await page.evaluate(() => {
        const widget = document.querySelector('chatkit-widget')!;
        const probe = document.createElement('span');
        widget.shadowRoot!.append(probe);
        probe.setAttribute('style', 'color: red');
      });
      await expect.poll(async () => (await violations()).map((v) => v.directive)).toEqual(['style-src-attr']);
      await page.context().close();
    }
  });

  it('applies CSSOM style writes under the strict policy (what cssProps relies on)', async () => {
    const { page, violations } = await watchedPage();
    await page.goto(`${e2e.server.url}/strict-csp.html`);
    const result = await page.evaluate(() => {
      const a = document.createElement('div');
      const b = document.createElement('div');
      document.body.append(a, b);
      a.style.setProperty('padding-top', '13px');
      b.setAttribute('style', 'padding-top: 13px');
      return [getComputedStyle(a).paddingTop, getComputedStyle(b).paddingTop];
    });
    expect(result).toEqual(['13px', '0px']);
    await expect.poll(async () => (await violations()).map((v) => v.directive)).toEqual(['style-src-attr']);
    await page.context().close();
  });

  it('runs a conversation with a widget and a markdown answer with 0 violations', async () => {
    const { page, console, violations } = await watchedPage();
    await page.goto(`${e2e.server.url}/strict-csp.html`);
    await send(page, 'Please show a widget');
    const widget = page.locator('chatkit-widget').last();
    await expect.poll(() => deepText(widget)).toContain('Counter: 0');
    await expect.poll(() => page.getByRole('button', { name: 'Send' }).count()).toBe(1);
    await widget.getByRole('button', { name: 'Increment', exact: true }).click();
    await expect.poll(() => deepText(widget)).toContain('Counter: 1');
    await expect.poll(() => page.getByRole('button', { name: 'Send' }).count()).toBe(1);
    const before = await page.locator('[part~="assistant-message"]').count();
    await send(page, 'Hello, what can you do?');
    await expect.poll(() => page.locator('[part~="user-message"]').count()).toBe(2);
    await expect.poll(() => page.locator('[part~="assistant-message"]').count()).toBeGreaterThan(before);
    await expect.poll(() => page.getByRole('button', { name: 'Send' }).count()).toBe(1);
    await settle(page);
    await page.screenshot({ path: '.tmp/strict-csp-conversation.png' });
    expect(console).toEqual([]);
    expect(await violations()).toEqual([]);
    expect(await page.locator('#violations li').count()).toBe(0);
  });
});
