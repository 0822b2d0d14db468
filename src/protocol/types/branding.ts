/**
 * The `/api/branding` document: what the server serves (server/branding.ts, from `BRAND_*` settings) and what
 * the element's `branding-url` loads (src/element/chatkit-chat/branding.ts). One shape, one place.
 *
 * @module
 */

/** A start-screen suggestion: the chip's `label` and the `prompt` it sends. */
export interface BrandPrompt {
  label: string;
  prompt: string;
}

/** The `/api/branding` body (docs/interface.md). Every member is always present in what the server sends. */
export interface Branding {
  name: string;
  tagline: string;
  logoUrl: string;
  primaryColor: string;
  faviconUrl: string;
  greeting: string;
  prompts: BrandPrompt[];
}
