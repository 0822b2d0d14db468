/**
 * DOMPurify, configured once with the frozen policy of policy.ts and the URL allowlist of src/internal/url.ts.
 * Every HTML string the markdown module renders passes through {@link sanitizeHtml} before it reaches
 * `unsafeHTML`.
 *
 * A private DOMPurify instance is used (not the shared default export), so hooks installed here cannot be
 * removed or altered by other code that uses DOMPurify, and ours do not leak into theirs.
 *
 * @module
 */
import DOMPurify, {
  type Config,
  type DOMPurify as Purifier,
  type UponSanitizeAttributeHookEvent,
} from 'dompurify';
import { isImageAllowed, sanitizeUrl } from '../internal/url.js';
import { stripMarkers } from './citations.js';
import {
  ALLOWED_ALIGN,
  ALLOWED_ATTR,
  ALLOWED_CLASS,
  ALLOWED_TAGS,
  IMAGE_FORCED_ATTR,
  LINK_FORCED_ATTR,
} from './policy.js';

/** Per-render inputs of the URL checks. */
export interface SanitizeOptions {
  /** The thread's `allowed_image_domains`; `null`/`undefined` = client default (see isImageAllowed). */
  allowedImageDomains?: readonly string[] | null;
  /** Base for relative URLs; default `document.baseURI`. */
  base?: string;
}

const CONFIG: Readonly<Config> = Object.freeze({
  ALLOWED_TAGS: [...ALLOWED_TAGS],
  ALLOWED_ATTR: [...ALLOWED_ATTR],
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  // DOMPurify's default list plus ChatKit's deeplink scheme (`chatkit-link:`, turned into `chatkit.deeplink`
  // events by the root element); every href has already passed our own allowlist (src/internal/url.ts).
  ALLOWED_URI_REGEXP:
    /^(?:(?:(?:f|ht)tps?|mailto|tel|callto|sms|cid|xmpp|matrix|chatkit-link):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i,
  ALLOW_SELF_CLOSE_IN_ATTR: false,
  KEEP_CONTENT: true,
  SANITIZE_DOM: true,
  SANITIZE_NAMED_PROPS: true,
  SAFE_FOR_XML: true,
  WHOLE_DOCUMENT: false,
});

let purifier: Purifier | undefined;
/** The options of the sanitize call in progress; hooks run synchronously inside it. */
let active: { domains: readonly string[] | null | undefined; base: string } = { domains: null, base: '' };

/** Elements on which each URL or constrained attribute is meaningful; elsewhere it is dropped. */
const ATTR_OWNERS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  href: ['A'],
  src: ['IMG'],
  align: ['TD', 'TH'],
  start: ['OL'],
  type: ['INPUT'],
  checked: ['INPUT'],
  disabled: ['INPUT'],
});

function checkAttribute(node: Element, data: UponSanitizeAttributeHookEvent): void {
  const name = data.attrName;
  // Why: a citation sentinel inside an attribute would later be replaced by markup; attributes never keep one.
  const value = stripMarkers(data.attrValue);
  data.attrValue = value;
  const owners = ATTR_OWNERS[name];
  if (owners && !owners.includes(node.nodeName)) {
    data.keepAttr = false;
    return;
  }
  let accepted: string | null = value;
  if (name === 'href') accepted = sanitizeUrl(value, { base: active.base });
  else if (name === 'src') {
    accepted = isImageAllowed(value, active.domains, active.base)
      ? sanitizeUrl(value, { base: active.base, allowData: 'image' })
      : null;
  } else if (name === 'class') accepted = ALLOWED_CLASS.test(value) ? value : null;
  else if (name === 'align') accepted = ALLOWED_ALIGN.test(value) ? value : null;
  else if (name === 'start') accepted = /^\d{1,9}$/.test(value) ? value : null;
  if (accepted === null) data.keepAttr = false;
  else data.attrValue = accepted;
}

function forceAttributes(node: Element): void {
  if (node.nodeName === 'A' && node.hasAttribute('href')) {
    for (const [name, value] of Object.entries(LINK_FORCED_ATTR)) node.setAttribute(name, value);
  } else if (node.nodeName === 'IMG' && node.hasAttribute('src')) {
    for (const [name, value] of Object.entries(IMAGE_FORCED_ATTR)) node.setAttribute(name, value);
  } else if (node.nodeName === 'INPUT') {
    // Why: only GFM task checkboxes are expected; whatever arrives becomes an inert, disabled checkbox.
    node.setAttribute('type', 'checkbox');
    node.setAttribute('disabled', '');
    // A checkbox needs an accessible name: the task's own text. Markers are stripped because this value is
    // set after the attribute filter, and a sentinel must never reach an attribute.
    const label = stripMarkers(node.parentElement?.textContent ?? '')
      .trim()
      .slice(0, 200);
    if (label) node.setAttribute('aria-label', label);
  }
}

function instance(): Purifier {
  if (purifier) return purifier;
  const created = DOMPurify(window);
  created.addHook('uponSanitizeAttribute', checkAttribute);
  created.addHook('afterSanitizeAttributes', forceAttributes);
  purifier = created;
  return created;
}

function withOptions<T>(opts: SanitizeOptions, run: () => T): T {
  const previous = active;
  active = { domains: opts.allowedImageDomains, base: opts.base ?? document.baseURI };
  try {
    return run();
  } finally {
    active = previous;
  }
}

/**
 * Sanitizes HTML produced by our marked renderer: allowlisted tags and attributes only, URLs through the
 * allowlist, images through the domain policy, links forced to `target="_blank" rel="noopener noreferrer"`.
 *
 * @param html - HTML to clean (treated as untrusted).
 * @param opts - image domains and URL base.
 * @returns a string safe to hand to `unsafeHTML`.
 */
export function sanitizeHtml(html: string, opts: SanitizeOptions = {}): string {
  return withOptions(opts, () => instance().sanitize(html, { ...CONFIG }));
}

/**
 * As {@link sanitizeHtml}, returning a fragment owned by the current document (no second HTML parse).
 *
 * @param html - HTML to clean (treated as untrusted).
 * @param opts - image domains and URL base.
 */
export function sanitizeHtmlToFragment(html: string, opts: SanitizeOptions = {}): DocumentFragment {
  const fragment = withOptions(opts, () =>
    instance().sanitize(html, { ...CONFIG, RETURN_DOM_FRAGMENT: true }),
  );
  // DOMPurify builds the fragment in its inert document; adopt it so callers get nodes of this document.
  return document.adoptNode(fragment);
}
