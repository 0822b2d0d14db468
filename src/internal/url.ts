/**
 * The one URL allowlist of the client. Every URL that reaches the DOM from server data (markdown links and
 * images, widget `Image.src`, link actions, source links, attachment previews) passes through here first.
 *
 * DOM-free on purpose: it relies only on the WHATWG `URL` parser, which is the same parser the browser uses
 * when it later follows the link, so there is no gap between what we check and what the browser does.
 *
 * Threat model: the URL string is attacker-controlled (model output, tool output, a hostile server). The
 * attacker wins if a URL runs script (`javascript:`, `vbscript:`, `data:text/html`, `data:image/svg+xml`),
 * reads local resources (`file:`, `blob:`), or slips past this check through an encoding the browser
 * undoes later (`java\tscript:`, `&#106;avascript:`, `\u0000javascript:`).
 *
 * @module
 */

// ───────────────────────────── Policy (audit these constants, not the code) ─────────────────────────────

/**
 * Schemes a link (`<a href>`) may use. Everything else is rejected. `chatkit-link:` is ChatKit's deeplink
 * scheme: the browser has no handler for it (it runs nothing), and `<chatkit-chat>` turns its clicks into
 * `chatkit.deeplink` events.
 */
export const LINK_PROTOCOLS: readonly string[] = Object.freeze([
  'http:',
  'https:',
  'mailto:',
  'chatkit-link:',
]);

/** Schemes an image (`<img src>`) may use; `data:` is handled separately by {@link DATA_IMAGE}. */
export const IMAGE_PROTOCOLS: readonly string[] = Object.freeze(['http:', 'https:']);

/**
 * The only `data:` URLs allowed, and only for images when the caller opts in: raster formats, base64. SVG is
 * excluded on purpose (`image/svg+xml` can carry script when opened as a document).
 */
const DATA_IMAGE = Object.freeze(/^data:image\/(?:png|jpeg|gif|webp);base64,[a-z0-9+/]*={0,2}$/i);

/**
 * Characters that never appear in a legitimate URL we would emit but that parsers strip or normalise, which
 * is how scheme obfuscation works: C0 controls (tab, newline, NUL…), DEL, and the C1 range.
 */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = Object.freeze(/[\u0000-\u001f\u007f-\u009f]/);

