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

/**
 * Whether an image may be loaded, given the thread's `allowed_image_domains` (PROTOCOL §6.5; §10.3 leaves the
 * semantics open, so this is our decision):
 *
 * - The URL must first be a safe image URL ({@link sanitizeUrl} with `allowData: 'image'`).
 * - `allowedDomains` `null`/`undefined` (the thread does not say): the client default applies, which allows
 *   every http/https host. Hosts that want to stop model output from loading arbitrary remote images (a known
 *   way to exfiltrate data through an image URL) set the list.
 * - A list: the image host must equal an entry or be a subdomain of it (`example.com` allows `example.com`
 *   and `cdn.example.com`, not `badexample.com`). Entries are case-insensitive hostnames; a leading `*.` or
 *   `.` is accepted and means the same; an entry written as a URL (`https://cdn.example.com/`) counts by its
 *   host; ports are ignored; IP addresses match exactly. An empty list allows no remote images.
 * - Raster `data:image/*` URLs carry their bytes inline and contact no host, so no domain list blocks them.
 *
 * @param url - untrusted image URL (absolute, or relative to `base`).
 * @param allowedDomains - the thread's `allowed_image_domains`, or `null`/`undefined` when unset.
 * @param base - base URL for relative image URLs.
 */
export function isImageAllowed(
  url: unknown,
  allowedDomains?: readonly string[] | null,
  base?: string,
): boolean {
  const href = sanitizeUrl(url, { allowData: 'image', ...(base === undefined ? {} : { base }) });
  if (href === null) return false;
  const parsed = new URL(href);
  if (parsed.protocol === 'data:') return true;
  if (allowedDomains === null || allowedDomains === undefined) return true;
  const host = parsed.hostname.toLowerCase();
  return allowedDomains.some((entry) => hostMatches(host, normaliseDomain(entry)));
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
   * (see {@link proxiedImageUrl} for the URL shape). Images the list allows load directly.
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
 * The URL of `href` through an image proxy. `proxyUrl` may hold a `{url}` placeholder, replaced by the encoded
 * image URL (`https://img.example/p/{url}`); otherwise the encoded URL is appended as a `url` query parameter
 * (`/image-proxy` → `/image-proxy?url=https%3A%2F%2F…`). The proxy URL itself must be a safe http(s) URL.
 *
 * @param proxyUrl - the configured proxy (absolute, or relative to `base`).
 * @param href - the normalised image URL.
 * @param base - base for a relative proxy URL.
 * @returns the proxied URL, or `null` when the proxy URL is not usable.
 */
export function proxiedImageUrl(proxyUrl: string, href: string, base?: string): string | null {
  const encoded = encodeURIComponent(href);
  let candidate: string;
  if (proxyUrl.includes('{url}')) candidate = proxyUrl.split('{url}').join(encoded);
  else {
    const hash = proxyUrl.indexOf('#');
    const head = hash === -1 ? proxyUrl : proxyUrl.slice(0, hash);
    const separator = !head.includes('?') ? '?' : /[?&]$/.test(head) ? '' : '&';
    candidate = `${head}${separator}url=${encoded}`;
  }
  return sanitizeUrl(candidate, { kind: 'image', ...(base === undefined ? {} : { base }) });
}

/**
 * Decides how an image is shown under a policy: raster `data:` URLs and allowed hosts load directly; a host
 * the domain list refuses loads through the proxy when there is one, loads directly when the user approved
 * that URL, and is otherwise blocked behind a click-to-load placeholder.
 *
 * Why only refused hosts go through the proxy: allowed hosts are ones the site trusts with its visitors'
 * requests (by default the API's own host); routing them through a proxy would add a hop for nothing.
 *
 * @param url - untrusted image URL (absolute, or relative to `base`).
 * @param policy - domains, proxy and approved URLs.
 * @param base - base URL for relative image URLs.
 * @returns the decision, or `null` when the URL is not a safe image URL at all (never loadable).
 */
export function decideImage(url: unknown, policy: ImagePolicy, base?: string): ImageDecision | null {
  const href = sanitizeUrl(url, { allowData: 'image', ...(base === undefined ? {} : { base }) });
  if (href === null) return null;
  if (isImageAllowed(href, policy.domains)) return { kind: 'load', src: href, proxied: false };
  const approved = policy.approved;
  const isApproved =
    approved instanceof Set
      ? approved.has(href)
      : (approved as readonly string[] | undefined)?.includes(href);
  if (isApproved) return { kind: 'load', src: href, proxied: false };
  if (policy.proxyUrl) {
    const proxied = proxiedImageUrl(policy.proxyUrl, href, base);
    if (proxied !== null) return { kind: 'load', src: proxied, proxied: true };
  }
  return { kind: 'blocked', url: href, host: new URL(href).host };
}

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

/** Lower-cased hostname of an `allowed_image_domains` entry, or `''` when it is not usable. */
function normaliseDomain(entry: unknown): string {
  if (typeof entry !== 'string') return '';
  let value = entry.trim().toLowerCase();
  if (value.includes('://')) {
    try {
      value = new URL(value).hostname;
    } catch {
      return '';
    }
  }
  value = value
    .replace(/^\*?\./, '')
    .replace(/:\d+$/, '')
    .replace(/\.$/, '');
  // Why validate: an entry such as `*` or an empty one would otherwise match too much; single labels (`localhost`)
  // are allowed but match exactly (see hostMatches), so `com` can never allow a whole top-level domain.
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(value) && !/^\[[0-9a-f:.]+\]$/.test(value)) return '';
  return value;
}

function hostMatches(host: string, domain: string): boolean {
  if (domain === '') return false;
  if (host === domain) return true;
  // Subdomains only for dotted names, never for IP literals (`1.2.3.4` must not match `x.1.2.3.4`) nor for
  // single labels (`com` must not allow every `.com` host).
  if (/^[0-9.]+$/.test(domain) || domain.startsWith('[') || !domain.includes('.')) return false;
  return host.endsWith(`.${domain}`);
}
