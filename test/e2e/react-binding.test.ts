/**
 * End-to-end: the React binding (`chatkit-chat/react`, built to dist/src/react/index.js) in a React + Vite app
 * (test/fixtures/react-app) that re-creates its options and closures on every render, served by the real
 * reference server and driven in Debian's Chromium. Proves send and answer, a client tool answered by the
 * app's `onClientTool`, event handlers, and that re-renders keep the conversation.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { deepText } from './support/deep-text.js';
import { startE2E, type E2E } from './support/harness.js';
import { e2eHooks } from './support/responder.js';

const root = resolve(import.meta.dirname, '../..');
let e2e: E2E;
let outDir: string;

beforeAll(async () => {
  if (!existsSync(join(root, 'dist/src/react/index.js')))
    throw new Error('dist/src/react/index.js is missing: run `npm run build`');
  outDir = await mkdtemp(join(tmpdir(), 'chatkit-react-app-'));
  // The app imports `chatkit-chat/react` as a site would; here that is the built binding.
  await build({
    root: join(root, 'test/fixtures/react-app'),
    configFile: false,
    logLevel: 'warn',
    resolve: { alias: { 'chatkit-chat/react': join(root, 'dist/src/react/index.js') } },
    build: { outDir, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 4096 },
  });
  e2e = await startE2E({ hooks: e2eHooks, demoDir: outDir });
}, 120_000);

afterAll(async () => {
  await e2e?.close();
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

async function openApp() {
  const { page } = await e2e.newPage();
  await page.goto(`${e2e.server.url}/index.html`);
  await page.getByRole('textbox', { name: 'Message' }).waitFor();
  return page;
}

async function send(page: Page, text: string) {
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill(text);
  await box.press('Enter');
}

const status = (page: Page) => page.locator('#status').textContent();
const messages = (page: Page) => page.locator('[part~="message"]').count();

describe('React binding', () => {
  it('renders <chatkit-chat> with the options of useChatKit', async () => {
    const page = await openApp();
    expect(await page.locator('chatkit-chat').count()).toBe(1);
    expect(await deepText(page.locator('chatkit-chat'))).toContain('Render 0');
  });

  it('sends, answers, runs a client tool, and keeps the conversation across re-renders', async () => {
    const page = await openApp();
    await send(page, 'Hello from React');
    await expect.poll(() => status(page)).toMatch(/answers=1 thread=\S+/);
    expect(await status(page)).toContain('fetches=true');
    await expect.poll(() => messages(page)).toBe(2);
    const threadBefore = /thread=(\S+)/.exec((await status(page))!)![1];
    expect(threadBefore).not.toBe('none');

    // Client tool: the server asks the page; the app's onClientTool answers with the document title.
    await send(page, 'Please use the tool');
    await expect
      .poll(() => deepText(page.locator('[part~="assistant-message"]').last()), { timeout: 15_000 })
      .toContain('The browser said:');
    expect(await deepText(page.locator('[part~="assistant-message"]').last())).toContain('REACT FIXTURE');
    const count = await messages(page);

    // Re-render with new option objects and closures: nothing is lost, no thread change.
    for (let i = 1; i <= 3; i++) await page.locator('#rerender').click();
    await expect.poll(() => status(page)).toContain('renders=3');
    expect(await messages(page)).toBe(count);
    expect(await status(page)).toContain(`thread=${threadBefore}`);

    // The newest closures still serve requests: a method call through useChatKit's return value.
    const answers = Number(/answers=(\d+)/.exec((await status(page))!)![1]);
    await page.locator('#send-api').click();
    await expect.poll(() => status(page)).toContain(`answers=${answers + 1}`);
    await expect.poll(() => messages(page)).toBeGreaterThan(count);
    expect(await status(page)).toContain(`thread=${threadBefore}`);
  });
});
