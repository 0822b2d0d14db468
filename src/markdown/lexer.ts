/**
 * A compact GFM lexer producing the subset of marked's token shapes that dom.ts consumes (`paragraph`,
 * `heading`, `code`, `blockquote`, `list`/items, `table`, `hr`, `html`, `def`, `space`, `text`, and inline
 * `text`, `escape`, `strong`, `em`, `del`, `codespan`, `br`, `link`, `image`, `checkbox`, `html`).
 *
 * Linear time by construction: blocks are read line by line, inline content in one left-to-right scan with
 * CommonMark's delimiter stack (emphasis, strikethrough, brackets), whose openers searches are bounded per
 * delimiter kind (`bottom` below) the way CommonMark's reference implementation bounds them; backtick runs are
 * indexed once per inline run. Character references stay in text (dom.ts resolves them, as it did marked's).
 *
 * Where marked's behaviour and CommonMark differ in corner cases no answer contains, this lexer follows
 * CommonMark; test/element/markdown-lexer-diff.test.ts lists the differences it accepts, with reasons.
 *
 * Functions and closures rather than a class: every answer downloads this code, and locals are names the
 * minifier shortens. Rare constructs' rules live in lexer-extras.ts, loaded on first use.
 *
 * @module
 */

import type * as Extras from './lexer-extras.js';

/** A token: marked's field names for the shapes dom.ts reads. */
export interface Token {
  type: string;
  raw: string;
  // Why `any`: token fields differ by type; the typed shapes below narrow them (as marked's `Tokens.Generic`).
  [field: string]: any;
}
type Tok = Token;
/** `text` (inline, or a tight list item's block of text). */
export interface TextToken extends Token {
  text: string;
  tokens?: Token[];
}
/** Fenced or indented code. */
export interface CodeToken extends Token {
  text: string;
  lang?: string;
  codeBlockStyle?: 'indented';
}
/** One item of a {@link ListToken}. */
export interface ListItemToken extends Token {
  tokens: Token[];
  task: boolean;
  checked?: boolean;
}
export interface ListToken extends Token {
  ordered: boolean;
  start: number | '';
  loose: boolean;
  items: ListItemToken[];
}
export interface TableCell {
  text: string;
  tokens: Token[];
  align: 'left' | 'center' | 'right' | null;
}
export interface TableToken extends Token {
  header: TableCell[];
  rows: TableCell[][];
}
export interface CheckboxToken extends Token {
  checked: boolean;
}
/** A link or an image. */
export interface LinkToken extends Token {
  href: string;
  title?: string | null;
  text: string;
  tokens: Token[];
  autolink?: boolean;
}
/** A link reference definition. */
export interface DefToken extends Token {
  tag: string;
  href: string;
  title: string | null;
}

/** Link reference definitions (`[label]: url "title"`), by normalised label. */
export type Links = Record<string, { href: string | null; title: string | null }>;
/**
 * Block tokens and the document's link definitions. `wait`: the text met a construct whose rules
 * (lexer-extras.ts) are still loading, so some tokens may differ once they are here; lex again after it.
 */
export type TokensList = Token[] & { links: Links; wait?: Promise<void> };

// ---- shared patterns ---------------------------------------------------------------------------------------

