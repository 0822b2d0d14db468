import { describe, expect, it, vi } from 'vitest';
import { ID_PREFIXES, type IdKind } from '../../../src/protocol/ids.js';
import { serverGenerateId } from '../../../server/chatkit/ids.js';
import { ChatKitServer } from '../../../server/chatkit/server.js';
import { MemoryStore } from '../../../server/stores/memory-store.js';

describe('serverGenerateId', () => {
  it('makes thread ids that start with their creation time, then 16 random hex characters', () => {
    const id = serverGenerateId('thread');
    expect(id).toMatch(/^thr_[0-9a-f]{27}$/);
    expect(Math.abs(parseInt(id.slice(4, 15), 16) - Date.now())).toBeLessThan(60_000);
  });

  it('thread ids of later threads sort after earlier ones (index writes land at the end)', () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 11, 3, 19, 0, 0), toFake: ['Date'] });
    try {
      const ids: string[] = [];
      for (let i = 0; i < 50; i++) {
        ids.push(serverGenerateId('thread'));
        vi.advanceTimersByTime(1);
      }
      expect([...ids].sort()).toEqual(ids);
      vi.setSystemTime(Date.UTC(2400, 0, 1)); // still 11 digits: ids of the same length keep sorting by time
      expect(serverGenerateId('thread') > ids.at(-1)!).toBe(true);
      expect(serverGenerateId('thread')).toMatch(/^thr_[0-9a-f]{27}$/);
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps 64 random bits: no repeat over 200,000 thread ids made within a few milliseconds each', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200_000; i++) seen.add(serverGenerateId('thread'));
    expect(seen.size).toBe(200_000);
  });

  it('other kinds are the protocol default: prefix and 16 random hex characters', () => {
    for (const [kind, prefix] of Object.entries(ID_PREFIXES) as [IdKind, string][]) {
      if (kind === 'thread') continue;
      expect(serverGenerateId(kind)).toMatch(new RegExp(`^${prefix}_[0-9a-f]{16}$`));
    }
  });

  it('is the server default; a generateId option still replaces it', () => {
    const store = new MemoryStore();
    expect(new ChatKitServer({ store }).generateId).toBe(serverGenerateId);
    const own = () => 'x_1';
    expect(new ChatKitServer({ store, generateId: own }).generateId).toBe(own);
  });
});
