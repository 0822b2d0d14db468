/**
 * The per-render inputs of the markdown module's URL and image checks (src/internal/url.ts), shared by dom.ts
 * and the element. There is no HTML sanitizer here any more: dom.ts builds DOM from marked's tokens and only
 * creates what policy.ts allows, so no HTML string is ever parsed on the markdown path (DOMPurify is not in
 * the build; issue 9 measured it as the largest cost of a streamed frame and 11 KB of the markdown chunk).
 *
 * @module
 */
import type { ImagePolicy } from '../internal/url.js';

/** Per-render inputs of the URL checks. */
export interface SanitizeOptions {
  /** The thread's `allowed_image_domains`; `null`/`undefined` = client default (see isImageAllowed). */
  allowedImageDomains?: readonly string[] | null;
  /** Image proxy for hosts the domain list refuses (see decideImage); `null`/absent = none. */
  imageProxyUrl?: string | null;
  /** Normalised image URLs the user chose to load ("Load image from …"). */
  approvedImages?: readonly string[];
  /** Text of the click-to-load control of a blocked image; `{host}` is replaced. Default English. */
  loadImageLabel?: string;
  /** Base for relative URLs; default `document.baseURI`. */
  base?: string;
}

/** The image policy of a render's options. */
export function imagePolicyOf(opts: SanitizeOptions): ImagePolicy {
  return {
    domains: opts.allowedImageDomains ?? null,
    proxyUrl: opts.imageProxyUrl ?? null,
    approved: opts.approvedImages ?? [],
  };
}

/** The click-to-load label for `host`. */
export function loadImageLabel(opts: SanitizeOptions, host: string): string {
  return (opts.loadImageLabel ?? 'Load image from {host}').split('{host}').join(host);
}
