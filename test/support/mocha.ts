/**
 * Typed handles on the mocha globals that @web/test-runner installs (the project has no @types/mocha, and
 * declaring the globals ambiently would clash with it if it is ever added), for every browser test file.
 *
 * Importing this module also registers one root hook: each test file starts with the browser's own media
 * features. @web/test-runner's Chrome launcher hands a finished file's page to the next file, and media
 * emulation (`emulateMedia`) belongs to the page, so a file that turned on `prefers-reduced-motion` and
 * did not turn it off made the next file on that page see no animations (layout.test.ts saw
 * `animationName: none` after tokens.test.ts when both ran in one page).
 */
import { emulateMedia } from '@web/test-runner-commands';

type Body = (this: unknown) => void | Promise<void>;
const g = globalThis as any;

/** mocha `describe`. */
export const describe: (title: string, fn: () => void) => void = g.describe;
/** mocha `it`. */
export const it: (title: string, fn: Body) => void = g.it;
/** mocha `before`. */
export const before: (fn: Body) => void = g.before;
/** mocha `after`. */
export const after: (fn: Body) => void = g.after;
/** mocha `beforeEach`. */
export const beforeEach: (fn: Body) => void = g.beforeEach;
/** mocha `afterEach`. */
export const afterEach: (fn: Body) => void = g.afterEach;

// An empty feature list clears every emulated media feature of this page.
before(() => emulateMedia({}));

/** Runs `fn` with emulated media features, and always clears the emulation afterwards. */
export async function withMedia<T>(
  media: Parameters<typeof emulateMedia>[0],
  fn: () => Promise<T> | T,
): Promise<T> {
  await emulateMedia(media);
  try {
    return await fn();
  } finally {
    await emulateMedia({});
  }
}
