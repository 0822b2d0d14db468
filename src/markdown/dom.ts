/**
 * Builds the DOM of markdown directly from marked's tokens: `createElement`, text nodes and `setAttribute`,
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
import type { Token, Tokens } from 'marked';
import { decideImage, sanitizeUrl, stripBidiControls } from '../internal/url.js';
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
  IMAGE_FORCED_ATTR,
  LINK_FORCED_ATTR,
  LOAD_CONTROL_FORCED_ATTR,
  TASK_FORCED_ATTR,
} from './policy.js';
import { imagePolicyOf, loadImageLabel, type SanitizeOptions } from './sanitize.js';

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
const FORCED_LINK = Object.entries(LINK_FORCED_ATTR).flat();
const FORCED_IMAGE = Object.entries(IMAGE_FORCED_ATTR).flat();
const FORCED_LOAD = Object.entries(LOAD_CONTROL_FORCED_ATTR).flat();
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
    const t = token as Tokens.Generic;
    if (t.type === 'list' || t.type === 'checkbox') continue;
    if (t.type === 'br') out += '\n';
    else if (t.tokens) out += plainText(t.tokens);
    else if (typeof t.text === 'string') out += t.text;
  }
  return out;
}

/** One build or patch pass over a target's children. */
class Builder {
  /** The element whose children are being written. */
  private parent: Node;
  /** The existing child the next node is compared with (null: append). */
  private next: ChildNode | null;
  /** Text waiting to be written as one text node. */
  private pending = '';
  /** Depth of links being written: their text loses bidi controls. */
  private inLink = 0;
  private readonly doc: Document;
  private readonly opts: MarkdownDomOptions;
  private readonly base: string;

  constructor(target: Element | DocumentFragment, opts: MarkdownDomOptions) {
    this.parent = target;
    this.next = target.firstChild;
    this.doc = target.ownerDocument;
    this.opts = opts;
    this.base = opts.base ?? document.baseURI;
  }

  /** Writes `tokens` as the target's content and removes whatever else it held. */
  run(tokens: readonly Token[]): void {
    this.blocks(tokens);
    this.close();
  }

  // ---- node level -------------------------------------------------------------------------------------------

  private flush(): void {
    const text = this.pending;
    if (text === '') return;
    this.pending = '';
    const next = this.next;
    if (next !== null && next.nodeType === 3) {
      if (next.nodeValue !== text) next.nodeValue = text;
      this.next = next.nextSibling;
    } else this.parent.insertBefore(this.doc.createTextNode(text), next);
  }

  /** Ends the current parent: pending text written, leftover old children removed. */
  private close(): void {
    this.flush();
    let node = this.next;
    while (node !== null) {
      const after: ChildNode | null = node.nextSibling;
      node.remove();
      node = after;
    }
  }

  /**
   * Writes an element with exactly `attrs` (name, value pairs) and the content `fill` writes. An existing
   * element of the same tag and attributes is kept; otherwise a new one is inserted (never patched: its
   * attributes are only ever set at creation).
   */
  private el(tag: string, attrs: readonly string[], fill?: () => void): void {
    this.flush();
    const next = this.next;
    let el: Element;
    if (
      next !== null &&
      next.nodeType === 1 &&
      (next as Element).localName === tag &&
      sameAttributes(next as Element, attrs)
    ) {
      el = next as Element;
      this.next = next.nextSibling;
    } else {
      el = this.doc.createElement(tag);
      for (let i = 0; i < attrs.length; i += 2) el.setAttribute(attrs[i]!, attrs[i + 1]!);
      this.parent.insertBefore(el, next);
    }
    const parent = this.parent;
    const after = this.next;
    this.parent = el;
    this.next = el.firstChild;
    fill?.();
    this.close();
    this.parent = parent;
    this.next = after;
  }

