#!/usr/bin/env node
/**
 * Screenshots the widget gallery in headless Chromium (playwright-core, the system browser).
 *
 * Usage: start a dev server at the project root (`npx vite --port 5199`), then
 * `node demo/gallery-screenshot.mjs http://127.0.0.1:5199/demo/gallery.html out-light.png light`
 * (writes out-light-00.png, out-light-01.png, … one per 1400 px of page).
 * Prints page errors, so a broken gallery is visible in the output.
 */
import { chromium } from 'playwright-core';

const [url, out, scheme = 'light', width = '1280'] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking'],
});
try {
  const page = await browser.newPage({ viewport: { width: Number(width), height: 900 } });
  page.on('pageerror', (e) => console.log('pageerror:', e.message));
  page.on('console', (m) => m.type() === 'error' && console.log('console error:', m.text()));
  await page.goto(`${url}?scheme=${scheme}`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  // Why wait on the network: the chart and lucide chunks load lazily after the first render.
  await page.waitForLoadState('networkidle');
  // Why segments: a full gallery page is over 10 000 px tall, too tall to look at as one image.
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const segment = 1400;
  for (let i = 0, y = 0; y < height; i++, y += segment) {
    const path = out.replace(/\.png$/, `-${String(i).padStart(2, '0')}.png`);
    await page.screenshot({
      path,
      fullPage: true,
      clip: { x: 0, y, width: Number(width), height: Math.min(segment, height - y) },
    });
    console.log(`wrote ${path}`);
  }
} finally {
  await browser.close();
}
