/**
 * Generated markdown for property tests: a seeded PRNG, so every failure reproduces from its seed, and the
 * documents drawn with it. The same seed always gives the same sequence of documents.
 */

/** Mulberry32: a tiny seeded PRNG returning numbers in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Between 1 and `max` pieces, each drawn from `pieces` (an array, or a string's characters). */
export function drawPieces(random: () => number, pieces: ArrayLike<string>, max: number): string[] {
  return Array.from(
    { length: 1 + Math.floor(random() * max) },
    () => pieces[Math.floor(random() * pieces.length)]!,
  );
}

/** Markdown lines covering the block and inline constructs, with raw HTML and autolinks mixed in. */
export const MARKDOWN_LINES: readonly string[] = [
  '',
  '',
  '# Heading',
  '## Sub *heading*',
  'Plain text with **bold** and `code`.',
  'continued line',
  '- item',
  '  - nested',
  '1. first',
  '2) second',
  '> quote',
  '> > nested quote',
  '```js',
  '```',
  '~~~',
  '    indented code',
  '| a | b |',
  '|---|:-:|',
  '| 1 | 2 |',
  '---',
  '***',
  '===',
  '[ref]: https://example.com/ref "Ref"',
  'see [ref] and [link](https://example.com) and <https://auto.example>',
  '![img](https://img.example.com/a.png)',
  '<div>html block</div>',
  '<img src=x onerror=alert(1)>',
  'line with trailing spaces  ',
  '- [ ] task',
  '- [x] done',
  '\t tabbed',
  'www.example.com and a@b.example',
];

/** A document of 1 to 25 lines drawn from {@link MARKDOWN_LINES}. */
export function markdownDocument(random: () => number): string {
  return drawPieces(random, MARKDOWN_LINES, 25).join('\n');
}

/** Random characters biased towards markdown and HTML syntax, with a NUL, a line separator and private-use marks. */
const SYNTAX_ALPHABET = '<>/="\'`*_[]()!#-|:&;\n \tabcjavscript0123456789\u0000\u2028\uE000\uE001';

/** 1 to 120 characters drawn from markdown and HTML syntax: text no renderer is meant for. */
export function syntaxSoup(random: () => number): string {
  return drawPieces(random, SYNTAX_ALPHABET, 120).join('');
}

/**
 * 1 to `max` pieces drawn from `pieces`, then joined either directly or one per line (a coin flip made after
 * the draw).
 */
export function piecesDocument(random: () => number, pieces: readonly string[], max: number): string {
  const drawn = drawPieces(random, pieces, max);
  return drawn.join(random() < 0.5 ? '' : '\n');
}
