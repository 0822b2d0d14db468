/**
 * What markdown may put in the DOM, as data. Audit this file to know it: dom.ts builds the DOM of markdown
 * from marked's tokens with `createElement` and `setAttribute`, and may only create the tags, attributes and
 * classes listed here (test/element/markdown-policy.test.ts renders every XSS, spoofing and generated fixture
 * and walks the result against these lists). No HTML string is parsed on that path, so there is no sanitizer
 * pass: raw HTML in markdown only ever becomes text, and untrusted text only ever becomes text nodes or the
 * value of an attribute listed here; `href`/`src` values pass src/internal/url.ts first.
 *
 * @module
 */

/** Elements markdown may produce. No `svg`/`math` (namespace confusion), no `style`, no forms, no frames. */
export const ALLOWED_TAGS: readonly string[] = /* @__PURE__ */ Object.freeze([
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
  // GFM task lists only: always `type="checkbox"` and `disabled` (see TASK_FORCED_ATTR).
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
 * Attributes markdown may produce (besides the forced ones below). No `id`/`name` (DOM clobbering), no
 * `style`, no event handlers, no `data-*`. `href`/`src` additionally pass src/internal/url.ts; `class` is
 * limited to {@link ALLOWED_CLASS}; each attribute only on the elements {@link ATTR_OWNERS} gives it.
 */
export const ALLOWED_ATTR: readonly string[] = /* @__PURE__ */ Object.freeze([
  'align',
  'alt',
  // A task checkbox's accessible name: the task's own text.
  'aria-label',
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
export const ALLOWED_CLASS = /* @__PURE__ */ Object.freeze(
  /^(?:language-[\w#+.-]{1,40}|md-image-blocked|md-image-load)$/,
);

/** `align` values of GFM table cells. */
export const ALLOWED_ALIGN = /* @__PURE__ */ Object.freeze(/^(?:left|center|right)$/);

/** Elements on which each URL or constrained attribute is meaningful; it appears nowhere else. */
export const ATTR_OWNERS: Readonly<Record<string, readonly string[]>> = /* @__PURE__ */ Object.freeze({
  href: ['a'],
  src: ['img'],
  alt: ['img'],
  title: ['a', 'img'],
  class: ['a', 'code', 'span'],
  align: ['td', 'th'],
  start: ['ol'],
  type: ['input'],
  checked: ['input'],
  disabled: ['input'],
  'aria-label': ['input'],
});

/** Attributes of every task checkbox: inert and disabled, whatever the markdown says. */
export const TASK_FORCED_ATTR: Readonly<Record<string, string>> = /* @__PURE__ */ Object.freeze({
  type: 'checkbox',
  disabled: '',
});

/** Attributes forced onto every link: open outside the chat, never leak the opener. */
export const LINK_FORCED_ATTR: Readonly<Record<string, string>> = /* @__PURE__ */ Object.freeze({
  target: '_blank',
  rel: 'noopener noreferrer',
});

/** Attributes forced onto every image: no referrer to third-party hosts, no eager loading. */
export const IMAGE_FORCED_ATTR: Readonly<Record<string, string>> = /* @__PURE__ */ Object.freeze({
  loading: 'lazy',
  decoding: 'async',
  referrerpolicy: 'no-referrer',
});

/**
 * Forced onto the "Load image from …" control of a blocked image (an `a.md-image-load`, besides the link
 * attributes): the element handles its clicks, so it is announced as a button.
 */
export const LOAD_CONTROL_FORCED_ATTR: Readonly<Record<string, string>> = /* @__PURE__ */ Object.freeze({
  role: 'button',
});

/**
 * Citation markers (citations.ts), the only markup the module adds that markdown cannot ask for: a
 * `sup.citation` holding one `button.citation-marker` with these attributes, built from the message's
 * annotations (group number, and titles and labels as text), never from the markdown.
 */
export const CITATION_MARKER = /* @__PURE__ */ Object.freeze({
  tags: /* @__PURE__ */ Object.freeze(['sup', 'button']),
  attributes: /* @__PURE__ */ Object.freeze([
    'class',
    'type',
    'part',
    'data-citation',
    'title',
    'aria-label',
  ]),
});

/** Classes of a citation marker: its `sup`, its `button`. */
export const CITATION_MARKER_CLASS: readonly string[] = /* @__PURE__ */ Object.freeze([
  'citation',
  'citation-marker',
]);
