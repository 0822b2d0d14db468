/**
 * Differential test of our lexer (src/markdown/lexer.ts) against marked's, which stays a devDependency only as
 * this test's oracle. Each document of markdown-lexer-cases.ts (every markdown string of the tests, the XSS and
 * spoofing tables, 900 seeded generated documents, common answer shapes) is lexed by both; dom.ts builds DOM
 * from each token stream and the two DOMs are compared. DOM, not tokens: token differences that build the same
 * DOM do not matter. The comparison normalises only what a reader cannot see: runs of white space in text
 * outside `<pre>` (the markdown's CSS keeps `white-space: normal`) and white space at the start or end of a
 * block.
 *
 * The differences we accept are listed in ACCEPTED with the reason; the test fails on any other difference and
 * on an entry that no longer differs (so the table stays true).
 */
import { expect } from '@open-wc/testing';
import { Lexer, type Token } from 'marked';
import { patchMarkdown } from '../../src/markdown/dom.js';
import { installLexerExtras, lex } from '../../src/markdown/lexer.js';
import * as lexerExtras from '../../src/markdown/lexer-extras.js';
import { lexerCases } from './markdown-lexer-cases.js';
import { describe, it } from './markdown-harness.js';

/** Dense inline syntax soup where marked's regular-expression emphasis and literal-autolink rules (which rescan
 * and let a `www.`/`http` match swallow delimiters that CommonMark's delimiter algorithm pairs first) and
 * CommonMark's linear delimiter algorithm disagree. None of these is prose a model writes. */
const SOUP =
  "marked's regex emphasis/autolink rules vs CommonMark's delimiter algorithm on dense syntax soup (not prose)";

// Every construct from the first document (as render.ts does): the element's on-demand path has its own test.
installLexerExtras(lexerExtras);

const ACCEPTED: Record<string, string> = {
  'soup 89':
    'a private-use character (our citation sentinel) before `_`: marked treats it as non-alphanumeric and opens ' +
    'emphasis; CommonMark (and we) treat it as a letter, so the `_` is intraword',
  'inline 104':
    'an autolink inside link text: marked builds a link inside a link; CommonMark (and we) do not make the outer link',
  'inline 119': SOUP,
  'inline 136': SOUP,
  'inline 146': SOUP,
  'inline 271': SOUP,
  'inline 276': SOUP,
  'inline 296': SOUP,
  'inline 297': SOUP,
  'inline 302': SOUP,
  'inline 318': SOUP,
  'inline 324': SOUP,
  'inline 349': SOUP,
  'inline 386': SOUP,
  'inline 394': SOUP,
};

const inert = document.implementation.createHTMLDocument('');
const BLOCK = '(?:p|li|h[1-6]|td|th|blockquote)';
const EDGE_END = new RegExp(` (</${BLOCK}>)`, 'g');
const EDGE_START = new RegExp(`(<${BLOCK}(?: [^>]*)?>) `, 'g');

/** The normalised HTML dom.ts builds from `tokens`. */
function built(tokens: readonly Token[]): string {
  const holder = inert.createElement('div');
  patchMarkdown(holder, tokens, { base: document.baseURI });
  const walker = inert.createTreeWalker(holder, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode())
    if (!node.parentElement?.closest('pre')) node.nodeValue = node.nodeValue!.replace(/[ \t\n]+/g, ' ');
  return holder.innerHTML.replace(EDGE_END, '$1').replace(EDGE_START, '$1');
}

describe('markdown lexer: differential test against marked', () => {
  it('builds the same DOM as marked for every test document and 900 generated ones', function (this: unknown) {
    (this as { timeout(ms: number): void }).timeout(300_000);
    const cases = lexerCases();
    expect(cases.length).to.be.greaterThan(1500);
    const differing: string[] = [];
    const unexpected: string[] = [];
    for (const [name, source] of cases) {
      const oracle = built(new Lexer({ gfm: true, breaks: false }).lex(source));
      const ours = built(lex(source) as unknown as Token[]);
      if (oracle === ours) continue;
      differing.push(name);
      if (!(name in ACCEPTED))
        unexpected.push(`${name}: ${JSON.stringify(source)}\n  marked: ${oracle}\n  ours:   ${ours}`);
    }
    expect(unexpected, unexpected.join('\n\n')).to.deep.equal([]);
    const stale = Object.keys(ACCEPTED).filter((name) => !differing.includes(name));
    expect(stale, 'accepted differences that no longer differ').to.deep.equal([]);
  });
});
