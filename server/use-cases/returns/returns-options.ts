/**
 * The choices of the returns flow (reasons, resolutions, shipping), the retention offers computed per
 * membership tier, and the matching of typed text to choices, items and customers. Shared by the click
 * path (actions carry option values) and the typed path (tools get the user's words or option values).
 *
 * @module
 */
import type { IconName } from '../../../src/protocol/types.js';
import type { OrderLine } from './returns-repository.js';
import type { Tier } from './returns-seed.js';

/** One choice of a step. */
export interface ChoiceOption {
  value: string;
  label: string;
  description?: string;
  icon?: IconName;
  /** Words or phrases that select this option when typed (matched at word starts, small typos allowed). */
  keywords?: string[];
}

/** Return reasons (seed 001's reason codes). `changed_mind` leads to the retention offers. */
export const REASONS: ChoiceOption[] = [
  {
    value: 'damaged',
    label: 'Damaged or defective',
    icon: 'bug',
    keywords: [
      'damaged',
      'damage',
      'broke',
      'broken',
      'defect',
      'defective',
      'crack',
      'cracked',
      'faulty',
      'does not work',
      "doesn't work",
      'doesnt work',
      'stopped working',
      'dead',
      'scratched',
    ],
  },
  {
    value: 'wrong_item',
    label: 'Wrong item received',
    icon: 'cube',
    keywords: ['wrong', 'different item', 'not what i ordered', 'sent me the'],
  },
  {
    value: 'fit',
    label: "Doesn't fit or not as described",
    icon: 'circle-question',
    keywords: ['fit', 'size', 'too small', 'too big', 'too large', 'not as described', 'looks different'],
  },
  {
    value: 'changed_mind',
    label: 'Changed my mind',
    icon: 'reload',
    keywords: [
      'changed my mind',
      'change of mind',
      'changed mind',
      'no longer',
      "don't want",
      'dont want',
      'do not want',
      "don't need",
      'dont need',
      'not needed',
      'not needed anymore',
      'mind',
      "don't like",
      'dont like',
    ],
  },
];

/** How the customer is made whole (seed: FULL_REFUND, EXCHANGE, STORE_CREDIT). */
export const RESOLUTIONS: ChoiceOption[] = [
  {
    value: 'refund',
    label: 'Full refund',
    description: 'Back to your original payment method',
    icon: 'check-circle',
    keywords: ['refund', 'money back', 'reimburse', 'my money'],
  },
  {
    value: 'exchange',
    label: 'Exchange',
    description: 'Same product, sent as soon as yours arrives',
    icon: 'reload',
    keywords: ['exchange', 'replace', 'replacement', 'swap', 'new one', 'another one'],
  },
  {
    value: 'store_credit',
    label: 'Store credit',
    description: 'Instant credit with 10% extra',
    icon: 'star',
    keywords: ['credit', 'voucher', 'gift card'],
  },
];

/** How the parcel travels back (seed: SCHEDULE_PICKUP, DROP_OFF). */
export const SHIPPING_METHODS: ChoiceOption[] = [
  {
    value: 'pickup',
    label: 'Schedule a pickup',
    description: 'A courier collects it at your address',
    icon: 'suitcase',
    keywords: [
      'pickup',
      'pick up',
      'pick it up',
      'courier',
      'collect',
      'from home',
      'from my home',
      'come get',
    ],
  },
  {
    value: 'dropoff',
    label: 'Drop off at a parcel point',
    description: 'Free, with a QR code instead of a label',
    icon: 'map-pin',
    keywords: ['drop', 'dropoff', 'parcel point', 'post office', 'in store', 'bring it', 'myself'],
  },
];

/** Store credit (percent of the kept items' price) and next-order discount per tier. */
const TIER_OFFERS: Record<Tier, { creditPercent: number; discountPercent: number | null }> = {
  Bronze: { creditPercent: 10, discountPercent: null },
  Silver: { creditPercent: 15, discountPercent: 10 },
  Gold: { creditPercent: 20, discountPercent: 15 },
  Platinum: { creditPercent: 25, discountPercent: 20 },
};

