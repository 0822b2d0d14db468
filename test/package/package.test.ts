/**
 * The npm tarball is the product: this suite packs the repository once, installs the tarball into fresh
 * fixture projects in a temp dir (offline, see support.ts) and uses it the ways users do:
 *
 * - a Node ESM app on `chatkit-chat/server` + `/server/express` + `/server/sqlite` + `/server/agent` with a
 *   tool of its own, under plain `node`, answering a streamed turn; `chatkit-chat/server` alone loads no
 *   web framework, database driver or model client;
 * - `npx chatkit-chat-server` answers /health, serves the bundle and the demo, streams a turn with the
 *   offline demo model and keeps its SQLite file under ./data;
 * - a static page loads `dist/chatkit-chat.js` (and the classic script) from a CDN-like path on one origin,
 *   talks to that server on another origin, and its lazy chunks load from the CDN path;
 * - a Vite + TypeScript app importing `chatkit-chat` typechecks, builds and renders in Chromium.
 */
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deepText } from '../e2e/support/deep-text.js';
import {
  ROOT,
  createThreadBody,
  exec,
  installFixture,
  newWorkDir,
  packOnce,
  pkg,
  readEvents,
  startChild,
  startStatic,
  type Child,
} from './support.js';
import { CHROMIUM_ARGS } from '../../scripts/chromium-args.js';

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const NODE = process.execPath;

let workDir: string;
let tarball: string;
let nodeApp: string;
let webApp: string;

beforeAll(async () => {
  workDir = await newWorkDir();
  tarball = await packOnce(workDir);
  [nodeApp, webApp] = await Promise.all([
    installFixture('node-app', workDir, tarball),
    installFixture('web-app', workDir, tarball),
  ]);
}, 300_000);

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('the tarball', () => {
  it('holds built JavaScript and declarations for every export, and no TypeScript sources', async () => {
    const listing = await exec('tar', ['-tzf', tarball], { cwd: workDir });
    const files = new Set(listing.split('\n').filter(Boolean));
    expect([...files].filter((f) => /\.ts$/.test(f) && !f.endsWith('.d.ts'))).toEqual([]);
    expect([...files].some((f) => f.startsWith('package/test/'))).toBe(false);
    for (const required of [
      'package/LICENSE',
      'package/README.md',
      'package/custom-elements.json',
      'package/dist/chatkit-chat.js',
      'package/dist/chatkit-chat.iife.js',
      'package/dist/integrity.json',
      `package/${pkg.bin['chatkit-chat-server']}`,
      'package/demo/index.html',
    ])
      expect(files, required).toContain(required);
    for (const [subpath, target] of Object.entries(pkg.exports)) {
      const paths = typeof target === 'string' ? [target] : Object.values(target as Record<string, string>);
      for (const path of paths) expect(files, `${subpath} → ${path}`).toContain(`package/${path.slice(2)}`);
    }
  });

  it('resolves every export from an installed project', async () => {
    const installed = JSON.parse(
      await readFile(join(nodeApp, 'node_modules', 'chatkit-chat', 'package.json'), 'utf8'),
    ) as { version: string };
    expect(installed.version).toBe(pkg.version);
    const subpaths = Object.keys(pkg.exports)
      .filter((s) => !s.endsWith('.json') && !s.startsWith('./dist/'))
      .map((s) => `chatkit-chat${s.slice(1)}`);
    const script = `for (const s of ${JSON.stringify(subpaths)}) console.log(s, import.meta.resolve(s));`;
    const out = await exec(NODE, ['--input-type=module', '-e', script], { cwd: nodeApp });
    for (const subpath of subpaths) expect(out).toMatch(new RegExp(`^${subpath} file://.*\\.js$`, 'm'));
  });

  it('custom-elements.json points at shipped modules', async () => {
    const manifest = JSON.parse(
      await readFile(join(nodeApp, 'node_modules', 'chatkit-chat', 'custom-elements.json'), 'utf8'),
    ) as { modules: Array<{ path: string; declarations?: Array<{ tagName?: string }> }> };
    const element = manifest.modules.find((m) => m.declarations?.some((d) => d.tagName === 'chatkit-chat'));
    expect(element?.path).toMatch(/^dist\/src\/element\/.*chatkit-chat\.component\.js$/);
    expect(existsSync(join(nodeApp, 'node_modules', 'chatkit-chat', element!.path))).toBe(true);
  });
});

