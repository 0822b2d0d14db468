/** The server's cached clock formatting (timestamp.ts) must be `Date#toISOString()` for every reading. */
import { expect, it } from 'vitest';
import { formatTimestamp } from '../../../src/protocol/time.js';
import { formatClockReading } from '../../../server/chatkit/timestamp.js';

const iso = (ms: number) => new Date(ms).toISOString();

it('formats every clock reading as toISOString does, across seconds, in any order', () => {
  const now = Date.now();
  const readings = [
    now,
    now,
    now + 1,
    now + 999,
    now + 1000,
    now - 1,
    0,
    1,
    9,
    10,
    99,
    100,
    999,
    1000,
    -1,
    -999,
    -1000,
    -1001,
    Date.UTC(2024, 1, 29, 23, 59, 59, 999),
    Date.UTC(2024, 2, 1),
    Date.UTC(9999, 11, 31, 23, 59, 59, 999),
    Date.UTC(0, 0, 1),
    -62167219200000,
    253402300799999,
  ];
  let seed = 3;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = 0; i < 5000; i++) readings.push(Math.floor((random() - 0.3) * 4e12));
  for (let i = 0; i < 2000; i++) readings.push(now + Math.floor(random() * 3000));
  for (const ms of readings) expect(formatClockReading(ms)).toBe(iso(ms));
});

it('leaves readings it cannot shortcut to formatTimestamp, errors included', () => {
  for (const ms of [1.5, -0.5, 8.64e15, -8.64e15, 253402300800000, -62167219200001])
    expect(formatClockReading(ms)).toBe(formatTimestamp(ms));
  for (const ms of [Number.NaN, Infinity, 8.64e15 + 1])
    expect(() => formatClockReading(ms)).toThrow(RangeError);
});
