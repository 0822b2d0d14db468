import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

import { ALL_REDUCER_CASES, REDUCER_FIXTURES, type Load } from '../fixtures/sse/reducer-cases.js';

const EXAMPLES = new URL('../fixtures/protocol-examples/', import.meta.url);
const cache = new Map<string, unknown>();
for (const path of REDUCER_FIXTURES)
  cache.set(path, JSON.parse(readFileSync(new URL(path, EXAMPLES), 'utf8')));
const load: Load = (path) => {
  if (!cache.has(path)) throw new Error(`fixture not preloaded: ${path}`);
  // A fresh copy per read, so a reducer that mutated its input could not hide behind shared objects.
  return structuredClone(cache.get(path)) as any;
};

describe('reducer (shared cases)', () => {
  for (const testCase of ALL_REDUCER_CASES) {
    it(testCase.name, () => {
      const checks = testCase.run(load);
      expect(checks.length).toBeGreaterThan(0);
      for (const [label, actual, expected] of checks) expect(actual, label).toEqual(expected);
    });
  }

  it('covers all twelve event types and all ten update types', () => {
    const names = ALL_REDUCER_CASES.map((c) => c.name).join('\n');
    for (const type of [
      'thread.created',
      'thread.updated',
      'thread.item.added',
      'thread.item.updated',
      'thread.item.done',
      'thread.item.replaced',
      'thread.item.removed',
      'stream_options',
      'progress_update',
      'client_effect',
      'notice',
      'error',
    ]) {
      expect(names).toContain(type);
    }
    expect(REDUCER_FIXTURES.filter((p) => p.startsWith('events/thread.item.updated.'))).toHaveLength(10);
  });
});
