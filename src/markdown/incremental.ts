/**
 * Incremental markdown for streaming: the text is split into top-level blocks (lexer.ts); a block that
 * no continuation of the text can change is committed, lexed exactly once, and kept as-is (the same object,
 * so its DOM is never touched again) while the answer keeps streaming; only the blocks after the last
 * committed one (usually just the last block) are lexed again on each delta, and dom.ts patches their DOM.
 *
 * Why this is sound: at a boundary between two top-level blocks the lexer carries no state except link
 * reference definitions, so lexing the remainder on its own gives the same blocks as lexing everything
 * (definitions are seeded into the lexer). When a block counts as unchangeable is decided by {@link isSettled}.
 * test/element/markdown-fuzz.test.ts checks the result against one-shot rendering on generated documents.
 *
 * @module
 */
import type { CodeToken, DefToken, Token } from './lexer.js';
import { stripMarkers } from './sentinels.js';
import type { MarkdownDomOptions } from './dom.js';
import { boundMarkdown } from './limits.js';
import { hasPlainRun, lexMarkdown, type LinkDefinitions } from './parse.js';

/** One top-level block. Immutable; a finished block's object is reused across updates. */
export interface MarkdownBlock {
  /** Stable identity: the block's start offset in the source. */
  readonly key: string;
  /** Markdown source of the block (with trailing blank lines). */
  readonly raw: string;
  /** `code`: a top-level code block rendered by the element with its toolbar; `markdown`: built by dom.ts. */
  readonly kind: 'markdown' | 'code';
  /** The block's tokens (for dom.ts); a new array whenever the block's rendering may differ. */
  readonly tokens: readonly Token[];
  /** Whether the block renders to nothing (link reference definitions, blank lines). */
  readonly empty: boolean;
  /** Code text (code blocks only; citation sentinels removed). */
  readonly code: string;
  /** First word of the fence info string (code blocks only), or `''`. */
  readonly lang: string;
  /** True for the last block while streaming: it may still change. */
  readonly open: boolean;
  /** Whether a cap of the lexer kept some of the block's inline content as plain text (see parse.ts). */
  readonly simplified?: boolean;
}

/**
 * Longest time (ms) one {@link IncrementalMarkdown.update} spends catching up on a long text before it returns
 * what it has (with {@link IncrementalMarkdown.behind} set); the caller resumes on a later frame, so a long
 * answer loaded at once never blocks the page for long.
 */
export const SLICE_MS = 40;
/** Source lexed per step while catching up (cut at the next line end). */
const WINDOW = 4_096;
const now = (): number => performance.now();

/** Options of {@link IncrementalMarkdown}: those of the blocks' DOM (see {@link IncrementalMarkdown.options}). */
export interface IncrementalMarkdownOptions extends MarkdownDomOptions {
  /** Time budget of one update catching up on a long text; default {@link SLICE_MS}. */
  sliceMs?: number;
}

interface Chunk {
  tokens: Token[];
  raw: string;
}

/** Whether a block renders to nothing (link reference definitions, blank lines). */
const isEmpty = (chunk: Chunk): boolean => chunk.tokens.every((t) => t.type === 'def' || t.type === 'space');

/**
 * Renders a growing markdown document block by block. Create one per message; replace it when rendering
 * options (image domains, citations) change.
 */
export class IncrementalMarkdown {
  /** How many blocks have been (re)made from their source so far; for tests and benchmarks. */
  renderCount = 0;
  /** Whether the last update applied a limit (src/markdown/limits.ts, the inline cap of parse.ts). */
  truncated = false;
  /**
   * Whether the last update stopped before the end of the text to keep its task short ({@link SLICE_MS}); call
   * `update` again (on a later frame) to continue. The blocks returned so far are final.
   */
  behind = false;
  /**
   * Set when the last update met a construct whose lexer rules (lexer-extras.ts) are still loading: it then
   * returned the blocks of the text it had before (nothing it would have to take back); call `update` again once
   * this promise settles.
   */
  waiting: Promise<void> | undefined;
  /** The options the blocks are to be built with (URL policy, citations); pass them to dom.ts. */
  readonly options: IncrementalMarkdownOptions;
  /** Source covered by {@link finished}; every later update must start with it or everything resets. */
  private stable = '';
  private finished: MarkdownBlock[] = [];
  private links: LinkDefinitions = Object.create(null) as LinkDefinitions;
  private linkCount = 0;
  /** Number of known link definitions when each finished block was rendered (by key). */
  private linksSeen = new Map<string, number>();
  /** Rendered blocks after the committed prefix, by key; reused while their source is unchanged. */
  private pending = new Map<string, MarkdownBlock>();

