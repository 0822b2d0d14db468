/**
 * End-to-end: the todo use case (seed 000) in the demo's inline page with the built element, the real
 * server and Debian's Chromium — walked by clicking, by typing and mixed, on the offline demo model and on
 * the fake OpenAI-compatible server (with the tool calls a real model makes). Also: the offline model's
 * suggestions are clickable, and Stop cuts a paced offline answer whose partial text survives a reload.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultHooks } from '../../server/main.js';
import { reply } from '../fixtures/fake-openai/fake-openai-server.js';
import { deepText } from './support/deep-text.js';
import { startE2E, type E2E } from './support/harness.js';
import { onFakeModel } from './support/fake-model.js';
import { sendMessage } from './support/composer.js';

/** Polls with room for a loaded machine (the default second is too short for a model turn under load). */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000 });

async function openInline(e2e: E2E, colorScheme: 'light' | 'dark' = 'light') {
  const { page } = await e2e.newPage({ viewport: { width: 1000, height: 1100 }, colorScheme });
  await page.goto(`${e2e.server.url}/inline.html`);
  await page.getByRole('textbox', { name: 'Message' }).waitFor();
  return page;
}

/** Waits until no response is streaming (the composer shows Send again). */
async function idle(page: Page) {
  await poll(() => page.getByRole('button', { name: 'Send' }).count()).toBe(1);
}

/** Sends a message and waits for its answer to end (see support/composer.ts). */
const send = sendMessage;

/** The newest todo card. */
const card = (page: Page): Locator => page.locator('chatkit-widget').filter({ hasText: 'My Todos' }).last();

/** The todo texts of the newest card, with their done state as a person sees it (ticked, struck through). */
async function todos(page: Page): Promise<[string, boolean][]> {
  const checkboxes = card(page).getByRole('checkbox');
  const out: [string, boolean][] = [];
  for (let i = 0; i < (await checkboxes.count()); i++) {
    const box = checkboxes.nth(i);
    const name = (await box.getAttribute('aria-label')) ?? '';
    const row = card(page).getByText(name, { exact: false }).first();
    const struck = await row.evaluate((el) =>
      getComputedStyle(el).textDecorationLine.includes('line-through'),
    );
    const checked = await box.isChecked();
    expect(struck).toBe(checked);
    out.push([name.toLowerCase(), checked]);
  }
  return out;
}

async function assistantMessages(page: Page): Promise<number> {
  return page.locator('article.message.assistant').count();
}

describe('todo in the browser (offline demo model)', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E({ hooks: defaultHooks, env: { CHATKIT_OFFLINE_PACE: 'off' } });
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('by clicking: start prompt, empty state, add with the form (field clears), tick, delete — no model turn', async () => {
    const page = await openInline(e2e);
    await page.getByRole('button', { name: 'Show my todos' }).click();
    await idle(page);
    await poll(() => card(page).getByText('No todos yet').count()).toBe(1);
    const messagesBefore = await assistantMessages(page);

    const field = card(page).getByRole('textbox', { name: 'Add a new todo…' });
    await field.fill('buy milk');
    await card(page).getByRole('button', { name: 'Add' }).click();
    await poll(() => todos(page)).toEqual([['buy milk', false]]);
    // The field starts empty again (no duplicate on a second click).
    await expect
      .poll(() => card(page).getByRole('textbox', { name: 'Add a new todo…' }).inputValue())
      .toBe('');
    await card(page).getByRole('textbox', { name: 'Add a new todo…' }).fill('call mom');
    await card(page).getByRole('textbox', { name: 'Add a new todo…' }).press('Enter');
    await expect
      .poll(() => todos(page))
      .toEqual([
        ['buy milk', false],
        ['call mom', false],
      ]);

    await card(page).getByRole('checkbox', { name: 'buy milk' }).click();
    await expect
      .poll(() => todos(page))
      .toEqual([
        ['buy milk', true],
        ['call mom', false],
      ]);
    await poll(() => card(page).getByText('1 of 2 done').count()).toBe(1);

    await card(page).getByRole('button', { name: 'Delete' }).nth(1).click();
    await poll(() => todos(page)).toEqual([['buy milk', true]]);
    // Card clicks never ran a model turn: no new assistant message.
    expect(await assistantMessages(page)).toBe(messagesBefore);

    await page.reload();
    await poll(() => todos(page)).toEqual([['buy milk', true]]);
  });

  it('by typing: everyday phrasings add, complete, delete and list', async () => {
    const page = await openInline(e2e);
    await send(page, 'I need to buy bread');
    await poll(() => todos(page)).toContainEqual(['buy bread', false]);
    await send(page, 'todo: book dentist');
    await send(page, 'can you add water the plants?');
    await expect
      .poll(() => todos(page))
      .toEqual(
        expect.arrayContaining([
          ['book dentist', false],
          ['water the plants', false],
        ]),
      );
    await send(page, 'mark buy bread as done');
    await poll(() => todos(page)).toContainEqual(['buy bread', true]);
    await send(page, 'delte book dentist');
    await send(page, "what's on my list?");
    const list = await todos(page);
    expect(list).toContainEqual(['buy bread', true]);
    expect(list).toContainEqual(['water the plants', false]);
    expect(list.map(([title]) => title)).not.toContain('book dentist');
    // Short answers, no help text wall.
    expect(await page.getByText(/Deleted “book dentist”\./).count()).toBeGreaterThan(0);
  });

  it('mixed: typed add, clicked tick, typed list in a new thread; an unclear request offers clickable suggestions', async () => {
    const page = await openInline(e2e);
    await send(page, 'add pay rent');
    await card(page).getByRole('checkbox', { name: 'pay rent' }).click();
    await poll(() => todos(page)).toContainEqual(['pay rent', true]);

    await page.getByRole('button', { name: 'New chat' }).click();
    await send(page, 'sing me a song');
    await expect
      .poll(() => page.getByText("Sorry, I didn't catch that", { exact: false }).count())
      .toBeGreaterThan(0);
    const suggestion = page.locator('chatkit-widget').getByRole('button', { name: 'Show my todos' }).last();
    await suggestion.click();
    await idle(page);
    // The clicked prompt became the user's message and got its answer: the card with the ticked todo.
    await poll(() => page.locator('article.message.user').getByText('Show my todos').count()).toBe(1);
    await poll(() => todos(page)).toContainEqual(['pay rent', true]);
  });
});

