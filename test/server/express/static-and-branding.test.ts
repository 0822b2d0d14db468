/**
 * The bundle files (cross-origin loadable, cached), the demo site with its CSP, branding from BRAND_*, and
 * the second-origin demo site. dist/ and demo/ are temporary directories made here (no build needed).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScriptedResponder } from '../../support/scripted-responder.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';

let root: string;
let server: TestServer;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'chatkit-static-'));
  const dist = join(root, 'dist');
  const demo = join(root, 'demo');
  await mkdir(join(dist, 'chunks'), { recursive: true });
  await mkdir(join(dist, 'types'), { recursive: true });
  await mkdir(demo, { recursive: true });
  await writeFile(join(dist, 'chatkit-chat.js'), 'export const chat = 1;\n');
  await writeFile(join(dist, 'chatkit-chat.iife.js'), 'var ChatkitChat = 1;\n');
  await writeFile(join(dist, 'chunks', 'locale-de-AbC123xy.js'), 'export default {};\n');
  await writeFile(join(dist, 'types', 'index.d.ts'), 'export {};\n');
  await writeFile(
    join(demo, 'index.html'),
    '<!doctype html><title>Demo</title><script type="module" src="/demo.js"></script>',
  );
  await writeFile(join(demo, 'inline.html'), '<!doctype html><title>Inline</title>');
  await writeFile(join(demo, 'demo.js'), 'console.log("demo");\n');
  server = await startTestServer({
    distDir: dist,
    demoDir: demo,
    env: {
      CHATKIT_DEMO_PORT: '0',
      BRAND_NAME: 'Acme Support',
      BRAND_TAGLINE: 'Here to help',
      BRAND_LOGO_URL: 'https://cdn.example.com/acme.svg',
      BRAND_PRIMARY_COLOR: '#ff6600',
      BRAND_FAVICON_URL: '/favicon.svg',
      BRAND_GREETING: 'What do you need?',
      BRAND_PROMPTS: '[{"label":"Track","prompt":"Where is my order?"}]',
    },
  });
});

afterAll(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
});

describe('bundle files', () => {
  it.each(['/chatkit-chat.js', '/chatkit-chat.iife.js'])(
    '%s is served cacheable and loadable cross-origin',
    async (path) => {
      const response = await fetch(`${server.url}${path}`, {
        headers: { origin: 'https://someone-else.test' },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^(text|application)\/javascript/);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
      expect(response.headers.get('cache-control')).toMatch(/public, max-age=\d+/);
      expect(response.headers.get('etag')).toBeTruthy();
      expect(await response.text()).toContain('1');
    },
  );

  it('hashed chunks are immutable', async () => {
    const response = await fetch(`${server.url}/chunks/locale-de-AbC123xy.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('does not expose the rest of dist/ or escape it', async () => {
    expect((await fetch(`${server.url}/types/index.d.ts`)).status).toBe(404);
    expect((await fetch(`${server.url}/chunks/..%2f..%2fpackage.json`)).status).toBe(404);
    expect((await fetch(`${server.url}/chunks/missing.js`)).status).toBe(404);
  });
});

describe('demo site', () => {
  it('serves index.html at / with a CSP that allows only script files', async () => {
    const response = await fetch(`${server.url}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Demo</title>');
    const csp = response.headers.get('content-security-policy')!;
    const scriptSrc = csp.split(';').find((directive) => directive.trim().startsWith('script-src '))!;
    expect(scriptSrc.trim()).toBe("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("script-src-attr 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('serves pages without the .html suffix and 404s JSON for missing ones', async () => {
    expect(await (await fetch(`${server.url}/inline`)).text()).toContain('<title>Inline</title>');
    const missing = await fetch(`${server.url}/nope.html`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('serves a default logo in the brand color', async () => {
    const response = await fetch(`${server.url}/logo.svg`);
    expect(response.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(await response.text()).toContain('fill="#ff6600"');
  });
});

describe('GET /api/branding', () => {
  it('answers the BRAND_* configuration', async () => {
    const response = await fetch(`${server.url}/api/branding`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      name: 'Acme Support',
      tagline: 'Here to help',
      logoUrl: 'https://cdn.example.com/acme.svg',
      primaryColor: '#ff6600',
      faviconUrl: '/favicon.svg',
      greeting: 'What do you need?',
      prompts: [{ label: 'Track', prompt: 'Where is my order?' }],
    });
  });
});

describe('branding prompts from the responder', () => {
  const prompts = [{ label: 'Todos', prompt: 'Show my todos' }];

  it('are served when BRAND_PROMPTS is not set', async () => {
    const other = await startTestServer({ hooks: { respond: createScriptedResponder(), prompts } });
    try {
      const branding = await (await fetch(`${other.url}/api/branding`)).json();
      expect(branding.prompts).toEqual(prompts);
    } finally {
      await other.close();
    }
  });

  it('lose against BRAND_PROMPTS', async () => {
    const other = await startTestServer({
      hooks: { respond: createScriptedResponder(), prompts },
      env: { BRAND_PROMPTS: 'Configured' },
    });
    try {
      const branding = await (await fetch(`${other.url}/api/branding`)).json();
      expect(branding.prompts).toEqual([{ label: 'Configured', prompt: 'Configured' }]);
    } finally {
      await other.close();
    }
  });
});

describe('second-origin demo site', () => {
  it('serves the demo pages on another port, allowed to load the bundle and call the API of the main origin', async () => {
    expect(server.crossOriginUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.crossOriginUrl).not.toBe(server.url);
    const page = await fetch(`${server.crossOriginUrl}/`);
    expect(await page.text()).toContain('<title>Demo</title>');
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain(`script-src 'self' ${server.url}`);
    expect(csp).toContain(`connect-src 'self' ${server.url}`);

    const announced = await (await fetch(`${server.url}/api/demo`)).json();
    expect(announced).toEqual({
      crossOriginUrl: server.crossOriginUrl,
      crossOriginPort: Number(new URL(server.crossOriginUrl!).port),
    });

    // By default the API accepts the demo's second origin (and only because it is this server's own).
    const preflight = await fetch(`${server.url}/chatkit`, {
      method: 'OPTIONS',
      headers: { origin: server.crossOriginUrl!, 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(server.crossOriginUrl);
  });
});
