/**
 * Loads `/api/branding`-shaped JSON for the `branding-url` attribute: name, logo, primary color, greeting
 * and starter prompts. Everything is validated; a failed load leaves the element unbranded. Loaded on demand
 * through branding.ts, only by elements with a branding URL.
 *
 * @internal
 * @module
 */
import type { Branding } from './branding.js';
import { safeUrl } from '../shared/safe-url.js';
import { isSafeCssValue } from '../../theme/theme-option.js';

const str = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

/** Fetches and validates branding. */
export async function loadBranding(
  url: string,
  fetchImpl: typeof fetch,
  signal: AbortSignal,
  host: Element,
): Promise<Branding> {
  const response = await fetchImpl(url, { signal, headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`Branding request failed with HTTP ${response.status}`);
  const json = (await response.json()) as Record<string, unknown>;
  const branding: Branding = {};
  branding.name = str(json.name);
  branding.tagline = str(json.tagline);
  // A relative logo path belongs to the branding server, not to the page that embeds the element.
  const base = new URL(response.url || url, document.baseURI);
  const image = (raw: string | undefined) => (raw ? safeUrl(new URL(raw, base).href, 'image') : null);
  const logo = image(str(json.logoUrl));
  if (logo) branding.logoUrl = logo;
  const favicon = image(str(json.faviconUrl));
  if (favicon) branding.faviconUrl = favicon;
  const color = str(json.primaryColor);
  if (color && isSafeCssValue(color, 'color')) branding.primaryColor = color;
  branding.greeting = str(json.greeting);
  if (Array.isArray(json.prompts)) {
    branding.prompts = json.prompts
      .filter((p): p is Record<string, unknown> => !!p && typeof p === 'object')
      .map((p) => ({
        label: str(p.label) ?? str(p.prompt) ?? '',
        prompt: str(p.prompt) ?? str(p.label) ?? '',
      }))
      .filter((p) => p.prompt);
  }
  // The page's icon belongs to the page: changed only when it asks for it.
  if (branding.faviconUrl && host.hasAttribute('apply-favicon')) {
    applyFavicon(host.ownerDocument, branding.faviconUrl);
  }
  return branding;
}

/**
 * Points the host page's icon at the brand favicon (the page opted in with `apply-favicon`): an existing
 * `<link rel="icon">` is updated, otherwise one is added.
 */
export function applyFavicon(doc: Document, url: string): void {
  let link = doc.head.querySelector<HTMLLinkElement>('link[rel~="icon"]');
  if (!link) {
    link = doc.createElement('link');
    link.rel = 'icon';
    doc.head.append(link);
  }
  if (link.href !== url) link.href = url;
}
