/**
 * How the offline demo model understands the shop: cart changes ("add the rain shell to my cart",
 * "2 beanies please", "remove the beanie", "empty my cart") become `update_cart` client tool calls,
 * requests for advice become `recommend_product`, "help me choose" shows the preference card, and in the
 * composer's "Staff pick" mode every message becomes a recommendation.
 *
 * Cart intents run before the todo ones (priority 1) but only claim a request that names a product: with a
 * cart word ("to my cart") anything naming a product, without one only a phrase made of product-name words
 * ("the rain shell", "two beanies"), so "add pack lunch" stays a todo.
 *
 * @module
 */
import type { OfflineDecision, OfflineIntent } from '../../agent/offline-intents.js';
import type { StartPrompt } from '../../agent/use-case.js';
import { findProduct, PRODUCTS } from './shop-catalog.js';

/** Words in the staff-pick agent's instructions that switch the offline model to "recommend anything". */
export const STAFF_PICK_MARK = 'Staff pick mode.';

const POLITE = String.raw`(?:(?:hey|hi|ok|okay|so)[, ]+)?(?:(?:please|pls|can you|could you|would you|can u|i want you to|go ahead and|just)[, ]+)*`;
const CART = String.raw`(?:cart|basket|bag|shopping cart|order)`;
const NUMBERS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5 };
const FILLER = new Set([
  'the',
  'a',
  'an',
  'my',
  'your',
  'of',
  'please',
  'pls',
  'too',
  'x',
  'more',
  'another',
]);
/** Every word of the product names, with plurals. */
const NAME_WORDS = new Set(
  PRODUCTS.flatMap((product) =>
    product.name
      .toLowerCase()
      .split(/\s+/)
      .flatMap((word) => [word, `${word}s`, `${word}es`]),
  ).concat(['backpack', 'backpacks', ...PRODUCTS.map((product) => product.id)]),
);

/** The product a phrase names; `strict` also requires the phrase to be only product-name words. */
function product(phrase: string, strict: boolean) {
  const found = findProduct(phrase);
  if (!found || !strict) return found;
  const words = phrase
    .toLowerCase()
    .split(/[^a-z0-9-]+/)
    .filter((word) => word && !FILLER.has(word) && !(word in NUMBERS) && !/^\d+$/.test(word));
  return words.length > 0 && words.every((word) => NAME_WORDS.has(word)) ? found : undefined;
}

/** A spelled-out or typed count; an article ("a rain shell") is no count. */
function quantity(text: string | undefined): number | undefined {
  if (!text || /^an?$/i.test(text)) return undefined;
  const value = /^\d+$/.test(text) ? Number(text) : NUMBERS[text.toLowerCase()];
  return value && value >= 1 && value <= 10 ? value : undefined;
}

function cart(args: Record<string, unknown>): OfflineDecision {
  return { calls: [{ name: 'update_cart', arguments: args }] };
}

const QTY = String.raw`(?:(?<qty>\d+|a|an|one|two|three|four|five)\s+(?:x\s+)?)?`;

