/**
 * Data of the order-returns use case (seed 001): customers, products, orders with their lines, and the
 * returns created by the flow. Sample data is seeded on first start. The interface is async so a
 * PostgreSQL implementation can follow; the embedded one keeps its tables in the thread store's SQLite file.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { SAMPLE_CUSTOMERS, SAMPLE_ORDERS, SAMPLE_PRODUCTS } from './returns-seed.js';

/** A customer. */
export interface Customer {
  id: string;
  name: string;
  email: string;
}

/** An order line that can be returned, with its product and order. */
export interface ReturnableItem {
  lineId: string;
  orderId: string;
  orderedAt: string;
  productId: string;
  productName: string;
  priceCents: number;
  quantity: number;
}

/** A stored return. */
export interface ReturnRecord {
  id: string;
  customerId: string;
  lineId: string;
  reason: string;
  resolution: string;
  shipping: string;
  threadId: string;
  userId: string;
  createdAt: string;
}

/** Storage of the returns use case. */
export interface ReturnsRepository {
  listCustomers(): Promise<Customer[]>;
  getCustomer(id: string): Promise<Customer | null>;
  /** Order lines of the customer that are not final sale and not returned yet. */
  listReturnableItems(customerId: string): Promise<ReturnableItem[]>;
  getReturnableItem(customerId: string, lineId: string): Promise<ReturnableItem | null>;
  /** Creates a return (id `RMA-XXXXXX`). */
  createReturn(input: Omit<ReturnRecord, 'id' | 'createdAt'>): Promise<ReturnRecord>;
  getReturn(id: string): Promise<ReturnRecord | null>;
}

interface ItemRow {
  line_id: string;
  order_id: string;
  ordered_at: string;
  product_id: string;
  product_name: string;
  price_cents: number;
  quantity: number;
}

const ITEM_QUERY = `SELECT l.id AS line_id, o.id AS order_id, o.ordered_at, p.id AS product_id, p.name AS product_name,
    l.price_cents, l.quantity
  FROM demo_order_lines l JOIN demo_orders o ON o.id = l.order_id JOIN demo_products p ON p.id = l.product_id
  WHERE o.customer_id = ? AND l.final_sale = 0
    AND NOT EXISTS (SELECT 1 FROM demo_returns r WHERE r.line_id = l.id)`;

const toItem = (row: ItemRow): ReturnableItem => ({
  lineId: row.line_id,
  orderId: row.order_id,
  orderedAt: row.ordered_at,
  productId: row.product_id,
  productName: row.product_name,
  priceCents: row.price_cents,
  quantity: row.quantity,
});

/** {@link ReturnsRepository} on better-sqlite3; creates and seeds its tables when missing. */
export class SqliteReturnsRepository implements ReturnsRepository {
  constructor(private readonly db: Database.Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS demo_customers (id TEXT PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS demo_products (id TEXT PRIMARY KEY, name TEXT NOT NULL, price_cents INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS demo_orders (id TEXT PRIMARY KEY, customer_id TEXT NOT NULL, ordered_at TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS demo_order_lines (id TEXT PRIMARY KEY, order_id TEXT NOT NULL, product_id TEXT NOT NULL,
        quantity INTEGER NOT NULL, price_cents INTEGER NOT NULL, final_sale INTEGER NOT NULL DEFAULT 0);
      CREATE TABLE IF NOT EXISTS demo_returns (id TEXT PRIMARY KEY, customer_id TEXT NOT NULL, line_id TEXT NOT NULL,
        reason TEXT NOT NULL, resolution TEXT NOT NULL, shipping TEXT NOT NULL, thread_id TEXT NOT NULL,
        user_id TEXT NOT NULL, created_at TEXT NOT NULL);`);
    this.seed();
  }

  /** Inserts the sample data once (when there are no customers yet). */
  private seed(): void {
    const count = (this.db.prepare('SELECT COUNT(*) AS n FROM demo_customers').get() as { n: number }).n;
    if (count > 0) return;
    const insert = this.db.transaction(() => {
      const customer = this.db.prepare('INSERT INTO demo_customers (id, name, email) VALUES (?, ?, ?)');
      for (const c of SAMPLE_CUSTOMERS) customer.run(c.id, c.name, c.email);
      const product = this.db.prepare('INSERT INTO demo_products (id, name, price_cents) VALUES (?, ?, ?)');
      for (const p of SAMPLE_PRODUCTS) product.run(p.id, p.name, p.priceCents);
      const order = this.db.prepare('INSERT INTO demo_orders (id, customer_id, ordered_at) VALUES (?, ?, ?)');
      const line = this.db.prepare(
        'INSERT INTO demo_order_lines (id, order_id, product_id, quantity, price_cents, final_sale) VALUES (?, ?, ?, ?, ?, ?)',
      );
      for (const o of SAMPLE_ORDERS) {
        order.run(o.id, o.customerId, o.orderedAt);
        for (const l of o.lines) {
          const price = SAMPLE_PRODUCTS.find((p) => p.id === l.productId)?.priceCents ?? 0;
          line.run(l.id, o.id, l.productId, l.quantity ?? 1, price, l.finalSale ? 1 : 0);
        }
      }
    });
    insert();
  }

  async listCustomers(): Promise<Customer[]> {
    return this.db.prepare('SELECT id, name, email FROM demo_customers ORDER BY name').all() as Customer[];
  }

  async getCustomer(id: string): Promise<Customer | null> {
    return (
      (this.db.prepare('SELECT id, name, email FROM demo_customers WHERE id = ?').get(id) as Customer) ?? null
    );
  }

  async listReturnableItems(customerId: string): Promise<ReturnableItem[]> {
    return (
      this.db.prepare(`${ITEM_QUERY} ORDER BY o.ordered_at DESC, l.id`).all(customerId) as ItemRow[]
    ).map(toItem);
  }

  async getReturnableItem(customerId: string, lineId: string): Promise<ReturnableItem | null> {
    const row = this.db.prepare(`${ITEM_QUERY} AND l.id = ?`).get(customerId, lineId) as ItemRow | undefined;
    return row ? toItem(row) : null;
  }

  async createReturn(input: Omit<ReturnRecord, 'id' | 'createdAt'>): Promise<ReturnRecord> {
    const record: ReturnRecord = {
      ...input,
      id: `RMA-${randomBytes(3).toString('hex').toUpperCase()}`,
      createdAt: new Date().toISOString(),
    };
    this.db
      .prepare(
        `INSERT INTO demo_returns (id, customer_id, line_id, reason, resolution, shipping, thread_id, user_id, created_at)
         VALUES (@id, @customerId, @lineId, @reason, @resolution, @shipping, @threadId, @userId, @createdAt)`,
      )
      .run(record);
    return record;
  }

  async getReturn(id: string): Promise<ReturnRecord | null> {
    const row = this.db
      .prepare(
        `SELECT id, customer_id AS customerId, line_id AS lineId, reason, resolution, shipping, thread_id AS threadId,
           user_id AS userId, created_at AS createdAt FROM demo_returns WHERE id = ?`,
      )
      .get(id) as ReturnRecord | undefined;
    return row ?? null;
  }
}
