/**
 * The element's URL gate for images and links it renders itself (logos, attachment previews, generated
 * images, source links), on top of the shared allowlist in src/internal/url.ts.
 *
 * @internal
 * @module
 */
import { sanitizeUrl } from '../../internal/url.js';

/** The URL when it is safe to load (images: http(s) and raster `data:image/*`), else null. */
export function safeUrl(url: string | null | undefined, kind: 'image' | 'link' = 'link'): string | null {
  return sanitizeUrl(
    url,
    kind === 'image' ? { allowData: 'image', base: document.baseURI } : { base: document.baseURI },
  );
}

/** `@error` handler: a logo that cannot load (blocked cross-origin, 404) disappears instead of showing a broken icon. */
export function hideBrokenImage(event: Event): void {
  (event.target as HTMLElement).hidden = true;
}
