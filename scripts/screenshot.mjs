#!/usr/bin/env node
/**
 * Takes a screenshot of a page in Debian's headless Chromium, optionally after sending a chat message.
 *
 *   node scripts/screenshot.mjs <url> <out.png> [--width 1100] [--height 800] [--dark] [--send "text"] [--wait 3000]
 */
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from './chromium-args.js';

const [url, out, ...rest] = process.argv.slice(2);
if (!url || !out) {
  console.error(
    'usage: screenshot.mjs <url> <out.png> [--width N] [--height N] [--dark] [--send text] [--wait ms]',
  );
  process.exit(2);
}
const flag = (name, fallback) => {
  const index = rest.indexOf(`--${name}`);
  return index === -1 ? fallback : rest[index + 1];
};
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: [...CHROMIUM_ARGS],
});
const page = await browser.newPage({
  viewport: { width: Number(flag('width', 1100)), height: Number(flag('height', 800)) },
  colorScheme: rest.includes('--dark') ? 'dark' : 'light',
});
page.on('console', (message) => console.log(`[console.${message.type()}]`, message.text()));
page.on('pageerror', (error) => console.log('[pageerror]', error.message));
await page.goto(url, { waitUntil: 'networkidle' });
const text = flag('send', null);
if (text) {
  // A chat in launcher mode keeps its composer in the closed panel: open it first.
  const launcher = page.locator('[part~="launcher"]').first();
  const panel = page.locator('[part~="panel"]').first();
  if ((await launcher.count()) && (await panel.count()) && !(await panel.isVisible())) await launcher.click();
  const box = page.locator('[part~="input"]').first();
  await box.fill(text);
  await box.press('Enter');
}
await page.waitForTimeout(Number(flag('wait', 1500)));
await page.screenshot({ path: out, fullPage: false });
await browser.close();
console.log(`wrote ${out}`);
