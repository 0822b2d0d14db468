/** Switches for `chromium.launch({ args })` (Playwright) and web-test-runner's `launchOptions.args`. */
export declare const CHROMIUM_ARGS: readonly string[];
