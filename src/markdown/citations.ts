/**
 * Inline citation markers for assistant message annotations (PROTOCOL §6.4): annotations sharing an `index`
 * are one marker; every source is also listed once, in order of first appearance, in a "Sources" list.
 *
 * How markers reach the right place in rendered markdown: before parsing, a sentinel (`U+E000`, the group
 * number, `U+E001`) is inserted into the markdown source at the annotation's offset; marked carries it through
 * as text, and dom.ts, writing that text, makes a marker element where it meets one. The sentinel characters
 * are private-use code points; any the server sends are replaced by U+FFFD first (same length, so offsets
 * stay valid), so only our own sentinels exist. dom.ts strips sentinels from attribute values (URLs in every
 * encoding), so a marker only ever appears in text content, never inside an attribute.
 *
 * @module
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import { emitEntity, entityFromSource } from '../element/composer/entity-events.js';
import { sanitizeUrl, stripBidiControls } from '../internal/url.js';
import type { Annotation, Source } from '../protocol/types.js';
import { CLOSE, OPEN, type CitationGroup } from './sentinels.js';

export {
  markerText,
  markerTitle,
  neutraliseSentinels,
  stripMarkers,
  stripUrlMarkers,
  type CitationGroup,
  type CitationLabels,
} from './sentinels.js';

/** What an annotated message shows: markers (by offset) and the deduplicated source list. */
export interface Citations {
  groups: CitationGroup[];
  sources: Source[];
}

/**
 * Groups annotations by `index` and numbers the distinct sources in order of first appearance.
 * Annotations without an index contribute to the source list only.
 *
 * @param annotations - the content part's annotations (may be empty or missing).
 */
export function buildCitations(annotations: readonly Annotation[] | null | undefined): Citations {
  const sources: Source[] = [];
  const numberByKey = new Map<string, number>();
  const groups = new Map<number, CitationGroup>();
  for (const annotation of annotations ?? []) {
    const source = annotation?.source;
    if (!source || typeof source !== 'object') continue;
    const key = sourceKey(source);
    let n = numberByKey.get(key);
    if (n === undefined) {
      sources.push(source);
      n = sources.length;
      numberByKey.set(key, n);
    }
    const index = annotation.index;
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0) continue;
    let group = groups.get(index);
    if (!group) groups.set(index, (group = { index, numbers: [], sources: [] }));
    if (!group.numbers.includes(n)) {
      group.numbers.push(n);
      group.sources.push(source);
    }
  }
  return { groups: [...groups.values()].sort((a, b) => a.index - b.index), sources };
}

/** Identity of a source for deduplication: its URL, file name or entity id. */
function sourceKey(source: Source): string {
  switch (source.type) {
    case 'url':
      return `url:${source.url}`;
    case 'file':
      return `file:${source.filename}`;
    case 'entity':
      return `entity:${source.id}`;
    default:
      return `other:${JSON.stringify(source)}`;
  }
}

/**
 * Inserts one sentinel per group into markdown source. `index` counts code points (the reference server is
 * Python, whose string offsets are code points). The position is snapped so a marker never splits a word, a
 * URL or inline syntax: inside or at the end of a run of non-space characters it moves to the end of that run;
 * after whitespace it moves back to the end of the preceding text. A marker that would land on a line made
 * only of block syntax (a code fence, a table delimiter row, a thematic break) is dropped, since it would
 * break that syntax; its sources are still listed.
 *
 * @param text - message text with sentinels already neutralised.
 * @param groups - from {@link buildCitations}.
 */