  constructor(opts: IncrementalMarkdownOptions = {}) {
    this.options = opts;
  }

  /**
   * Brings the blocks up to date with `source`.
   *
   * @param text - the whole document so far (line endings normalised to `\n`).
   * @param streaming - whether more text may follow; the last block is `open` while it is true.
   * @returns the blocks in order; finished blocks are the same objects as in earlier results.
   */
  update(text: string, streaming: boolean): readonly MarkdownBlock[] {
    this.waiting = undefined;
    try {
      return this.catchUp(text, streaming);
    } catch (wait) {
      if (!(wait instanceof Promise)) throw wait;
      this.waiting = wait;
      this.behind = false;
      // What was shown before, less the pending blocks a commit of this call replaced.
      return [...this.finished, ...[...this.pending.values()].filter((b) => +b.key >= this.stable.length)];
    }
  }

  private catchUp(text: string, streaming: boolean): readonly MarkdownBlock[] {
    const bounded = boundMarkdown(text);
    const source = bounded.text;
    if (!source.startsWith(this.stable)) this.reset();
    // Catch up on a long text a window at a time: committing the settled blocks of a prefix is exactly what
    // streaming that prefix does, so the result is the same; between windows the clock is checked.
    const deadline = now() + (this.options.sliceMs ?? SLICE_MS);
    this.behind = false;
    // A call returns early only after committing something, so every call makes progress. A block longer than
    // the window doubles it (amortised linear, however long the block).
    const start = this.stable.length;
    let end = start + WINDOW;
    while (source.length - end > WINDOW) {
      if (this.stable.length > start && now() >= deadline) {
        this.behind = true;
        this.truncated = bounded.truncated || this.finished.some((b) => b.simplified);
        return [...this.finished];
      }
      const cut = source.indexOf('\n', end);
      if (cut === -1) break;
      const before = this.stable.length;
      this.advance(source.slice(0, cut + 1), true);
      end = this.stable.length === before ? cut + 1 + (cut + 1 - before) : this.stable.length + WINDOW;
    }
    const blocks = this.advance(source, streaming);
    this.truncated = bounded.truncated || blocks.some((b) => b.simplified);
    return blocks;
  }

  /** One pass over `source`: commit the settled blocks, render the rest. */
  private advance(source: string, streaming: boolean): MarkdownBlock[] {
    let offset = this.stable.length;
    const chunks = this.split(source.slice(offset));
    // Commit the leading blocks that no continuation of the text can change; the rest stay pending. This
    // holds even when not streaming: a `done` text may still be replaced by a longer one.
    let settled = 0;
    while (settled < chunks.length - 1 && isSettled(chunks[settled]!, chunks[settled + 1]!)) settled++;
    for (const chunk of chunks.slice(0, settled)) {
      const key = `${offset}`;
      // A pending block whose source did not change is already rendered; it is committed as it is.
      this.finished.push(
        this.reuse(this.pending.get(key), chunk, false) ?? this.render(chunk, offset, false),
      );
      this.stable += chunk.raw;
      offset += chunk.raw.length;
      this.learnLinks(chunk.tokens);
    }
    const rest = chunks.slice(settled);
    const pending = new Map<string, MarkdownBlock>();
    rest.forEach((chunk, i) => {
      const key = `${offset}`;
      const open = streaming && i === rest.length - 1;
      pending.set(key, this.reuse(this.pending.get(key), chunk, open) ?? this.render(chunk, offset, open));
      offset += chunk.raw.length;
    });
    this.pending = pending;
    if (!streaming) this.refreshLateLinks(rest);
    return [...this.finished, ...this.pending.values()];
  }

  /** The earlier rendering of the same source and link set (with `open` adjusted), if there is one. */
  private reuse(previous: MarkdownBlock | undefined, chunk: Chunk, open: boolean): MarkdownBlock | undefined {
    if (!previous || previous.raw !== chunk.raw || this.linksSeen.get(previous.key) !== this.linkCount)
      return;
    // `open` only drives the caret; the tokens do not depend on it.
    return previous.open === open ? previous : { ...previous, open };
  }

  private reset(): void {
    this.stable = '';
    this.finished = [];
    this.links = Object.create(null) as LinkDefinitions;
    this.linkCount = 0;
    this.linksSeen.clear();
    this.pending = new Map();
  }

