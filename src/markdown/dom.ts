/**
 * Builds the DOM of markdown directly from the lexer's tokens (lexer.ts, marked's token shapes): `createElement`, text nodes and `setAttribute`,
 * never an HTML string. Untrusted text reaches the page only as text node data or as the value of an
 * attribute listed in policy.ts; every URL passes src/internal/url.ts; the builder only creates the tags,
 * attributes and classes policy.ts lists (test/element/markdown-policy.test.ts walks the output of every
 * fixture to check it). Raw HTML in markdown stays text.
 *
 * The same code patches: {@link patchMarkdown} walks the tokens alongside the nodes a target already holds,
 * keeps every node whose tag and attributes are unchanged (updating text in place) and replaces only what
 * differs. A streamed block re-rendered on each frame therefore keeps its elements (and the caret on its
 * last paragraph) and usually changes a single text node.
 *
 * @module
 */
import type {
  CheckboxToken,
  CodeToken,
  LinkToken,
  ListToken,
  TableCell,
  TableToken,
  Token,
} from './lexer.js';
import { sanitizeUrl, stripBidiControls } from '../internal/url.js';
import { loadedExtras } from './lexer.js';
import {
  markerText,
  markerTitle,
  stripMarkers,
  stripUrlMarkers,
  type CitationGroup,
  type CitationLabels,
} from './sentinels.js';
import { decodeEntities } from './entities.js';
import {
  ALLOWED_ALIGN,
  ALLOWED_CLASS,
  CITATION_MARKER_CLASS,
  LINK_FORCED_ATTR,
  TASK_FORCED_ATTR,
} from './policy.js';
import type { SanitizeOptions } from './sanitize.js';

/** Options of {@link patchMarkdown}: URL and image policy, plus the citation markers to substitute. */
export interface MarkdownDomOptions extends SanitizeOptions {
  /** Groups numbered by the sentinels of citations.ts in the source; without it sentinels are dropped. */
  citations?: { groups: readonly CitationGroup[]; labels: CitationLabels };
}

/** The one inline tag we recognise: a bare line break, `<br>`, `<br/>` or `<br />`. */
const BARE_BR = /^<br\s*\/?>$/i;
/** A citation sentinel (sentinels.ts); group 1 is the group number. */
const SENTINEL = /\uE000(\d{1,4})\uE001|[\uE000\uE001]/g;
const START = /^\d{1,9}$/;
/** policy.ts's forced attributes of a link, as name, value pairs. */
const FORCED_LINK = Object.entries(LINK_FORCED_ATTR).flat();
const FORCED_TASK = Object.entries(TASK_FORCED_ATTR).flat();
const NONE: readonly string[] = [];

/** marked's URL cleaning (its renderer's `cleanUrl`): percent-encode, keep existing escapes. */
function cleanUrl(href: string): string | null {
  try {
    return encodeURI(href).replace(/%25/g, '%');
  } catch {
    return null;
  }
}

/** Whether `el` carries exactly the attributes `attrs` (name, value pairs). */
function sameAttributes(el: Element, attrs: readonly string[]): boolean {
  if (el.attributes.length * 2 !== attrs.length) return false;
  for (let i = 0; i < attrs.length; i += 2) if (el.getAttribute(attrs[i]!) !== attrs[i + 1]) return false;
  return true;
}

/**
 * The text of inline tokens as marked's TextRenderer gives it (an image's `alt`, a task's name), references
 * not yet resolved. Nested lists are left out: a task is named by its own text.
 */
function plainText(tokens: readonly Token[] | undefined): string {
  let out = '';
  for (const token of tokens ?? []) {
    const t = token as Token;
    if (t.type === 'list' || t.type === 'checkbox') continue;
    if (t.type === 'br') out += '\n';
    else if (t.tokens) out += plainText(t.tokens);
    else if (typeof t.text === 'string') out += t.text;
  }
  return out;
}

/** An image's alt text: its label as plain text, references resolved. */
const altOf = (t: LinkToken): string => decodeEntities(t.tokens ? plainText(t.tokens) : t.text);

/**
 * What dom-image.ts needs of a build pass to write an image. Why passed, not imported: a value import of
 * dom.ts (or sentinels.ts) from the on-demand chunk makes the bundler put sentinels.ts in a chunk of its own,
 * one more request before a first answer.
 */
export interface DomWriter {
  /** Writes an element with exactly `attrs` (name, value pairs) and the content `fill` writes. */
  el(tag: string, attrs: readonly string[], fill?: () => void): void;
  /** Writes literal text. */
  text(value: string): void;
  /** Runs `fill` as the content of a link (its text loses bidi controls). */
  linkText(fill: () => void): void;
  /** An attribute value from a token: markers and bidi controls removed. */
  attrText(value: string): string;
  /** A token's URL, before the URL policy: markers removed, percent-encoded, references resolved. */
  url(t: LinkToken): string | null;
  /** A token's title as an attribute value (or `''`). */
  title(t: LinkToken): string;
  /** An image's alt text. */
  alt(t: LinkToken): string;
  opts: MarkdownDomOptions;
  base: string;
}