export function insertMarkers(text: string, groups: readonly CitationGroup[]): string {
  if (groups.length === 0) return text;
  // Why an index: thousands of annotations on a long answer must not each rescan the text (that was
  // quadratic: 2,000 markers on 190 KB took 23 s); every lookup below is a binary search or a short scan.
  const index = new TextIndex(text);
  const offsets = codePointOffsets(text);
  const inserts: Array<[position: number, group: number]> = [];
  groups.forEach((group, i) => {
    const utf16 = offsets[Math.min(group.index, offsets.length - 1)] ?? text.length;
    const position = index.leaveCodeSpan(index.snapToWord(utf16));
    if (!index.onSyntaxOnlyLine(position)) inserts.push([position, i + 1]);
  });
  // Equal positions keep group order.
  inserts.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const parts: string[] = [];
  let from = 0;
  for (const [position, n] of inserts) {
    parts.push(text.slice(from, position), `${OPEN}${n}${CLOSE}`);
    from = position;
  }
  parts.push(text.slice(from));
  return parts.join('');
}

/** UTF-16 offset of each code point offset 0…n (entry n is the string length). */
function codePointOffsets(text: string): number[] {
  const offsets: number[] = [];
  let i = 0;
  for (const ch of text) {
    offsets.push(i);
    i += ch.length;
  }
  offsets.push(i);
  return offsets;
}

const isSpace = (ch: string | undefined): boolean => ch === undefined || /\s/.test(ch);

