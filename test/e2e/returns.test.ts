/**
 * End-to-end: the order-returns flow of seed 001 in the inline demo page (the built element, the real
 * reference server, SQLite in a temp dir, Debian's Chromium). Walked by clicking, by typing and mixed,
 * against the offline demo model and against the fake OpenAI-compatible server scripted with the tool
 * calls a real model makes; and across a server restart. Waits are on DOM state, never on time.
 */
import Database from 'better-sqlite3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { createLogger } from '../../server/logger.js';
import { defaultHooks, startServer } from '../../server/main.js';
import { type FakeReply, reply } from '../fixtures/fake-openai/fake-openai-server.js';
import { startE2E, type E2E } from './support/harness.js';
import { onFakeModel } from './support/fake-model.js';
import { sendMessage } from './support/composer.js';

/** Picks an option of a widget Select (a combobox with a listbox popover) by its value. */
async function choose(page: Page, name: string, value: string): Promise<void> {
  await page.getByRole('combobox', { name }).click();
  await page.locator(`[role="option"][data-value="${value}"]:visible`).click();
}

async function openInline(e2e: E2E, url = e2e.server.url) {
  const { page } = await e2e.newPage({ viewport: { width: 1000, height: 1100 } });
  await page.goto(`${url}/inline.html`);
  await page.getByRole('textbox', { name: 'Message' }).waitFor();
  return page;
}

/** Waits until no response is streaming (the composer shows Send again). */
const idle = (page: Page) => expect.poll(() => page.getByRole('button', { name: 'Send' }).count()).toBe(1);

/** Sends a message and waits for its answer to end (see support/composer.ts). */
const send = sendMessage;

/** Waits until an exact text is shown (once at least). */
const shown = (page: Page, text: string | RegExp) =>
  expect.poll(() => page.getByText(text, { exact: typeof text === 'string' }).count()).toBeGreaterThan(0);

async function clickText(page: Page, text: string) {
  await page.getByText(text, { exact: true }).last().click();
  await idle(page);
}

async function returnId(page: Page): Promise<string> {
  await shown(page, /^Return RMA-[0-9A-F]{6}$/);
  const title = await page
    .getByText(/^Return RMA-[0-9A-F]{6}$/)
    .last()
    .textContent();
  return title!.replace('Return ', '');
}

/** Whether the newest confirmation card's title lies inside the conversation log's visible area. */
async function confirmationInView(page: Page): Promise<boolean> {
  const log = await page.getByRole('log').boundingBox();
  const title = await page
    .getByText(/^Return RMA-[0-9A-F]{6}$/)
    .last()
    .boundingBox();
  if (!log || !title) return false;
  return title.y >= log.y - 1 && title.y + title.height <= log.y + log.height + 1;
}

function rows<T = Record<string, unknown>>(dataDir: string, sql: string, ...args: unknown[]): T[] {
  const db = new Database(join(dataDir, 'chatkit.db'), { readonly: true });
  try {
    return db.prepare(sql).all(...args) as T[];
  } finally {
    db.close();
  }
}

/** No internal ids anywhere on screen (status rows, replies, cards). */
async function expectNoInternalIds(page: Page) {
  expect(await page.getByText(/cus_[a-z]+|line_\d{4}_\d/).count()).toBe(0);
}

