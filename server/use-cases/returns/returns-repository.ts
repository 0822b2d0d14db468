/**
 * Data of the order-returns use case (seed 001): customers with membership tiers and store credit,
 * products, orders with their lines, the returns created by the flow (one row per return, one per returned
 * line) and the retention offers customers accepted. Sample data is seeded on first start. The interface is
 * async so another database can implement it; the embedded one keeps its tables in the thread store's
 * SQLite file (or `demo.db` beside it when threads live in PostgreSQL).
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { SAMPLE_CUSTOMERS, SAMPLE_ORDERS, SAMPLE_PRODUCTS, type Tier } from './returns-seed.js';

/** A customer. */
export interface Customer {
  id: string;
  name: string;
  email: string;
  tier: Tier;
  memberSince: string;
  /** Store credit balance (accepted retention offers add to it). */
  storeCreditCents: number;
}

/** An order line with its product, order and whether it can still be returned. */
export interface OrderLine {
  lineId: string;
  orderId: string;
  orderedAt: string;
  productId: string;
  productName: string;
  priceCents: number;
  quantity: number;
  /** Why the line cannot be returned (final sale, already returned, kept with an offer); null if it can. */
  blockedBy: 'final_sale' | 'returned' | 'kept' | null;
}

/** A line of a stored return. */
export interface ReturnLine {
  lineId: string;
  orderId: string;
  productName: string;
  quantity: number;
  priceCents: number;
  reason: string;
}

/** A stored return (RMA). */
export interface ReturnRecord {
  id: string;
  customerId: string;
  resolution: string;
  shipping: string;
  /** What the customer gets back (refund or credit), in cents. */
  amountCents: number;
  status: string;
  threadId: string;
  userId: string;
  createdAt: string;
  items: ReturnLine[];
}

/** A retention offer the customer accepted (they keep the items). */
export interface AcceptedOffer {
  id: string;
  customerId: string;
  offerId: string;
  kind: 'store_credit' | 'discount';
  label: string;
  percent: number;
  /** Store credit granted (0 for a discount on the next order). */
  amountCents: number;
  lineIds: string[];
  threadId: string;
  userId: string;
  createdAt: string;
}