/** Characters that open a block at the start of a line (`#`, `>`, list bullets, `1.`); a marker after them breaks it. */
const BLOCK_PREFIX = /^(?:#{1,6}|>|[-*+]|\d{1,9}[.)])$/;

/** First index of sorted `list` whose value is at least `value` (list.length if none). */
function lowerBound(list: readonly number[], value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Line breaks and backticks of a text, found once, and the snapping rules of {@link insertMarkers} over them. */
class TextIndex {
  private readonly newlines: number[] = [];
  private readonly ticks: number[] = [];
  /** The last run of non-space characters found, `[start, end)`: markers close together share it. */
  private run = { start: -1, end: -1 };

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.newlines.push(i);
      else if (c === 96) this.ticks.push(i);
    }
  }

  private lineStart(p: number): number {
    const i = lowerBound(this.newlines, p) - 1;
    return i >= 0 ? this.newlines[i]! + 1 : 0;
  }

  private lineEnd(p: number): number {
    return this.newlines[lowerBound(this.newlines, p)] ?? this.text.length;
  }

  /** Start and end of the run of non-space characters around `p` (`p` inside it or at its end). */
  private runAround(p: number): { start: number; end: number } {
    const { text, run } = this;
    if (run.start <= p && p <= run.end && run.start < run.end) return run;
    let start = p;
    while (start > 0 && !isSpace(text[start - 1])) start--;
    let end = p;
    while (end < text.length && !isSpace(text[end])) end++;
    this.run = { start, end };
    return this.run;
  }

  snapToWord(position: number): number {
    const { text } = this;
    let p = position;
    if (p > 0 && isSpace(text[p - 1])) {
      while (p > 0 && isSpace(text[p - 1])) p--;
      if (p > 0) return p;
    }
    for (;;) {
      const run = this.runAround(p);
      const runStart = p > 0 && !isSpace(text[p - 1]) ? run.start : p;
      p = Math.max(p, run.end);
      // Why: at a line start, `#`, `-`, `>` or `1.` followed by the marker would no longer open its block.
      if (!BLOCK_PREFIX.test(text.slice(runStart, p)) || p >= text.length) return p;
      while (p < text.length && isSpace(text[p]) && text[p] !== '\n') p++;
    }
  }

  /**
   * Moves a position inside an inline code span (an odd number of backticks before it on its line) to after
   * the span, since a marker there would render as code text.
   */
  leaveCodeSpan(p: number): number {
    const { text, ticks } = this;
    const before = lowerBound(ticks, p) - lowerBound(ticks, this.lineStart(p));
    if (before % 2 === 0) return p;
    const close = ticks[lowerBound(ticks, p)];
    if (close === undefined || close > this.lineEnd(p)) return p;
    let q = close;
    while (q < text.length && text[q] === '`') q++;
    return q < text.length && !isSpace(text[q]) ? this.runAround(q).end : q;
  }

  onSyntaxOnlyLine(position: number): boolean {
    const line = this.text.slice(this.lineStart(position), this.lineEnd(position));
    return /^\s{0,3}(?:`{3,}|~{3,})/.test(line) || /^[\s|:\-=_*+#>]*$/.test(line);
  }
}

/** What the sources list reads from `<chatkit-markdown>` and calls back. */
export interface SourceListHost {
  sources: readonly Source[];
  /** Whether the list is expanded. */
  open: boolean;
  /** 1-based numbers of the sources the last marker click highlighted. */
  highlighted: readonly number[];
  /** The list's title ("Sources"). */
  title: string;
  toggle(event: Event): void;
  /** The user activated sources (an interactive entity). */
  activate(sources: Source[]): void;
}

/** The collapsed "Sources" list under an annotated message. */
export function renderSourceList(host: SourceListHost): TemplateResult {
  return html`<details class="sources" part="sources" ?open=${host.open} @toggle=${host.toggle}>
    <summary>${host.title} (${host.sources.length})</summary>
    <ol class="source-list">
      ${host.sources.map((source, i) => renderSource(host, source, i + 1))}
    </ol>
  </details>`;
}

function renderSource(host: SourceListHost, source: Source, n: number): TemplateResult {
  // Why strip bidi controls: the title is a link's text, the detail sits next to it (see stripBidiControls).
  const title = stripBidiControls(
    String(
      source.title || (source.type === 'file' ? source.filename : source.type === 'url' ? source.url : ''),
    ),
  );
  let main: TemplateResult;
  const href = source.type === 'url' ? sanitizeUrl(source.url, { base: document.baseURI }) : null;
  if (href) {
    main = html`<a href=${href} target="_blank" rel="noopener noreferrer">${title}</a>`;
  } else if (source.type === 'entity' && source.interactive) {
    const hover = (event: Event) =>
      emitEntity('hover', event.currentTarget as HTMLElement, entityFromSource(source));
    main = html`<button
      type="button"
      class="source-entity"
      @click=${() => host.activate([source])}
      @pointerenter=${hover}
      @focus=${hover}
    >
      ${title}
    </button>`;
  } else {
    main = html`<span>${title}</span>`;
  }
  const rawDetail =
    source.type === 'url'
      ? (source.attribution ?? hostOf(source.url))
      : source.type === 'file'
        ? source.filename
        : source.label;
  const detail = typeof rawDetail === 'string' ? stripBidiControls(rawDetail) : rawDetail;
  return html`<li class=${host.highlighted.includes(n) ? 'source source--active' : 'source'} value=${n}>
    ${main}${detail && detail !== title ? html` <span class="source-detail">${detail}</span>` : nothing}
    ${source.description ? html`<div class="source-description">${source.description}</div>` : nothing}
  </li>`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

/** Styles of the citation markers and the sources list, adopted by `<chatkit-markdown>` with this module. */
export const citationStyles = css`
  .citation {
    line-height: 0;
  }
  .citation-marker {
    margin-inline-start: 2px;
    padding: 0.15em 0.4em;
    border: 0;
    border-radius: var(--chatkit-radius-sm);
    background: var(--chatkit-surface-tertiary);
    color: var(--chatkit-text-secondary);
    font: inherit;
    font-size: 0.75em;
    line-height: 1.2;
    cursor: pointer;
  }
  .citation-marker:hover {
    color: var(--chatkit-accent);
  }
  .sources {
    margin-top: var(--gap);
    color: var(--chatkit-text-secondary);
    font-size: 0.9em;
  }
  .sources summary {
    cursor: pointer;
    width: fit-content;
  }
  .source-list {
    margin: calc(var(--chatkit-spacing) * 2) 0 0;
  }
  .source--active {
    color: var(--chatkit-text);
  }
  .source--active::marker {
    color: var(--chatkit-accent);
  }
  .source-entity {
    padding: 0;
    border: 0;
    background: none;
    color: var(--chatkit-accent);
    font: inherit;
    cursor: pointer;
    text-decoration: underline;
  }
  .source-detail,
  .source-description {
    color: var(--chatkit-text-tertiary);
  }
`;
