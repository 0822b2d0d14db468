/**
 * The shop use case of the app-patterns demo (demo/patterns.html): an assistant next to a little shop page
 * that shows every pattern of seeds 003/004 — a client tool that changes the host page (`update_cart`), a
 * client effect the page reacts to (`highlight_product`), hidden context added by a widget action (the
 * preference card), client-handled widget actions (the recommendation card's buttons), and a composer
 * tool that forces a widget (`staff-pick`: every message gets a recommendation card).
 *
 * @module
 */
import type { Agent } from '../../agent/agent.js';
import type { UseCase } from '../../agent/use-case.js';
import type { RequestContext } from '../../stores/store.js';
import { formatPrice, PRODUCTS } from './shop-catalog.js';
import { applyShopAction, handleShopAction, isShopAction } from './shop-actions.js';
import { SHOP_INTENTS, SHOP_SUGGESTIONS, STAFF_PICK_MARK } from './shop-offline.js';
import { ASK_PREFERENCES, createRecommendTool, UPDATE_CART } from './shop-tools.js';

const CATALOGUE = PRODUCTS.map(
  (product) => `- ${product.id}: ${product.name}, ${formatPrice(product.priceCents)}. ${product.blurb}`,
).join('\n');

/** Instructions of the shop assistant. */
export const SHOP_INSTRUCTIONS = `You are the shopping assistant of Northwind Outfitters, a small outdoor shop (a demo). The page next to the chat shows the products and the shopper's cart.
Products (id: name, price):
${CATALOGUE}
To change the cart call update_cart (it runs in the shopper's browser and returns the cart as it now is); never claim a cart change without it, and use the product ids above.
To recommend a product call recommend_product with the shopper's need in a few words: it shows a card and highlights the product on the page.
When the shopper does not know what they need, call ask_preferences; their choice reaches you as <shop_preference> hidden context: use it.
Answer in one or two short sentences; do not repeat what a card shows.`;

/** Instructions of the staff-pick agent (selected by the composer's "Staff pick" tool). */
export const STAFF_PICK_INSTRUCTIONS = `${STAFF_PICK_MARK} The shopper chose "Staff pick" in the composer: answer every message by calling recommend_product once, with what they need in a few words, then add one short sentence.
Products (id: name, price):
${CATALOGUE}`;

/** The shop use case (selected with the composer tool `shop`; its tools are part of the general agent). */
export function createShopUseCase<C extends RequestContext = RequestContext>(): UseCase<C> {
  const agent: Agent = {
    id: 'shop',
    showToolStatus: true,
    instructions: SHOP_INSTRUCTIONS,
    tools: [UPDATE_CART, createRecommendTool(), ASK_PREFERENCES],
  };
  return {
    id: 'shop',
    agent,
    actions: {
      handles: isShopAction,
      action: (_thread, action, sender, ctx) => handleShopAction(action, sender, ctx),
      sync: async (_thread, action, sender, ctx) => ({
        updated_item: await applyShopAction(action, sender, ctx),
      }),
    },
    offline: { intents: SHOP_INTENTS, suggestions: SHOP_SUGGESTIONS },
    composerTool: {
      id: 'shop',
      label: 'Shop assistant',
      shortLabel: 'Shop',
      icon: 'suitcase',
      placeholderOverride: 'Ask about products or your cart',
    },
  };
}

/**
 * The "Staff pick" composer tool: the server reads `inference_options.tool_choice.id` = `staff-pick` and
 * answers with an agent whose only job is the recommendation card.
 */
export function createStaffPickUseCase<C extends RequestContext = RequestContext>(): UseCase<C> {
  return {
    id: 'staff-pick',
    aliases: ['staff_pick'],
    agent: {
      id: 'staff-pick',
      showToolStatus: true,
      instructions: STAFF_PICK_INSTRUCTIONS,
      tools: [createRecommendTool({ staffPick: true })],
    },
    composerTool: {
      id: 'staff-pick',
      label: 'Staff pick',
      icon: 'star',
      pinned: true,
      placeholderOverride: 'What do you need it for?',
    },
  };
}
