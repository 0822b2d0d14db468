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
 * marked's GFM inline rules with one change, for linear-time lexing. The `text` rule stops before an e-mail
 * address with a lookahead `(?=[local-part chars]+@)` that is unbounded, so at every position of a run of such
 * characters (`*a*a*a…`, a long word) it rescans to the end of the run: quadratic. RFC 5321 caps a local part
 * at 64 characters, so bounding the lookahead to 64 changes nothing a real address needs.
 */
const INLINE_RULES = (() => {
  const gfm = markdown.Lexer.rules.inline.gfm as Record<string, RegExp>;
  const text = gfm['text']!;
  const bounded = new RegExp(text.source.replaceAll(']+@)', ']{1,64}@)'), text.flags);
  return Object.freeze({ ...gfm, text: bounded });
})();

/**
 * Inline syntax characters above which one inline run (a paragraph, heading or table cell) is shown as plain
 * text: marked's emphasis, link and bracket matching rescan from each delimiter, so thousands of delimiters in
 * one run cost seconds (`*a` × 20,000, 20,000 unmatched `[`). Prose with all its links and emphasis stays far
 * below this.
 */
export const MAX_INLINE_MARKS = 1_000;
const INLINE_MARK = /[*_~[\]`<\\]/g;

/** The text token standing for an inline run kept as plain text by the {@link MAX_INLINE_MARKS} cap. */
export interface PlainRun extends Tokens.Text {
  plainRun: true;
}

/**
 * Whether tokens hold an inline run kept as plain text by the {@link MAX_INLINE_MARKS} cap.
 *
 * @param tokens - block tokens from {@link lexMarkdown}.
 */
export function hasPlainRun(tokens: readonly Token[]): boolean {
  return tokens.some((token) => {
    if ((token as Partial<PlainRun>).plainRun) return true;
    if (token.raw.length <= MAX_INLINE_MARKS) return false;
    const t = token as {
      tokens?: Token[];
      items?: Tokens.ListItem[];
      header?: Tokens.TableCell[];
      rows?: Tokens.TableCell[][];
    };
    const cells = [...(t.header ?? []), ...(t.rows ?? []).flat()];
    return (
      hasPlainRun(t.tokens ?? []) || hasPlainRun(t.items ?? []) || cells.some((c) => hasPlainRun(c.tokens))
    );
  });
}

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
  // Why reach into the tokenizer: marked has no option to replace one rule; this lexer gets its own copy.
  const tokenizer = (lexer as unknown as { tokenizer: { rules: { inline: unknown } } }).tokenizer;
  tokenizer.rules = { ...tokenizer.rules, inline: INLINE_RULES };
  Object.assign(lexer.tokens.links, links);
  // What `lexer.lex()` does, with the inline pass guarded by the delimiter cap.
  const tokens = lexer.tokens;
  lexer.blockTokens(source, tokens);
  for (const run of lexer.inlineQueue) {
    lexer.state.inRawBlock = false;
    if (countMarks(run.src) > MAX_INLINE_MARKS) {
      const plain: PlainRun = { type: 'text', raw: run.src, text: run.src, escaped: false, plainRun: true };
      run.tokens.push(plain);
    } else lexer.inlineTokens(run.src, run.tokens);
  }
  lexer.inlineQueue = [];
  return tokens;
}

function countMarks(text: string): number {
  if (text.length <= MAX_INLINE_MARKS) return 0;
  INLINE_MARK.lastIndex = 0;
  let n = 0;
  while (INLINE_MARK.exec(text) !== null) if (++n > MAX_INLINE_MARKS) break;
  return n;
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
