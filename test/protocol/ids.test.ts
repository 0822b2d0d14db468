import { describe, expect, it } from 'vitest';
import {
  ID_PREFIXES,
  defaultGenerateId,
  sequentialIdGenerator,
  type IdKind,
} from '../../src/protocol/ids.js';

describe('ids', () => {
  it.each(Object.entries(ID_PREFIXES) as [IdKind, string][])(
    '%s ids are the reference prefix and 16 random hex characters',
    (kind, prefix) => {
      expect(defaultGenerateId(kind)).toMatch(new RegExp(`^${prefix}_[0-9a-f]{16}$`));
    },
  );

  it('does not repeat over 200,000 ids drawn from the shared random pool', () => {
    // With 8 hex characters (the reference server's length) a repeat is more likely than not at this count.
    const seen = new Set<string>();
    for (let i = 0; i < 200_000; i++) seen.add(defaultGenerateId('thread'));
    expect(seen.size).toBe(200_000);
  });

  it('makes deterministic ids for tests', () => {
    const next = sequentialIdGenerator();
    expect([next('thread'), next('message')]).toEqual(['thr_00000001', 'msg_00000002']);
  });
});
