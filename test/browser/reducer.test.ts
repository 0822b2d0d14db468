import { expect } from '@open-wc/testing';

import { ALL_REDUCER_CASES, REDUCER_FIXTURES, type Load } from '../fixtures/sse/reducer-cases.js';

/** JSON round trip: compares like vitest's toEqual (undefined members ignored). */
const normalize = (value: unknown): unknown =>
  value === undefined ? undefined : JSON.parse(JSON.stringify(value));

describe('reducer in Chromium (shared cases)', () => {
  const cache = new Map<string, unknown>();
  const load: Load = (path) => {
    if (!cache.has(path)) throw new Error(`fixture not preloaded: ${path}`);
    return structuredClone(cache.get(path)) as any;
  };

  before(async () => {
    await Promise.all(
      REDUCER_FIXTURES.map(async (path) => {
        const response = await fetch(`/test/fixtures/protocol-examples/${path}`);
        if (!response.ok) throw new Error(`${path}: ${response.status}`);
        cache.set(path, await response.json());
      }),
    );
  });

  for (const testCase of ALL_REDUCER_CASES) {
    it(testCase.name, () => {
      const checks = testCase.run(load);
      expect(checks.length).to.be.greaterThan(0);
      for (const [label, actual, expected] of checks) {
        expect(normalize(actual), label).to.deep.equal(normalize(expected));
      }
    });
  }
});