describe('Stop mid-answer on the paced offline model', () => {
  let e2e: E2E;
  beforeAll(async () => {
    // Slow enough that the answer is still streaming when Stop is clicked, whatever the machine's load.
    e2e = await startE2E({ hooks: defaultHooks, env: { CHATKIT_OFFLINE_PACE: '2/400' } });
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('keeps the partial answer, also after a reload', async () => {
    const page = await openInline(e2e);
    const box = page.getByRole('textbox', { name: 'Message' });
    await box.fill('hello');
    await box.press('Enter');
    await poll(() => page.getByText('Hello!', { exact: false }).count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Stop' }).click();
    await idle(page);
    const answer = () => deepText(page.locator('article.message.assistant').last());
    const partial = await answer();
    expect(partial).toMatch(/Hello!/);
    expect(partial).not.toContain('Offline demo model');
    await page.reload();
    await poll(() => page.locator('article.message.assistant').count()).toBe(1);
    // The stored answer is the cut one: what was shown, plus at most the chunks the server produced before
    // the cancellation reached it; never the whole answer with its closing note.
    await poll(async () => (await answer()).startsWith(partial)).toBe(true);
    expect(await answer()).not.toContain('Offline demo model');
  });
});

describe('todo in the browser on an OpenAI-compatible model (fake server)', () => {
  // Title requests (and anything unscripted) get a short text.
  const suite = onFakeModel(() => reply.text('Todo list'));

  it('typed requests become tool calls; clicks make no model request and reach the next request as hidden context', async () => {
    const page = await openInline(suite.e2e);
    suite.fake.enqueue(
      reply.tools(
        { name: 'add_todo', arguments: { title: 'buy milk' } },
        { name: 'add_todo', arguments: { title: 'call mom' } },
      ),
      reply.text('Added both.'),
    );
    await send(page, 'Add buy milk and call mom');
    await expect
      .poll(() => todos(page))
      .toEqual([
        ['buy milk', false],
        ['call mom', false],
      ]);
    await poll(() => page.getByText('Added both.').count()).toBeGreaterThan(0);

    const requests = suite.fake.requestCount;
    await card(page).getByRole('checkbox', { name: 'buy milk' }).click();
    await poll(() => todos(page)).toContainEqual(['buy milk', true]);
    await card(page).getByRole('textbox', { name: 'Add a new todo…' }).fill('water the plants');
    await card(page).getByRole('button', { name: 'Add' }).click();
    await poll(() => todos(page)).toContainEqual(['water the plants', false]);
    expect(suite.fake.requestCount).toBe(requests);

    suite.fake.enqueue(reply.text('Only call mom and water the plants are left.'));
    await send(page, "what's left?");
    await expect
      .poll(() => page.getByText('Only call mom and water the plants are left.').count())
      .toBeGreaterThan(0);
    const messages = JSON.stringify(suite.fake.requests.at(-1)!.body.messages);
    expect(messages).toContain('marked “buy milk” as done using the todo card');
    expect(messages).toContain('added “water the plants” using the todo card');

    suite.fake.enqueue(
      reply.tools({ name: 'delete_todo', arguments: { todo: 'call mom' } }),
      reply.text('Deleted.'),
    );
    await send(page, 'delete call mom');
    await expect
      .poll(() => todos(page))
      .toEqual([
        ['buy milk', true],
        ['water the plants', false],
      ]);
  });
});
