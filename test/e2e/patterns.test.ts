/**
 * End-to-end: the app-patterns demo (demo/patterns.html, server/use-cases/shop/) with the built element,
 * the real server and Debian's Chromium. Each pattern of seeds 003/004 is walked on the offline demo model
 * and on the fake OpenAI-compatible server with the tool calls a real model makes:
 * a. a client tool (`update_cart`) that changes the host page, whose result the server uses;
 * b. a client effect (`highlight_product`) the page reacts to;
 * c. hidden context added by a widget action (the preference card), used by the next answer;
 * d. the composer's pinned tool (Staff pick: the server forces a recommendation card) and model picker;
 * e. client-handled widget actions (Add to cart, Show on page) with no server round trip.
 * Screenshots (light/dark, narrow/wide) go to test-results/screenshots/.
 */
import { mkdir } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultHooks } from '../../server/main.js';
import { reply, type RecordedRequest } from '../fixtures/fake-openai/fake-openai-server.js';
import { deepText } from './support/deep-text.js';
import { startE2E, type E2E } from './support/harness.js';
import { onFakeModel } from './support/fake-model.js';

const SHOTS = 'test-results/screenshots';

/** Polls with room for a loaded machine. */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000 });

interface Opened {
  page: Page;
  /** Bodies of the page's POST /chatkit requests, oldest first. */
  chatkitRequests: any[];
  /** `chatkit.effect` events the page received. */
  effects(): Promise<{ name: string; data: Record<string, unknown> }[]>;
}

async function openPatterns(
  e2e: E2E,
  options: { theme?: 'light' | 'dark'; width?: number; height?: number } = {},
): Promise<Opened> {
  const { theme = 'light', width = 1280, height = 900 } = options;
  const { page } = await e2e.newPage({ viewport: { width, height }, colorScheme: theme });
  const chatkitRequests: any[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/chatkit')
      chatkitRequests.push(JSON.parse(request.postData() ?? 'null'));
  });
  await page.addInitScript(() => {
    const seen: unknown[] = [];
    (window as any).__effects = seen;
    document.addEventListener('chatkit.effect', (event) => seen.push((event as CustomEvent).detail));
  });
  await page.goto(`${e2e.server.url}/patterns.html?theme=${theme}`);
  await page.getByRole('textbox', { name: 'Message' }).waitFor();
  return {
    page,
    chatkitRequests,
    effects: () => page.evaluate(() => (window as any).__effects),
  };
}

async function idle(page: Page) {
  await poll(() => page.getByRole('button', { name: 'Send' }).count()).toBe(1);
}

async function type(page: Page, text: string) {
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill(text);
  await box.press('Enter');
}

/** The page's cart as a person reads it: `name × quantity` per line, and the total line. */
async function cart(page: Page): Promise<{ lines: string[]; total: string | null }> {
  const lines = await page
    .locator('#cart-lines li')
    .evaluateAll((rows) =>
      rows.map(
        (row) =>
          `${row.querySelector('.cart-name')?.textContent} ${row.querySelector('.cart-qty')?.textContent}`,
      ),
    );
  const total = page.locator('#cart-total');
  return { lines, total: (await total.isVisible()) ? await total.textContent() : null };
}

const suggestedTiles = (page: Page) =>
  page
    .locator('.tile.suggested')
    .evaluateAll((tiles) => tiles.map((tile) => (tile as HTMLElement).dataset.product));

const recommendation = (page: Page): Locator =>
  page.locator('chatkit-widget').filter({ hasText: 'Show on page' }).last();

const lastAnswer = (page: Page) => deepText(page.locator('article.message.assistant').last());

