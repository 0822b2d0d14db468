/**
 * End-to-end: widget actions through the real server (issue 4). A streaming server action replaces the widget
 * in place and persists across a reload; a sync action works while another answer streams; a client action
 * reaches the page; a form's values are merged into its action payload, with validation first.
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

async function send(page: Page, text: string) {
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill(text);
  await box.press('Enter');
}

const widget = (page: Page) => page.locator('chatkit-widget').last();
const idle = (page: Page) => expect.poll(() => page.getByRole('button', { name: 'Send' }).count()).toBe(1);

describe('widget actions through the real server', () => {
  it('replaces the widget in place on a server action and keeps it after a reload', async () => {
    const { page } = await e2e.newPage();
    await page.goto(`${e2e.server.url}/inline.html`);
    await send(page, 'Please show a widget');
    await expect.poll(() => deepText(widget(page))).toContain('Counter: 0');
    await idle(page);

    await widget(page).getByRole('button', { name: 'Increment', exact: true }).click();
    await expect.poll(() => deepText(widget(page))).toContain('Counter: 1');
    await expect
      .poll(() => deepText(page.locator('[part~="assistant-message"]').last()))
      .toContain('Incremented to 1.');
    expect(await page.locator('chatkit-widget').count()).toBe(1);

    // Updates to stored widgets are persisted by our server (chatkit-python would revert them).
    await page.reload();
    await expect.poll(() => deepText(widget(page))).toContain('Counter: 1');
  });

  it('runs a sync action while another answer is streaming', async () => {
    const { page } = await e2e.newPage();
    await page.goto(`${e2e.server.url}/inline.html`);
    await send(page, 'Please show a widget');
    await expect.poll(() => deepText(widget(page))).toContain('Counter: 0');
    await idle(page);
    await send(page, 'Now a long answer please');
    await expect.poll(() => page.getByRole('button', { name: 'Stop' }).count()).toBe(1);

    await widget(page).getByRole('button', { name: 'Sync increment' }).click();
    await expect.poll(() => deepText(widget(page))).toContain('Counter: 1');
    await expect.poll(() => deepText(widget(page))).toContain('sync action');
    // The long answer is still streaming: the sync action did not wait for it.
    expect(await page.getByRole('button', { name: 'Stop' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Stop' }).click();
    await idle(page);
  });

  it('hands client actions to the page (event and widgets.onAction) without calling the server', async () => {
    const { page } = await e2e.newPage();
    await page.goto(`${e2e.server.url}/inline.html`);
    await page.evaluate(() => {
      const chat = document.querySelector('chatkit-chat') as any;
      (window as any).__actions = [];
      chat.addEventListener('chatkit.widget.action', (event: CustomEvent) =>
        (window as any).__actions.push(['event', event.detail.action.type]),
      );
      chat.setOptions({
        threadItemActions: { feedback: true, retry: true, copy: true },
        widgets: {
          onAction: (action: { type: string }) => (window as any).__actions.push(['callback', action.type]),
        },
      });
    });
    await send(page, 'Please show a widget');
    await expect.poll(() => deepText(widget(page))).toContain('Counter: 0');
    await idle(page);
    const posts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST') posts.push(request.postData() ?? '');
    });
    await widget(page).getByRole('button', { name: 'Client action' }).click();
    await expect
      .poll(() => page.evaluate(() => (window as any).__actions))
      .toEqual([
        ['event', 'counter.client'],
        ['callback', 'counter.client'],
      ]);
    expect(posts.filter((body) => body.includes('counter.client'))).toEqual([]);
  });

  it('validates a form, then merges its values (nested names, booleans) into the action payload', async () => {
    const { page } = await e2e.newPage();
    const saves: string[] = [];
    page.on('request', (request) => {
      const body = request.method() === 'POST' ? (request.postData() ?? '') : '';
      if (body.includes('note.save')) saves.push(body);
    });
    await page.goto(`${e2e.server.url}/inline.html`);
    await send(page, 'Please show a widget');
    await expect.poll(() => deepText(widget(page))).toContain('Counter: 0');
    await idle(page);
    const answers = page.locator('[part~="assistant-message"]');
    const before = await answers.count();

    // Required field empty: the field is marked invalid (validation ran in the click) and nothing is sent.
    await widget(page).getByRole('button', { name: 'Save note' }).click();
    await expect
      .poll(() => widget(page).getByPlaceholder('A note').getAttribute('aria-invalid'))
      .toBe('true');
    expect(await answers.count()).toBe(before);

    await widget(page).getByPlaceholder('A note').fill('Call the supplier');
    await widget(page).getByRole('checkbox', { name: 'Urgent' }).check();
    await widget(page).getByPlaceholder('A note').press('Enter');
    await expect.poll(() => deepText(answers.last())).toContain('Saved note');
    const text = await deepText(answers.last());
    const payload = JSON.parse(text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1));
    expect(payload).toEqual({ count: 0, note: { text: 'Call the supplier', urgent: true } });
    // Actions go out in order, so had the invalid submit been sent, it would be here before the valid one.
    expect(saves).toHaveLength(1);
  });
});