describe('a Node ESM app on the server subpaths, under plain node', () => {
  it('answers a streamed turn that runs its own tool', async () => {
    const app = startChild(NODE, ['app.mjs'], { cwd: nodeApp, env: { ...process.env, DB_PATH: 'app.db' } });
    try {
      const [, url] = await app.waitFor(/listening on (http:\/\/\S+)/);
      const response = await fetch(`${url}/chatkit`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
        body: createThreadBody('Weather in Lisbon?'),
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const events = await readEvents(response);
      expect(events[0]?.type).toBe('thread.created');
      const done = events.filter((e) => e.type === 'thread.item.done').map((e) => e.item as any);
      const answer = done.find((item) => item.type === 'assistant_message');
      expect(answer?.content?.[0]?.text).toBe('The weather in Lisbon is sunny, 21 °C.');
      expect(existsSync(join(nodeApp, 'app.db'))).toBe(true);
    } finally {
      await app.stop();
    }
  });

  it('importing chatkit-chat/server loads no web framework, database driver or model client', async () => {
    const load = async (subpath: string) =>
      JSON.parse(await exec(NODE, ['light-import.mjs', subpath], { cwd: nodeApp })) as {
        exports: string[];
        packages: string[];
      };
    const core = await load('chatkit-chat/server');
    expect(core.exports).toEqual(expect.arrayContaining(['ChatKitServer', 'MemoryStore', 'HttpError']));
    for (const heavy of ['express', 'better-sqlite3', 'pg', 'openai', 'nunjucks', 'pino'])
      expect(core.packages, `chatkit-chat/server loaded ${heavy}`).not.toContain(heavy);
    // The same probe does see what the other subpaths load (so the check above is not vacuous).
    expect((await load('chatkit-chat/server/express')).packages).toContain('express');
    expect((await load('chatkit-chat/server/sqlite')).packages).toContain('better-sqlite3');
    // The agent imports `openai` on its first model request (server/agent/openai-sdk.ts), not on import.
    const agent = await load('chatkit-chat/server/agent');
    expect(agent.exports).toContain('OpenAIChatModel');
    expect(agent.packages).not.toContain('openai');
    expect((await load('openai')).packages).toContain('openai');
  });
});

describe('npx chatkit-chat-server, a static page from a CDN path, a Vite app', () => {
  let server: Child;
  let api: string;
  let cdn: Awaited<ReturnType<typeof startStatic>>;
  let site: Awaited<ReturnType<typeof startStatic>>;
  let browser: Browser;
  const cdnBase = () => `${cdn.url}/npm/chatkit-chat@${pkg.version}`;

  beforeAll(async () => {
    // Two more origins: a CDN serving the installed package as jsDelivr/unpkg would, and the embedding site.
    cdn = await startStatic(
      { [`/npm/chatkit-chat@${pkg.version}/`]: join(webApp, 'node_modules', 'chatkit-chat') },
      { cors: true },
    );
    const rewrite = (html: string) =>
      html.replaceAll('CDN_BASE', cdnBase()).replaceAll('API_URL', `${api}/chatkit`);
    site = await startStatic(
      { '/app/': join(webApp, 'dist'), '/pages/': join(webApp, 'pages') },
      { rewrite },
    );
    const env = {
      ...process.env,
      PORT: '0',
      CHATKIT_DEMO_PORT: 'off',
      CHATKIT_ALLOWED_ORIGINS: site.url,
      OPENAI_API_KEY: '',
      OPENAI_BASE_URL: '',
      DATABASE_URL: '',
    };
    server = startChild(NPM, ['exec', '--offline', '--', 'chatkit-chat-server'], { cwd: nodeApp, env });
    [, api] = await server.waitFor(/ChatKit server on (http:\/\/[^\s"]+)/);
    browser = await chromium.launch({
      executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
      args: [...CHROMIUM_ARGS],
      headless: true,
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await Promise.all([cdn?.close(), site?.close()]);
  });

  it('the bin answers /health, serves the bundle and the demo, streams a turn, keeps SQLite under ./data', async () => {
    expect((await fetch(`${api}/health`)).status).toBe(200);
    const bundle = await fetch(`${api}/chatkit-chat.js`);
    expect(bundle.status).toBe(200);
    expect(await bundle.text()).toBe(
      await readFile(join(nodeApp, 'node_modules', 'chatkit-chat', 'dist', 'chatkit-chat.js'), 'utf8'),
    );
    const demo = await fetch(`${api}/inline`);
    expect(demo.status).toBe(200);
    expect(await demo.text()).toContain('<chatkit-chat');
    const response = await fetch(`${api}/chatkit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-chatkit-user': 'package-test-user' },
      body: createThreadBody('What can you do?'),
    });
    expect(response.status).toBe(200);
    const events = await readEvents(response);
    const answer = events
      .filter((e) => e.type === 'thread.item.done')
      .map((e) => e.item as any)
      .find((item) => item.type === 'assistant_message');
    expect(answer?.content?.[0]?.text?.length).toBeGreaterThan(0);
    expect(existsSync(join(nodeApp, 'data', 'chatkit.db'))).toBe(true);
    // Compiled code under plain node: no TypeScript runtime is even installed next to the package.
    expect(existsSync(join(nodeApp, 'node_modules', 'tsx'))).toBe(false);
  });

  it('the bin names the missing optional peer when DATABASE_URL is set without pg installed', async () => {
    expect(existsSync(join(nodeApp, 'node_modules', 'pg'))).toBe(false);
    const env = {
      ...process.env,
      PORT: '0',
      CHATKIT_DEMO_PORT: 'off',
      DATABASE_URL: 'postgres://chatkit@127.0.0.1:1/chatkit',
    };
    const child = startChild(NPM, ['exec', '--offline', '--', 'chatkit-chat-server'], { cwd: nodeApp, env });
    const [line] = await child.waitFor(/Invalid DATABASE_URL: .*npm install pg.*/);
    expect(line).toMatch(/PostgreSQL needs the pg package/);
    const code = await new Promise<number | null>((resolve) => {
      if (child.process.exitCode !== null) resolve(child.process.exitCode);
      else child.process.once('exit', (exitCode) => resolve(exitCode));
    });
    expect(code).toBe(1);
  });

  async function chatTurn(page: Page, message: string): Promise<string> {
    await page.waitForFunction(() => customElements.get('chatkit-chat') !== undefined);
    await page.evaluate(
      (text) => (document.querySelector('chatkit-chat') as any).sendUserMessage({ text }),
      message,
    );
    const answer = page.locator('[part~="assistant-message"]').last().locator('chatkit-markdown');
    const answerText = async () => ((await answer.count()) > 0 ? (await deepText(answer)).trim() : '');
    await expect.poll(answerText, { timeout: 60_000 }).not.toBe('');
    return answerText();
  }

  for (const variant of ['module', 'classic'] as const) {
    it(`a static page loads the ${variant} script from the CDN path and talks to the API on another origin`, async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      const failed: string[] = [];
      page.on('requestfailed', (request) => failed.push(request.url()));
      const before = cdn.requests.length;
      try {
        await page.goto(`${site.url}/pages/${variant}.html`);
        const answer = await chatTurn(page, 'What can you do?');
        expect(answer.length).toBeGreaterThan(0);
        // The history panel is a lazy chunk: it loads relative to the entry, from the CDN path.
        await page.evaluate(() => (document.querySelector('chatkit-chat') as any).showHistory());
        await page.waitForFunction(() => customElements.get('chatkit-history') !== undefined);
        const fetched = cdn.requests.slice(before);
        expect(fetched).toContain(`/npm/chatkit-chat@${pkg.version}/dist/chatkit-chat.js`);
        expect(
          fetched.some((p) => /^\/npm\/chatkit-chat@[^/]+\/dist\/chunks\/history\.component-.*\.js$/.test(p)),
        ).toBe(true);
        expect(errors).toEqual([]);
        expect(failed).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }

  it('a Vite + TypeScript app importing chatkit-chat typechecks, builds and renders', async () => {
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    await exec(NODE, [tsc, '-p', 'tsconfig.json'], { cwd: webApp });
    const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
    await exec(NODE, [vite, 'build', '--base', '/app/', '--logLevel', 'warn'], { cwd: webApp });
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    try {
      await page.goto(`${site.url}/app/index.html?api=${encodeURIComponent(`${api}/chatkit`)}`);
      await expect
        .poll(() => deepText(page.locator('chatkit-chat')), { timeout: 60_000 })
        .toContain('Hello from the Vite fixture');
      await expect(page.locator('textarea').count()).resolves.toBeGreaterThan(0);
      expect(Number(await page.evaluate(() => document.documentElement.dataset.events))).toBeGreaterThan(0);
      const answer = await chatTurn(page, 'What can you do?');
      expect(answer.length).toBeGreaterThan(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
