/**
 * The choices of each step of the returns flow and the matching of typed text to a choice, shared by the
 * click path (the action carries the value) and the typed path (the selection tool gets free text).
 *
 * @module
 */
import type { IconName } from '../../../src/protocol/types.js';
import type { Customer, ReturnableItem } from './returns-repository.js';

/** One choice of a step. */
export interface ChoiceOption {
  value: string;
  label: string;
  description?: string;
  icon?: IconName;
  /** Words or phrases that select this option when typed (matched at word starts). */
  keywords?: string[];
}

/** Return reasons. `changed_mind` leads to the retention offer. */
export const REASONS: ChoiceOption[] = [
  {
    value: 'damaged',
    label: 'Damaged or defective',
    icon: 'bug',
    keywords: [
      'damag',
      'broke',
      'defect',
      'crack',
      'faulty',
      'does not work',
      "doesn't work",
      'stopped working',
    ],
  },
  {
    value: 'wrong_item',
    label: 'Wrong item received',
    icon: 'cube',
    keywords: ['wrong', 'different item', 'not what i ordered'],
  },
  {
    value: 'fit',
    label: "Doesn't fit or not as described",
    icon: 'circle-question',
    keywords: ['fit', 'size', 'too small', 'too big', 'too large', 'not as described'],
  },
  {
    value: 'changed_mind',
    label: 'Changed my mind',
    icon: 'reload',
    keywords: [
      'changed my mind',
      'change of mind',
      'no longer',
      "don't want",
      'dont want',
      "don't need",
      'not needed',
      'mind',
    ],
  },
];

/** Answers to the retention offer. */
export const OFFER_CHOICES: ChoiceOption[] = [
  {
    value: 'accept',
    label: 'Keep it with 15% back as credit',
    icon: 'star',
    keywords: ['accept', 'keep', 'yes', 'deal', 'sounds good', 'ok'],
  },
  {
    value: 'decline',
    label: 'No thanks, return it',
    icon: 'reload',
    keywords: ['decline', 'no', 'return it', 'still return', 'not interested'],
  },
];

/** How the customer is made whole. */
export const RESOLUTIONS: ChoiceOption[] = [
  {
    value: 'refund',
    label: 'Full refund',
    description: 'Back to the original payment method',
    icon: 'check-circle',
    keywords: ['refund', 'money back'],
  },
  {
    value: 'exchange',
    label: 'Exchange',
    description: 'Same product, sent when we receive yours',
    icon: 'reload',
    keywords: ['exchange', 'replace', 'swap', 'new one'],
  },
  {
    value: 'store_credit',
    label: 'Store credit',
    description: 'Instant credit with 10% extra',
    icon: 'star',
    keywords: ['credit', 'voucher', 'gift card'],
  },
];

/** How the parcel travels back. */
export const SHIPPING_METHODS: ChoiceOption[] = [
  {
    value: 'dropoff',
    label: 'Drop off at a parcel point',
    description: 'Free, print-free QR code',
    icon: 'map-pin',
    keywords: ['drop', 'parcel point', 'post office', 'in store', 'store'],
  },
  {
    value: 'pickup',
    label: 'Courier pickup',
    description: 'We collect it at your address',
    icon: 'suitcase',
    keywords: ['pick', 'courier', 'collect', 'from home', 'from my home'],
  },
];

/** Money in the shop's currency. */
export function formatPrice(cents: number): string {
  return `$${(cents / 100).toFixed(2)}`;
}

/** Customers as choices. */
export function customerOptions(customers: readonly Customer[]): ChoiceOption[] {
  return customers.map((c) => ({
    value: c.id,
    label: c.name,
    description: c.email,
    icon: 'user',
    keywords: [c.email, ...c.name.toLowerCase().split(' ')],
  }));
}

/** Returnable order lines as choices. */
export function itemOptions(items: readonly ReturnableItem[]): ChoiceOption[] {
  return items.map((item) => ({
    value: item.lineId,
    label: item.productName,
    description: `Order ${item.orderId} · ${item.orderedAt} · ${formatPrice(item.priceCents)}${item.quantity > 1 ? ` × ${item.quantity}` : ''}`,
    icon: 'cube',
    keywords: [
      item.orderId.toLowerCase(),
      ...item.productName
        .toLowerCase()
        .split(' ')
        .filter((w) => w.length > 2),
    ],
  }));
}

const normalise = (text: string) =>
  text
    .toLowerCase()
    .replace(/[“”"'’]/g, (c) => (c === '’' ? "'" : ''))
    .replace(/\s+/g, ' ')
    .trim();
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Finds the option typed text refers to: its value, its label, or (first match wins, in option order)
 * one of its keywords at a word start. Returns undefined when nothing matches.
 */
export function matchOption(options: readonly ChoiceOption[], typed: string): ChoiceOption | undefined {
  const text = normalise(typed);
  if (!text) return undefined;
  const exact = options.find((o) => o.value.toLowerCase() === text || normalise(o.label) === text);
  if (exact) return exact;
  const contained = options.find((o) => text.includes(normalise(o.label)));
  if (contained) return contained;
  return options.find((o) =>
    (o.keywords ?? []).some((keyword) => {
      const k = normalise(keyword);
      // Short words must match whole words ("no" must not match "not"); longer ones may be stems.
      const pattern = k.length <= 3 ? `\\b${escape(k)}\\b` : `\\b${escape(k)}`;
      return new RegExp(pattern).test(text);
    }),
  );
}
