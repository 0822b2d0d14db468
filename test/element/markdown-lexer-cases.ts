/**
 * The documents of the lexer differential test (markdown-lexer-diff.test.ts): every markdown string of the
 * tests, the XSS and spoofing tables, and seeded generated documents (block lines, syntax soup, inline soup,
 * common answer shapes). Named, so an accepted difference can be listed by name.
 */
import { MARKDOWN_CORPUS } from '../fixtures/markdown/corpus.js';
import { MARKDOWN_XSS } from '../fixtures/xss/markdown.js';
import { BIDI_CASES, MARKER_CASES } from '../fixtures/xss/spoofing.js';
import { markdownDocument, piecesDocument, prng, syntaxSoup } from '../support/random-markdown.js';

/** Inline syntax pieces: emphasis runs, brackets, links, code, autolinks, escapes, references, breaks. */
const INLINE = [
  '*',
  '**',
  '***',
  '_',
  '__',
  '~',
  '~~',
  'word',
  ' ',
  ' ',
  'a',
  '.',
  ',',
  '(',
  ')',
  '[',
  ']',
  '[link](https://e.example/x)',
  '[ref]',
  '![alt](https://i.example/a.png)',
  '`',
  '`code`',
  '<https://a.example>',
  'www.b.example',
  'c@d.example',
  '\\*',
  '&amp;',
  '&#42;',
  '  \n',
  '\n',
  '"',
  "'",
  '!',
  'http://h.example/p.',
];

/** Shapes models commonly answer with. */
const COMMON = [
  '**https://example.com**, and',
  'See *www.example.com*.',
  'Mail me at **a.b@example.com**!',
  '(see https://example.com/a_(b))',
  '1. **Step one**: run `npm i`\n2. **Step two**: done\n   - sub *item*\n   - sub ~~gone~~',
  '| Name | Value |\n|:-----|------:|\n| **a** | `1` |\n| b \\| c | 2 |',
  '> **Note**\n> This is _important_.',
  'Setext\n======\n\nSub\n---',
  '```python\nprint(1)\n```\n\nText after',
  'A [link][ref] and ![img][ref].\n\n[ref]: https://example.com "T"',
  '__init__ and snake_case_word and 2*3*4',
  '***bold italic*** and **bold *nested* bold**',
  'line one\\\nline two',
  '&copy; &#169; &#xA9; &bogus;',
  '<b>raw</b> <br> inline',
  'Footnote[^1] text',
  '- [ ] todo\n- [x] done\n\n  para',
  '* a\n\n* b',
  '> quote\n- list in quote?',
  'Email: <foo@bar.example> and <https://x.example/?a=1&b=2>',
];

/** `[name, markdown]` pairs, line ends normalised as the element normalises them. */
export function lexerCases(): [string, string][] {
  const docs: [string, string][] = [];
  MARKDOWN_CORPUS.forEach((s, i) => docs.push([`corpus ${i}`, s]));
  for (const c of MARKDOWN_XSS) docs.push([`xss ${c.title}`, c.payload]);
  for (const c of [...BIDI_CASES, ...MARKER_CASES]) docs.push([`spoof ${c.title}`, c.payload]);
  COMMON.forEach((s, i) => docs.push([`common ${i}`, s]));
  for (let seed = 1; seed <= 300; seed++) docs.push([`doc ${seed}`, markdownDocument(prng(seed))]);
  for (let seed = 1; seed <= 200; seed++) docs.push([`soup ${seed}`, syntaxSoup(prng(seed * 7919))]);
  for (let seed = 1; seed <= 400; seed++)
    docs.push([
      `inline ${seed}`,
      `[ref]: https://r.example\n\n${piecesDocument(prng(seed * 31), INLINE, 30)}`,
    ]);
  return docs.map(([name, s]) => [name, s.replace(/\r\n?/g, '\n')]);
}