/** A retention offer: keep the items and get something back instead of returning them. */
export interface RetentionOffer {
  id: string;
  kind: 'store_credit' | 'discount';
  percent: number;
  /** Store credit granted on acceptance (0 for a discount). */
  amountCents: number;
  label: string;
  description: string;
}

/** Money in the shop's currency. */
export function formatPrice(cents: number): string {
  return `$${(cents / 100).toFixed(2)}`;
}

/** Value of order lines (price × quantity). */
export function valueOf(lines: readonly Pick<OrderLine, 'priceCents' | 'quantity'>[]): number {
  return lines.reduce((sum, line) => sum + line.priceCents * line.quantity, 0);
}

/** The retention offers for a customer of `tier` who changed their mind about `lines`. */
export function retentionOffers(tier: Tier, lines: readonly OrderLine[]): RetentionOffer[] {
  const { creditPercent, discountPercent } = TIER_OFFERS[tier];
  const what = lines.length === 1 ? `the ${lines[0].productName}` : `these ${lines.length} items`;
  const credit = Math.round((valueOf(lines) * creditPercent) / 100);
  const offers: RetentionOffer[] = [
    {
      id: `credit_${creditPercent}`,
      kind: 'store_credit',
      percent: creditPercent,
      amountCents: credit,
      label: `Keep ${what} and get ${formatPrice(credit)} store credit`,
      description: `${creditPercent}% of the price back, as a ${tier} member`,
    },
  ];
  if (discountPercent !== null) {
    offers.push({
      id: `discount_${discountPercent}`,
      kind: 'discount',
      percent: discountPercent,
      amountCents: 0,
      label: `Keep ${what} and get ${discountPercent}% off your next order`,
      description: `A ${tier} member perk, valid for 90 days`,
    });
  }
  return offers;
}

