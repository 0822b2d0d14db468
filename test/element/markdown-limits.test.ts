/**
 * Bounded work on pathological markdown: inline runs with thousands of delimiters and over-wide tables are
 * capped with a visible note (their text is kept), a long text set at once is rendered in slices that add up
 * to the one-shot result, and link reference definitions cost no rendering.
 */
import { expect } from '@open-wc/testing';
import { IncrementalMarkdown } from '../../src/markdown/incremental.js';
import { MAX_TABLE_CELLS } from '../../src/markdown/limits.js';
import { MAX_INLINE_MARKS } from '../../src/markdown/parse.js';
import { renderMarkdownHTML } from '../../src/markdown/render.js';
import { until } from '../support/until.js';
import { afterEach, blocksHTML, body, describe, it, mountMarkdown, unmountAll } from './markdown-harness.js';

afterEach(unmountAll);

const note = (el: Element): Element | null => el.shadowRoot!.querySelector('[part~="truncated-note"]');

/** Renders `text` to the end, however many calls the engine takes, and returns the joined HTML. */
function renderAll(engine: IncrementalMarkdown, text: string, streaming = false): string {
  let blocks = engine.update(text, streaming);
  let calls = 1;
  while (engine.behind) {
    blocks = engine.update(text, streaming);
    calls++;
    if (calls > 10_000) throw new Error('no progress');
  }
  return blocksHTML(blocks);
}

describe('<chatkit-markdown> limits', () => {
  it('keeps an inline run with too many delimiters as plain text, with the note', async () => {
    const text = '*a'.repeat(MAX_INLINE_MARKS + 1);
    const el = await mountMarkdown({ text });
    expect(body(el).querySelector('em, strong')).to.equal(null);
    expect(body(el).textContent!.trim()).to.equal(text);
    expect(note(el)?.textContent).to.contain('limits');
  });

  it('renders emphasis normally below the cap, without the note', async () => {
    const el = await mountMarkdown({ text: '*a* '.repeat(200) });
    expect(body(el).querySelectorAll('em').length).to.equal(200);
    expect(note(el)).to.equal(null);
  });

  it('keeps the cells past the width limit of a table as text of its last cell', async () => {
    const cols = MAX_TABLE_CELLS + 50;
    const row = (cell: (i: number) => string): string =>
      `|${Array.from({ length: cols }, (_, i) => ` ${cell(i)} |`).join('')}`;
    const text = `${row((i) => `h${i}`)}\n${row(() => '---')}\n${row((i) => `c${i}`)}\n`;
    const el = await mountMarkdown({ text });
    expect(note(el)).not.to.equal(null);
    const shown = body(el).textContent!;
    // No cell's text is lost.
    for (const i of [0, MAX_TABLE_CELLS - 2, MAX_TABLE_CELLS + 10, cols - 1]) {
      expect(shown).to.contain(`h${i}`);
      expect(shown).to.contain(`c${i}`);
    }
    expect(body(el).querySelectorAll('th').length).to.be.at.most(MAX_TABLE_CELLS);
  });

  it('renders a long text set at once in slices that add up to the one-shot render', () => {
    const text = Array.from(
      { length: 600 },
      (_, i) => `Paragraph ${i} with **bold** and [a link](https://example.com/${i}).\n\n- item ${i}\n- next`,
    ).join('\n\n');
    // A zero budget makes every call stop after one window of source.
    const engine = new IncrementalMarkdown({ sliceMs: 0 });
    const first = engine.update(text, false);
    expect(engine.behind).to.equal(true);
    expect(first.length).to.be.greaterThan(0);
    expect(first.every((b) => !b.open)).to.equal(true);
    expect(renderAll(engine, text)).to.equal(renderMarkdownHTML(text));
    expect(engine.behind).to.equal(false);
  });

  it('shows all of a long answer set at once', async () => {
    const text = Array.from({ length: 1500 }, (_, i) => `Paragraph ${i} with *emphasis*.`).join('\n\n');
    const el = await mountMarkdown({ text });
    await until(() => body(el).querySelectorAll('p').length === 1500);
    const paragraphs = body(el).querySelectorAll('p');
    expect(paragraphs[1499]!.textContent).to.equal('Paragraph 1499 with emphasis.');
    expect(body(el).querySelectorAll('em').length).to.equal(1500);
  });

  it('resolves many reference links defined after the text, without rendering the definitions', () => {
    const n = 300;
    const text =
      Array.from({ length: n }, (_, i) => `[l${i}]`).join(' ') +
      '\n\n' +
      Array.from({ length: n }, (_, i) => `[l${i}]: https://example.com/${i}`).join('\n');
    const engine = new IncrementalMarkdown();
    const step = Math.ceil(text.length / 40);
    for (let end = step; end < text.length; end += step) renderAll(engine, text.slice(0, end), true);
    const html = renderAll(engine, text);
    expect(html).to.equal(renderMarkdownHTML(text));
    expect(html.match(/<a /g)?.length).to.equal(n);
  });
});