/** The shop's intents. */
export const SHOP_INTENTS: readonly OfflineIntent[] = [
  {
    id: 'shop.staff-pick',
    tools: ['recommend_product'],
    priority: 100,
    when: (request) => request.instructions.includes(STAFF_PICK_MARK),
    patterns: [/^(?<need>[\s\S]*)$/],
    decide: ({ need }) => ({
      calls: [{ name: 'recommend_product', arguments: need?.trim() ? { need: need.trim() } : {} }],
    }),
  },
  {
    id: 'shop.cart.clear',
    tools: ['update_cart'],
    priority: 1,
    vocabulary: ['empty', 'clear', 'cart', 'basket'],
    patterns: [
      new RegExp(String.raw`^${POLITE}(?:empty|clear|reset)\s+(?:my|the|our)?\s*${CART}\b`, 'i'),
      new RegExp(
        String.raw`^${POLITE}(?:remove|delete|take out)\s+everything\s+(?:from|in)\s+(?:my|the)\s+${CART}`,
        'i',
      ),
    ],
    decide: () => cart({ action: 'clear' }),
  },
  {
    id: 'shop.cart.remove',
    tools: ['update_cart'],
    priority: 1,
    vocabulary: ['remove', 'delete', 'cart', 'basket', 'jacket', 'beanie'],
    patterns: [
      new RegExp(
        String.raw`^${POLITE}(?:remove|delete|take|drop|get rid of)\s+(?:out\s+)?${QTY}(?<product>.+?)\s+(?:out\s+)?(?:from|of|out of)\s+(?:my|the|our)\s+${CART}$`,
        'i',
      ),
      new RegExp(
        String.raw`^${POLITE}(?:remove|take out|drop|i don't want|i do not want|no more)\s+${QTY}(?<bare>.+?)$`,
        'i',
      ),
    ],
    decide: ({ product: phrase, bare, qty }) => {
      const found = product(phrase ?? bare ?? '', bare !== undefined);
      if (!found) return null;
      const count = quantity(qty);
      return cart({ action: 'remove', product: found.id, ...(count ? { quantity: count } : {}) });
    },
  },
  // "shell" stays out of the typo vocabularies: "sell" is one edit away from it.
  {
    id: 'shop.cart.add',
    tools: ['update_cart'],
    priority: 1,
    vocabulary: ['cart', 'basket', 'jacket', 'beanie'],
    patterns: [
      new RegExp(
        String.raw`^${POLITE}(?:add|put|throw|place|get me|give me|i(?:'ll| will)? take|buy|order|i want|i'd like|i would like)\s+${QTY}(?<product>.+?)\s+(?:to|in|into|on)\s+(?:my|the|our)\s+${CART}(?:\s+please)?$`,
        'i',
      ),
      new RegExp(
        String.raw`^${POLITE}(?:add|put|get me|give me|i(?:'ll| will)? take|buy|order|i want|i'd like|i would like)?\s*${QTY}(?<bare>.+?)(?:,?\s+please)?$`,
        'i',
      ),
    ],
    decide: ({ product: phrase, bare, qty }) => {
      const found = product(phrase ?? bare ?? '', bare !== undefined);
      if (!found) return null;
      const count = quantity(qty);
      return cart({ action: 'add', product: found.id, ...(count ? { quantity: count } : {}) });
    },
  },
  {
    id: 'shop.preferences',
    tools: ['ask_preferences'],
    vocabulary: ['choose', 'decide', 'preference'],
    patterns: [
      /\b(?:help me (?:choose|pick|decide|find something)|not sure what (?:i need|to (?:buy|get))|ask me what|set my preference|what do you sell|what do you have)\b/i,
    ],
    decide: () => ({ calls: [{ name: 'ask_preferences', arguments: {} }] }),
  },
  {
    id: 'shop.recommend',
    tools: ['recommend_product'],
    vocabulary: ['recommend', 'suggest', 'something', 'jacket', 'present'],
    patterns: [
      /\b(?:recommend|suggest|what should i (?:buy|get|wear|take|bring)|what would you (?:get|pick|buy)|something (?:for|to wear|warm)|anything for|i need something|looking for (?:something|a gift)|gift ideas?|a gift|a present|your (?:pick|favourite|favorite)|staff pick|which product)\b/i,
    ],
    decide: (_groups, request) => ({
      calls: [{ name: 'recommend_product', arguments: { need: request.text } }],
    }),
  },
];

/** Suggestions when the offline model cannot place a request. */
export const SHOP_SUGGESTIONS: readonly StartPrompt[] = [
  { label: 'Recommend something', prompt: 'Recommend something for rainy days', icon: 'sparkle' },
  { label: 'Add to cart', prompt: 'Add the wool beanie to my cart', icon: 'plus' },
];
