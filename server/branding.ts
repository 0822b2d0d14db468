/**
 * Branding: the JSON served at `GET /api/branding` (the element's `branding-url`) and the default logo and
 * favicon images the demo uses when `BRAND_LOGO_URL` / `BRAND_FAVICON_URL` are not set.
 *
 * @module
 */
import type { Branding, BrandPrompt } from '../src/protocol/types.js';
import type { BrandingConfig } from './config.js';

/** The `/api/branding` body: the one shape in src/protocol/types/branding.ts, shared with the element. */
export type { Branding };

/**
 * Builds the public branding document. Optional `prompts` replace the configured ones, so a responder
 * (for example the agent with its use-case prompts) can supply its own start-screen suggestions while
 * `BRAND_PROMPTS` still wins when set explicitly (pass `undefined` then).
 */
export function createBranding(config: BrandingConfig, prompts?: readonly BrandPrompt[]): Branding {
  return {
    name: config.name,
    tagline: config.tagline,
    logoUrl: config.logoUrl,
    primaryColor: config.primaryColor,
    faviconUrl: config.faviconUrl,
    greeting: config.greeting,
    prompts: (prompts ?? config.prompts).map(({ label, prompt }) => ({ label, prompt })),
  };
}

/** Characters that would let a configured color break out of an SVG attribute. */
const UNSAFE_SVG_ATTRIBUTE = /["'<>&]/;

/**
 * A small square logo in the brand color (used for the default `/logo.svg` and `/favicon.svg`).
 * The color comes from configuration; it is validated by `loadConfig` and checked again here because
 * the SVG is built as text.
 */
export function defaultLogoSvg(primaryColor: string): string {
  const fill = UNSAFE_SVG_ATTRIBUTE.test(primaryColor) ? '#0f62fe' : primaryColor;
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" role="img" aria-label="logo">',
    `<rect width="64" height="64" rx="14" fill="${fill}"/>`,
    '<path d="M18 22a6 6 0 0 1 6-6h16a6 6 0 0 1 6 6v12a6 6 0 0 1-6 6H30l-8 7v-7h0a6 6 0 0 1-4-6z" fill="#fff"/>',
    '</svg>',
  ].join('');
}

/** Colors `/branding.css` accepts: hex, a color function without comments or escapes, or a color keyword. */
const CSS_COLOR = /^(#[0-9a-fA-F]{3,8}|(rgb|rgba|hsl|hsla|oklch|oklab)\([0-9a-zA-Z.,%\s/+-]*\)|[a-zA-Z]+)$/;

/**
 * A CSS string literal for any text: everything but letters, digits and spaces becomes a hex escape, so
 * configured text can never close the string, open a comment or end the rule.
 */
export function cssString(text: string): string {
  let out = '';
  for (const char of text) {
    out += /^[A-Za-z0-9 ]$/.test(char) ? char : `\\${char.codePointAt(0)!.toString(16)} `;
  }
  return `"${out}"`;
}

/**
 * The generated `/branding.css` (seed 000's `static/branding.css`, from the `BRAND_*` settings): the
 * element's `--chatkit-accent*` tokens in the brand color, `--brand-*` values a page can use (name and
 * tagline as CSS strings for `content:`, logo and favicon as `url()`), and the header gradient on the
 * element's header part and on a page's `.brand-header`.
 */
export function brandingCss(branding: Branding): string {
  const color = CSS_COLOR.test(branding.primaryColor.trim()) ? branding.primaryColor.trim() : '#0f62fe';
  const end = `color-mix(in srgb, ${color} 70%, black)`;
  return [
    '/* Generated from the BRAND_* settings (server/branding.ts). */',
    'chatkit-chat, :root {',
    `  --chatkit-accent: ${color};`,
    `  --chatkit-accent-hover: color-mix(in srgb, ${color} 85%, black);`,
    `  --brand-primary: ${color};`,
    `  --brand-name: ${cssString(branding.name)};`,
    `  --brand-tagline: ${cssString(branding.tagline)};`,
    `  --brand-logo: url(${cssString(branding.logoUrl)});`,
    `  --brand-favicon: url(${cssString(branding.faviconUrl)});`,
    `  --header-gradient-start: ${color};`,
    `  --header-gradient-end: ${end};`,
    '  --brand-header-gradient: linear-gradient(135deg, var(--header-gradient-start), var(--header-gradient-end));',
    '}',
    '.brand-header, chatkit-chat::part(header) {',
    '  background: var(--brand-header-gradient);',
    '  color: #fff;',
    '  --chatkit-text: #fff;',
    '  --chatkit-text-secondary: rgb(255 255 255 / 0.85);',
    '  --chatkit-surface-secondary: rgb(255 255 255 / 0.16);',
    '  --chatkit-border-subtle: transparent;',
    '}',
    '',
  ].join('\n');
}