describe('returns in the browser, offline demo model', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E({ hooks: defaultHooks });
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('by clicking: lookup form, two items, a reason each, tier offer accepted, refund, pickup', async () => {
    const page = await openInline(e2e);
    await send(page, 'I want to return something');
    await shown(page, "Let's find your order");

    await page.getByRole('textbox', { name: 'Email, order number or name' }).fill('alice@example.com');
    await page.getByRole('button', { name: 'Find my orders' }).click();
    await expect.poll(() => page.getByRole('checkbox', { name: 'Wireless Headphones' }).count()).toBe(1);
    await shown(page, 'Gold member');
    await shown(page, 'Account found');
    // The final-sale jacket is listed but cannot be ticked.
    expect(await page.getByRole('checkbox', { name: 'Rain Jacket' }).isDisabled()).toBe(true);

    await page.getByRole('checkbox', { name: 'Wireless Headphones' }).check();
    await page.getByRole('checkbox', { name: 'Travel Backpack' }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.getByRole('combobox', { name: 'Travel Backpack' }).count()).toBe(1);
    await shown(page, '2 items selected');

    await choose(page, 'Wireless Headphones', 'damaged');
    await choose(page, 'Travel Backpack', 'changed_mind');
    await page.getByRole('button', { name: 'Continue' }).click();
    await shown(page, 'Keep the Travel Backpack and get $14.80 store credit');
    await shown(page, 'Keep the Travel Backpack and get 15% off your next order');

    await page.getByRole('button', { name: 'Accept' }).first().click();
    await shown(page, 'Offer accepted');
    await shown(page, 'How should we make it right?');
    await clickText(page, 'Full refund');
    await shown(page, 'How will you send it back?');
    await clickText(page, 'Schedule a pickup');
    const rma = await returnId(page);
    // The card the last click produced is in view, not below the fold behind "Jump to latest" (issue 12).
    await expect.poll(() => confirmationInView(page)).toBe(true);
    expect(await page.getByRole('button', { name: 'Jump to latest' }).count()).toBe(0);

    expect(
      rows(
        e2e.dataDir,
        'SELECT customer_id, resolution, shipping, amount_cents FROM returns_requests WHERE id = ?',
        rma,
      ),
    ).toEqual([{ customer_id: 'cus_alice', resolution: 'refund', shipping: 'pickup', amount_cents: 12900 }]);
    expect(
      rows(e2e.dataDir, 'SELECT line_id, reason FROM returns_request_items WHERE return_id = ?', rma),
    ).toEqual([{ line_id: 'line_1001_1', reason: 'damaged' }]);
    expect(
      rows(e2e.dataDir, 'SELECT customer_id, offer_id, amount_cents, line_ids FROM returns_accepted_offers'),
    ).toEqual([
      { customer_id: 'cus_alice', offer_id: 'credit_20', amount_cents: 1480, line_ids: '["line_1002_2"]' },
    ]);
    await expectNoInternalIds(page);
  });

  it('by typing: every step answered in words, store credit, drop-off', async () => {
    const page = await openInline(e2e);
    await send(page, 'i wnat to retrun my order');
    await shown(page, "Let's find your order");
    await send(page, 'bob@example.com');
    await shown(page, 'Silver member');
    await send(page, 'the lamp and the running shoes');
    await expect.poll(() => page.getByRole('combobox', { name: 'Running Shoes' }).count()).toBe(1);
    await send(page, "the lamp is broken and the shoes don't fit");
    await shown(page, 'How should we make it right?');
    await send(page, 'store credit please');
    await shown(page, 'How will you send it back?');
    await send(page, "I'll drop it off at the post office");
    const rma = await returnId(page);
    await shown(page, new RegExp(`Your return ${rma} is confirmed: you'll get \\$170\\.50 store credit`));
    expect(
      rows(e2e.dataDir, 'SELECT resolution, shipping, amount_cents FROM returns_requests WHERE id = ?', rma),
    ).toEqual([{ resolution: 'store_credit', shipping: 'dropoff', amount_cents: 17050 }]);
    expect(
      rows(
        e2e.dataDir,
        'SELECT line_id, reason FROM returns_request_items WHERE return_id = ? ORDER BY line_id',
        rma,
      ),
    ).toEqual([
      { line_id: 'line_1003_1', reason: 'damaged' },
      { line_id: 'line_1003_2', reason: 'fit' },
    ]);
    // Every step shows once, answered; the replies speak to the customer.
    for (const done of [
      'Account found',
      '2 items selected',
      'Reasons noted',
      'Resolution chosen',
      'Shipping chosen',
    ])
      expect(await page.getByText(done, { exact: true }).count()).toBe(1);
    expect(await page.getByText(/does not match|The customer keeps/).count()).toBe(0);
    await expectNoInternalIds(page);
  });

  it('mixed: an ambiguous name, a typed account choice, clicks and words for the rest', async () => {
    const page = await openInline(e2e);
    await send(page, 'I need to send something back');
    await page.getByRole('textbox', { name: 'Email, order number or name' }).fill('Martin');
    await page.getByRole('button', { name: 'Find my orders' }).click();
    await shown(page, 'Which account is yours?');
    await send(page, 'Dan');
    await shown(page, 'Platinum member');
    await page.getByRole('checkbox', { name: 'Electric Kettle' }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await shown(page, 'Why are you returning the Electric Kettle?');
    await send(page, 'it stopped working');
    await clickText(page, 'Exchange');
    await send(page, 'pickup please');
    const rma = await returnId(page);
    expect(
      rows(e2e.dataDir, 'SELECT customer_id, resolution, shipping FROM returns_requests WHERE id = ?', rma),
    ).toEqual([{ customer_id: 'cus_dan', resolution: 'exchange', shipping: 'pickup' }]);
  });
});

