/**
 * The marked instance of the markdown module: GFM (tables, strikethrough, task lists, autolinks), no raw HTML
 * (HTML in the source is escaped and shown as text), links and images checked against src/internal/url.ts
 * while rendering. Its output still goes through sanitize.ts; this is the first of two walls.
 *
 * @module
 */
import { Marked, type Token, type Tokens, type TokensList } from 'marked';
import { decideImage, sanitizeUrl } from '../internal/url.js';
import { stripMarkers } from './citations.js';
import { escapeHtml } from './escape.js';
import { imagePolicyOf, loadImageLabel, type SanitizeOptions } from './sanitize.js';

/** Link reference definitions collected from a document (`[label]: url "title"`). */
export type LinkDefinitions = Record<string, { href: string | null; title: string | null }>;

/** The one inline tag we recognise: a bare line break, `<br>`, `<br/>` or `<br />`. */
const BARE_BR = Object.freeze(/^<br\s*\/?>$/i);

/** Options of the render in progress; the renderer methods below read them synchronously. */
let active: SanitizeOptions = {};

const base = (): string => active.base ?? document.baseURI;

/**
 * The configured instance. `breaks: false` keeps CommonMark line semantics; `async: false` keeps parsing
 * synchronous so a render never interleaves with another.
 */
const markdown = new Marked({ gfm: true, breaks: false, pedantic: false, async: false }).use({
  renderer: {
    html(token: Tokens.HTML | Tokens.Tag): string {
      // Models often break lines inside table cells with `<br>`; we emit our own `<br>` for exactly that
      // spelling (no attributes can come along), which is not passthrough.
      if (!('block' in token && token.block) && BARE_BR.test(token.text)) return '<br>';
      // Why: no raw HTML passthrough; the source text stays visible, as text.
      const text = escapeHtml(token.text);
      return 'block' in token && token.block ? `<p>${text}</p>\n` : text;
    },
    link(token: Tokens.Link): string | false {
      if (sanitizeUrl(stripMarkers(token.href), { base: base() }) !== null) return false;
      // A link we will not emit keeps its text, so no content is lost.
      return this.parser.parseInline(token.tokens);
    },
    image(token: Tokens.Image): string | false {
      const decision = decideImage(stripMarkers(token.href), imagePolicyOf(active), base());
      if (decision?.kind === 'load') return false;
      const alt = token.tokens ? this.parser.parseInline(token.tokens, this.parser.textRenderer) : token.text;
      // A host the policy refuses: the alt text and a "Load image from <host>" control (the element loads that
      // one image on click; sanitize.ts makes it a button). An unsafe URL keeps only the alt text.
      const load =
        decision?.kind === 'blocked'
          ? `<a class="md-image-load" href="${escapeHtml(decision.url)}">${escapeHtml(loadImageLabel(active, decision.host))}</a>`
          : '';
      return `<span class="md-image-blocked">${escapeHtml(alt)}${load}</span>`;
    },
  },
});

/**
 * Splits markdown into top-level block tokens (inline content already tokenized). `links` seeds the reference
 * definitions known from earlier parts of the document, so a chunk lexed on its own still resolves them;
 * the returned list's `links` holds those plus any the chunk defines.
 *
 * @param source - markdown (line endings already normalised to `\n`).
 * @param links - definitions from earlier chunks.
 */
export function lexMarkdown(source: string, links: LinkDefinitions = {}): TokensList {
  const lexer = new markdown.Lexer({ ...markdown.defaults });
  Object.assign(lexer.tokens.links, links);
  return lexer.lex(source);
}

/**
 * Renders block tokens to HTML with our renderer. The result is NOT sanitized yet.
 *
 * @param tokens - tokens from {@link lexMarkdown}.
 * @param opts - image domains and URL base used by the link and image checks.
 */
export function renderTokens(tokens: Token[], opts: SanitizeOptions = {}): string {
  const previous = active;
  active = opts;
  try {
    return markdown.parser(tokens);
  } finally {
    active = previous;
  }
}