/** Storage of the returns use case. */
export interface ReturnsRepository {
  listCustomers(): Promise<Customer[]>;
  getCustomer(id: string): Promise<Customer | null>;
  /** The customer who placed an order (order ids are matched case-insensitively). */
  customerOfOrder(orderId: string): Promise<Customer | null>;
  /** Every order line of the customer, newest order first, with its returnability. */
  listOrderLines(customerId: string): Promise<OrderLine[]>;
  /** Creates a return (id `RMA-XXXXXX`) with its lines. */
  createReturn(input: Omit<ReturnRecord, 'id' | 'createdAt' | 'status'>): Promise<ReturnRecord>;
  getReturn(id: string): Promise<ReturnRecord | null>;
  /** Stores an accepted offer and adds its store credit to the customer's balance, atomically. */
  acceptOffer(input: Omit<AcceptedOffer, 'id' | 'createdAt'>): Promise<AcceptedOffer>;
  listAcceptedOffers(customerId: string): Promise<AcceptedOffer[]>;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS returns_customers (id TEXT PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL UNIQUE,
  tier TEXT NOT NULL, member_since TEXT NOT NULL, store_credit_cents INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS returns_products (id TEXT PRIMARY KEY, name TEXT NOT NULL, price_cents INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS returns_orders (id TEXT PRIMARY KEY, customer_id TEXT NOT NULL REFERENCES returns_customers(id),
  ordered_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS returns_order_lines (id TEXT PRIMARY KEY, order_id TEXT NOT NULL REFERENCES returns_orders(id),
  product_id TEXT NOT NULL REFERENCES returns_products(id), quantity INTEGER NOT NULL, price_cents INTEGER NOT NULL,
  final_sale INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS returns_requests (id TEXT PRIMARY KEY, customer_id TEXT NOT NULL, resolution TEXT NOT NULL,
  shipping TEXT NOT NULL, amount_cents INTEGER NOT NULL, status TEXT NOT NULL, thread_id TEXT NOT NULL,
  user_id TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS returns_request_items (return_id TEXT NOT NULL REFERENCES returns_requests(id),
  line_id TEXT NOT NULL UNIQUE, reason TEXT NOT NULL, PRIMARY KEY (return_id, line_id));
CREATE TABLE IF NOT EXISTS returns_accepted_offers (id TEXT PRIMARY KEY, customer_id TEXT NOT NULL, offer_id TEXT NOT NULL,
  kind TEXT NOT NULL, label TEXT NOT NULL, percent INTEGER NOT NULL, amount_cents INTEGER NOT NULL, line_ids TEXT NOT NULL,
  thread_id TEXT NOT NULL, user_id TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS returns_kept_lines (line_id TEXT PRIMARY KEY, offer_id TEXT NOT NULL);
`;

const CUSTOMER_COLUMNS = `id, name, email, tier, member_since AS memberSince, store_credit_cents AS storeCreditCents`;

interface LineRow {
  line_id: string;
  order_id: string;
  ordered_at: string;
  product_id: string;
  product_name: string;
  price_cents: number;
  quantity: number;
  final_sale: number;
  returned: number;
  kept: number;
}

const toLine = (row: LineRow): OrderLine => ({
  lineId: row.line_id,
  orderId: row.order_id,
  orderedAt: row.ordered_at,
  productId: row.product_id,
  productName: row.product_name,
  priceCents: row.price_cents,
  quantity: row.quantity,
  blockedBy: row.final_sale ? 'final_sale' : row.returned ? 'returned' : row.kept ? 'kept' : null,
});

const newId = (prefix: string) => `${prefix}-${randomBytes(3).toString('hex').toUpperCase()}`;

/** {@link ReturnsRepository} on better-sqlite3; creates and seeds its tables when missing. */
export class SqliteReturnsRepository implements ReturnsRepository {
  constructor(private readonly db: Database.Database) {
    db.exec(SCHEMA);
    this.seed();
  }

  /**
   * Inserts the sample data once (when there are no customers yet). The check and the inserts share one
   * IMMEDIATE transaction: server processes starting together on one file (scale-out) take the write lock
   * in turn (busy_timeout), so the second one sees the first one's rows instead of inserting them again.
   */
  private seed(): void {
    const insert = this.db.transaction(() => {
      const count = (this.db.prepare('SELECT COUNT(*) AS n FROM returns_customers').get() as { n: number }).n;
      if (count > 0) return;
      const customer = this.db.prepare(
        'INSERT INTO returns_customers (id, name, email, tier, member_since) VALUES (?, ?, ?, ?, ?)',
      );
      for (const c of SAMPLE_CUSTOMERS) customer.run(c.id, c.name, c.email, c.tier, c.memberSince);
      const product = this.db.prepare(
        'INSERT INTO returns_products (id, name, price_cents) VALUES (?, ?, ?)',
      );
      for (const p of SAMPLE_PRODUCTS) product.run(p.id, p.name, p.priceCents);
      const order = this.db.prepare(
        'INSERT INTO returns_orders (id, customer_id, ordered_at) VALUES (?, ?, ?)',
      );
      const line = this.db.prepare(
        'INSERT INTO returns_order_lines (id, order_id, product_id, quantity, price_cents, final_sale) VALUES (?, ?, ?, ?, ?, ?)',
      );
      for (const o of SAMPLE_ORDERS) {
        order.run(o.id, o.customerId, o.orderedAt);
        for (const l of o.lines) {
          const price = SAMPLE_PRODUCTS.find((p) => p.id === l.productId)?.priceCents ?? 0;
          line.run(l.id, o.id, l.productId, l.quantity ?? 1, price, l.finalSale ? 1 : 0);
        }
      }
    });
    insert.immediate();
  }

  async listCustomers(): Promise<Customer[]> {
    return this.db
      .prepare(`SELECT ${CUSTOMER_COLUMNS} FROM returns_customers ORDER BY name`)
      .all() as Customer[];
  }

  async getCustomer(id: string): Promise<Customer | null> {
    const row = this.db.prepare(`SELECT ${CUSTOMER_COLUMNS} FROM returns_customers WHERE id = ?`).get(id);
    return (row as Customer | undefined) ?? null;
  }

  async customerOfOrder(orderId: string): Promise<Customer | null> {
    const row = this.db
      .prepare(
        `SELECT ${CUSTOMER_COLUMNS} FROM returns_customers WHERE id =
           (SELECT customer_id FROM returns_orders WHERE upper(id) = upper(?))`,
      )
      .get(orderId);
    return (row as Customer | undefined) ?? null;
  }

  async listOrderLines(customerId: string): Promise<OrderLine[]> {
    const rows = this.db
      .prepare(
        `SELECT l.id AS line_id, o.id AS order_id, o.ordered_at, p.id AS product_id, p.name AS product_name,
           l.price_cents, l.quantity, l.final_sale,
           EXISTS (SELECT 1 FROM returns_request_items r WHERE r.line_id = l.id) AS returned,
           EXISTS (SELECT 1 FROM returns_kept_lines k WHERE k.line_id = l.id) AS kept
         FROM returns_order_lines l JOIN returns_orders o ON o.id = l.order_id
           JOIN returns_products p ON p.id = l.product_id
         WHERE o.customer_id = ? ORDER BY o.ordered_at DESC, l.id`,
      )
      .all(customerId) as LineRow[];
    return rows.map(toLine);
  }

  async createReturn(input: Omit<ReturnRecord, 'id' | 'createdAt' | 'status'>): Promise<ReturnRecord> {
    const record: ReturnRecord = {
      ...input,
      id: newId('RMA'),
      status: 'awaiting_parcel',
      createdAt: new Date().toISOString(),
    };
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO returns_requests (id, customer_id, resolution, shipping, amount_cents, status, thread_id, user_id, created_at)
           VALUES (@id, @customerId, @resolution, @shipping, @amountCents, @status, @threadId, @userId, @createdAt)`,
        )
        .run({ ...record, items: undefined });
      const item = this.db.prepare(
        'INSERT INTO returns_request_items (return_id, line_id, reason) VALUES (?, ?, ?)',
      );
      for (const line of record.items) item.run(record.id, line.lineId, line.reason);
    })();
    return record;
  }

  async getReturn(id: string): Promise<ReturnRecord | null> {
    const row = this.db
      .prepare(
        `SELECT id, customer_id AS customerId, resolution, shipping, amount_cents AS amountCents, status,
           thread_id AS threadId, user_id AS userId, created_at AS createdAt FROM returns_requests WHERE id = ?`,
      )
      .get(id) as Omit<ReturnRecord, 'items'> | undefined;
    if (!row) return null;
    const items = this.db
      .prepare(
        `SELECT i.line_id AS lineId, l.order_id AS orderId, p.name AS productName, l.quantity, l.price_cents AS priceCents,
           i.reason FROM returns_request_items i JOIN returns_order_lines l ON l.id = i.line_id
           JOIN returns_products p ON p.id = l.product_id WHERE i.return_id = ? ORDER BY i.line_id`,
      )
      .all(id) as ReturnLine[];
    return { ...row, items };
  }

  async acceptOffer(input: Omit<AcceptedOffer, 'id' | 'createdAt'>): Promise<AcceptedOffer> {
    const record: AcceptedOffer = { ...input, id: newId('OFR'), createdAt: new Date().toISOString() };
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO returns_accepted_offers (id, customer_id, offer_id, kind, label, percent, amount_cents, line_ids,
             thread_id, user_id, created_at)
           VALUES (@id, @customerId, @offerId, @kind, @label, @percent, @amountCents, @lineIds, @threadId, @userId, @createdAt)`,
        )
        .run({ ...record, lineIds: JSON.stringify(record.lineIds) });
      const kept = this.db.prepare(
        'INSERT OR IGNORE INTO returns_kept_lines (line_id, offer_id) VALUES (?, ?)',
      );
      for (const line of record.lineIds) kept.run(line, record.id);
      this.db
        .prepare('UPDATE returns_customers SET store_credit_cents = store_credit_cents + ? WHERE id = ?')
        .run(record.amountCents, record.customerId);
    })();
    return record;
  }

  async listAcceptedOffers(customerId: string): Promise<AcceptedOffer[]> {
    const rows = this.db
      .prepare(
        `SELECT id, customer_id AS customerId, offer_id AS offerId, kind, label, percent, amount_cents AS amountCents,
           line_ids AS lineIds, thread_id AS threadId, user_id AS userId, created_at AS createdAt
         FROM returns_accepted_offers WHERE customer_id = ? ORDER BY created_at`,
      )
      .all(customerId) as (Omit<AcceptedOffer, 'lineIds'> & { lineIds: string })[];
    return rows.map((row) => ({ ...row, lineIds: JSON.parse(row.lineIds) as string[] }));
  }
}
