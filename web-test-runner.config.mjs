import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { CHROMIUM_ARGS } from './scripts/chromium-args.js';

/** Element tests in real Chromium (Debian's /usr/bin/chromium unless CHROME_PATH says otherwise). */
export default {
  files: ['test/element/**/*.test.ts', 'test/widgets/**/*.test.ts', 'test/browser/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 2,
  // Per test file; a hang detector. Under heavy load (load average 30+) one file took over 5 minutes.
  testsFinishTimeout: 900_000,
  // Hang detectors too. The defaults (30 s to open a test page, 20 s until its tests start) were exceeded at
  // load average 40: "The browser was unable to create and start a test page".
  browserStartTimeout: 300_000,
  testsStartTimeout: 300_000,
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' })],
  browsers: [
    chromeLauncher({
      // Each page in a browser context (a window) of its own: two test files run at once, and as two tabs
      // of one window the one in the background gets no rendering steps (no animation frames, no
      // ResizeObserver callbacks), which a visible page always has.
      createPage: async ({ browser }) => (await browser.createBrowserContext()).newPage(),
      launchOptions: {
        executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
        headless: true,
        // Puppeteer merges this `--disable-features` with its own (see scripts/chromium-args.js).
        args: [...CHROMIUM_ARGS],
      },
    }),
  ],
  // A hang detector, not a speed check (speed is measured in bench/): on a loaded machine axe alone can take
  // over 10 s on a conversation, and a slow machine must not fail a correct test.
  testFramework: { config: { timeout: 30_000 } },
};
