/**
 * Sample data of the returns demo (seed 001's retail data): customers with membership tiers, products,
 * orders with their lines. Seeded into the database on first start; returns and accepted retention offers
 * are added by the flow.
 *
 * @module
 */

/** Membership tiers, lowest first. Retention offers grow with the tier. */
export const TIERS = ['Bronze', 'Silver', 'Gold', 'Platinum'] as const;

/** A membership tier. */
export type Tier = (typeof TIERS)[number];

/** Sample customers. Two share the surname Martin, so a lookup by "Martin" asks which one. */
export const SAMPLE_CUSTOMERS: readonly {
  id: string;
  name: string;
  email: string;
  tier: Tier;
  memberSince: string;
}[] = [
  {
    id: 'cus_alice',
    name: 'Alice Martin',
    email: 'alice@example.com',
    tier: 'Gold',
    memberSince: '2019-04-02',
  },
  { id: 'cus_bob', name: 'Bob Nguyen', email: 'bob@example.com', tier: 'Silver', memberSince: '2022-08-15' },
  {
    id: 'cus_carla',
    name: 'Carla Rossi',
    email: 'carla@example.com',
    tier: 'Bronze',
    memberSince: '2025-01-20',
  },
  {
    id: 'cus_dan',
    name: 'Dan Martin',
    email: 'dan.martin@example.com',
    tier: 'Platinum',
    memberSince: '2016-11-30',
  },
];

/** Sample products (prices in cents). */
export const SAMPLE_PRODUCTS = [
  { id: 'prd_headphones', name: 'Wireless Headphones', priceCents: 12900 },
  { id: 'prd_mug', name: 'Ceramic Coffee Mug', priceCents: 1800 },
  { id: 'prd_jacket', name: 'Rain Jacket', priceCents: 8900 },
  { id: 'prd_lamp', name: 'Desk Lamp', priceCents: 4500 },
  { id: 'prd_shoes', name: 'Running Shoes', priceCents: 11000 },
  { id: 'prd_kettle', name: 'Electric Kettle', priceCents: 3900 },
  { id: 'prd_backpack', name: 'Travel Backpack', priceCents: 7400 },
] as const;

interface SampleOrder {
  id: string;
  customerId: string;
  orderedAt: string;
  lines: { id: string; productId: string; quantity?: number; finalSale?: boolean }[];
}

/** Sample orders; a final-sale line shows that not everything is returnable. */
export const SAMPLE_ORDERS: readonly SampleOrder[] = [
  {
    id: 'ORD-1001',
    customerId: 'cus_alice',
    orderedAt: '2026-11-02',
    lines: [
      { id: 'line_1001_1', productId: 'prd_headphones' },
      { id: 'line_1001_2', productId: 'prd_mug', quantity: 2 },
    ],
  },
  {
    id: 'ORD-1002',
    customerId: 'cus_alice',
    orderedAt: '2026-11-10',
    lines: [
      { id: 'line_1002_1', productId: 'prd_jacket', finalSale: true },
      { id: 'line_1002_2', productId: 'prd_backpack' },
    ],
  },
  {
    id: 'ORD-1003',
    customerId: 'cus_bob',
    orderedAt: '2026-11-05',
    lines: [
      { id: 'line_1003_1', productId: 'prd_lamp' },
      { id: 'line_1003_2', productId: 'prd_shoes' },
    ],
  },
  {
    id: 'ORD-1004',
    customerId: 'cus_carla',
    orderedAt: '2026-11-12',
    lines: [{ id: 'line_1004_1', productId: 'prd_kettle' }],
  },
  {
    id: 'ORD-1005',
    customerId: 'cus_dan',
    orderedAt: '2026-11-20',
    lines: [
      { id: 'line_1005_1', productId: 'prd_headphones' },
      { id: 'line_1005_2', productId: 'prd_kettle' },
    ],
  },
];
