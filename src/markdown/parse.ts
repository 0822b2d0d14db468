/**
 * marked's lexer, configured for GFM (tables, strikethrough, task lists, autolinks) with CommonMark line
 * semantics. Only the lexer is used: dom.ts builds DOM from its tokens, so marked's HTML renderer and parser
 * are not in the build. Raw HTML in the source comes out as `html` tokens, which dom.ts shows as text.
 *
 * @module
 */
import { getDefaults, Lexer, type MarkedOptions, type Token, type Tokens, type TokensList } from 'marked';

/** Link reference definitions collected from a document (`[label]: url "title"`). */
export type LinkDefinitions = Record<string, { href: string | null; title: string | null }>;

/**
 * Lexer options. `breaks: false` keeps CommonMark line semantics; `async: false` keeps lexing synchronous.
 * Frozen: each lexer gets its own copy (marked stores its tokenizer on the options object).
 */
const OPTIONS: Readonly<MarkedOptions> = Object.freeze({
  gfm: true,
  breaks: false,
  pedantic: false,
  async: false,
  silent: false,
});

/**
 * marked's GFM inline rules with one change, for linear-time lexing. The `text` rule stops before an e-mail
 * address with a lookahead `(?=[local-part chars]+@)` that is unbounded, so at every position of a run of such
 * characters (`*a*a*a…`, a long word) it rescans to the end of the run: quadratic. RFC 5321 caps a local part
 * at 64 characters, so bounding the lookahead to 64 changes nothing a real address needs.
 */
const INLINE_RULES = (() => {
  const gfm = Lexer.rules.inline.gfm as Record<string, RegExp>;
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
  const lexer = new Lexer({ ...getDefaults(), ...OPTIONS });
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
