/**
 * Row helpers shared by the SQL stores (SQLite, PostgreSQL): the sort key of a timestamp and pages built
 * from `limit + 1` fetched rows.
 *
 * @internal
 * @module
 */
import type { Page } from '../../src/protocol/types.js';
import { parseTimestamp } from '../../src/protocol/time.js';

/** `Date#toISOString()` output (4-digit year from 1000), the shape of every timestamp this server writes. */
const CANONICAL_TIMESTAMP = /^[1-9]\d{3}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Epoch milliseconds of a stored `created_at`; unparsable values sort first rather than failing a write. */
export function createdMs(createdAt: string): number {
  // The canonical shape gives the same instant through Date.parse, without the general parser's match
  // arrays; where Date.parse refuses it (e.g. minute 60) the general parser decides, as before.
  const canonical =
    typeof createdAt === 'string' && CANONICAL_TIMESTAMP.test(createdAt) ? Date.parse(createdAt) : Number.NaN;
  const ms = Number.isNaN(canonical) ? parseTimestamp(createdAt) : canonical;
  return Number.isNaN(ms) ? 0 : ms;
}

/** Builds a page from `limit + 1` fetched rows (the extra row only tells whether there is more). */
export function toPage<T extends { id: string }>(rows: { data: string }[], limit: number): Page<T> {
  const hasMore = rows.length > limit;
  const data = rows.slice(0, limit).map((row) => JSON.parse(row.data) as T);
  const page: Page<T> = { data, has_more: hasMore };
  if (hasMore && data.length > 0) page.after = data[data.length - 1].id;
  return page;
}
