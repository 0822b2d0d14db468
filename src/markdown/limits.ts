/**
 * Bounds on the shape of untrusted markdown, applied before lexing so parse work stays bounded whatever a
 * model (or an attacker steering one) sends: marked recurses once per container level and rescans a line per
 * level, so thousands of nested quotes or list levels exhaust the stack or take seconds. Lines nested deeper
 * than {@link MAX_NESTING} are flattened to that depth, and table rows wider than {@link MAX_TABLE_CELLS} keep their
 * extra cells as text of the last one; the element shows a visible note when this happens.
 *
 * @module
 */

/** Container levels (quote markers, list indentation steps) kept per line. */
export const MAX_NESTING = 16;
/** Leading spaces kept per line (list nesting is indentation): enough for {@link MAX_NESTING} list levels. */
const MAX_INDENT = MAX_NESTING * 4;

/**
 * Cell separators (`|`) kept per line: marked splits and pads every row to the header's width, and the browser
 * lays out every column, so a 10,000-column table costs seconds. Later pipes are escaped (`\|`), so their text
 * still shows.
 */
export const MAX_TABLE_CELLS = 100;

/** Result of {@link boundMarkdown}. */
export interface BoundedMarkdown {
  text: string;
  /** Whether a limit changed the text. */
  truncated: boolean;
}

/** A line start with more than MAX_NESTING quote markers, or more than MAX_INDENT leading spaces/tabs. */
const DEEP = new RegExp(`^(?:[ \\t]*>){${MAX_NESTING + 1},}|^[ \\t]{${MAX_INDENT + 1},}`, 'm');

/**
 * Flattens nesting deeper than the limits, line by line, in linear time. Stable under appending: a line's
 * result depends only on the line, so streamed prefixes bound the same way as the whole answer.
 *
 * @param text - normalised markdown (`\n` line endings).
 */
export function boundMarkdown(text: string): BoundedMarkdown {
  const deep = DEEP.test(text);
  const wide = hasWideLine(text);
  if (!deep && !wide) return { text, truncated: false };
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (deep) lines[i] = flatten(lines[i]!);
    if (wide) lines[i] = narrow(lines[i]!);
  }
  return { text: lines.join('\n'), truncated: true };
}

/** Whether a line holds more than {@link MAX_TABLE_CELLS} pipes (one linear pass). */
function hasWideLine(text: string): boolean {
  let pipes = 0;
  let lineEnd = -1;
  for (let i = text.indexOf('|'); i !== -1; i = text.indexOf('|', i + 1)) {
    if (i > lineEnd) {
      // A new line: both searches only move forward, so the whole pass stays linear.
      pipes = 0;
      lineEnd = text.indexOf('\n', i);
      if (lineEnd === -1) lineEnd = text.length;
    }
    if (++pipes > MAX_TABLE_CELLS) return true;
  }
  return false;
}

function narrow(line: string): string {
  let seen = 0;
  for (let i = line.indexOf('|'); i !== -1; i = line.indexOf('|', i + 1)) {
    if (++seen > MAX_TABLE_CELLS) return line.slice(0, i) + line.slice(i).replace(/\\?\|/g, '\\|');
  }
  return line;
}

function flatten(line: string): string {
  let quotes = 0;
  let end = 0;
  // Count leading quote markers (each optionally preceded by spaces).
  for (let j = 0; j < line.length; j++) {
    const c = line.charCodeAt(j);
    if (c === 62 /* > */) {
      quotes++;
      end = j + 1;
      if (quotes > MAX_NESTING) break;
    } else if (c !== 32 && c !== 9) break;
  }
  if (quotes > MAX_NESTING) return '>'.repeat(MAX_NESTING) + line.slice(end).replace(/^(?:[ \t]*>)*/, '');
  const indent = /^[ \t]*/.exec(line)![0].length;
  return indent > MAX_INDENT ? ' '.repeat(MAX_INDENT) + line.slice(indent) : line;
}
