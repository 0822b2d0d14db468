/**
 * End-to-end: the demo site on the real reference server (SQLite in a temp dir, built element) in Debian's
 * Chromium. Covers the conversation flows of issue 3: streaming, reload, history, new chat, stop, retry,
 * feedback, copy, client tools, effects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { deepText } from './support/deep-text.js';
import { startE2E, type E2E } from './support/harness.js';
import { e2eHooks, feedbackLog, LONG_ANSWER_SENTENCES, releaseSecondStep } from './support/responder.js';

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E({ hooks: e2eHooks });
});
afterAll(async () => {
  await e2e?.close();
});

async function openInline(path = '/inline.html') {
  const { page, context } = await e2e.newPage();
  await page.goto(e2e.server.url + path);
  await page.getByRole('textbox', { name: 'Message' }).waitFor();
  return { page, context };
}

async function send(page: Page, text: string) {
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill(text);
  await box.press('Enter');
}

/** The markdown body of the newest assistant message in the thread. */
function lastAnswer(page: Page) {
  return page.locator('[part~="assistant-message"]').last().locator('chatkit-markdown');
}

describe('conversation', () => {
  it('sends a message and shows the answer streaming in, then keeps it across a reload', async () => {
    const { page } = await openInline();
    await send(page, 'Tell me about streaming in two steps');
    await expect
      .poll(() => page.locator('[part~="user-message"]').last().textContent())
      .toContain('Tell me about streaming in two steps');
    // The answer shows its first part while it is still being generated (Stop offered)…
    await expect
      .poll(() => deepText(lastAnswer(page)).catch(() => ''))
      .toContain('The first part of the answer arrives');
    expect(await page.getByRole('button', { name: 'Stop' }).count()).toBe(1);
    expect(await deepText(lastAnswer(page))).not.toContain('second part');
    // …and grows to the whole answer when the rest arrives.
    releaseSecondStep();
    await expect.poll(() => deepText(lastAnswer(page))).toContain('the second part completes it');
    await expect.poll(() => page.getByRole('button', { name: 'Send' }).count()).toBe(1);
    const finalText = await deepText(lastAnswer(page));
    expect(finalText?.length).toBeGreaterThan(20);

    await page.reload();
    await expect.poll(() => page.locator('[part~="user-message"]').count()).toBe(1);
    await expect.poll(() => deepText(lastAnswer(page))).toBe(finalText);
  });

  it('stops a long answer, keeps the partial text (also after reload) and the composer stays usable', async () => {
    const { page } = await openInline();
    await send(page, 'Give me a long answer please');
    await expect.poll(async () => ((await deepText(lastAnswer(page))) ?? '').length).toBeGreaterThan(100);
    await page.getByRole('button', { name: 'Stop' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Send' }).count()).toBe(1);
    const partial = (await deepText(lastAnswer(page))) ?? '';
    expect(partial).toContain('Sentence number 1 ');
    // The answer never ends by itself: the stream ending (Send is back) was the Stop.
    expect(partial).not.toContain(`Sentence number ${LONG_ANSWER_SENTENCES} `);

    // The composer works again right away.
    await send(page, 'Hello again');
    await expect.poll(() => page.locator('[part~="user-message"]').count()).toBe(2);
    await expect.poll(() => page.getByRole('button', { name: 'Send' }).count()).toBe(1);

    // The server stored the partial answer (possibly a little longer than what the browser saw).
    await page.reload();
    await expect
      .poll(() => deepText(page.locator('[part~="assistant-message"]').first().locator('chatkit-markdown')))
      .toContain('Sentence number 1 ');
  });

  it('retries an answer, records feedback on the server and copies to the clipboard', async () => {
    const { page, context } = await openInline();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: e2e.server.url });
    await send(page, 'What is a table?');
    await expect.poll(() => page.getByRole('button', { name: 'Send' }).count()).toBe(1);
    await expect.poll(() => deepText(lastAnswer(page))).not.toBe('');

    await page.getByRole('button', { name: 'Good response' }).last().click();
    await expect.poll(() => feedbackLog.length).toBeGreaterThan(0);
    expect(feedbackLog.at(-1)?.kind).toBe('positive');

    await page.getByRole('button', { name: 'Copy' }).last().click();
    // The clipboard gets the answer's markdown source; the page shows it rendered.
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toMatch(/^#+ Plans compared/m);
    expect(copied).toContain('| Plan |');
    expect(await deepText(lastAnswer(page))).toContain('Plans compared');

    const answersBefore = await page.locator('[part~="assistant-message"]').count();
    await page.getByRole('button', { name: 'Retry' }).last().click();
    await expect.poll(() => page.getByRole('button', { name: 'Send' }).count()).toBe(1);
    await expect.poll(() => page.locator('[part~="assistant-message"]').count()).toBe(answersBefore);
    await expect.poll(() => page.locator('[part~="user-message"]').count()).toBe(1);
  });

  it('lists, renames, opens and deletes threads in the history panel, and starts a new chat', async () => {
    const { page } = await openInline();
    await send(page, 'First thread question');
    await expect.poll(() => page.getByRole('button', { name: 'Send' }).count()).toBe(1);
    await page.getByRole('button', { name: 'New chat' }).click();
    await expect.poll(() => page.locator('[part~="user-message"]').count()).toBe(0);
    await expect(page.locator('[part~="start-screen"]').count()).resolves.toBe(1);
    await send(page, 'Second thread question');
    await expect.poll(() => page.getByRole('button', { name: 'Send' }).count()).toBe(1);

    await page.getByRole('button', { name: 'History' }).click();
    const history = page.locator('[part~="history"]');
    await expect
      .poll(() => history.getByRole('button', { name: /^Rename/ }).count())
      .toBeGreaterThanOrEqual(2);

    // Rename the first thread (the older one is listed last: newest first).
    await history
      .getByRole('button', { name: /^Rename/ })
      .last()
      .click();
    const titleBox = history.getByRole('textbox', { name: 'Conversation title' });
    await titleBox.fill('Renamed by the test');
    await titleBox.press('Enter');
    await expect.poll(() => history.textContent()).toContain('Renamed by the test');

    // Open it: its messages come back.
    await history.getByText('Renamed by the test').click();
    await expect
      .poll(() => page.locator('[part~="user-message"]').last().textContent())
      .toContain('First thread question');

    // Delete it, with confirmation.
    await page.getByRole('button', { name: 'History' }).click();
    await history.getByRole('button', { name: 'Delete: Renamed by the test' }).click();
    await history.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect.poll(() => history.textContent()).not.toContain('Renamed by the test');
  });

  it('runs a client tool in the page and continues the answer with its result', async () => {
    const { page } = await openInline();
    await send(page, 'Please use the tool');
    await expect.poll(() => deepText(lastAnswer(page)), { timeout: 15_000 }).toContain('The browser said:');
    expect(await deepText(lastAnswer(page))).toContain('Inline chat');
  });

  it('delivers client effects as chatkit.effect events', async () => {
    const { page } = await openInline();
    await page.evaluate(() => {
      (window as any).__effects = [];
      document
        .querySelector('chatkit-chat')!
        .addEventListener('chatkit.effect', (event) =>
          (window as any).__effects.push((event as CustomEvent).detail),
        );
    });
    await send(page, 'Let us celebrate');
    await expect.poll(() => page.evaluate(() => (window as any).__effects.length)).toBe(1);
    const effect = await page.evaluate(() => (window as any).__effects[0]);
    expect(effect).toMatchObject({ name: 'confetti', data: { count: 3 } });
  });
});
