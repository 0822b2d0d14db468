/**
 * Wire timestamps for the server's clock readings, cheaply. `Date#toISOString()` costs ~1.3 µs on Node 20 and
 * a streamed turn stamps the thread and both messages; successive readings nearly always fall in the same
 * second, so that second's `YYYY-MM-DDTHH:MM:SS.` is kept and only the milliseconds are appended. The result
 * is `formatTimestamp`'s exactly (checked against it in timestamp.test.ts); anything else (a fractional or
 * non-finite reading, a year outside 0000–9999) goes through `formatTimestamp` itself.
 *
 * @module
 */
import { formatTimestamp } from '../../src/protocol/time.js';

let secondStart = Number.NaN;
let secondPrefix = '';

/** `formatTimestamp(epochMs)` (`new Date(epochMs).toISOString()`), reusing the current second's prefix. */
export function formatClockReading(epochMs: number): string {
  if (!Number.isSafeInteger(epochMs)) return formatTimestamp(epochMs);
  const ms = epochMs % 1000;
  const second = ms < 0 ? epochMs - ms - 1000 : epochMs - ms;
  if (second !== secondStart) {
    const iso = formatTimestamp(second);
    if (iso.length !== 24) return formatTimestamp(epochMs);
    secondStart = second;
    secondPrefix = iso.slice(0, 20);
  }
  const millis = epochMs - second;
  return `${secondPrefix}${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z`;
}
