import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/protocol/**/*.test.ts', 'test/server/**/*.test.ts'],
          // A hang detector, not a speed check: CLI tests start `node` processes, which took over 20 s at a
          // load average of 30.
          testTimeout: 60_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          // Hang detectors. At load average 30–40 a test with four page loads took over 60 s, and
          // `expect.poll` gave up after its default 1 s while a reloaded page was still loading its thread.
          testTimeout: 180_000,
          hookTimeout: 120_000,
          expect: { poll: { timeout: 30_000 } },
          fileParallelism: false,
        },
      },
      {
        // The npm tarball installed into fixture projects (test/package/support.ts); needs Chromium.
        test: {
          name: 'package',
          environment: 'node',
          include: ['test/package/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
