/**
 * End-to-end harness: the real reference server (Express, SQLite in a temp dir, the built element from
 * dist/, the demo site) and Debian's Chromium driven by playwright-core. Never downloads a browser.
 *
 * @module
 */
import { mkdtemp, rm, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { loadConfig } from '../../../server/config.js';
import { createLogger } from '../../../server/logger.js';
import { startServer, type RunningServer, type StartServerOptions } from '../../../server/main.js';
import { CHROMIUM_ARGS } from '../../../scripts/chromium-args.js';

/** Chromium flags for a closed network and a root user (see scripts/chromium-args.js). */
export { CHROMIUM_ARGS };

export interface E2E {
  server: RunningServer;
  browser: Browser;
  dataDir: string;
  /** A fresh browser context (its own localStorage) and page. */
  newPage(options?: {
    viewport?: { width: number; height: number };
    colorScheme?: 'light' | 'dark';
  }): Promise<{
    context: BrowserContext;
    page: Page;
  }>;
  close(): Promise<void>;
}

/** Starts the server on an ephemeral port with a fresh data directory, and launches Chromium. */
export async function startE2E(
  options: StartServerOptions & {
    env?: Record<string, string>;
    dataDir?: string;
    /** Extra Chromium flags for this suite only (e.g. the fake media stream of the dictation test). */
    chromiumArgs?: string[];
  } = {},
): Promise<E2E> {
  if (!existsSync('dist/chatkit-chat.js'))
    throw new Error('dist/chatkit-chat.js is missing: run `npm run build`');
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'chatkit-e2e-')));
  await mkdir(dataDir, { recursive: true });
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    CHATKIT_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const server = await startServer(config, { logger: createLogger('silent'), ...options });
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, ...(options.chromiumArgs ?? [])],
    headless: true,
  });
  const contexts: BrowserContext[] = [];
  return {
    server,
    browser,
    dataDir,
    async newPage({ viewport = { width: 1100, height: 800 }, colorScheme = 'light' } = {}) {
      const context = await browser.newContext({ viewport, colorScheme });
      contexts.push(context);
      const page = await context.newPage();
      page.on('pageerror', (error) => console.error('[page error]', error.message));
      return { context, page };
    },
    async close() {
      await Promise.allSettled(contexts.map((c) => c.close()));
      await browser.close();
      await server.close();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
