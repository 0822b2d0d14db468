/**
 * Typed handles on the mocha globals that @web/test-runner installs (the project has no @types/mocha, and
 * declaring the globals ambiently would clash with it if it is ever added).
 */
type Body = (this: unknown) => void | Promise<void>;
const g = globalThis as any;

/** mocha `describe`. */
export const describe: (title: string, fn: () => void) => void = g.describe;
/** mocha `it`. */
export const it: (title: string, fn: Body) => void = g.it;
/** mocha `beforeEach`. */
export const beforeEach: (fn: Body) => void = g.beforeEach;
/** mocha `afterEach`. */
export const afterEach: (fn: Body) => void = g.afterEach;
