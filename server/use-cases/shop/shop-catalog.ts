/**
 * The patterns demo's little shop (Northwind Outfitters): four products the host page shows and the
 * assistant recommends. The page (demo/patterns.js) keeps the same list for its tiles and its cart; the
 * cart itself lives in the page, which the assistant changes through the `update_cart` client tool.
 *
 * @module
 */

/** One product. */
export interface Product {
  id: string;
  name: string;
  /** Price in euro cents. */
  priceCents: number;
  /** One line about it, as the tile and the recommendation card say it. */
  blurb: string;
  /** Words of needs it serves (activities, weather), for recommendations. */
  tags: readonly string[];
}

/** What a shopper can say they shop for on the preference card. */
export const ACTIVITIES = ['hiking', 'city', 'travel', 'winter'] as const;
export type Activity = (typeof ACTIVITIES)[number];

/** The catalogue, in the order the page shows it. */
export const PRODUCTS: readonly Product[] = [
  {
    id: 'trail-jacket',
    name: 'Trail jacket',
    priceCents: 12900,
    blurb: 'Windproof and breathable for long days on the trail.',
    tags: [
      'hiking',
      'hike',
      'trail',
      'mountain',
      'mountains',
      'wind',
      'windy',
      'outdoor',
      'camping',
      'jacket',
    ],
  },
  {
    id: 'rain-shell',
    name: 'Rain shell',
    priceCents: 8900,
    blurb: 'Packs into its own pocket, keeps you dry on the way to work.',
    tags: ['city', 'rain', 'rainy', 'wet', 'waterproof', 'commute', 'work', 'shell', 'storm'],
  },
  {
    id: 'wool-beanie',
    name: 'Wool beanie',
    priceCents: 2400,
    blurb: 'Merino wool, warm and soft: the small gift that always fits.',
    tags: ['winter', 'cold', 'snow', 'warm', 'ski', 'head', 'hat', 'beanie', 'gift', 'cheap', 'budget'],
  },
  {
    id: 'day-pack',
    name: 'Day pack',
    priceCents: 6900,
    blurb: '22 litres with a padded laptop sleeve, for trips and everyday.',
    tags: ['travel', 'trip', 'trips', 'weekend', 'carry', 'laptop', 'school', 'bag', 'backpack', 'pack'],
  },
];

/** The product ids (the `update_cart` tool's enum). */
export const PRODUCT_IDS = PRODUCTS.map((product) => product.id) as [string, ...string[]];

/** What each preference points to first. */
export const ACTIVITY_PICKS: Readonly<Record<Activity, string>> = {
  hiking: 'trail-jacket',
  city: 'rain-shell',
  travel: 'day-pack',
  winter: 'wool-beanie',
};

/** `€89` or `€12.50`. */
export function formatPrice(cents: number): string {
  return cents % 100 === 0 ? `€${cents / 100}` : `€${(cents / 100).toFixed(2)}`;
}

/** Looks a product up by id. */
export function productById(id: string): Product | undefined {
  return PRODUCTS.find((product) => product.id === id);
}

/** Words of a product's name and their plurals ("jackets", "beanies", "packs"). */
function nameWords(product: Product): string[] {
  return product.name
    .toLowerCase()
    .split(/\s+/)
    .flatMap((word) => [word, `${word}s`, `${word}es`]);
}

/**
 * Finds the product a phrase names ("the rain shell", "2 beanies", "trail-jacket", "backpack"); undefined
 * when it names none or several equally well.
 */
export function findProduct(phrase: string): Product | undefined {
  const text = phrase.toLowerCase().replace(/[^a-z0-9-\s]/g, ' ');
  const exact = PRODUCTS.find(
    (product) => text.includes(product.id) || text.includes(product.name.toLowerCase()),
  );
  if (exact) return exact;
  const words = text.split(/[\s-]+/).filter(Boolean);
  let best: Product | undefined;
  let bestScore = 0;
  let tie = false;
  for (const product of PRODUCTS) {
    const names = nameWords(product);
    const score = words.filter(
      (word) => names.includes(word) || (word === 'backpack' && product.id === 'day-pack'),
    ).length;
    if (score > bestScore) {
      best = product;
      bestScore = score;
      tie = false;
    } else if (score === bestScore && score > 0) tie = true;
  }
  return bestScore > 0 && !tie ? best : undefined;
}

/** A recommendation: the product and why, in words for the shopper. */
export interface Recommendation {
  product: Product;
  reason: string;
}

/**
 * Picks the product that serves a need best ("something for rainy commutes"), else the shopper's stated
 * preference, else the staff's favourite (the trail jacket).
 */
export function recommend(need: string, preference: Activity | null): Recommendation {
  const words = need
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);
  let best: Product | undefined;
  let bestScore = 0;
  for (const product of PRODUCTS) {
    const score = words.filter((word) => product.tags.includes(word)).length;
    if (score > bestScore) {
      best = product;
      bestScore = score;
    }
  }
  if (best) {
    const matched = words.filter((word) => best.tags.includes(word));
    const mentioned = [...new Set(matched)].map((word) => `“${word}”`).join(' and ');
    return { product: best, reason: `Because you mentioned ${mentioned}: ${lowerFirst(best.blurb)}` };
  }
  if (preference) {
    const product = productById(ACTIVITY_PICKS[preference]) as Product;
    return { product, reason: `You shop for ${preference}: ${lowerFirst(product.blurb)}` };
  }
  return {
    product: PRODUCTS[0],
    reason: `Our team's favourite this season: ${lowerFirst(PRODUCTS[0].blurb)}`,
  };
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