describe('returns in the browser, OpenAI-compatible model (fake) making real tool calls', () => {
  const script: FakeReply[] = [];
  // Title requests get a title; every other request takes the next scripted reply.
  const suite = onFakeModel((request) => {
    const system = String(request.body?.messages?.[0]?.content ?? '');
    if (/title/i.test(system) && !(request.body?.tools?.length > 0)) return reply.text('Return an order');
    return script.shift() ?? reply.text('(script ended)');
  });

  it('typed steps become tool calls with ids; status rows read for people; clicks need no model', async () => {
    script.push(
      reply.tools({ name: 'start_return', arguments: {} }),
      reply.text('Sure! What is the email address or order number?'),
      reply.tools({ name: 'lookup_customer', arguments: { query: 'ORD-1005' } }),
      reply.text('Thanks Dan! Which items?'),
      reply.tools({ name: 'select_return_items', arguments: { items: ['line_1005_1', 'line_1005_2'] } }),
      reply.text('Why are you returning them?'),
      // Two reasons in one message: parallel calls, as models make them.
      reply.tools(
        { name: 'set_return_reason', arguments: { reason: 'changed_mind', items: ['line_1005_1'] } },
        { name: 'set_return_reason', arguments: { reason: 'damaged', items: ['line_1005_2'] } },
      ),
      reply.text('As a Platinum member you can keep the headphones with an offer.'),
      reply.tools({ name: 'respond_to_offer', arguments: { decision: 'accept', offer_id: 'discount_20' } }),
      reply.text('Done! How should we make the kettle right?'),
      reply.tools({ name: 'select_return_option', arguments: { step: 'resolution', choice: 'refund' } }),
      reply.text('How will you send it back?'),
    );
    const page = await openInline(suite.e2e);
    await send(page, 'I want to return something');
    await shown(page, "Let's find your order");
    await send(page, "it's order ORD-1005");
    await shown(page, 'Platinum member');
    await send(page, 'both of them');
    await expect.poll(() => page.getByRole('combobox', { name: 'Electric Kettle' }).count()).toBe(1);
    await send(page, "I don't need the headphones and the kettle arrived broken");
    await shown(page, 'Keep the Wireless Headphones and get 20% off your next order');
    await send(page, "I'll take the discount");
    await shown(page, 'Offer accepted');
    await send(page, 'a refund');
    await shown(page, 'How will you send it back?');
    const before = suite.fake.requestCount;
    await clickText(page, 'Drop off at a parcel point');
    const rma = await returnId(page);
    expect(suite.fake.requestCount).toBe(before);

    // Finished status rows read as done, in words for people, never with the ids the model passed.
    for (const done of [
      'Return started',
      'Account looked up',
      '2 items noted',
      'Reason noted',
      'Offer applied',
      'Resolution noted',
    ])
      await shown(page, done);
    await expectNoInternalIds(page);
    expect(await page.getByText(/Recording/).count()).toBe(0);

    // The model saw the flow state (seed: CURRENT SESSION STATE) and the customer-facing summaries.
    const reasonRequest = suite.fake.requests.find(
      (r) =>
        JSON.stringify(r.body).includes('"set_return_reason"') &&
        JSON.stringify(r.body.messages).includes('Current step: reason'),
    );
    expect(JSON.stringify(reasonRequest?.body.messages[0])).toContain('line_1005_2: Electric Kettle');

    expect(
      rows(suite.e2e.dataDir, 'SELECT line_id, reason FROM returns_request_items WHERE return_id = ?', rma),
    ).toEqual([{ line_id: 'line_1005_2', reason: 'damaged' }]);
    expect(
      rows(
        suite.e2e.dataDir,
        "SELECT offer_id, kind, line_ids FROM returns_accepted_offers WHERE customer_id = 'cus_dan'",
      ),
    ).toEqual([{ offer_id: 'discount_20', kind: 'discount', line_ids: '["line_1005_1"]' }]);
    expect(script).toEqual([]);
  });
});

describe('returns survive a server restart', () => {
  it('a half-done return reloads after a restart and finishes', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'chatkit-e2e-returns-'));
    const e2e = await startE2E({ hooks: defaultHooks, dataDir });
    let second: Awaited<ReturnType<typeof startServer>> | null = null;
    try {
      const page = await openInline(e2e);
      await send(page, 'I want to return something');
      await send(page, 'carla@example.com');
      await page.getByRole('checkbox', { name: 'Electric Kettle' }).check();
      await page.getByRole('button', { name: 'Continue' }).click();
      await shown(page, 'Why are you returning the Electric Kettle?');

      const port = new URL(e2e.server.url).port;
      await e2e.server.close();
      second = await startServer(
        // Same port, so the reloaded page keeps its origin; no cross-origin demo server, which would
        // otherwise take port + 1, a port any other process on the machine may hold.
        loadConfig({
          PORT: port,
          HOST: '127.0.0.1',
          CHATKIT_DATA_DIR: dataDir,
          CHATKIT_DEMO_PORT: 'off',
          LOG_LEVEL: 'silent',
        }),
        { logger: createLogger('silent'), hooks: defaultHooks },
      );
      await page.reload();
      await shown(page, 'Why are you returning the Electric Kettle?');
      await shown(page, '1 item selected');
      await clickText(page, 'Changed my mind');
      // Bronze: one offer only.
      await shown(page, 'Keep the Electric Kettle and get $3.90 store credit');
      expect(await page.getByText(/off your next order/).count()).toBe(0);
      await send(page, 'no thanks, return it');
      await clickText(page, 'Full refund');
      await clickText(page, 'Schedule a pickup');
      const rma = await returnId(page);
      await page.reload();
      await shown(page, `Return ${rma}`);
      expect(
        rows(dataDir, 'SELECT customer_id, amount_cents FROM returns_requests WHERE id = ?', rma),
      ).toEqual([{ customer_id: 'cus_carla', amount_cents: 3900 }]);
    } finally {
      await second?.close();
      await e2e.browser.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