/** An explicit scheme as RFC 3986 spells it; anything else before the first `:` means "not a real scheme". */
const SCHEME_PREFIX = Object.freeze(/^([^:/?#]*):/);
const VALID_SCHEME = Object.freeze(/^[a-z][a-z0-9+.-]*$/i);

/**
 * The part of a URL before the first `/`, `?` or `#`: where a scheme would be. A character reference there
 * (`javascript&colon;…`, `jav&#x61;script:`) is harmless as a relative path but becomes a live scheme if some
 * later layer HTML-decodes the string, so it is refused.
 */
const LEADING_SEGMENT = Object.freeze(/^[^/?#]*/);

/** Bidi formatting characters: LRE…RLO (U+202A–202E), LRI…PDI (U+2066–2069), LRM/RLM (U+200E/F), ALM (U+061C). */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;

/** Longest URL we accept (a guard against pathological inputs; images as data URLs are the long ones). */
const MAX_URL_LENGTH = 2_000_000;

// ───────────────────────────── API ─────────────────────────────

/** Options of {@link sanitizeUrl} and {@link isSafeUrl}. */
export interface SanitizeUrlOptions {
  /**
   * Base for relative and protocol-relative URLs (in the browser: `document.baseURI`). Without a base, a URL
   * that is not absolute is rejected, because we cannot tell what it will resolve to.
   */
  base?: string;
  /** `'image'`: the URL is an image source (http/https, plus raster `data:image/*` base64 URLs). */
  allowData?: 'image';
  /** What the URL is for; `'image'` applies the image scheme list. Default `'link'` (or `'image'` when `allowData` is). */
  kind?: 'link' | 'image';
  /** Allow `blob:` URLs of the same origin as `base` (attachment previews the client created itself). */
  allowBlob?: boolean;
}

/**
 * Checks a URL against the allowlist and returns it normalised (the `href` the browser would use), or `null`
 * when it is not allowed. Callers must use the returned string, not the input, so that what was checked is
 * exactly what is rendered.
 *
 * @param url - untrusted URL text (already HTML-decoded, as an attribute value is in the DOM).
 * @param opts - base for relative URLs, and whether this is an image.
 * @returns the normalised absolute URL, or `null`.
 */
export function sanitizeUrl(url: unknown, opts: SanitizeUrlOptions = {}): string | null {
  if (typeof url !== 'string' || url.length === 0 || url.length > MAX_URL_LENGTH) return null;
  // Why reject instead of strip: a control character inside a URL only ever serves to fool a filter.
  if (CONTROL_CHARS.test(url)) return null;
  const trimmed = url.trim();
  if (trimmed === '') return null;
  const kind = opts.kind ?? (opts.allowData === 'image' ? 'image' : 'link');

  const scheme = SCHEME_PREFIX.exec(trimmed);
  // Why: `jav&#x61;script:` or `java script:` is not a scheme a browser would honour as written, but decoding
  // layers could turn it into one later; refuse anything that looks like a scheme yet is not a clean one.
  if (scheme && !VALID_SCHEME.test(scheme[1] ?? '')) return null;
  if ((LEADING_SEGMENT.exec(trimmed)?.[0] ?? '').includes('&')) return null;

  let parsed: URL;
  try {
    parsed = opts.base === undefined ? new URL(trimmed) : new URL(trimmed, opts.base);
  } catch {
    return null;
  }
  const protocol = parsed.protocol.toLowerCase();

  if (protocol === 'data:') {
    if (kind !== 'image' || opts.allowData !== 'image') return null;
    return DATA_IMAGE.test(parsed.href) ? parsed.href : null;
  }
  if (protocol === 'blob:') {
    return opts.allowBlob === true && opts.base !== undefined && sameOrigin(parsed, opts.base)
      ? parsed.href
      : null;
  }
  const allowed = kind === 'image' ? IMAGE_PROTOCOLS : LINK_PROTOCOLS;
  if (!allowed.includes(protocol)) return null;
  // Why: `http:` without a host (`http:/x` resolved oddly) is never a link we mean to emit.
  if ((protocol === 'http:' || protocol === 'https:') && parsed.hostname === '') return null;
  return parsed.href;
}

/**
 * Whether {@link sanitizeUrl} accepts the URL.
 *
 * @param url - untrusted URL text.
 * @param opts - as for {@link sanitizeUrl}.
 */
export function isSafeUrl(url: unknown, opts: SanitizeUrlOptions = {}): boolean {
  return sanitizeUrl(url, opts) !== null;
}

/** The element's own image policy (`images` option / `image-domains` and `image-proxy` attributes). */
export interface ImagePolicyOptions {
  /**
   * Hosts images may load from when the thread gives no `allowed_image_domains`: a list (same matching as the
   * thread's list), or `'*'` for any http/https host (ChatKit's behaviour). Default: the API's host only.
   */
  allowedDomains?: readonly string[] | '*';
  /**
   * An image proxy: a remote image the domain list refuses is loaded through it instead of being blocked
   * (see `proxiedImageUrl` in image-policy.ts for the URL shape). Images the list allows load directly.
   */
  proxyUrl?: string;
}

/** The image policy in force for one render: domains, proxy and the images the user chose to load. */
export interface ImagePolicy {
  /** Allowed hosts ({@link effectiveImageDomains}); `null` = any host. */
  domains: readonly string[] | null;
  /** Image proxy for refused hosts, or `null`/absent for none (refused images are blocked). */
  proxyUrl?: string | null;
  /** Normalised image URLs the user clicked to load despite the policy ("Load image from …"). */
  approved?: ReadonlySet<string> | readonly string[];
}

/**
 * How an image is shown:
 * - `load`: request `src` (the image itself, or its proxied URL when `proxied`);
 * - `blocked`: show a click-to-load placeholder naming `host`; `url` is what to approve on click.
 */
export type ImageDecision =
  { kind: 'load'; src: string; proxied: boolean } | { kind: 'blocked'; url: string; host: string };

/**
 * The image domains in force: the thread's `allowed_image_domains` when it sets them, else the element's
 * setting, else the default — the host of the API URL only (plus `data:image/*`, which contacts no host).
 *
 * Why this default: a site that embeds an assistant does not expect model output to make the visitor's browser
 * contact third parties without a click (a tracking pixel or an exfiltration URL in an answer). ChatKit loads
 * any host when the thread is silent; sites that want that set `images: { allowedDomains: '*' }` or
 * `image-domains="*"`. Blocked images show a placeholder with the link, never a request.
 *
 * @returns a domain list, or `null` for "any host".
 */
export function effectiveImageDomains(
  threadDomains: readonly string[] | null | undefined,
  element: ImagePolicyOptions | undefined,
  apiUrl: string,
  base: string,
): readonly string[] | null {
  if (threadDomains !== null && threadDomains !== undefined) return threadDomains;
  const own = element?.allowedDomains;
  if (own === '*' || (Array.isArray(own) && own.includes('*'))) return null;
  if (Array.isArray(own)) return own;
  try {
    return [new URL(apiUrl || base, base).hostname];
  } catch {
    return [];
  }
}

/**
 * Neutralises Unicode bidirectional formatting characters (embeddings, overrides, isolates, and the LRM, RLM
 * and ALM marks) by removing them. Used on text shown as or next to a link (link text and titles, citation
 * and source titles, entity labels), where an override such as U+202E would make the visible text read
 * differently from where the link goes. Ordinary right-to-left text needs none of them to display correctly.
 *
 * @param text - untrusted text.
 */
export function stripBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

/** Parses the `image-domains` attribute: space- or comma-separated hosts, or `*`; `null` when absent. */
export function parseImageDomains(value: string | null | undefined): readonly string[] | '*' | undefined {
  if (value === null || value === undefined) return undefined;
  const list = value.split(/[\s,]+/).filter(Boolean);
  return list.includes('*') ? '*' : list;
}

// ───────────────────────────── helpers ─────────────────────────────

function sameOrigin(url: URL, base: string): boolean {
  try {
    // A blob URL's origin is the origin of the document that made it (`blob:https://a.example/uuid`).
    return url.origin !== 'null' && url.origin === new URL(base).origin;
  } catch {
    return false;
  }
}

/** What image-policy.ts implements: how an image URL is shown under the element's policy. */
export interface ImagePolicyFunctions {
  isImageAllowed(url: unknown, allowedDomains?: readonly string[] | null, base?: string): boolean;
  decideImage(url: unknown, policy: ImagePolicy, base?: string): ImageDecision | null;
}

let imagePolicy: ImagePolicyFunctions | undefined;

/**
 * Hands over the image decisions (image-policy.ts): the on-demand parts that show remote images (the widget
 * renderer, the generated-image item) import that module and hand it over when they load, before they render,
 * so the element's widget host (chat-controller.ts) can answer synchronously without shipping the decisions in
 * the drop-in file. A first answer shows no remote image without one of those parts, or the markdown image
 * builder, which imports the module itself.
 */
export function provideImagePolicy(functions: ImagePolicyFunctions): void {
  imagePolicy = functions;
}

/** The image decisions once handed over ({@link provideImagePolicy}); `undefined` before. */
export function loadedImagePolicy(): ImagePolicyFunctions | undefined {
  return imagePolicy;
}
