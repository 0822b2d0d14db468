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