  /** Lexes a chunk and groups its tokens: one block per non-space token, blank lines joined to the block before. */
  private split(chunk: string): Chunk[] {
    if (chunk === '') return [];
    const tokens = lexMarkdown(chunk, this.links);
    // Nothing is committed or rendered from tokens that may change once the lexer's rules are here.
    if (tokens.wait) throw tokens.wait;
    const chunks: Chunk[] = [];
    let leading = '';
    for (const token of tokens) {
      const previous = chunks.at(-1);
      if (token.type === 'space') {
        if (previous) previous.raw += token.raw;
        else leading += token.raw;
        continue;
      }
      chunks.push({ tokens: [token], raw: leading + token.raw });
      leading = '';
    }
    if (leading !== '') chunks.push({ tokens: [], raw: leading });
    // Why: should the lexer ever drop or rewrite source characters, offsets would drift; render it all as one.
    if (chunks.map((c) => c.raw).join('') !== chunk) return [{ tokens: [...tokens], raw: chunk }];
    return chunks;
  }

  private learnLinks(tokens: readonly Token[]): void {
    for (const token of tokens) {
      if (token.type !== 'def') continue;
      const def = token as DefToken;
      // CommonMark: the first definition of a label wins.
      if (!(def.tag in this.links)) {
        this.links[def.tag] = { href: def.href, title: def.title };
        this.linkCount++;
      }
    }
  }

  /** Re-renders blocks that may reference a definition which appeared after they were rendered. */
  private refreshLateLinks(rest: readonly Chunk[]): void {
    for (const chunk of rest) this.learnLinks(chunk.tokens);
    if (this.linkCount === 0) return;
    const refresh = (block: MarkdownBlock): MarkdownBlock => {
      if ((this.linksSeen.get(block.key) ?? 0) === this.linkCount || !block.raw.includes('[')) return block;
      // A block of definitions only renders to nothing whatever the definitions are.
      if (block.empty) return block;
      const tokens = lexMarkdown(block.raw, this.links).filter((t) => t.type !== 'space');
      return this.render({ tokens, raw: block.raw }, Number(block.key), block.open);
    };
    this.finished = this.finished.map(refresh);
    for (const [key, block] of this.pending) this.pending.set(key, refresh(block));
  }

  private render(chunk: Chunk, offset: number, open: boolean): MarkdownBlock {
    this.renderCount++;
    const key = `${offset}`;
    this.linksSeen.set(key, this.linkCount);
    const [first] = chunk.tokens;
    const base = { key, raw: chunk.raw, tokens: chunk.tokens, code: '', lang: '', open };
    if (chunk.tokens.length === 1 && first?.type === 'code') {
      const code = first as CodeToken;
      const lang = (code.lang ?? '').trim().split(/\s+/)[0] ?? '';
      return { ...base, kind: 'code', empty: false, code: stripMarkers(code.text), lang };
    }
    if (isEmpty(chunk)) return { ...base, kind: 'markdown', empty: true };
    const simplified = hasPlainRun(chunk.tokens);
    return { ...base, kind: 'markdown', empty: false, ...(simplified ? { simplified } : {}) };
  }
}

/**
 * Whether block `a` can no longer change, whatever text is appended, given the block `b` that follows it.
 *
 * A following block alone does not prove it: `b` may be an interruption that later text retracts (a one-column
 * table whose delimiter row grows a second column, `***` growing into `***bold***`, `#` into `#tag`), and its
 * lines then belong to `a` again. Two things do prove it:
 * - `a` delimits itself and its last line is complete: an ATX or setext heading, a thematic break, a closed
 *   fenced code block (it is closed, or it would run to the end and be the last block), a link reference
 *   definition whose next line is complete and cannot be its title;
 * - a blank line separates `a` from `b` and `b`'s first line is complete: a blank line ends paragraphs,
 *   tables, quotes and HTML blocks, and a list or indented code that continues after it already includes
 *   `b` when `b`'s first line (its indentation and marker) is known.
 */
function isSettled(a: Chunk, b: Chunk): boolean {
  const [token] = a.tokens;
  if (token === undefined) return true;
  const lineComplete = a.raw.endsWith('\n');
  if (lineComplete && (token.type === 'heading' || token.type === 'hr')) return true;
  if (lineComplete && token.type === 'code' && (token as CodeToken).codeBlockStyle !== 'indented')
    return true;
  // A definition ends at its line unless a title follows on the next line (which starts with `"`, `'` or `(`):
  // so does a run of definitions, each committed as the next line is known (not all re-lexed on every delta).
  if (lineComplete && token.type === 'def' && b.raw.includes('\n') && !/^[ \t]*["'(]/.test(b.raw))
    return true;
  const trailing = /\s*$/.exec(a.raw)?.[0] ?? '';
  const blankLine = /\n[ \t]*\n/.test(trailing);
  return blankLine && b.raw.includes('\n');
}
