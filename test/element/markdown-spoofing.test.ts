/**
 * The spoofing table (test/fixtures/xss/spoofing.ts) against `<chatkit-markdown>`, streamed and final: no
 * bidi formatting character in link text, link titles, citation markers or the sources list; no citation
 * sentinel in any URL attribute, in any encoding; every link shows the expected text and goes where expected.
 */
import { expect } from '@open-wc/testing';
import type { ChatkitMarkdown } from '../../src/markdown/markdown.component.js';
import { BIDI_CASES, BIDI_CONTROLS, MARKER_CASES, type SpoofCase } from '../fixtures/xss/spoofing.js';
import { afterEach, body, describe, it, mountMarkdown, setProps, unmountAll } from './markdown-harness.js';

afterEach(unmountAll);

const BIDI = new RegExp(`[${BIDI_CONTROLS.join('')}]`, 'u');
/** A citation sentinel raw, percent-encoded, or encoded again any number of times. */
const SENTINEL = /[\uE000\uE001]|%(?:25)*EE%(?:25)*80%(?:25)*8[01]/i;

/** A link's visible text without the citation markers inside it. */
function linkText(a: Element): string {
  const copy = a.cloneNode(true) as Element;
  for (const marker of copy.querySelectorAll('.citation')) marker.remove();
  return copy.textContent ?? '';
}

function check(el: ChatkitMarkdown, row: SpoofCase, context: string): void {
  const root = el.shadowRoot!;
  const links = [...body(el).querySelectorAll('a')];
  for (const a of links) {
    expect(BIDI.test(a.textContent ?? ''), `${context}: link text ${JSON.stringify(a.textContent)}`).to.equal(
      false,
    );
    expect(BIDI.test(a.getAttribute('title') ?? ''), `${context}: link title`).to.equal(false);
    // Text around a link cannot reorder it.
    expect(getComputedStyle(a).unicodeBidi, `${context}: isolation`).to.equal('isolate');
  }
  for (const marker of root.querySelectorAll('.citation-marker')) {
    for (const value of [marker.textContent, marker.getAttribute('title'), marker.getAttribute('aria-label')])
      expect(BIDI.test(value ?? ''), `${context}: marker ${JSON.stringify(value)}`).to.equal(false);
  }
  const sources = root.querySelector('.sources');
  if (sources) expect(BIDI.test(sources.textContent ?? ''), `${context}: sources list`).to.equal(false);
  for (const node of root.querySelectorAll('[href], [src]')) {
    for (const name of ['href', 'src']) {
      const value = node.getAttribute(name);
      if (value !== null) expect(SENTINEL.test(value), `${context}: ${name}=${value}`).to.equal(false);
    }
  }
  if (row.links) {
    expect(
      links.map((a) => ({
        ...(row.links!.some((l) => l.text !== undefined) ? { text: linkText(a) } : {}),
        href: a.getAttribute('href'),
      })),
      context,
    ).to.deep.equal(row.links.map((l) => (l.text === undefined ? { href: l.href } : l)));
  }
}

for (const [name, table] of [
  ['bidi controls', BIDI_CASES],
  ['citation markers in URLs', MARKER_CASES],
] as const) {
  describe(`spoofing table: ${name}`, () => {
    for (const row of table) {
      it(row.title, async () => {
        const annotations = row.annotations ?? [];
        // Streamed: every prefix renders safely too.
        const el = await mountMarkdown({ text: '', streaming: true, annotations });
        for (let i = 4; i < row.payload.length; i += 4) {
          await setProps(el, { text: row.payload.slice(0, i) });
          check(el, { title: row.title, payload: row.payload }, `${row.title} (streamed, ${i})`);
        }
        await setProps(el, { text: row.payload, streaming: false });
        check(el, row, row.title);
        // Sources open: the list's text is rendered and checked too.
        el.shadowRoot!.querySelector<HTMLDetailsElement>('.sources')?.setAttribute('open', '');
        check(el, row, `${row.title} (sources open)`);
      });
    }
  });
}
