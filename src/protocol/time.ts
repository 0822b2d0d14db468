/**
 * Timestamp helpers. The reference server writes naive local ISO strings with 0 or 6 fractional digits;
 * others write `Z` or `±hh:mm` offsets and 3-digit fractions (§0). Clients must accept them all.
 *
 * @module
 */

const ISO_TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?(Z|z|[+-]\d{2}:?\d{2})?$/;

/**
 * Parses any timestamp shape of the spec into epoch milliseconds, or `NaN` when it is not a timestamp.
 * Offset-less values are read as local time, as the reference server meant them.
 */
export function parseTimestamp(value: string | number | Date | null | undefined): number {
  if (value == null) return Number.NaN;
  if (typeof value === 'number') return value;
  if (value instanceof Date) return value.getTime();
  const match = ISO_TIMESTAMP.exec(value.trim());
  if (!match) return Number.NaN;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = match;
  // Keep millisecond precision; further digits (microseconds, nanoseconds) are truncated.
  const ms = Number((frac + '000').slice(0, 3));
  const parts = [Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms] as const;
  if (!zone) return new Date(...parts).getTime();
  const utc = Date.UTC(...parts);
  if (zone === 'Z' || zone === 'z') return utc;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4));
  return utc - sign * offsetMinutes * 60_000;
}

/** Whether a string is a timestamp in one of the accepted shapes. */
export function isTimestamp(value: unknown): value is string {
  return typeof value === 'string' && !Number.isNaN(parseTimestamp(value));
}

/** Formats an instant the way a TypeScript server should emit it: `Date#toISOString()` (UTC, `Z`). */
export function formatTimestamp(epochMs: number | Date = Date.now()): string {
  return new Date(epochMs).toISOString();
}

/** A clock returning epoch milliseconds; injectable so tests can pin time. */
export type Clock = () => number;

/** The real clock. */
export const systemClock: Clock = () => Date.now();

// The waiting helpers live in scheduler.ts, which the element's drop-in file imports without the parsers above.
export { systemScheduler, type Scheduler } from './scheduler.js';
export { delay } from './delay.js';
