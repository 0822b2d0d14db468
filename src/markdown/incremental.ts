/**
 * Incremental markdown for streaming: the text is split into top-level blocks (marked's lexer); a block that
 * is followed by another one is finished and is rendered exactly once, then kept as-is while the answer keeps
 * streaming; only the last block (the tail) is lexed and rendered again on each delta.
 *
 * Why this is sound: at a boundary between two top-level blocks marked's lexer carries no state except link
 * reference definitions, so lexing the remainder on its own gives the same blocks as lexing everything
 * (definitions are seeded into the lexer). A block only counts as finished once a later block exists,
 * because a trailing block can still grow (a paragraph gains a line, a list an item, a fence its end).
 *
 * @module
 */
import type { Token, Tokens } from 'marked';
import { stripMarkers } from './citations.js';
import { lexMarkdown, renderTokens, type LinkDefinitions } from './parse.js';
import { sanitizeHtml, type SanitizeOptions } from './sanitize.js';

/** One rendered top-level block. Immutable; a finished block's object is reused across updates. */
export interface MarkdownBlock {
  /** Stable identity: the block's start offset in the source. */
  readonly key: string;
  /** Markdown source of the block (with trailing blank lines). */
  readonly raw: string;
  /** `code`: a top-level code block rendered by the element with its toolbar; `html`: sanitized HTML. */
  readonly kind: 'html' | 'code';
  /** Sanitized (and decorated) HTML; empty for code blocks. */
  readonly html: string;
  /** Code text (code blocks only; citation sentinels removed). */
  readonly code: string;
  /** First word of the fence info string (code blocks only), or `''`. */
  readonly lang: string;
  /** True for the last block while streaming: it may still change. */
  readonly open: boolean;
}

/** Options of {@link IncrementalMarkdown}. */
export interface IncrementalMarkdownOptions extends SanitizeOptions {
  /** Applied to each block's sanitized HTML (the element substitutes citation markers here). */
  decorate?: (html: string) => string;
}

interface Chunk {
  tokens: Token[];
  raw: string;
}

/**
 * Renders a growing markdown document block by block. Create one per message; replace it when rendering
 * options (image domains, citations) change.
 */
export class IncrementalMarkdown {
  /** How many blocks have been rendered (parsed to HTML and sanitized) so far; for tests and benchmarks. */
  renderCount = 0;
  private readonly opts: IncrementalMarkdownOptions;
  /** Source covered by {@link finished}; every later update must start with it or everything resets. */
  private stable = '';
  private finished: MarkdownBlock[] = [];
  private links: LinkDefinitions = Object.create(null) as LinkDefinitions;
  private linkCount = 0;
  /** Number of known link definitions when each finished block was rendered (by key). */
  private linksSeen = new Map<string, number>();
  private tail: MarkdownBlock | undefined;

  constructor(opts: IncrementalMarkdownOptions = {}) {
    this.opts = opts;
  }

  /**
   * Brings the blocks up to date with `source`.
   *
   * @param source - the whole document so far (line endings normalised to `\n`).
   * @param streaming - whether more text may follow; when false every block is final.
   * @returns the blocks in order; finished blocks are the same objects as in earlier results.
   */
  update(source: string, streaming: boolean): readonly MarkdownBlock[] {
    if (!source.startsWith(this.stable)) this.reset();
    let offset = this.stable.length;
    const chunks = this.split(source.slice(offset));
    // Why keep the last chunk out of `stable` even when not streaming: the text may still be replaced by a
    // longer one (a `done` event after a resync), and a final paragraph can grow.
    const last = chunks.pop();
    for (const chunk of chunks) {
      this.finished.push(this.render(chunk, offset, false));
      this.stable += chunk.raw;
      offset += chunk.raw.length;
      this.learnLinks(chunk.tokens);
    }
    if (last === undefined) this.tail = undefined;
    else if (!(
      this.tail &&
      this.tail.raw === last.raw &&
      this.tail.open === streaming &&
      this.tail.key === `${offset}`
    )) {
      this.tail = this.render(last, offset, streaming);
    }
    if (!streaming) this.refreshLateLinks(last);
    return this.tail ? [...this.finished, this.tail] : [...this.finished];
  }

  private reset(): void {
    this.stable = '';
    this.finished = [];
    this.links = Object.create(null) as LinkDefinitions;
    this.linkCount = 0;
    this.linksSeen.clear();
    this.tail = undefined;
  }

  /** Lexes a chunk and groups its tokens: one block per non-space token, blank lines joined to the block before. */
  private split(chunk: string): Chunk[] {
    if (chunk === '') return [];
    const tokens = lexMarkdown(chunk, this.links);
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
    // Why: should marked ever drop or rewrite source characters, offsets would drift; render it all as one.
    if (chunks.map((c) => c.raw).join('') !== chunk) return [{ tokens: [...tokens], raw: chunk }];
    return chunks;
  }

  private learnLinks(tokens: readonly Token[]): void {
    for (const token of tokens) {
      if (token.type !== 'def') continue;
      const def = token as Tokens.Def;
      // CommonMark: the first definition of a label wins.
      if (!(def.tag in this.links)) {
        this.links[def.tag] = { href: def.href, title: def.title };
        this.linkCount++;
      }
    }
  }

  /** Re-renders finished blocks that may reference a definition which appeared after them. */
  private refreshLateLinks(last: Chunk | undefined): void {
    if (last) this.learnLinks(last.tokens);
    if (this.linkCount === 0) return;
    this.finished = this.finished.map((block) => {
      if ((this.linksSeen.get(block.key) ?? 0) === this.linkCount || !block.raw.includes('[')) return block;
      const tokens = lexMarkdown(block.raw, this.links).filter((t) => t.type !== 'space');
      return this.render({ tokens, raw: block.raw }, Number(block.key), false);
    });
  }

  private render(chunk: Chunk, offset: number, open: boolean): MarkdownBlock {
    this.renderCount++;
    const key = `${offset}`;
    this.linksSeen.set(key, this.linkCount);
    const [first] = chunk.tokens;
    if (chunk.tokens.length === 1 && first?.type === 'code') {
      const code = first as Tokens.Code;
      const lang = (code.lang ?? '').trim().split(/\s+/)[0] ?? '';
      return { key, raw: chunk.raw, kind: 'code', html: '', code: stripMarkers(code.text), lang, open };
    }
    const clean = sanitizeHtml(renderTokens(chunk.tokens, this.opts), this.opts);
    const html = this.opts.decorate ? this.opts.decorate(clean) : clean;
    return { key, raw: chunk.raw, kind: 'html', html, code: '', lang: '', open };
  }
}
