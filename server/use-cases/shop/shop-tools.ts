/**
 * The shop assistant's tools. `update_cart` is a client tool: the host page owns the cart, changes it and
 * returns it (the turn resumes with that result). `recommend_product` shows a recommendation card and
 * sends the page a client effect (`highlight_product`) so it highlights the product's tile.
 * `ask_preferences` shows the preference card; its clicks become hidden context (see shop-actions.ts),
 * which `recommend_product` and the model read on later turns.
 *
 * @module
 */
import { z } from 'zod';
import type { ThreadItem } from '../../../src/protocol/types.js';
import { type AgentTool, type ClientTool, defineClientTool, defineTool } from '../../agent/agent-tool.js';
import { type Activity, ACTIVITIES, formatPrice, PRODUCT_IDS, recommend } from './shop-catalog.js';
import { preferenceCard, recommendationCard } from './shop-widgets.js';

/** Name of the client tool that changes the page's cart. */
export const UPDATE_CART_TOOL = 'update_cart';
/** The client effect the page reacts to (`{ product_id, name }`). */
export const HIGHLIGHT_EFFECT = 'highlight_product';

/** The cart client tool; the page registers it with the element's `onClientTool`. */
export const UPDATE_CART: ClientTool = defineClientTool({
  name: UPDATE_CART_TOOL,
  description:
    "Changes the shopper's cart on the page (it runs in their browser) and returns the cart as it now is. `add` adds `quantity` (default 1) of `product`, `remove` takes `quantity` (default: all) of it out, `clear` empties the cart.",
  parameters: z.object({
    action: z.enum(['add', 'remove', 'clear']),
    product: z.enum(PRODUCT_IDS).optional().describe('Product id; required for add and remove'),
    quantity: z.number().int().min(1).max(10).optional(),
  }),
});

/** The start of the hidden context a preference click stores; `activity` is in its attribute. */
export const PREFERENCE_TAG = '<shop_preference';

/** The hidden-context text for a chosen activity. */
export function preferenceNote(activity: Activity): string {
  return `${PREFERENCE_TAG} activity="${activity}">The shopper said on the preference card that they shop for ${activity} (no message was sent). Use it for recommendations.</shop_preference>`;
}

/** The newest preference stored as hidden context in these items, if any. */
export function latestPreference(items: readonly ThreadItem[]): Activity | null {
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    if (item.type !== 'hidden_context_item' || typeof item.content !== 'string') continue;
    const match = /^<shop_preference activity="([a-z]+)"/.exec(item.content);
    if (match && (ACTIVITIES as readonly string[]).includes(match[1])) return match[1] as Activity;
  }
  return null;
}

/** `recommend_product`; `staffPick` marks the card (the composer's "Staff pick" tool). */
export function createRecommendTool(options: { staffPick?: boolean } = {}): AgentTool {
  return defineTool({
    name: 'recommend_product',
    description:
      "Recommends one product for the shopper's need and shows it as a card; the page highlights the product. Without a need, the shopper's stated preference (hidden context) decides.",
    parameters: z.object({
      need: z
        .string()
        .max(200)
        .optional()
        .describe('What the shopper needs it for, in a few words (e.g. "rainy commute", "hiking")'),
    }),
    statusTitle: 'Finding a product for you',
    doneTitle: 'Found a product for you',
    async execute({ need }, ctx) {
      const preference = latestPreference(await ctx.response.loadHistory(60));
      const pick = recommend(need ?? '', preference);
      const { product } = pick;
      await ctx.streamWidget(recommendationCard(pick, options.staffPick), {
        copyText: `${product.name} (${formatPrice(product.priceCents)}): ${pick.reason}`,
      });
      ctx.clientEffect(HIGHLIGHT_EFFECT, { product_id: product.id, name: product.name });
      return {
        product: { id: product.id, name: product.name, price: formatPrice(product.priceCents) },
        reason: pick.reason,
        preference,
        summary: `I'd go for the ${product.name} (${formatPrice(product.priceCents)}), highlighted on the page.`,
      };
    },
  });
}

/** `ask_preferences`: shows the preference card (the card is its own status). */
export const ASK_PREFERENCES: AgentTool = defineTool({
  name: 'ask_preferences',
  description:
    'Shows a card asking what the shopper shops for (hiking, city, travel, winter). Use when they are unsure what they need. Their click reaches you as <shop_preference> hidden context.',
  parameters: z.object({}),
  statusTitle: null,
  async execute(_args, ctx) {
    await ctx.streamWidget(preferenceCard(), {
      copyText: 'What are you shopping for? Hiking, City, Travel, Winter',
    });
    return { summary: 'Pick what you shop for and I will keep it in mind.' };
  },
});
