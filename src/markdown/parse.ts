/**
 * Markdown to tokens: our GFM lexer (lexer.ts), which produces the token shapes of marked's lexer for the
 * constructs dom.ts builds, in linear time. Raw HTML in the source comes out as `html` tokens, which dom.ts
 * shows as text.
 *
 * @module
 */
import {
  lex,
  type Links,
  type ListItemToken,
  type TableCell,
  type TextToken,
  type Token,
  type TokensList,
} from './lexer.js';

/** Link reference definitions collected from a document (`[label]: url "title"`). */
export type LinkDefinitions = Links;

/**
 * Inline syntax characters above which one inline run (a paragraph, heading or table cell) is shown as plain
 * text. The lexer is linear, but a run of thousands of delimiters is never prose (`*a` × 20,000, 20,000
 * unmatched `[`): showing it as text keeps the DOM small. Prose with all its links and emphasis stays far below
 * this.
 */
export const MAX_INLINE_MARKS = 1_000;
const INLINE_MARK = /[*_~[\]`<\\]/g;

/** The text token standing for an inline run kept as plain text by the {@link MAX_INLINE_MARKS} cap. */
export interface PlainRun extends TextToken {
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
      items?: ListItemToken[];
      header?: TableCell[];
      rows?: TableCell[][];
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
  return lex(source, links, (run, tokenize) => {
    if (countMarks(run) <= MAX_INLINE_MARKS) return tokenize(run);
    const plain: PlainRun = { type: 'text', raw: run, text: run, escaped: false, plainRun: true };
    return [plain];
  });
}

function countMarks(text: string): number {
  if (text.length <= MAX_INLINE_MARKS) return 0;
  INLINE_MARK.lastIndex = 0;
  let n = 0;
  while (INLINE_MARK.exec(text) !== null) if (++n > MAX_INLINE_MARKS) break;
  return n;
}