  /** Literal text; citation sentinels become markers (or disappear), link text loses bidi controls. */
  private text(value: string): void {
    if (value === '') return;
    const text = this.inLink > 0 ? stripBidiControls(value) : value;
    if (!text.includes('\uE000') && !text.includes('\uE001')) {
      this.pending += text;
      return;
    }
    let from = 0;
    for (const match of text.matchAll(SENTINEL)) {
      this.pending += text.slice(from, match.index);
      from = match.index + match[0].length;
      const n = match[1] === undefined ? 0 : Number(match[1]);
      const group = this.opts.citations?.groups[n - 1];
      if (group) this.marker(group, n);
    }
    this.pending += text.slice(from);
  }

  private marker(group: CitationGroup, n: number): void {
    const title = markerTitle(group);
    const label = markerText(group);
    const sources = this.opts.citations!.labels.sources;
    const [sup, button] = CITATION_MARKER_CLASS;
    this.el('sup', ['class', sup!], () =>
      // The accessible name starts with the visible text (WCAG 2.5.3, label in name), then says what it is.
      this.el(
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
        () => (this.pending += stripMarkers(label)),
      ),
    );
  }

  /** An attribute value from a token: markers and bidi controls removed. */
  private attrText(value: string): string {
    return stripBidiControls(stripMarkers(value));
  }

  // ---- blocks -----------------------------------------------------------------------------------------------

  private blocks(tokens: readonly Token[]): void {
    for (const token of tokens) this.block(token, tokens);
  }

  private block(token: Token, siblings: readonly Token[]): void {
    const t = token as Tokens.Generic;
    switch (t.type) {
      case 'space':
      case 'def':
        return;
      case 'paragraph':
        return this.el('p', NONE, () => this.inline(t.tokens!));
      case 'heading': {
        const depth = Math.min(6, Math.max(1, Number(t.depth) || 1));
        return this.el(`h${depth}`, NONE, () => this.inline(t.tokens!));
      }
      case 'hr':
        return this.el('hr', NONE);
      case 'blockquote':
        return this.el('blockquote', NONE, () => this.blocks(t.tokens!));
      case 'code':
        return this.code(t as Tokens.Code);
      case 'list':
        return this.list(t as Tokens.List);
      case 'table':
        return this.table(t as Tokens.Table);
      case 'html':
        // No raw HTML: the source shows as a paragraph of text.
        return this.el('p', NONE, () => this.text(t.text as string));
      case 'checkbox':
        return this.checkbox(t as Tokens.Checkbox, siblings);
      case 'text':
        return t.tokens ? this.inline(t.tokens) : this.text(decodeEntities(t.text as string));
      default:
        // A token type this builder does not know (none exists in marked today) shows its source as text.
        return this.text(t.raw);
    }
  }

  private code(t: Tokens.Code): void {
    const lang = /^\S*/.exec(t.lang ?? '')![0];
    const cls = `language-${stripMarkers(decodeEntities(lang))}`;
    const attrs = lang && ALLOWED_CLASS.test(cls) ? ['class', cls] : NONE;
    const text = t.text ? t.text.replace(/\n$/, '') + '\n' : '';
    this.el('pre', NONE, () => this.el('code', attrs, () => this.text(text)));
  }

  private list(t: Tokens.List): void {
    const start = String(t.start);
    const attrs = t.ordered && t.start !== 1 && START.test(start) ? ['start', start] : NONE;
    this.el(t.ordered ? 'ol' : 'ul', attrs, () => {
      for (const item of t.items) this.el('li', NONE, () => this.blocks(item.tokens));
    });
  }

  private table(t: Tokens.Table): void {
    const cell = (tag: string, c: Tokens.TableCell): void => {
      const align = c.align && ALLOWED_ALIGN.test(c.align) ? ['align', c.align] : NONE;
      this.el(tag, align, () => this.inline(c.tokens));
    };
    this.el('table', NONE, () => {
      this.el('thead', NONE, () => this.el('tr', NONE, () => t.header.forEach((c) => cell('th', c))));
      if (t.rows.length > 0)
        this.el('tbody', NONE, () => {
          for (const row of t.rows) this.el('tr', NONE, () => row.forEach((c) => cell('td', c)));
        });
    });
  }

