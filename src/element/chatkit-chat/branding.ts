/**
 * Branding from the `branding-url` attribute: its type, the loader (branding-load.ts, fetched on demand, only
 * by elements with a branding URL, with the favicon update).
 *
 * @internal
 * @module
 */
import type { Branding as BrandingDocument } from '../../protocol/types.js';
import { loadThemeCompiler } from '../../theme/theme-sheet.js';

/**
 * What survived validation of the `/api/branding` document (src/protocol/types/branding.ts, the shape the
 * server sends): any member may be missing or dropped. The favicon is the host page's business: it is applied
 * only when the page opts in with the `apply-favicon` attribute (`applyFavicon` in branding-load.ts).
 */
export type Branding = Partial<BrandingDocument>;

/**
 * Fetches and validates a branding document (see branding-load.ts), and points the page's favicon at the
 * brand's when `host` has the `apply-favicon` attribute; rejects on HTTP or network errors.
 */
export async function loadBranding(
  url: string,
  fetchImpl: typeof fetch,
  signal: AbortSignal,
  host: Element,
): Promise<Branding> {
  // A brand color is compiled into the theme sheet: fetch the compiler alongside, not after the document.
  loadThemeCompiler().catch(() => undefined);
  const { loadBranding: load } = await import('./branding-load.js');
  return load(url, fetchImpl, signal, host);
}
