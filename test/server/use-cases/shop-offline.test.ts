/**
 * The offline demo model's shop phrasings (the app-patterns demo): cart changes become `update_cart`
 * client tool calls, requests for advice `recommend_product`, "help me choose" the preference card; the
 * Staff pick mode turns anything into a recommendation. Tried with every demo intent table registered, as
 * the general agent offers them, so the cart intents are shown not to steal todo or returns requests.
 */
import { describe, expect, it } from 'vitest';
import { matchIntent, type OfflineDecision } from '../../../server/agent/offline-intents.js';
import { SUGGEST_TOOL } from '../../../server/agent/suggestions.js';
import { BROWSER_TIME_INTENTS } from '../../../server/use-cases/general-agent.js';
import { RETURNS_INTENTS } from '../../../server/use-cases/returns/returns-offline.js';
import { findProduct, recommend } from '../../../server/use-cases/shop/shop-catalog.js';
import { SHOP_INTENTS, STAFF_PICK_MARK } from '../../../server/use-cases/shop/shop-offline.js';
import { TODO_INTENTS } from '../../../server/use-cases/todo/todo-offline.js';

const INTENTS = [...TODO_INTENTS, ...RETURNS_INTENTS, ...SHOP_INTENTS, ...BROWSER_TIME_INTENTS];
const TOOLS = new Set([
  'add_todo',
  'list_todos',
  'complete_todo',
  'delete_todo',
  'start_return',
  'select_return_option',
  'update_cart',
  'recommend_product',
  'ask_preferences',
  'get_time',
  SUGGEST_TOOL,
]);

const cart = (args: Record<string, unknown>): OfflineDecision => ({
  calls: [{ name: 'update_cart', arguments: args }],
});
const add = (product: string, quantity?: number) =>
  cart({ action: 'add', product, ...(quantity ? { quantity } : {}) });
const remove = (product: string, quantity?: number) =>
  cart({ action: 'remove', product, ...(quantity ? { quantity } : {}) });
const recommendFor = (need: string): OfflineDecision => ({
  calls: [{ name: 'recommend_product', arguments: { need } }],
});
const ask: OfflineDecision = { calls: [{ name: 'ask_preferences', arguments: {} }] };

/** [what the user types, what the model does]. */
const PHRASINGS: [string, OfflineDecision][] = [
  ['add the wool beanie to my cart', add('wool-beanie')],
  ['Add the rain shell to my cart.', add('rain-shell')],
  ['put 2 rain shells in my basket', add('rain-shell', 2)],
  ['please add two beanies to the cart', add('wool-beanie', 2)],
  ['can you put a day pack in my bag?', add('day-pack')],
  ['throw the trail jacket into my cart', add('trail-jacket')],
  ["I'll take the trail jacket", add('trail-jacket')],
  ['i want a backpack', add('day-pack')],
  ['buy the rain shell', add('rain-shell')],
  ['2 beanies please', add('wool-beanie', 2)],
  ['rain shell', add('rain-shell')],
  ['add the wool beanei to my cart', add('wool-beanie')],
  ['add the trail jacket to my crat', add('trail-jacket')],
  ['add trail-jacket to my cart', add('trail-jacket')],
  ['remove the beanie', remove('wool-beanie')],
  ['remove the rain shell from my cart', remove('rain-shell')],
  ['take 1 rain shell out of my cart', remove('rain-shell', 1)],
  ['please remove the day pack from the basket', remove('day-pack')],
  ["I don't want the jacket", remove('trail-jacket')],
  ['empty my cart', cart({ action: 'clear' })],
  ['please clear the basket', cart({ action: 'clear' })],
  ['remove everything from my cart', cart({ action: 'clear' })],
  ['Recommend something for rainy days', recommendFor('Recommend something for rainy days')],
  ['what should I wear for hiking?', recommendFor('what should I wear for hiking')],
  ['suggest a gift', recommendFor('suggest a gift')],
  ['I need a gift idea', recommendFor('I need a gift idea')],
  ['recomend something warm', recommendFor('recomend something warm')],
  ['any staff pick?', recommendFor('any staff pick')],
  ['help me choose', ask],
  ["I'm not sure what I need", ask],
  ['what do you sell?', ask],
];

/** Requests the shop must leave alone (todo and returns phrasings that mention no product or a cart). */
const NOT_SHOP: string[] = [
  'add buy milk',
  'add pack lunch',
  'I need to buy bread',
  'buy bread',
  'take out the trash',
  'please add "walk the dog" to my list',
  'remove buy milk',
  'delete book dentist',
  'remind me to buy a jacket',
  'I want to return the rain jacket',
  'what time is it?',
];

describe('offline shop phrasings', () => {
  it.each(PHRASINGS)('%s', (text, expected) => {
    const match = matchIntent(INTENTS, text, TOOLS);
    expect(match?.decision).toEqual(expected);
    expect(match?.intent.startsWith('shop.')).toBe(true);
  });

  it.each(NOT_SHOP)('leaves “%s” to the other use cases', (text) => {
    const match = matchIntent(INTENTS, text, TOOLS);
    expect(match?.intent ?? '').not.toMatch(/^shop\./);
  });

  it('in Staff pick mode every message becomes a recommendation', () => {
    const tools = new Set(['recommend_product', SUGGEST_TOOL]);
    const match = matchIntent(INTENTS, 'I walk the dog every morning', tools, `${STAFF_PICK_MARK} …`);
    expect(match?.decision).toEqual({
      calls: [{ name: 'recommend_product', arguments: { need: 'I walk the dog every morning' } }],
    });
    // Without the mode the same words are not a shop request.
    expect(matchIntent(INTENTS, 'I walk the dog every morning', TOOLS)?.intent ?? '').not.toMatch(/^shop\./);
  });
});

describe('catalogue', () => {
  it('finds products by name, plural, id or synonym, and not when two fit', () => {
    expect(findProduct('the rain shell')?.id).toBe('rain-shell');
    expect(findProduct('beanies')?.id).toBe('wool-beanie');
    expect(findProduct('day-pack')?.id).toBe('day-pack');
    expect(findProduct('backpack')?.id).toBe('day-pack');
    expect(findProduct('rain jacket')).toBeUndefined();
    expect(findProduct('bread')).toBeUndefined();
  });

  it('recommends by need, then by the stated preference, then the staff favourite', () => {
    expect(recommend('something for a rainy commute', 'hiking').product.id).toBe('rain-shell');
    expect(recommend('recommend something', 'winter')).toMatchObject({
      product: { id: 'wool-beanie' },
      reason: expect.stringContaining('You shop for winter'),
    });
    expect(recommend('recommend something', null).product.id).toBe('trail-jacket');
  });
});
