/**
 * What `<chatkit-markdown>` loads on first use rather than with its chunk: citations.ts (markers, the sources
 * list and their styles) for the first annotated message, entity-names.ts for the first character reference
 * beyond `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;` and `&nbsp;`, lexer-extras.ts for the first raw HTML,
 * `<…>` autolink, link reference definition or e-mail address. This file must not import render.ts,
 * citations.ts, entity-names.ts or lexer-extras.ts: they would load those modules before the element asks.
 */
import { expect } from '@open-wc/testing';
import { entityNamesLoading } from '../../src/markdown/entities.js';
import { afterEach, body, describe, it, mountMarkdown, setProps, unmountAll } from './markdown-harness.js';

afterEach(unmountAll);

describe('<chatkit-markdown> parts loaded on first use', () => {
  it('resolves the common references without the name table, and the others once it has loaded', async () => {
    const plain = await mountMarkdown({ text: 'AT&amp;T &lt;b&gt; &quot;q&quot;&nbsp;&#x41;' });
    expect(body(plain).querySelector('p')!.textContent).to.equal('AT&T <b> "q"\u00a0A');
    expect(entityNamesLoading()).to.equal(undefined);

    const el = await mountMarkdown({ streaming: true, text: 'Fair &copy; 2026' });
    // updateComplete includes the render after the table arrived.
    expect(body(el).querySelector('p')!.textContent).to.equal('Fair © 2026');
    await setProps(el, { text: 'Fair &copy; 2026 &frac78; &eacute;', streaming: false });
    expect(body(el).querySelector('p')!.textContent).to.equal('Fair © 2026 &frac78; é');
  });

  it('loads the lexer rules for HTML, definitions and e-mail on first use, showing nothing it takes back', async () => {
    const loaded = (): boolean =>
      performance.getEntriesByType('resource').some((e) => e.name.includes('lexer-extras'));
    const plain = await mountMarkdown({
      text: '# Title\n\nSome **bold** text, a [link](https://example.com/) and `<code>`.\n\n- a < b\n- 1 <= 2\n',
    });
    expect(body(plain).querySelector('a')!.getAttribute('href')).to.equal('https://example.com/');
    expect(loaded()).to.equal(false);

    // Streamed: the HTML block arrives mid-answer. Without its rules the lexer would read `*a*` as emphasis; the
    // element keeps what it showed until the rules are here, so no `<em>` is ever in the DOM.
    const el = await mountMarkdown({ streaming: true, text: 'Intro.\n\n' });
    const inserted: string[] = [];
    const observer = new MutationObserver((records) => {
      for (const r of records)
        for (const node of r.addedNodes) if (node instanceof Element) inserted.push(node.outerHTML);
    });
    observer.observe(body(el), { childList: true, subtree: true });
    await setProps(el, { text: 'Intro.\n\n<div>\n*a*\n</div>\n\nAfter *b*' });
    observer.disconnect();
    expect(loaded()).to.equal(true);
    const paragraphs = [...body(el).querySelectorAll('p')].map((p) => p.textContent);
    expect(paragraphs).to.deep.equal(['Intro.', '<div>\n*a*\n</div>', 'After b']);
    expect(inserted.some((html) => html.includes('<em>a</em>'))).to.equal(false);

    await setProps(el, {
      streaming: false,
      text: 'Mail a@example.com or <https://example.com/x>, see [docs].\n\n[docs]: https://example.com/docs\n',
    });
    const hrefs = [...body(el).querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(hrefs).to.deep.equal([
      'mailto:a@example.com',
      'https://example.com/x',
      'https://example.com/docs',
    ]);
  });

  it('shows markers, the sources list and its styles once citations are loaded', async () => {
    const el = await mountMarkdown({
      text: 'Remote work is allowed.',
      annotations: [
        {
          type: 'annotation',
          source: { type: 'url', title: 'FAQ', url: 'https://example.com/faq' },
          index: 6,
        },
      ],
    });
    const marker = body(el).querySelector<HTMLElement>('[part~="citation"]')!;
    expect(marker.textContent).to.equal('1');
    const sources = el.shadowRoot!.querySelector<HTMLElement>('[part~="sources"]')!;
    expect(sources.querySelector('a')!.getAttribute('href')).to.equal('https://example.com/faq');
    // The adopted sheet of citations.ts styles both (no inline style attributes).
    expect(getComputedStyle(marker).cursor).to.equal('pointer');
    expect(getComputedStyle(sources.querySelector('summary')!).cursor).to.equal('pointer');
    expect(el.shadowRoot!.querySelector('[style]')).to.equal(null);
  });
});