const PUNCT = /[\p{P}\p{S}]/u;
const SPACE = /\s/;
const ESCAPABLE = /[!-/:-@[-`{-~]/;
/** `\` before a punctuation character, as marked strips it from URLs and titles. */
const UNESCAPE = /\\([\p{P}\p{S}])/gu;
const BLANK = /^[ \t]*$/;
const HR = /^ {0,3}(?:(?:-[ \t]*){3,}|(?:_[ \t]*){3,}|(?:\*[ \t]*){3,})$/;
const ATX = /^ {0,3}(#{1,6})(?:[ \t](.*))?$/;
const FENCE = /^( {0,3})(`{3,}|~{3,})(.*)$/;
const QUOTE = /^ {0,3}>/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
const LAZY_SETEXT = /^[ \t]*(?:=+|-+)[ \t]*$/;
/** A first line that looks like a table's delimiter row never starts a setext heading (marked). */
const ROWISH = /^ {0,3}\|?(?:[:\- ]*\|)+[:\- ]*$/;
const ITEM = /^( {0,3})([*+-]|\d{1,9}[.)])([ \t]|$)/;
const INDENTED = /^(?: {4}| {0,3}\t)/;
/** One level of indentation (four columns), removed. */
const UNINDENT = /^(?: {0,3}\t| {1,4})/;
const DELIM_ROW = /^ {0,3}\|?(?: *:?-+:? *\|)*(?: *:?-+:? *)\|? *$/;
const URL_START = /^(?:(?:https?|ftp):\/\/|www\.)(?:[a-zA-Z0-9-]+\.?)+[^\s<]*/i;
const LOCAL_CHAR = /[A-Za-z0-9._+-]/;
/** What may start an inline tag or autolink (then lexer-extras.ts decides). */
const TAG_AHEAD = /^<(?:[A-Za-z/!?]|[\w.#$%&'*+=`{|}~-]+@)/;
/** A line that may start an HTML block (then lexer-extras.ts decides). */
const LT = /^ {0,3}<[A-Za-z/!?]/;

// ---- rules loaded on first use ----------------------------------------------------------------------------

/** lexer-extras.ts once loaded (or `null` if it failed to load: its constructs then stay text). */
let X: typeof Extras | null | undefined;
let loading: Promise<void> | undefined;
/** Set when a lex met a construct that needs lexer-extras.ts before it was here. */
let wanted = false;

/** Gives lexer-extras.ts to the lexer; render.ts does this for its synchronous renderers. */
export function installLexerExtras(extras: typeof Extras): void {
  X = extras;
}

/** lexer-extras.ts if it is here (dom.ts builds images with it). */
export const loadedExtras = (): typeof Extras | undefined => X ?? undefined;

/** The rules of lexer-extras.ts, or `undefined` (starting their load) while they are not here. */
function extras(): typeof Extras | undefined {
  if (X !== undefined) return X ?? undefined;
  wanted = true;
  loading ??= import('./lexer-extras.js').then(installLexerExtras, () => void (X = null));
  return undefined;
}

const htmlStart = (line: string): boolean => LT.test(line) && !!extras()?.HTML_START.test(line);
const htmlStart7 = (line: string): boolean => LT.test(line) && !!extras()?.HTML_START7.test(line);

const BACKPEDAL = /(?:[^?!.,:;*_'"~()&]+|\([^)]*\)|&(?![a-zA-Z0-9]+;$)|[?!.,:;*_'"~)]+(?!$))+/;

const unescape = (s: string): string => s.replace(UNESCAPE, '$1');
/** Tabs to spaces up to the first non-blank, counting columns from `col`. */
function expandIndent(line: string, col = 0): string {
  // Only tabs change anything (the usual indentation is spaces).
  if (!/^ *\t/.test(line)) return line;
  let i = 0;
  let out = '';
  for (; i < line.length; i++) {
    const c = line[i];
    if (c === '\t') {
      const n = 4 - ((col + out.length) % 4);
      out += ' '.repeat(n);
    } else if (c === ' ') out += ' ';
    else break;
  }
  return out + line.slice(i);
}

// ---- blocks ------------------------------------------------------------------------------------------------

/** Whether `line` starts a block that interrupts a paragraph (table rows are checked separately). */
function interrupts(line: string): boolean {
  if (HR.test(line) || ATX.test(line) || QUOTE.test(line) || htmlStart(line)) return true;
  if (FENCE.test(line) && !/^ {0,3}`{3,}.*`/.test(line)) return true;
  const m = ITEM.exec(line);
  return !!m && (m[2]!.length === 1 || /^1[.)]$/.test(m[2]!)) && /\S/.test(line.slice(m[0].length));
}

/** Splits a table row into cells (marked's rule: `\|` does not split). */
function cells(row: string, count?: number): string[] {
  const parts: string[] = [];
  let cell = '';
  for (let i = 0; i < row.length; i++) {
    const c = row[i];
    if (c === '\\' && row[i + 1] === '|') {
      cell += '|';
      i++;
    } else if (c === '|') {
      parts.push(cell);
      cell = '';
    } else cell += c;
  }
  parts.push(cell);
  if (!parts[0]!.trim()) parts.shift();
  if (parts.length > 0 && !parts.at(-1)!.trim()) parts.pop();
  if (count !== undefined) {
    parts.length = Math.min(parts.length, count);
    while (parts.length < count) parts.push('');
  }
  return parts.map((p) => p.trim());
}

/** Link reference definitions of the lex under way (seeded, then the document's own). */
let defs: Links;
/** Inline runs of the lex under way, tokenized once every definition is known: [source, target array]. */
let queue: [string, Tok[]][];

/** The token array of an inline run, filled at the end of the lex (see {@link queue}). */
function inlineOf(src: string): Tok[] {
  const tokens: Tok[] = [];
  queue.push([src, tokens]);
  return tokens;
}

const isPara = (t: Tok | undefined): t is Tok => !!t && (t.type === 'paragraph' || t.type === 'text');
/** Whether the paragraph before continues on this line (no blank line or other block ended it). */
const paraGoesOn = (t: Tok | undefined): t is Tok =>
  isPara(t) && !/\n[ \t]*\n$/.test(t.raw) && t.raw.endsWith('\n');

/**
 * Block tokens of `lines` (a trailing empty string stands for "the text ended with a newline"). `top`:
 * paragraphs are `paragraph` tokens (else `text`, as marked gives inside list items). Each token's raw ends
 * with its line end; blank lines are `space` tokens.
 */
function blocks(lines: string[], top: boolean): Tok[] {
  const out: Tok[] = [];
  // Lines `n` and after are no lines (the empty string after a final newline).
  const n = lines.length - +(lines.at(-1) === '');
  let i = 0;
  const nl = (k: number): string => (k < lines.length - 1 ? '\n' : '');
  const take = (from: number, to: number): string => {
    let s = '';
    for (let k = from; k < to; k++) s += lines[k] + nl(k);
    return s;
  };

  /** A paragraph, joined to the one before when nothing separates them (as marked joins them). */
  const para = (raw: string, text: string): void => {
    const last = out.at(-1);
    if (paraGoesOn(last)) {
      last.raw += raw;
      last.text += '\n' + text;
      queue.at(-1)![0] = last.text as string;
    } else out.push({ type: top ? 'paragraph' : 'text', raw, text, tokens: inlineOf(text) });
  };

  /** A table at line `i` (a header row, then a delimiter row with as many cells), if there is one. */
  const table = (): boolean => {
    const delim = lines[i + 1]!;
    if (!DELIM_ROW.test(delim) || !/[:|]/.test(delim)) return false;
    const head = cells(lines[i]!);
    const aligns = delim
      .trim()
      .replace(/^\||\| *$/g, '')
      .split('|')
      .map((c) =>
        /^ *-+: *$/.test(c) ? 'right' : /^ *:-+: *$/.test(c) ? 'center' : /^ *:-+ *$/.test(c) ? 'left' : null,
      );
    if (head.length !== aligns.length) return false;
    const start = i;
    const rows: Tok[][] = [];
    const cell = (text: string, c: number): Tok => ({
      type: 'cell',
      raw: text,
      text,
      tokens: inlineOf(text),
      align: aligns[c],
    });
    const header = head.map(cell);
    for (i += 2; i < n; i++) {
      const row = lines[i]!;
      if (BLANK.test(row) || interrupts(row) || INDENTED.test(row)) break;
      rows.push(cells(row, head.length).map(cell));
    }
    out.push({ type: 'table', raw: take(start, i), header, rows });
    return true;
  };

  const quote = (): void => {
    const start = i;
    const inner: string[] = [];
    let lazyOk = false;
    let quoted = false;
    for (; i < n; i++) {
      const line = lines[i]!;
      if (QUOTE.test(line)) {
        const content = line.replace(/^ {0,3}>/, '');
        const stripped =
          content[0] === ' '
            ? content.slice(1)
            : content[0] === '\t'
              ? expandIndent(content, 2).slice(1)
              : content;
        inner.push(stripped);
        quoted = true;
        lazyOk =
          !ATX.test(stripped) &&
          !/^ {0,3}(?:[*+-]|\d{1,9}[.)])[ \t]*$/.test(stripped) &&
          !BLANK.test(stripped) &&
          !INDENTED.test(stripped) &&
          !FENCE.test(stripped) &&
          !HR.test(stripped);
      } else if (lazyOk && !BLANK.test(line) && !interrupts(line) && !ITEM.test(line)) {
        // A lazy continuation line of the quoted paragraph; an underline here does not make a heading.
        inner.push(
          LAZY_SETEXT.test(line)
            ? '    ' + line.replace(/^ {0,3}/, '')
            : INDENTED.test(line) && quoted
              ? line.replace(UNINDENT, '')
              : line,
        );
        quoted = false;
      } else break;
    }
    // The quote's last line had a line end.
    if (i < lines.length) inner.push('');
    out.push({ type: 'blockquote', raw: take(start, i), tokens: blocks(inner, true) });
  };

  /** A list at line `i`, if one starts there (then `i` is the line after it). */
  const list = (): boolean => {
    const listStart = i;
    const first = ITEM.exec(lines[i]!)!;
    const marker = first[2]!;
    const ordered = marker.length > 1;
    const kind = marker.slice(-1);
    /** Whether an item marker continues this list. */
    const same = (m: RegExpExecArray | null, line: string): m is RegExpExecArray =>
      !!m && m[2]!.length > 1 === ordered && m[2]!.slice(-1) === kind && !HR.test(line);
    const last = out.at(-1);
    // Only a bullet or `1.` with content may interrupt a paragraph.
    if (last && last.type === 'text' && !/\n[ \t]*\n$/.test(last.raw) && !interrupts(lines[i]!)) return false;
    const items: Tok[] = [];
    const bodies: string[][] = [];
    let loose = false;
    let blankBetween = false;
    while (i < n) {
      const m = ITEM.exec(lines[i]!);
      if (!same(m, lines[i]!)) break;
      const mk = m[2]!;
      if (blankBetween) loose = true;
      const itemStart = i;
      const after = expandIndent(lines[i]!.slice(m[0].length - m[3]!.length), m[1]!.length + mk.length);
      const blankFirst = BLANK.test(after);
      let pad = blankFirst ? 1 : after.search(/\S/);
      if (pad > 4) pad = 1;
      const width = m[1]!.length + mk.length + pad;
      const body: string[] = [blankFirst ? '' : after.slice(pad)];
      i++;
      let prevBlank = false;
      let tail = body[0]!;
      if (blankFirst && i < n && BLANK.test(lines[i]!)) {
        // An item starting with a blank line is empty if the next line is blank too.
        prevBlank = true;
      } else
        for (; i < n; i++) {
          const line = lines[i]!;
          const ex = expandIndent(line);
          if (BLANK.test(line)) {
            body.push('');
            prevBlank = true;
          } else if (ex.search(/\S/) >= width) {
            body.push((tail = ex.slice(width)));
            prevBlank = false;
          } else if (
            // Lazy continuation of a paragraph.
            prevBlank ||
            (blankFirst && body.length === 1) ||
            interrupts(line) ||
            ITEM.test(line) ||
            INDENTED.test(tail) ||
            FENCE.test(tail) ||
            ATX.test(tail)
          )
            break;
          else {
            body.push(LAZY_SETEXT.test(line) ? '    ' + line.replace(/^ {0,3}/, '') : line);
            tail = line;
          }
        }
      // Trailing blank lines belong after the list (or separate items).
      let k = i;
      while (k > itemStart + 1 && BLANK.test(lines[k - 1]!)) k--;
      const trailing = i - k;
      while (body.length > 1 && BLANK.test(body.at(-1)!)) body.pop();
      blankBetween = trailing > 0;
      // The item's lines go to `blocks` as they are (no join and split per nesting level).
      const task = /^\[[ xX]\][ \t]+\S/.test(body[0]!) ? body[0]![1] !== ' ' : undefined;
      if (task !== undefined) body[0] = body[0]!.replace(/^\[[ xX]\][ \t]+/, '');
      bodies.push(body);
      items.push({ type: 'list_item', raw: take(itemStart, k), task: task !== undefined, checked: task });
      i = k;
      if (trailing) {
        if (i + trailing >= n || !same(ITEM.exec(lines[i + trailing]!), lines[i + trailing]!)) break;
        i += trailing;
      }
    }
    if (items.length === 0) return false;
    // The last item ends at its last non-blank character (as `trimEnd` of its text).
    const tail = bodies.at(-1)!;
    while (tail.length > 1 && tail.at(-1)!.trimEnd() === '') tail.pop();
    tail[tail.length - 1] = tail.at(-1)!.trimEnd();
    const all = bodies.map((body) => blocks(body, false));
    if (all.some((tokens) => tokens.some((t, j) => t.type === 'space' && j < tokens.length - 1 && j > 0)))
      loose = true;
    items.forEach((item, j) => {
      const tokens = all[j]!.filter((t) => t.type !== 'space');
      if (loose) for (const t of tokens) if (t.type === 'text') t.type = 'paragraph';
      if (item['task']) {
        const box: Tok = { type: 'checkbox', raw: '[ ] ', checked: item['checked'] };
        const head = tokens[0];
        if (!loose) tokens.unshift(box);
        else if (head && head.type === 'paragraph') (head['tokens'] as Tok[]).unshift(box);
        else tokens.unshift({ type: 'paragraph', raw: '', text: '', tokens: [box] });
      }
      item['tokens'] = tokens;
    });
    out.push({
      type: 'list',
      raw: take(listStart, i),
      ordered,
      start: ordered ? +marker.slice(0, -1) : '',
      loose,
      items,
    });
    return true;
  };

  while (i < n) {
    const line = lines[i]!;
    const start = i;
    // Blank lines.
    if (BLANK.test(line)) {
      while (i < n && BLANK.test(lines[i]!)) i++;
      out.push({ type: 'space', raw: take(start, i) });
      continue;
    }
    if (INDENTED.test(line)) {
      // Indented code (after a paragraph it joins the paragraph, as marked does).
      if (paraGoesOn(out.at(-1))) {
        para(take(start, ++i), line.replace(UNINDENT, ''));
        continue;
      }
      let end = ++i;
      for (; i < n && (INDENTED.test(lines[i]!) || BLANK.test(lines[i]!)); i++)
        if (!BLANK.test(lines[i]!)) end = i + 1;
      i = end;
      const text = lines
        .slice(start, end)
        .map((l) => l.replace(UNINDENT, ''))
        .join('\n');
      out.push({ type: 'code', raw: take(start, end), codeBlockStyle: 'indented', text });
      continue;
    }
    // Fenced code.
    let m = FENCE.exec(line);
    if (m && !(m[2]![0] === '`' && m[3]!.includes('`'))) {
      const fence = m[2]!;
      const close = new RegExp(`^ {0,3}${fence[0]}{${fence.length},}[ \\t]*$`);
      const indent = new RegExp(`^ {0,${m[1]!.length}}`);
      const body: string[] = [];
      for (i++; i < n && !close.test(lines[i]!); i++) body.push(lines[i]!.replace(indent, ''));
      // Closed (else it runs to the end).
      if (i < n) i++;
      let text = body.join('\n');
      if (body.length && (text === '' || text.endsWith('\n'))) text += '\n';
      const info = m[3]!.trim();
      out.push({ type: 'code', raw: take(start, i), lang: info && unescape(info), text });
      continue;
    }
    // ATX heading.
    m = ATX.exec(line);
    if (m) {
      let text = (m[2] ?? '').trim();
      const closing = /(?:^|[ \t])#+$/.exec(text);
      if (closing) text = text.slice(0, closing.index).trim();
      else if (/^#+$/.test(text)) text = '';
      out.push({ type: 'heading', raw: take(i, ++i), depth: m[1]!.length, text, tokens: inlineOf(text) });
      continue;
    }
    if (HR.test(line)) {
      out.push({ type: 'hr', raw: take(i, ++i) });
      continue;
    }
    if (QUOTE.test(line)) {
      quote();
      continue;
    }
    if (ITEM.test(line) && list()) continue;
    // HTML block.
    if (htmlStart(line) || (htmlStart7(line) && out.at(-1)?.type !== 'paragraph')) {
      i = X!.htmlEnd(lines, i, n);
      const raw = take(start, i);
      // A blank line after the block is not part of its text.
      out.push({
        type: 'html',
        block: true,
        raw,
        text: nl(i) && BLANK.test(lines[i]!) ? raw.slice(0, -1) : raw,
      });
      continue;
    }
    // Link reference definitions (may span lines).
    if (/^ {0,3}\[/.test(line)) {
      const rest = lines.slice(i, i + 8).join('\n');
      const d = rest.includes(']:') ? extras()?.def(rest) : null;
      if (d) {
        const used = d.used;
        const raw = take(i, (i += used));
        if (isPara(out.at(-1))) para(raw, lines.slice(i - used, i).join('\n'));
        else {
          out.push({ type: 'def', raw, tag: d.tag, href: d.href, title: d.title });
          defs[d.tag] ??= { href: d.href, title: d.title };
        }
        continue;
      }
    }
    if (i + 1 < n && table()) continue;
    // Paragraph (or setext heading).
    i++;
    let depth = 0;
    let bullet = false;
    const body = [line];
    for (; i < n; i++) {
      const next = lines[i]!;
      if (BLANK.test(next)) break;
      const s = SETEXT.exec(next);
      if (s && !ROWISH.test(line) && !bullet) {
        depth = s[1]![0] === '=' ? 1 : 2;
        break;
      }
      if (
        interrupts(next) ||
        (i + 1 < n && DELIM_ROW.test(lines[i + 1]!) && /[:|]/.test(lines[i + 1]!)) ||
        // Inside list items marked reads line by line: any HTML start ends the text, indented code joins it.
        (!top && htmlStart7(next))
      )
        break;
      bullet ||= ITEM.test(next);
      body.push(!top && INDENTED.test(next) ? next.replace(UNINDENT, '') : next);
    }
    const text = body.join('\n');
    const raw = take(start, depth ? ++i : i);
    if (depth) out.push({ type: 'heading', raw, depth, text: text.trim(), tokens: inlineOf(text.trim()) });
    else para(raw, text);
  }
  return out;
}

// ---- inline ------------------------------------------------------------------------------------------------

/** A node of the inline token list (relinked in O(1) when emphasis or a link wraps a range). */
interface Node {
  t: Tok;
  p: Node | null;
  n: Node | null;
  /** Children (em, strong, del, link, image). */
  c?: Node | null;
}

/** A delimiter run (`*`, `_`, `~`) on the inline stack. */
interface Delim {
  node: Node;
  char: string;
  /** Remaining length. */
  count: number;
  /** Original length (rule of three). */
  orig: number;
  open: boolean;
  close: boolean;
  idx: number;
  prev: Delim | null;
  next: Delim | null;
}

interface Bracket {
  node: Node;
  image: boolean;
  /** Delimiters below this bracket. */
  dlen: number;
  /** Source offset after `[`. */
  pos: number;
  active: boolean;
}

const isAlnum = (x: number): boolean => (x >= 48 && x <= 57) || ((x | 32) >= 97 && (x | 32) <= 122);
const isPunct = (c: string): boolean => c !== '' && PUNCT.test(c);
const isSpace = (c: string): boolean => c === '' || SPACE.test(c);

/** Tokenizes one inline run. */
function inlineTokens(src: string, links: Links): Tok[] {
  const head: Node = { t: { type: '', raw: '' }, p: null, n: null };
  let tail = head;
  const ds: Delim[] = [];
  const brackets: Bracket[] = [];
  /** Positions of backtick runs by length, found by one scan. */
  const ticks = new Map<number, number[]>();
  for (const t of src.matchAll(/`+/g)) {
    const list = ticks.get(t[0].length) ?? [];
    list.push(t.index);
    ticks.set(t[0].length, list);
  }
  const tickAt = new Map<number, number>();
  /** Start of the literal text not yet written (it always runs up to `i`). */
  let ts = 0;
  /** Set when a token was pushed: the text restarts after it. */
  let resync = false;
  const append = (t: Tok): Node => {
    const node: Node = { t, p: tail, n: null };
    tail.n = node;
    return (tail = node);
  };
  const flush = (): void => {
    if (ts < i) {
      const text = src.slice(ts, i);
      append({ type: 'text', raw: text, text });
    }
    ts = i;
  };
  const push = (t: Tok): Node => {
    flush();
    resync = true;
    return append(t);
  };
  let i = 0;
  const n = src.length;
  /** Index of the next `@` at or after `i` (2^32 - 1: none). */
  let nextAt = -1;
  /** Whether the last token pushed is a bracket opener (marked's text rule runs on after `[`). */
  let bracketEnd = false;
  while (i < n) {
    if (resync) {
      ts = i;
      resync = false;
    }
    const c = src[i]!;
    bracketEnd &&= ts === i && tail.t.type === 'text' && /^!?\[$/.test(tail.t.raw);
    if (c === '\\') {
      const d = src[i + 1] ?? '';
      if (d === '\n' && /\S/.test(src.slice(i + 2, i + 400))) {
        push({ type: 'br', raw: '\\\n' });
        i += 2;
        while (src[i] === ' ' || src[i] === '\t') i++;
        continue;
      }
      if (d && ESCAPABLE.test(d)) {
        push({ type: 'escape', raw: c + d, text: d });
        i += 2;
        continue;
      }
      i++;
      continue;
    }
    if (c === '`') {
      let len = 1;
      while (src[i + len] === '`') len++;
      const list = ticks.get(len)!;
      let k = tickAt.get(len) ?? 0;
      while (k < list.length && list[k]! <= i) k++;
      tickAt.set(len, k);
      const close = list[k];
      if (close === undefined) {
        i += len;
        continue;
      }
      let code = src.slice(i + len, close).replace(/\n/g, ' ');
      if (/[^ ]/.test(code) && code[0] === ' ' && code.at(-1) === ' ') code = code.slice(1, -1);
      push({ type: 'codespan', raw: src.slice(i, close + len), text: code });
      i = close + len;
      continue;
    }
    // A tag or `<scheme:…>` starts with a letter, `/`, `!` or `?`; `<local@domain>` has its `@` ahead.
    const angle = c === '<' && TAG_AHEAD.test(src.slice(i, i + 2048)) ? extras()?.angle(src, i) : null;
    if (angle) {
      push(angle);
      i += angle.raw.length;
      continue;
    }
    if (c === ' ' && src[i + 1] === ' ') {
      let j = i;
      while (src[j] === ' ') j++;
      if (src[j] === '\n' && /\S/.test(src.slice(j + 1, j + 400))) {
        push({ type: 'br', raw: src.slice(i, j + 1) });
        i = j + 1;
        while (src[i] === ' ' || src[i] === '\t') i++;
        continue;
      }
    }
    if (c === '*' || c === '_' || c === '~') {
      let j = i;
      while (src[j] === c) j++;
      const count = j - i;
      // marked counts `~` as a letter next to `*` and `_` (so `*~~a~~*` nests).
      const letter = (x: string): string => (c !== '~' && x === '~' ? 'a' : x);
      const before = letter(i > 0 ? src[i - 1]! : '');
      const after = letter(src[j] ?? '');
      const left = !isSpace(after) && (!isPunct(after) || isSpace(before) || isPunct(before));
      const right = !isSpace(before) && (!isPunct(before) || isSpace(after) || isPunct(after));
      let open = left;
      let close = right;
      if (c === '_') {
        open = left && (!right || isPunct(before));
        close = right && (!left || isPunct(after));
      }
      const node = push({ type: 'text', raw: src.slice(i, j), text: src.slice(i, j) });
      if ((open || close) && (c !== '~' || count <= 2))
        ds.push({ node, char: c, count, orig: count, open, close, idx: ds.length, prev: null, next: null });
      i = j;
      continue;
    }
    if (c === '[' || (c === '!' && src[i + 1] === '[')) {
      const len = c === '!' ? 2 : 1;
      const node = push({ type: 'text', raw: src.slice(i, i + len), text: src.slice(i, i + len) });
      brackets.push({ node, image: len === 2, dlen: ds.length, pos: i + len, active: true });
      bracketEnd = true;
      i += len;
      continue;
    }
    if (c === ']') {
      const b = brackets.pop();
      const label = b && src.slice(b.pos, i);
      const target = b && b.active && linkTarget(src, i + 1, label!, links);
      flush();
      let nested = false;
      if (target && !b.image)
        for (let x = b.node.n; x; x = x.n) if (x.t.type === 'link' && !x.t['literal']) nested = true;
      if (!target || nested) {
        i++;
        continue;
      }
      // Images are built by lexer-extras.ts (dom-image.ts): nothing renders from this lex before it is here.
      if (b.image) extras();
      emphasis(ds, b.dlen);
      ds.length = b.dlen;
      const tok: Tok = {
        type: b.image ? 'image' : 'link',
        raw: src.slice(b.pos - (b.image ? 2 : 1), target.end),
        href: target.href,
        title: target.title,
        text: label,
      };
      const node: Node = { t: tok, p: b.node.p, n: null, c: b.node.n };
      if (b.node.n) b.node.n.p = null;
      b.node.p!.n = node;
      tail = node;
      resync = true;
      if (!b.image) for (const o of brackets) o.active = false;
      i = target.end;
      continue;
    }
    // Literal autolinks: www., http(s)://, ftp://, e-mail (where marked finds them).
    // Fast path: nothing starts at a character that cannot begin an autolink, nor inside a word except `http`/`ftp`.
    const cc = c.charCodeAt(0);
    if (
      !LOCAL_CHAR.test(c) ||
      (ts !== i && isAlnum(src.charCodeAt(i - 1)) && (cc | 32) !== 104 && (cc | 32) !== 102)
    ) {
      i++;
      continue;
    }
    const prev = src[i - 1] ?? ' ';
    // Where marked's text rule stops: after a token, before `www.` after a space or `*_~(`, before an e-mail
    // local part after a character that cannot be in one.
    const boundary = ts === i && !bracketEnd;
    // An e-mail address needs an `@` close ahead: found once per `@`, not per word.
    if (nextAt < i) nextAt = src.indexOf('@', i) >>> 0;
    const mx = nextAt - i <= 65 ? extras() : undefined;
    const head = src.slice(i, i + 4).toLowerCase();
    if (
      head === 'http' ||
      head === 'ftp:' ||
      (head === 'www.' && (boundary || /[\s*_~(]/.test(prev))) ||
      (head === 'www.' && mx?.localAhead(src, i, prev))
    ) {
      const u = URL_START.exec(src.slice(i));
      if (u) {
        let url = u[0];
        let prev;
        do {
          prev = url;
          url = BACKPEDAL.exec(url)?.[0] ?? '';
        } while (prev !== url);
        if (url) {
          push({ ...autolinkTok(url, url, /^www\./i.test(url) ? 'http://' + url : url), literal: true });
          i += url.length;
          continue;
        }
      }
    }
    const mail = mx?.email(src, i, head, boundary);
    if (mail) {
      push(mail);
      i += mail.raw.length;
      continue;
    }
    i++;
  }
  if (resync) ts = i;
  flush();
  emphasis(ds, 0);
  return tokensOf(head.n, false);
}

/** The token arrays of a node list; literal autolinks inside link text stay text. */
function tokensOf(first: Node | null | undefined, inLink: boolean): Tok[] {
  const out: Tok[] = [];
  for (let x = first; x; x = x.n) {
    const t = x.t;
    if (t.type === 'text' && t.raw === '') continue;
    if (t['literal']) {
      delete t['literal'];
      if (inLink) {
        out.push({ type: 'text', raw: t.raw, text: t.raw });
        continue;
      }
    }
    if ('c' in x) t['tokens'] = tokensOf(x.c, inLink || t.type === 'link');
    out.push(t);
  }
  return out;
}

/** An autolink's token (lexer-extras.ts makes them too). */
export function autolinkTok(raw: string, text: string, href: string): Tok {
  return { type: 'link', raw, text, href, autolink: true, tokens: [{ type: 'text', raw: text, text }] };
}

/** The destination after `]` at `at`: inline `(url "title")`, full `[ref]`, collapsed `[]` or shortcut. */
function linkTarget(
  src: string,
  at: number,
  label: string,
  links: Links,
): { href: string; title: string | null; end: number } | null {
  if (src[at] === '(') {
    const m =
      // Control characters end a destination (marked's rule).
      // eslint-disable-next-line no-control-regex
      /^\([ \t\n]*(?:<((?:\\.|[^\n<>\\])*)>|((?:\\.|[^\\ \t\n()\x00-\x1f]|\((?:\\.|[^\\ \t\n()\x00-\x1f])*\))*))(?:[ \t\n]+("(?:\\[\s\S]|[^"\\])*"|'(?:\\[\s\S]|[^'\\])*'|\((?:\\[\s\S]|[^)\\])*\)))?[ \t\n]*\)/.exec(
        src.slice(at, at + 4096),
      );
    if (m) {
      const href = unescape((m[1] ?? m[2] ?? '').trim());
      const title = m[3] ? unescape(m[3].slice(1, -1)) : null;
      return { href, title, end: at + m[0].length };
    }
  }
  // A reference needs a definition, and definitions are only read with lexer-extras.ts.
  return X ? X.refTarget(src, at, label, links) : null;
}

/**
 * CommonMark's "process emphasis" over the delimiters `ds[from..]`, wrapping matched ranges of the node list in
 * `em`/`strong`/`del` nodes. Opener searches stop at a per-kind floor (CommonMark's `openers_bottom`) and
 * matched delimiters are unlinked in O(1), so the pass is linear.
 */
function emphasis(ds: Delim[], from: number): void {
  let prev: Delim | null = null;
  for (let k = from; k < ds.length; k++) {
    const d = ds[k]!;
    d.prev = prev;
    d.next = null;
    if (prev) prev.next = d;
    prev = d;
  }
  const unlink = (d: Delim): void => {
    if (d.prev) d.prev.next = d.next;
    if (d.next) d.next.prev = d.prev;
  };
  const floor = new Map<string, number>();
  let closer: Delim | null = ds[from] ?? null;
  while (closer) {
    if (!closer.close) {
      closer = closer.next;
      continue;
    }
    const tilde = closer.char === '~';
    const key = closer.char + (tilde ? closer.orig : `${+closer.open}${closer.orig % 3}`);
    const lo = floor.get(key) ?? -1;
    let o = closer.prev;
    for (; o && o.idx > lo; o = o.prev) {
      if (o.char !== closer.char || !o.open) continue;
      if (tilde) {
        if (o.count === closer.count) break;
      } else if (!(
        (o.close || closer.open) &&
        (o.orig + closer.orig) % 3 === 0 &&
        (o.orig % 3 || closer.orig % 3)
      ))
        break;
    }
    if (!o || o.idx <= lo) {
      floor.set(key, closer.idx - 1);
      const next: Delim | null = closer.next;
      if (!closer.open) unlink(closer);
      closer = next;
      continue;
    }
    const use = tilde ? o.count : o.count >= 2 && closer.count >= 2 ? 2 : 1;
    const a = o.node;
    const b = closer.node;
    a.t.text = a.t.raw = (a.t.raw as string).slice(0, -use);
    b.t.text = b.t.raw = (b.t.raw as string).slice(use);
    o.count -= use;
    closer.count -= use;
    const mark = closer.char.repeat(use);
    const first = a.n === b ? null : a.n;
    const wrap: Node = {
      t: { type: tilde ? 'del' : use === 2 ? 'strong' : 'em', raw: mark, text: '' },
      p: a,
      n: b,
      c: first,
    };
    if (first) {
      first.p = null;
      b.p!.n = null;
    }
    a.n = wrap;
    b.p = wrap;
    // Delimiters between the two are spent.
    o.next = closer;
    closer.prev = o;
    if (o.count === 0) unlink(o);
    if (closer.count === 0) {
      unlink(closer);
      closer = closer.next;
    }
  }
}

/**
 * Lexes markdown into block tokens with inline content tokenized, like marked's `Lexer.lex`. `links` seeds the
 * reference definitions; the result's `links` holds those plus the document's own.
 *
 * @param src - markdown with `\n` line ends.
 * @param links - definitions known from earlier chunks.
 * @param inline - how an inline run is tokenized (parse.ts applies its cap here).
 */
export function lex(
  src: string,
  links: Links = {},
  inline?: (src: string, tokenize: (src: string) => Tok[]) => Tok[],
): TokensList {
  wanted = false;
  defs = Object.assign(Object.create(null) as Links, links);
  queue = [];
  const tokens = blocks(src.split('\n'), true) as TokensList;
  const known = (tokens.links = defs);
  const runs = queue;
  const tokenize = (s: string): Tok[] => inlineTokens(s, known);
  // One push per token: spreading a long run's tokens into `push` would overflow the stack.
  for (const [s, target] of runs) for (const t of inline ? inline(s, tokenize) : tokenize(s)) target.push(t);
  if (wanted && loading) tokens.wait = loading;
  return tokens;
}
