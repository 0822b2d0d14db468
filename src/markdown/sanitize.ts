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
import { decideImage, sanitizeUrl, stripBidiControls, type ImagePolicy } from '../internal/url.js';
import { stripMarkers, stripUrlMarkers } from './citations.js';
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

/** One DOMPurify instance per output kind, each configured once (see {@link instance}). */
const purifiers: { html?: Purifier; fragment?: Purifier } = {};
/** The options of the sanitize call in progress; hooks run synchronously inside it. */
let active: { policy: ImagePolicy; base: string } = { policy: { domains: null }, base: '' };

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
  // In a URL it may also arrive percent-encoded (marked encodes an autolinked URL that swallowed a marker).
  let value = stripMarkers(data.attrValue);
  if (name === 'href' || name === 'src') value = stripUrlMarkers(value);
  // Why: a bidi override in a link title or alt text makes it read differently from what it names.
  else if (name === 'title' || name === 'alt') value = stripBidiControls(value);
  data.attrValue = value;
  const owners = ATTR_OWNERS[name];
  if (owners && !owners.includes(node.nodeName)) {
    data.keepAttr = false;
    return;
  }
  let accepted: string | null = value;
  if (name === 'href') accepted = sanitizeUrl(value, { base: active.base });
  else if (name === 'src') {
    // Allowed, approved or proxied images load (a proxied one from its proxy URL); blocked ones never do.
    const decision = decideImage(value, active.policy, active.base);
    accepted = decision?.kind === 'load' ? decision.src : null;
  } else if (name === 'class') accepted = ALLOWED_CLASS.test(value) ? value : null;
  else if (name === 'align') accepted = ALLOWED_ALIGN.test(value) ? value : null;
  else if (name === 'start') accepted = /^\d{1,9}$/.test(value) ? value : null;
  if (accepted === null) data.keepAttr = false;
  else data.attrValue = accepted;
}

function forceAttributes(node: Element): void {
  if (node.nodeName === 'A' && node.hasAttribute('href')) {
    for (const [name, value] of Object.entries(LINK_FORCED_ATTR)) node.setAttribute(name, value);
    // The click-to-load control of a blocked image (parse.ts): the element handles its clicks.
    if (node.getAttribute('class') === 'md-image-load') node.setAttribute('role', 'button');
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

/**
 * Removes bidi formatting characters from the text of every link (U+202E and friends; see
 * stripBidiControls): link text that reads differently from where the link goes is a spoofing tool. Runs
 * when DOMPurify meets the text node, so links of any origin (inline, reference, autolink) are covered.
 */
function neutraliseLinkText(node: Node): void {
  if (node.nodeType !== 3 || !node.parentElement?.closest('a')) return;
  const text = node.textContent ?? '';
  const clean = stripBidiControls(text);
  if (clean !== text) node.textContent = clean;
}

/**
 * The instance for one output kind. Why `setConfig` once per instance instead of a config per call: DOMPurify
 * parses a per-call config on every call (rebuilding its tag and attribute sets), which was half the cost of
 * sanitizing a streamed block; with `setConfig` the same policy applies and only the parse is skipped.
 */
function instance(kind: 'html' | 'fragment'): Purifier {
  const known = purifiers[kind];
  if (known) return known;
  const created = DOMPurify(window);
  created.setConfig({ ...CONFIG, ...(kind === 'fragment' ? { RETURN_DOM_FRAGMENT: true } : {}) });
  created.addHook('uponSanitizeAttribute', checkAttribute);
  created.addHook('afterSanitizeAttributes', forceAttributes);
  created.addHook('uponSanitizeElement', neutraliseLinkText);
  purifiers[kind] = created;
  return created;
}

function withOptions<T>(opts: SanitizeOptions, run: () => T): T {
  const previous = active;
  active = { policy: imagePolicyOf(opts), base: opts.base ?? document.baseURI };
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
  return withOptions(opts, () => instance('html').sanitize(html));
}

/**
 * As {@link sanitizeHtml}, returning a fragment owned by the current document (no second HTML parse).
 *
 * @param html - HTML to clean (treated as untrusted).
 * @param opts - image domains and URL base.
 */
export function sanitizeHtmlToFragment(html: string, opts: SanitizeOptions = {}): DocumentFragment {
  const fragment = withOptions(
    opts,
    () => instance('fragment').sanitize(html) as unknown as DocumentFragment,
  );
  // DOMPurify builds the fragment in its inert document; adopt it so callers get nodes of this document.
  return document.adoptNode(fragment);
}
