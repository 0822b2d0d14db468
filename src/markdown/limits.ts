/**
 * Bounds on the shape of untrusted markdown, applied before lexing so parse work stays bounded whatever a
 * model (or an attacker steering one) sends: marked recurses once per container level and rescans a line per
 * level, so thousands of nested quotes or list levels exhaust the stack or take seconds. Lines nested deeper
 * than {@link MAX_NESTING} are flattened to that depth; the element shows a visible note when this happens.
 *
 * @module
 */

/** Container levels (quote markers, list indentation steps) kept per line. */
export const MAX_NESTING = 16;
/** Leading spaces kept per line (list nesting is indentation): enough for {@link MAX_NESTING} list levels. */
const MAX_INDENT = MAX_NESTING * 4;

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
  if (!DEEP.test(text)) return { text, truncated: false };
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
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
    if (quotes > MAX_NESTING) {
      const rest = line.slice(end).replace(/^(?:[ \t]*>)*/, '');
      lines[i] = '>'.repeat(MAX_NESTING) + rest;
      continue;
    }
    const indent = /^[ \t]*/.exec(line)![0].length;
    if (indent > MAX_INDENT) lines[i] = ' '.repeat(MAX_INDENT) + line.slice(indent);
  }
  return { text: lines.join('\n'), truncated: true };
}
