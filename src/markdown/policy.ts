/**
 * The sanitizer policy of the markdown module, as data. Audit this file to know what markdown can put in the
 * DOM; the code in sanitize.ts only applies it. Deny by default: a tag or attribute not listed is removed.
 *
 * The lists hold exactly what our marked renderer emits (raw HTML in markdown is escaped to text before
 * DOMPurify runs, so the sanitizer is the second wall, not the first).
 *
 * @module
 */

/** Elements markdown may produce. No `svg`/`math` (namespace confusion), no `style`, no forms, no frames. */
export const ALLOWED_TAGS: readonly string[] = Object.freeze([
  'a',
  'blockquote',
  'br',
  'code',
  'del',
  'em',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'img',
  // GFM task lists only; sanitize.ts forces `type="checkbox"` and `disabled` on every input.
  'input',
  'li',
  'ol',
  'p',
  'pre',
  'span',
  'strong',
  'table',
  'tbody',
  'td',
  'th',
  'thead',
  'tr',
  'ul',
]);

/**
 * Attributes markdown may produce. No `id`/`name` (DOM clobbering), no `style`, no event handlers, no
 * `data-*`/`aria-*` (none are emitted). `href`/`src` additionally pass src/internal/url.ts; `class` is
 * limited to {@link ALLOWED_CLASS}.
 */
export const ALLOWED_ATTR: readonly string[] = Object.freeze([
  'align',
  'alt',
  'checked',
  'class',
  'disabled',
  'href',
  'src',
  'start',
  'title',
  'type',
]);

/** Class values the renderer emits: a code block's language, a blocked image's placeholder and its load control. */
export const ALLOWED_CLASS = Object.freeze(/^(?:language-[\w#+.-]{1,40}|md-image-blocked|md-image-load)$/);

/** `align` values of GFM table cells. */
export const ALLOWED_ALIGN = Object.freeze(/^(?:left|center|right)$/);

/** Attributes forced onto every link after sanitizing: open outside the chat, never leak the opener. */
export const LINK_FORCED_ATTR: Readonly<Record<string, string>> = Object.freeze({
  target: '_blank',
  rel: 'noopener noreferrer',
});

/** Attributes forced onto every image: no referrer to third-party hosts, no eager loading. */
export const IMAGE_FORCED_ATTR: Readonly<Record<string, string>> = Object.freeze({
  loading: 'lazy',
  decoding: 'async',
  referrerpolicy: 'no-referrer',
});
