#!/usr/bin/env node
/**
 * Clicks through the widget gallery in headless Chromium and prints what the action log received: a
 * required field blocks the form's submit with a visible message, then a filled form sends its values.
 *
 * Usage: `npx vite --port 5199` at the project root, then
 * `node demo/gallery-check.mjs http://127.0.0.1:5199/demo/gallery.html`.
 */
import { chromium } from 'playwright-core';

const [url] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking'],
});
try {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.log('pageerror:', e.message));
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]');
  const save = page.locator('chatkit-widget button.btn', { hasText: 'Save' });
  await save.click();
  const message = await page.locator('chatkit-widget .field-error').first().textContent();
  console.log('validation message:', JSON.stringify(message));
  console.log('log entries after blocked submit:', await page.locator('#log li').count());
  await page.locator('chatkit-widget input[name="profile.name"]').fill('Ada Lovelace');
  await page.locator('chatkit-widget input[name="profile.email"]').fill('ada@example.com');
  await page.locator('chatkit-widget input[name="profile.email"]').press('Enter');
  await page.waitForSelector('#log li');
  console.log('sent:', await page.locator('#log li pre').first().textContent());
  await page.locator('chatkit-widget button.btn', { hasText: 'Self loading' }).click();
  const busy = await page
    .locator('chatkit-widget button.btn', { hasText: 'Self loading' })
    .getAttribute('aria-busy');
  console.log('self loading aria-busy while pending:', busy);
} finally {
  await browser.close();
}
