/**
 * The shop's widgets: the recommendation card (its buttons are handled by the host page, no server round
 * trip: `handler: "client"`) and the preference card (its buttons are server actions that store hidden
 * context for the model).
 *
 * @module
 */
import type { WidgetComponent, WidgetRoot } from '../../../src/protocol/types.js';
import { type Activity, ACTIVITIES, formatPrice, type Recommendation } from './shop-catalog.js';

/** Action types of the shop widgets. */
export const SHOP_ACTIONS = {
  /** Server action: `{ activity }`; stored as hidden context, the card is replaced by its answered form. */
  preference: 'shop.preference',
  /** Client action (the host page's `widgets.onAction`): `{ product_id }` into the page's cart. */
  addToCart: 'shop.add_to_cart',
  /** Client action: `{ product_id }`; the page scrolls to the product's tile and highlights it. */
  showProduct: 'shop.show_product',
} as const;

/** `key` of the recommendation card root. */
export const RECOMMENDATION_CARD_KEY = 'shop-recommendation';
/** `key` of the preference card root. */
export const PREFERENCE_CARD_KEY = 'shop-preference';

/** Swatch colours of the products (the page's tiles use the same hues). */
const SWATCH: Record<string, string> = {
  'trail-jacket': '#ff9f6b',
  'rain-shell': '#6aa8ff',
  'wool-beanie': '#5cc98a',
  'day-pack': '#9f7bff',
};

const LABELS: Record<Activity, { label: string; icon: string }> = {
  hiking: { label: 'Hiking', icon: 'compass' },
  city: { label: 'City', icon: 'map-pin' },
  travel: { label: 'Travel', icon: 'suitcase' },
  winter: { label: 'Winter', icon: 'star' },
};

/** The recommendation card: product, price, why, and two buttons the page handles itself. */
export function recommendationCard(pick: Recommendation, staffPick = false): WidgetRoot {
  const { product } = pick;
  const header: WidgetComponent[] = [
    { type: 'Box', size: 48, radius: 'md', background: SWATCH[product.id] ?? '#9aa3b2' },
    {
      type: 'Col',
      gap: 0,
      flex: 1,
      children: [
        { type: 'Title', value: product.name, size: 'md' },
        { type: 'Caption', value: formatPrice(product.priceCents), color: 'secondary' },
      ],
    },
  ];
  if (staffPick) header.push({ type: 'Badge', label: 'Staff pick', color: 'discovery', pill: true });
  return {
    type: 'Card',
    key: RECOMMENDATION_CARD_KEY,
    size: 'sm',
    children: [
      { type: 'Row', gap: 3, align: 'center', children: header },
      { type: 'Text', value: pick.reason, size: 'sm' },
      {
        type: 'Row',
        gap: 2,
        children: [
          {
            type: 'Button',
            label: 'Add to cart',
            iconStart: 'plus',
            color: 'primary',
            size: 'sm',
            onClickAction: {
              type: SHOP_ACTIONS.addToCart,
              handler: 'client',
              payload: { product_id: product.id },
            },
          },
          {
            type: 'Button',
            label: 'Show on page',
            iconStart: 'search',
            variant: 'outline',
            size: 'sm',
            onClickAction: {
              type: SHOP_ACTIONS.showProduct,
              handler: 'client',
              payload: { product_id: product.id },
            },
          },
        ],
      },
    ],
  };
}

/** The preference card: "What are you shopping for?" with one button per activity, or its answered form. */
export function preferenceCard(chosen?: Activity): WidgetRoot {
  if (chosen)
    return {
      type: 'Card',
      key: PREFERENCE_CARD_KEY,
      size: 'sm',
      children: [
        {
          type: 'Row',
          gap: 2,
          align: 'center',
          children: [
            { type: 'Icon', name: 'check-circle', color: 'success' },
            { type: 'Text', value: `Noted: you shop for ${chosen}.`, weight: 'semibold', size: 'sm' },
          ],
        },
        {
          type: 'Caption',
          value: 'Ask me for a recommendation and I will keep it in mind.',
          color: 'secondary',
        },
      ],
    };
  return {
    type: 'Card',
    key: PREFERENCE_CARD_KEY,
    size: 'sm',
    children: [
      { type: 'Title', value: 'What are you shopping for?', size: 'sm' },
      {
        type: 'Row',
        gap: 2,
        wrap: 'wrap',
        children: ACTIVITIES.map((activity) => ({
          type: 'Button',
          key: activity,
          label: LABELS[activity].label,
          iconStart: LABELS[activity].icon,
          variant: 'outline',
          size: 'sm',
          onClickAction: {
            type: SHOP_ACTIONS.preference,
            payload: { activity },
            loadingBehavior: 'self',
          },
        })),
      },
    ],
  };
}
