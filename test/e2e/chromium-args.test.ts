/**
 * The shared Chromium switches (scripts/chromium-args.js) keep headless windows free of the WebUI omnibox
 * popup, a renderer of its own that boots for a second after each new window and, on two cores, took the
 * CPU from the page under test or benchmark. The control launches with the same switches except that
 * feature list: when this Chromium shows no popup there either, the check has nothing to prove and is
 * skipped, saying so (a Chromium without the popup needs no switch).
 */
import { chromium, type Browser } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS } from '../../scripts/chromium-args.js';

const executablePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
let browser: Browser | undefined;

afterEach(async () => {
  await browser?.close();
  browser = undefined;
});

/** URLs of the browser UI targets once a new window has loaded a page. */
async function browserUiTargets(args: string[]): Promise<string[]> {
  browser = await chromium.launch({ executablePath, args });
  const page = await browser.newPage();
  await page.setContent('<p>hi</p>');
  const cdp = await browser.newBrowserCDPSession();
  const { targetInfos } = await cdp.send('Target.getTargets');
  await browser.close();
  browser = undefined;
  return targetInfos.filter((t) => t.type !== 'page').map((t) => t.url);
}

describe('shared Chromium switches', () => {
  it('start no omnibox popup with a new window', async (ctx) => {
    const control = await browserUiTargets(CHROMIUM_ARGS.filter((a) => !a.startsWith('--disable-features=')));
    if (!control.some((url) => url.includes('omnibox-popup'))) {
      ctx.skip(`this Chromium starts no omnibox popup (browser UI targets: ${control.join(', ') || 'none'})`);
    }
    const ours = await browserUiTargets([...CHROMIUM_ARGS]);
    expect(ours.filter((url) => url.includes('omnibox-popup'))).toEqual([]);
  });
});