  /** A GFM task box: inert and disabled, named by the task's own text. */
  private checkbox(t: Tokens.Checkbox, siblings: readonly Token[]): void {
    const label = stripMarkers(decodeEntities(plainText(siblings)))
      .trim()
      .slice(0, 200);
    const attrs = [...FORCED_TASK];
    if (t.checked) attrs.push('checked', '');
    if (label) attrs.push('aria-label', label);
    this.el('input', attrs);
    this.text(' ');
  }

  // ---- inline -----------------------------------------------------------------------------------------------

  private inline(tokens: readonly Token[]): void {
    for (const token of tokens) {
      const t = token as Tokens.Generic;
      switch (t.type) {
        case 'text':
          if (t.tokens) this.inline(t.tokens);
          else this.text(decodeEntities(t.text as string));
          break;
        case 'escape':
          this.text(t.text as string);
          break;
        case 'html':
          // Models often break lines in table cells with `<br>`: that exact spelling (no attributes can come
          // along) is a line break; any other tag stays visible as text.
          if (!t.block && BARE_BR.test(t.text as string)) this.el('br', NONE);
          else this.text(t.text as string);
          break;
        case 'strong':
        case 'em':
        case 'del':
          this.el(t.type, NONE, () => this.inline(t.tokens!));
          break;
        case 'codespan':
          this.el('code', NONE, () => this.text(t.text as string));
          break;
        case 'br':
          this.el('br', NONE);
          break;
        case 'link':
          this.link(t as Tokens.Link);
          break;
        case 'image':
          this.image(t as Tokens.Image);
          break;
        case 'checkbox':
          this.checkbox(t as Tokens.Checkbox, tokens);
          break;
        default:
          this.block(t, tokens);
      }
    }
  }

  private link(t: Tokens.Link): void {
    const content = (): void => {
      // An autolink's text is its literal URL; other link text is markdown.
      if (t.autolink) this.text(t.text);
      else this.inline(t.tokens);
    };
    const cleaned = cleanUrl(stripMarkers(t.href));
    const href =
      cleaned === null
        ? null
        : sanitizeUrl(stripUrlMarkers(t.autolink ? cleaned : decodeEntities(cleaned)), { base: this.base });
    // A link we will not make keeps its text, so no content is lost.
    if (href === null) return content();
    const title = t.title ? this.attrText(decodeEntities(t.title)) : '';
    this.el('a', ['href', href, ...(title ? ['title', title] : NONE), ...FORCED_LINK], () => {
      this.inLink++;
      content();
      this.inLink--;
    });
  }

  private image(t: Tokens.Image): void {
    const alt = decodeEntities(t.tokens ? plainText(t.tokens) : t.text);
    const cleaned = cleanUrl(stripMarkers(t.href));
    const decision =
      cleaned === null
        ? null
        : decideImage(stripUrlMarkers(decodeEntities(cleaned)), imagePolicyOf(this.opts), this.base);
    if (decision?.kind === 'load') {
      const title = t.title ? this.attrText(decodeEntities(t.title)) : '';
      // Forced attributes first, so `loading="lazy"` is in place when `src` starts the request.
      this.el('img', [
        ...FORCED_IMAGE,
        'src',
        decision.src,
        'alt',
        this.attrText(alt),
        ...(title ? ['title', title] : NONE),
      ]);
      return;
    }
    // A host the policy refuses: the alt text and a "Load image from <host>" control (the element loads that one
    // image on click). An unsafe URL keeps only the alt text.
    this.el('span', ['class', 'md-image-blocked'], () => {
      this.text(alt);
      if (decision?.kind !== 'blocked') return;
      const href = sanitizeUrl(decision.url, { base: this.base });
      if (href === null) return;
      this.el('a', ['class', 'md-image-load', 'href', href, ...FORCED_LINK, ...FORCED_LOAD], () => {
        this.inLink++;
        this.text(loadImageLabel(this.opts, decision.host));
        this.inLink--;
      });
    });
  }
}

/**
 * Makes `target`'s children the rendering of `tokens`, keeping the nodes that are already right. `target`'s
 * children belong to the markdown: give it an element with no other content.
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
  new Builder(target, opts).run(tokens);
}
