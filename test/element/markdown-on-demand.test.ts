/**
 * What `<chatkit-markdown>` loads on first use rather than with its chunk: citations.ts (markers, the sources
 * list and their styles) for the first annotated message, entity-names.ts for the first character reference
 * beyond `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;` and `&nbsp;`. This file must not import render.ts,
 * citations.ts or entity-names.ts: they would load those modules before the element asks for them.
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