/**
 * Makes `target`'s children the rendering of `tokens`, keeping the nodes that are already right. `target`'s
 * children belong to the markdown: give it an element with no other content.
 *
 * One build or patch pass over the target's children. Why closures, not a class: the pass's state and helpers
 * are locals the minifier can shorten, and this is code every answer downloads.
 *
 * @param target - element or fragment whose children are written (created in its owner document).
 * @param tokens - block tokens from parse.ts's `lexMarkdown`.
 * @param opts - URL base, image policy and citation markers.
 */
export function patchMarkdown(
  target: Element | DocumentFragment,
  tokens: readonly Token[],
  opts: MarkdownDomOptions = {},
): void {
  /** The element whose children are being written. */
  let parent: Node = target;
  /** The existing child the next node is compared with (null: append). */
  let next: ChildNode | null = target.firstChild;
  /** Text waiting to be written as one text node. */
  let pending = '';
  /** Depth of links being written: their text loses bidi controls. */
  let inLink = 0;
  const doc = target.ownerDocument;
  const base = opts.base ?? document.baseURI;

  // ---- node level -------------------------------------------------------------------------------------------

  const flush = (): void => {
    const text = pending;
    if (text === '') return;
    pending = '';
    const node = next;
    if (node !== null && node.nodeType === 3) {
      if (node.nodeValue !== text) node.nodeValue = text;
      next = node.nextSibling;
    } else parent.insertBefore(doc.createTextNode(text), node);
  };

  /** Ends the current parent: pending text written, leftover old children removed. */
  const close = (): void => {
    flush();
    let node = next;
    while (node !== null) {
      const after: ChildNode | null = node.nextSibling;
      node.remove();
      node = after;
    }
  };

  /**
   * Writes an element with exactly `attrs` (name, value pairs) and the content `fill` writes. An existing
   * element of the same tag and attributes is kept; otherwise a new one is inserted (never patched: its
   * attributes are only ever set at creation).
   */
  const el = (tag: string, attrs: readonly string[], fill?: () => void): void => {
    flush();
    const node = next;
    let e: Element;
    if (
      node !== null &&
      node.nodeType === 1 &&
      (node as Element).localName === tag &&
      sameAttributes(node as Element, attrs)
    ) {
      e = node as Element;
      next = node.nextSibling;
    } else {
      e = doc.createElement(tag);
      for (let i = 0; i < attrs.length; i += 2) e.setAttribute(attrs[i]!, attrs[i + 1]!);
      parent.insertBefore(e, node);
    }
    const outer = parent;
    const after = next;
    parent = e;
    next = e.firstChild;
    fill?.();
    close();
    parent = outer;
    next = after;
  };

  /** Literal text; citation sentinels become markers (or disappear), link text loses bidi controls. */
  const text = (value: string): void => {
    if (value === '') return;
    const t = inLink > 0 ? stripBidiControls(value) : value;
    if (!t.includes('\uE000') && !t.includes('\uE001')) {
      pending += t;
      return;
    }
    let from = 0;
    for (const match of t.matchAll(SENTINEL)) {
      pending += t.slice(from, match.index);
      from = match.index + match[0].length;
      const n = match[1] === undefined ? 0 : Number(match[1]);
      const group = opts.citations?.groups[n - 1];
      if (group) marker(group, n);
    }
    pending += t.slice(from);
  };

  /** Text inside a link: bidi controls removed. */
  const linkText = (fill: () => void): void => {
    inLink++;
    fill();
    inLink--;
  };

  const marker = (group: CitationGroup, n: number): void => {
    const title = markerTitle(group);
    const label = markerText(group);
    const sources = opts.citations!.labels.sources;
    const [sup, button] = CITATION_MARKER_CLASS;
    el('sup', ['class', sup!], () =>
      // The accessible name starts with the visible text (WCAG 2.5.3, label in name), then says what it is.
      el(
        'button',
        [
          'type',
          'button',
          'class',
          button!,
          'part',
          'citation',
          'data-citation',
          String(n),
          'title',
          title,
          'aria-label',
          `${label} (${sources}: ${title})`,
        ],
        () => (pending += stripMarkers(label)),
      ),
    );
  };

  /** An attribute value from a token: markers and bidi controls removed. */
  const attrText = (value: string): string => stripBidiControls(stripMarkers(value));

  // ---- tokens -----------------------------------------------------------------------------------------------

  /** Block and inline tokens alike (marked's block and inline types do not overlap). */
  const all = (list: readonly Token[]): void => {
    for (const t of list) one(t, list);
  };

  const one = (t: Token, siblings: readonly Token[]): void => {
    switch (t.type) {
      case 'space':
      case 'def':
        return;
      case 'paragraph':
        return el('p', NONE, () => all(t.tokens!));
      case 'heading':
        return el(`h${Math.min(6, Math.max(1, Number(t.depth) || 1))}`, NONE, () => all(t.tokens!));
      case 'hr':
        return el('hr', NONE);
      case 'blockquote':
        return el('blockquote', NONE, () => all(t.tokens!));
      case 'code':
        return code(t as CodeToken);
      case 'list':
        return list(t as ListToken);
      case 'table':
        return table(t as TableToken);
      case 'html':
        // No raw HTML: a block's source shows as a paragraph of text. Inline, models often break lines in table
        // cells with `<br>`: that exact spelling (no attributes can come along) is a line break; any other tag
        // stays visible as text.
        if (t.block) return el('p', NONE, () => text(t.text as string));
        return BARE_BR.test(t.text as string) ? el('br', NONE) : text(t.text as string);
      case 'checkbox':
        return checkbox(t as CheckboxToken, siblings);
      case 'text':
        return t.tokens ? all(t.tokens) : text(decodeEntities(t.text as string));
      case 'escape':
        return text(t.text as string);
      case 'strong':
      case 'em':
      case 'del':
        return el(t.type, NONE, () => all(t.tokens!));
      case 'codespan':
        return el('code', NONE, () => text(t.text as string));
      case 'br':
        return el('br', NONE);
      case 'link':
        return link(t as LinkToken);
      case 'image':
        return image(t as LinkToken);
      default:
        // A token type this builder does not know (none exists in marked today) shows its source as text.
        return text(t.raw);
    }
  };

  const code = (t: CodeToken): void => {
    const lang = /^\S*/.exec(t.lang ?? '')![0];
    const cls = `language-${stripMarkers(decodeEntities(lang))}`;
    const attrs = lang && ALLOWED_CLASS.test(cls) ? ['class', cls] : NONE;
    const body = t.text ? t.text.replace(/\n$/, '') + '\n' : '';
    el('pre', NONE, () => el('code', attrs, () => text(body)));
  };

  const list = (t: ListToken): void => {
    const start = String(t.start);
    const attrs = t.ordered && t.start !== 1 && START.test(start) ? ['start', start] : NONE;
    el(t.ordered ? 'ol' : 'ul', attrs, () => {
      for (const item of t.items) el('li', NONE, () => all(item.tokens));
    });
  };

  const table = (t: TableToken): void => {
    const cell = (tag: string, c: TableCell): void =>
      el(tag, c.align && ALLOWED_ALIGN.test(c.align) ? ['align', c.align] : NONE, () => all(c.tokens));
    el('table', NONE, () => {
      el('thead', NONE, () => el('tr', NONE, () => t.header.forEach((c) => cell('th', c))));
      if (t.rows.length > 0)
        el('tbody', NONE, () => {
          for (const row of t.rows) el('tr', NONE, () => row.forEach((c) => cell('td', c)));
        });
    });
  };

  /** A GFM task box: inert and disabled, named by the task's own text. */
  const checkbox = (t: CheckboxToken, siblings: readonly Token[]): void => {
    const label = stripMarkers(decodeEntities(plainText(siblings)))
      .trim()
      .slice(0, 200);
    const attrs = [...FORCED_TASK];
    if (t.checked) attrs.push('checked', '');
    if (label) attrs.push('aria-label', label);
    el('input', attrs);
    text(' ');
  };

  /** A token's URL: markers removed, percent-encoded as marked does, references resolved (not an autolink's). */
  const url = (t: LinkToken): string | null => {
    const cleaned = cleanUrl(stripMarkers(t.href));
    return cleaned === null ? null : stripUrlMarkers(t.autolink ? cleaned : decodeEntities(cleaned));
  };

  /** A token's title as an attribute value (or `''`). */
  const title = (t: LinkToken): string => (t.title ? attrText(decodeEntities(t.title)) : '');

  const link = (t: LinkToken): void => {
    // An autolink's text is its literal URL; other link text is markdown.
    const content = (): void => (t.autolink ? text(t.text) : all(t.tokens));
    const u = url(t);
    const href = u === null ? null : sanitizeUrl(u, { base });
    // A link we will not make keeps its text, so no content is lost.
    if (href === null) return content();
    const named = title(t);
    el('a', ['href', href, ...(named ? ['title', named] : NONE), ...FORCED_LINK], () => linkText(content));
  };

  /**
   * Images are built by dom-image.ts, which comes with lexer-extras.ts: the lexer loads that module with the
   * first image, and nothing is rendered from its tokens before it is here. Should it fail to load, the alt
   * text stays.
   */
  const image = (t: LinkToken): void => {
    const x = loadedExtras();
    if (x) x.image(t, { el, text, linkText, attrText, url, title, alt: altOf, opts, base });
    else text(altOf(t));
  };

  all(tokens);
  close();
}
