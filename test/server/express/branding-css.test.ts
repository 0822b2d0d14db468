/**
 * `GET /branding.css`: the `BRAND_*` settings as `--chatkit-*` / `--brand-*` values and the header gradient.
 * Configured text must never break out of its CSS string (end the rule, open a comment, inject a rule).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brandingCss, cssString } from '../../../server/branding.js';
import { DEFAULT_BRANDING } from '../../../server/config.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';

const HOSTILE_NAME = 'Acme"; } body { display: none } /* \\';
const HOSTILE_TAGLINE = "We're </style><script>alert(1)</script>\n}{ é 🚀";

/** Decodes a CSS string literal (the escapes cssString writes). */
function decodeCssString(literal: string): string {
  expect(literal.startsWith('"') && literal.endsWith('"')).toBe(true);
  return literal
    .slice(1, -1)
    .replace(/\\([0-9a-f]{1,6}) ?/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)));
}

/** The CSS with every string literal's content removed: the rules, braces and declarations that remain. */
function skeleton(css: string): string {
  return css.replace(/"(?:[^"\\]|\\.)*"/g, '""');
}

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({
    env: {
      BRAND_NAME: HOSTILE_NAME,
      BRAND_TAGLINE: HOSTILE_TAGLINE,
      BRAND_PRIMARY_COLOR: '#ff6600',
      BRAND_LOGO_URL: 'https://cdn.example.com/a").svg',
    },
  });
});

afterAll(async () => {
  await server.close();
});

describe('GET /branding.css', () => {
  it('serves the brand color as --chatkit-accent and the header gradient', async () => {
    const response = await fetch(`${server.url}/branding.css`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/css/);
    const css = await response.text();
    expect(css).toContain('--chatkit-accent: #ff6600;');
    expect(css).toContain('--header-gradient-start: #ff6600;');
    expect(css).toContain('--header-gradient-end: color-mix(in srgb, #ff6600 70%, black);');
    expect(css).toMatch(/chatkit-chat::part\(header\) \{\n {2}background: var\(--brand-header-gradient\);/);
  });

  it('keeps configured text inside its CSS strings', async () => {
    const css = await (await fetch(`${server.url}/branding.css`)).text();
    // Same rules and declarations as for a plain brand: the hostile text added no structure.
    const plain = brandingCss({ ...DEFAULT_BRANDING, prompts: [], primaryColor: '#ff6600' });
    expect(skeleton(css)).toBe(skeleton(plain));
    for (const char of ['<', '>', '/*', '\n}', '🚀']) {
      expect(skeleton(css).includes(char) && !skeleton(plain).includes(char)).toBe(false);
    }
    const name = /--brand-name: ("[^"]*");/.exec(css)![1];
    const tagline = /--brand-tagline: ("[^"]*");/.exec(css)![1];
    const logo = /--brand-logo: url\(("[^"]*")\);/.exec(css)![1];
    expect(decodeCssString(name)).toBe(HOSTILE_NAME);
    expect(decodeCssString(tagline)).toBe(HOSTILE_TAGLINE);
    expect(decodeCssString(logo)).toBe('https://cdn.example.com/a").svg');
  });

  it('falls back to the default color for a value that could open a comment or escape', () => {
    for (const primaryColor of ['rgb(/*)', 'rgb(1 2 3) } x { y: z', 'red\\;', 'url(x)']) {
      const css = brandingCss({ ...DEFAULT_BRANDING, prompts: [], primaryColor });
      expect(css).toContain('--chatkit-accent: #0f62fe;');
      expect(css).not.toContain(primaryColor);
    }
    expect(brandingCss({ ...DEFAULT_BRANDING, prompts: [], primaryColor: 'rgb(15 98 254 / 50%)' })).toContain(
      '--chatkit-accent: rgb(15 98 254 / 50%);',
    );
  });

  it('escapes every character outside letters, digits and spaces', () => {
    expect(cssString('a"b')).toBe('"a\\22 b"');
    expect(cssString('Stay Organized')).toBe('"Stay Organized"');
    expect(decodeCssString(cssString('x\\y\u2028z'))).toBe('x\\y\u2028z');
  });
});