describe('app patterns on the offline demo model', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E({ hooks: defaultHooks, env: { CHATKIT_OFFLINE_PACE: 'off' } });
    await mkdir(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('a. a client tool changes the cart on the page and the answer uses what the page returned', async () => {
    const { page } = await openPatterns(e2e);
    expect((await cart(page)).lines).toEqual([]);
    await type(page, 'add the wool beanie to my cart');
    await poll(() => cart(page)).toEqual({ lines: ['Wool beanie × 1'], total: '1 item · Total €24' });
    // The server resumed the turn with the page's result: the answer states the cart the page reported.
    await poll(() => lastAnswer(page)).toContain('Added 1 × Wool beanie. Your cart: 1 item, €24.');
    await idle(page);

    await type(page, 'put 2 rain shells in my basket');
    await poll(() => cart(page)).toEqual({
      lines: ['Rain shell × 2', 'Wool beanie × 1'],
      total: '3 items · Total €202',
    });
    await poll(() => lastAnswer(page)).toContain('Your cart: 3 items, €202.');
    await idle(page);

    await type(page, 'remove the beanie');
    await poll(() => cart(page)).toEqual({ lines: ['Rain shell × 2'], total: '2 items · Total €178' });
    await idle(page);
    // "add pack lunch" names no product: it stays a todo, the cart is untouched.
    await type(page, 'add pack lunch');
    await poll(() => page.locator('chatkit-widget').filter({ hasText: 'My Todos' }).count()).toBeGreaterThan(
      0,
    );
    await idle(page);
    expect((await cart(page)).lines).toEqual(['Rain shell × 2']);

    await page.reload();
    await poll(() => cart(page)).toEqual({ lines: ['Rain shell × 2'], total: '2 items · Total €178' });
  });

  it('b. a recommendation sends a client effect: the page highlights the product; finished status reads as done', async () => {
    const { page, effects } = await openPatterns(e2e);
    await type(page, 'Recommend something for rainy days');
    await poll(() => recommendation(page).getByText('Rain shell').count()).toBe(1);
    await poll(() => effects()).toEqual([
      { name: 'highlight_product', data: { product_id: 'rain-shell', name: 'Rain shell' } },
    ]);
    await poll(() => suggestedTiles(page)).toEqual(['rain-shell']);
    await poll(() => page.locator('#toast').textContent()).toBe('The assistant suggests the Rain shell');
    await idle(page);
    // The tool's status row ends in its finished wording.
    await poll(() => page.getByText('Found a product for you').count()).toBeGreaterThan(0);
    expect(await page.getByText('Finding a product for you').count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/patterns-wide-light.png` });
  });

  it('c. a widget action stores hidden context that the next answer uses', async () => {
    const { page, chatkitRequests } = await openPatterns(e2e);
    await type(page, 'help me choose');
    const card = page.locator('chatkit-widget').filter({ hasText: 'What are you shopping for?' }).last();
    await poll(() => card.count()).toBe(1);
    await idle(page);
    const answers = await page.locator('article.message.assistant').count();
    await card.getByRole('button', { name: 'Hiking' }).click();
    await poll(() => page.getByText('Noted: you shop for hiking.').count()).toBe(1);
    const action = chatkitRequests.find((body) => body.type === 'threads.custom_action');
    expect(action.params.action).toMatchObject({ type: 'shop.preference', payload: { activity: 'hiking' } });
    // Nothing visible was added (the note is for the model only).
    expect(await page.locator('article.message.assistant').count()).toBe(answers);
    expect(await page.getByText('shop_preference').count()).toBe(0);

    await type(page, 'recommend something');
    await poll(() => recommendation(page).getByText('Trail jacket').count()).toBe(1);
    await poll(() => deepText(recommendation(page))).toContain('You shop for hiking');
    await poll(() => suggestedTiles(page)).toEqual(['trail-jacket']);
    await idle(page);
    // After a reload the note is still there and still invisible.
    await page.reload();
    await poll(() => page.getByText('Noted: you shop for hiking.').count()).toBe(1);
    expect(await page.getByText('shop_preference').count()).toBe(0);
  });

  it('d. the pinned Staff pick tool makes the server answer with a recommendation card; the model pick is sent', async () => {
    const { page, chatkitRequests } = await openPatterns(e2e);
    // Without the tool the offline model cannot place this.
    await type(page, 'I walk the dog every morning');
    await poll(() => page.getByText("Sorry, I didn't catch that", { exact: false }).count()).toBeGreaterThan(
      0,
    );
    await idle(page);
    expect(await recommendation(page).count()).toBe(0);

    const chip = page.locator('[part="tool-chip"][data-tool="staff-pick"]');
    await expect.poll(() => chip.textContent()).toContain('Staff pick');
    await chip.click();
    await poll(() => chip.getAttribute('aria-pressed')).toBe('true');
    await poll(() => page.getByRole('textbox', { name: 'Message' }).getAttribute('placeholder')).toBe(
      'What do you need it for?',
    );
    await page.locator('[part~="model-button"]').click();
    await page.getByRole('menuitemradio', { name: /Thorough/ }).click();
    await poll(() => page.locator('[part~="model-button"]').textContent()).toContain('Thorough');

    await type(page, 'I walk the dog every morning');
    await poll(() => recommendation(page).count()).toBe(1);
    await poll(() => deepText(recommendation(page))).toContain('Staff pick');
    await idle(page);
    const sent = chatkitRequests.filter((body) => body.type === 'threads.add_user_message').at(-1);
    expect(sent.params.input.inference_options).toEqual({
      tool_choice: { id: 'staff-pick' },
      model: 'gpt-4.1',
    });
    await page.screenshot({ path: `${SHOTS}/patterns-staff-pick.png` });
  });

  it('e. the card’s Add to cart and Show on page run in the page with no server request', async () => {
    const { page, chatkitRequests } = await openPatterns(e2e);
    await type(page, 'I need a gift idea');
    await poll(() => recommendation(page).getByText('Wool beanie').count()).toBe(1);
    await idle(page);
    await page.evaluate(() => {
      for (const tile of document.querySelectorAll('.tile')) tile.classList.remove('suggested');
    });
    const before = chatkitRequests.length;
    const start = (await cart(page)).lines;
    await recommendation(page).getByRole('button', { name: 'Add to cart' }).click();
    await poll(() => cart(page).then((c) => c.lines.find((line) => line.startsWith('Wool beanie')))).toBe(
      `Wool beanie × ${Number(start.find((l) => l.startsWith('Wool beanie'))?.split('× ')[1] ?? 0) + 1}`,
    );
    await poll(() => page.locator('#toast').textContent()).toBe('Added Wool beanie to your cart');
    await recommendation(page).getByRole('button', { name: 'Show on page' }).click();
    await poll(() => suggestedTiles(page)).toEqual(['wool-beanie']);
    expect(chatkitRequests.length).toBe(before);
  });

  it('looks right: light and dark, wide and narrow', async () => {
    for (const theme of ['light', 'dark'] as const) {
      for (const width of [1280, 390]) {
        const { page } = await openPatterns(e2e, { theme, width, height: width > 800 ? 900 : 1600 });
        await type(page, 'Recommend something for rainy days');
        await poll(() => recommendation(page).count()).toBe(1);
        await idle(page);
        const background = await page.evaluate(
          () => getComputedStyle(document.documentElement).backgroundColor,
        );
        expect(background).toBe(theme === 'dark' ? 'rgb(14, 15, 18)' : 'rgb(243, 244, 247)');
        // Nothing spills sideways on a phone.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        await page.screenshot({
          path: `${SHOTS}/patterns-${width > 800 ? 'wide' : 'narrow'}-${theme}.png`,
          fullPage: width < 800,
        });
      }
    }
  });
});

describe('app patterns on an OpenAI-compatible model (fake server)', () => {
  const toolResult = (request: RecordedRequest) => {
    const last = request.body.messages.at(-1);
    return last?.role === 'tool' ? JSON.parse(last.content) : null;
  };
  // Title requests have no tools; a resumed turn answers from the tool result it was given.
  const suite = onFakeModel((request) => {
    if (!request.body.tools) return reply.text('Shopping');
    const result = toolResult(request);
    if (result?.summary) return reply.text(`Model: ${result.summary}`);
    return reply.text('Fallback answer.');
  });

  it('a+b. update_cart runs in the page and its result reaches the model; a recommendation highlights the tile', async () => {
    const { page, effects } = await openPatterns(suite.e2e);
    suite.fake.enqueue(
      reply.tools({ name: 'update_cart', arguments: { action: 'add', product: 'wool-beanie', quantity: 2 } }),
    );
    await type(page, 'Two beanies please');
    await poll(() => cart(page)).toEqual({ lines: ['Wool beanie × 2'], total: '2 items · Total €48' });
    await poll(() => lastAnswer(page)).toContain('Model: Added 2 × Wool beanie. Your cart: 2 items, €48.');
    const resumed = suite.fake.requests.find((request) => toolResult(request)?.item_count === 2);
    expect(toolResult(resumed!)).toMatchObject({
      cart: [{ product: 'wool-beanie', name: 'Wool beanie', quantity: 2, price: '€48' }],
      total: '€48',
    });
    await idle(page);

    suite.fake.enqueue(reply.tools({ name: 'recommend_product', arguments: { need: 'rainy commute' } }));
    await type(page, 'What keeps me dry on the way to work?');
    await poll(() => recommendation(page).getByText('Rain shell').count()).toBe(1);
    await poll(() => suggestedTiles(page)).toEqual(['rain-shell']);
    expect((await effects()).map((effect) => effect.name)).toEqual(['highlight_product']);
    await poll(() => page.getByText('Found a product for you').count()).toBeGreaterThan(0);
  });

  it('c. the preference click reaches the model as hidden context, with no model request of its own', async () => {
    const { page } = await openPatterns(suite.e2e);
    suite.fake.enqueue(reply.tools({ name: 'ask_preferences', arguments: {} }));
    await type(page, "I'm not sure what I need");
    const card = page.locator('chatkit-widget').filter({ hasText: 'What are you shopping for?' }).last();
    await poll(() => card.count()).toBe(1);
    await idle(page);
    const before = suite.fake.requestCount;
    await card.getByRole('button', { name: 'Winter' }).click();
    await poll(() => page.getByText('Noted: you shop for winter.').count()).toBe(1);
    expect(suite.fake.requestCount).toBe(before);

    suite.fake.enqueue(reply.tools({ name: 'recommend_product', arguments: {} }));
    await type(page, 'so what should I get?');
    await poll(() => recommendation(page).getByText('Wool beanie').count()).toBe(1);
    const asked = suite.fake.requests.find((request) =>
      JSON.stringify(request.body.messages).includes('so what should I get?'),
    );
    expect(JSON.stringify(asked!.body.messages)).toContain('shop_preference activity=\\"winter\\"');
    await poll(() => deepText(recommendation(page))).toContain('You shop for winter');
  });

  it('d+e. Staff pick and the model pick reach the provider; the card’s client actions make no request', async () => {
    const { page, chatkitRequests } = await openPatterns(suite.e2e);
    await page.locator('[part="tool-chip"][data-tool="staff-pick"]').click();
    await page.locator('[part~="model-button"]').click();
    await page.getByRole('menuitemradio', { name: /Thorough/ }).click();
    suite.fake.enqueue(
      reply.tools({ name: 'recommend_product', arguments: { need: 'weekend trips' } }),
      reply.text('A staff favourite for trips.'),
    );
    await type(page, 'weekend trips with a laptop');
    await poll(() => recommendation(page).getByText('Day pack').count()).toBe(1);
    await poll(() => lastAnswer(page)).toContain('A staff favourite for trips.');
    const request = suite.fake.requests.find((r) =>
      JSON.stringify(r.body.messages).includes('weekend trips with a laptop'),
    )!;
    expect(request.body.model).toBe('gpt-4.1');
    expect(request.body.messages[0].content).toContain('Staff pick mode.');
    expect(request.body.tools.map((tool: any) => tool.function.name).sort()).toEqual([
      'recommend_product',
      'suggest_prompts',
    ]);
    expect(await deepText(recommendation(page))).toContain('Staff pick');
    await idle(page);

    const requests = chatkitRequests.length;
    const modelRequests = suite.fake.requestCount;
    await recommendation(page).getByRole('button', { name: 'Add to cart' }).click();
    await poll(() => cart(page)).toEqual({ lines: ['Day pack × 1'], total: '1 item · Total €69' });
    expect(chatkitRequests.length).toBe(requests);
    expect(suite.fake.requestCount).toBe(modelRequests);
  });
});