const normalise = (text: string) =>
  text.toLowerCase().replace(/[’‘]/g, "'").replace(/[“”"]/g, '').replace(/\s+/g, ' ').trim();
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Edit distance with adjacent transpositions (optimal string alignment), for small typos. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [
    i,
    ...Array<number>(b.length).fill(0),
  ]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** Typos allowed in a word of this length. */
const tolerance = (length: number) => (length >= 8 ? 2 : length >= 5 ? 1 : 0);

/**
 * Whether `keyword` occurs in `text` (both normalised): at a word start (short keywords as whole words),
 * or, for single words of five letters or more, as a word within a typo or two.
 */
export function mentions(text: string, keyword: string): boolean {
  const k = normalise(keyword);
  if (!k) return false;
  const pattern = k.length <= 3 ? `\\b${escape(k)}\\b` : `\\b${escape(k)}`;
  if (new RegExp(pattern).test(text)) return true;
  if (k.includes(' ') || tolerance(k.length) === 0) return false;
  return words(text).some(
    (w) => Math.abs(w.length - k.length) <= tolerance(k.length) && editDistance(w, k) <= tolerance(k.length),
  );
}

/** The words of a text (letters, digits, apostrophes). */
export function words(text: string): string[] {
  return normalise(text).match(/[\p{L}\p{N}']+/gu) ?? [];
}

/**
 * Finds the option typed text refers to: its value, its label, or (first match wins, in option order) one
 * of its keywords. Returns undefined when nothing matches.
 */
export function matchOption(options: readonly ChoiceOption[], typed: string): ChoiceOption | undefined {
  const text = normalise(typed);
  if (!text) return undefined;
  const exact = options.find(
    (o) => o.value.toLowerCase() === text.replace(/ /g, '_') || normalise(o.label) === text,
  );
  if (exact) return exact;
  const contained = options.find((o) => text.includes(normalise(o.label)));
  if (contained) return contained;
  // Exact keyword hits first, so a typo tolerance never beats a real word of another option.
  const exactKeyword = options.find((o) =>
    (o.keywords ?? []).some((k) => {
      const n = normalise(k);
      return new RegExp(n.length <= 3 ? `\\b${escape(n)}\\b` : `\\b${escape(n)}`).test(text);
    }),
  );
  return exactKeyword ?? options.find((o) => (o.keywords ?? []).some((k) => mentions(text, k)));
}

/** Words of a product name that identify it when typed (e.g. "headphones", "mug"). */
function productWords(name: string): string[] {
  return words(name).filter((w) => w.length > 2);
}

const ALL_WORDS = /\b(?:all|everything|both|every item|all of them|the whole order|entire order)\b/;

/**
 * The lines typed text refers to: by line id, by order number (every line of it), by product name words
 * (typos allowed), or all of them ("all", "both", "everything").
 */
export function matchLines<T extends Pick<OrderLine, 'lineId' | 'orderId' | 'productName'>>(
  lines: readonly T[],
  typed: string,
  options: { allowAll?: boolean } = {},
): T[] {
  const text = normalise(typed);
  if (!text) return [];
  if (options.allowAll !== false && ALL_WORDS.test(text)) return [...lines];
  const found = lines.filter(
    (line) =>
      text.includes(line.lineId.toLowerCase()) ||
      new RegExp(`\\b${escape(line.orderId.toLowerCase())}\\b`).test(text) ||
      productWords(line.productName).some((w) => mentions(text, w)),
  );
  return found;
}

/**
 * Reasons per line from typed text: "the mug is broken and I changed my mind about the headphones" gives
 * each line its reason; a reason without a named item applies to every line not named elsewhere.
 */
export function matchReasons<T extends Pick<OrderLine, 'lineId' | 'orderId' | 'productName'>>(
  lines: readonly T[],
  typed: string,
): Map<string, ChoiceOption> {
  const result = new Map<string, ChoiceOption>();
  let unassigned: ChoiceOption | undefined;
  let pendingLines: T[] = [];
  for (const clause of normalise(typed).split(/[,;.]|\band\b|\bbut\b|\bwhile\b|\bwhereas\b/)) {
    if (!clause.trim()) continue;
    const reason = matchOption(REASONS, clause);
    const named = matchLines(lines, clause, { allowAll: false });
    if (named.length > 0 && !reason) {
      pendingLines.push(...named);
      continue;
    }
    if (!reason) continue;
    const targets = named.length > 0 ? named : pendingLines;
    if (targets.length === 0) unassigned ??= reason;
    for (const line of targets) result.set(line.lineId, reason);
    pendingLines = [];
  }
  if (unassigned) for (const line of lines) if (!result.has(line.lineId)) result.set(line.lineId, unassigned);
  return result;
}

/** What a customer lookup query contains. */
export interface LookupQuery {
  email: string | null;
  orderId: string | null;
  /** Words that may be (part of) a name. */
  nameWords: string[];
}

const STOP_WORDS = new Set(
  "i im i'm am is my name its it's this the a an and of for me please hi hello hey here it is order number email mail customer account on under with by from want to return something need help find look up lookup called".split(
    ' ',
  ),
);

/** Splits a lookup query ("I'm Bob, bob@example.com", "order 1003", "#ORD-1001", "Carla Rossi"). */
export function parseLookup(query: string): LookupQuery {
  const email = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/.exec(query)?.[0]?.toLowerCase() ?? null;
  const order = /\b(?:ord(?:er)?[\s#:-]*(?:no\.?|number)?\s*#?\s*)?(\d{4})\b/i.exec(query);
  const orderId = order ? `ORD-${order[1]}` : null;
  const rest = query.replace(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, ' ').replace(/\b(?:ORD-?)?\d+\b/gi, ' ');
  const nameWords = words(rest).filter((w) => w.length > 1 && !STOP_WORDS.has(w));
  return { email, orderId, nameWords };
}

/** Customers whose name best matches the words (most matching name parts wins; typos allowed). */
export function matchCustomersByName<T extends { name: string }>(
  customers: readonly T[],
  nameWords: string[],
): T[] {
  let best = 0;
  let found: T[] = [];
  for (const customer of customers) {
    const parts = words(customer.name);
    const score = nameWords.filter((w) =>
      parts.some((p) => p === w || (p.length >= 4 && editDistance(p, w) <= tolerance(p.length))),
    ).length;
    if (score === 0) continue;
    if (score > best) {
      best = score;
      found = [customer];
    } else if (score === best) found.push(customer);
  }
  return found;
}
