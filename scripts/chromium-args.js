/**
 * Command-line switches of every headless Chromium this repository starts: tests (e2e, package, browser),
 * benchmarks and screenshots. Debian's `chromium` (`CHROME_PATH` elsewhere), a closed network, a root user.
 *
 * `--disable-features` also switches off the omnibox popup. Chromium 156's headless mode gives each new
 * window (Playwright's `newPage()` or `newContext()`, web-test-runner's context per test file) a WebUI
 * omnibox popup (`chrome://omnibox-popup.top-chrome/`) in a renderer process of its own. Nothing headless
 * shows it, yet it boots for about a second after the page opens and takes 300–450 ms of CPU meanwhile
 * (`bench/stream-render/cpu-share.mjs` reads it from /proc). On two cores that took the page's main thread
 * down to 50–70 % of a core: in benchmarks the first frames of a measured run measured the popup, in tests
 * every context paid for it.
 *
 * A second `--disable-features` switch replaces Playwright's own list rather than adding to it, so this
 * one repeats Playwright's (playwright-core 1.65, `chromiumSwitches.ts`; compare it again when
 * playwright-core is upgraded). Puppeteer (web-test-runner's launcher) merges the lists itself.
 *
 * @module
 */

/** The WebUI omnibox popups of headless windows. */
const POPUPS = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup', 'WebUIOmniboxFullPopup'];
/** Playwright's default `--disable-features` list. */
const PLAYWRIGHT_OFF = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
];

/** Switches for `chromium.launch({ args })` (Playwright) and web-test-runner's `launchOptions.args`. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
  `--disable-features=${[...PLAYWRIGHT_OFF, ...POPUPS].join(',')}`,
];
