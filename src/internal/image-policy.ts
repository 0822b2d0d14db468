/**
 * The image policy's decisions: which hosts a remote image may load from, through which proxy, and what the
 * reader approved (see url.ts for the URL allowlist every image URL passes first). Loaded with the parts that
 * show remote images (the markdown image builder, the widget renderer, the generated-image item), not with
 * the drop-in file; those hand it to the element's widget host with `provideImagePolicy` (url.ts).
 *
 * @module
 */
import { sanitizeUrl, type ImageDecision, type ImagePolicy, type ImagePolicyFunctions } from './url.js';

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

/** The decisions, as handed to `provideImagePolicy` (url.ts). */
export const IMAGE_POLICY: ImagePolicyFunctions = { isImageAllowed, decideImage };

// ───────────────────────────── helpers ─────────────────────────────

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
