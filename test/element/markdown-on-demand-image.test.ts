/**
 * Images are built by dom-image.ts, which loads with lexer-extras.ts the first time an answer holds an image
 * (most have none). A file of its own: every test file runs in a fresh page, so the module is not loaded yet.
 * This file must not import render.ts or lexer-extras.ts (they would load it before the element asks).
 */
import { expect } from '@open-wc/testing';
import { afterEach, body, describe, it, mountMarkdown, setProps, unmountAll } from './markdown-harness.js';

afterEach(unmountAll);

const loaded = (): boolean =>
  performance.getEntriesByType('resource').some((e) => e.name.includes('lexer-extras'));

describe('<chatkit-markdown> images on first use', () => {
  it('loads the image builder with the first image and shows nothing before it is here', async () => {
    const el = await mountMarkdown({
      streaming: true,
      text: 'Intro with a [link](https://example.com/).\n\n',
    });
    expect(loaded()).to.equal(false);
    const inserted: string[] = [];
    const observer = new MutationObserver((records) => {
      for (const r of records)
        for (const node of r.addedNodes)
          inserted.push(node instanceof Element ? node.outerHTML : node.textContent!);
    });
    observer.observe(body(el), { childList: true, subtree: true, characterData: true });
    await setProps(el, {
      text: 'Intro with a [link](https://example.com/).\n\n![A *chart*](https://example.com/c.png "Sales")\n\nAfter',
    });
    observer.disconnect();
    expect(loaded()).to.equal(true);
    const img = body(el).querySelector('img')!;
    expect(img.getAttribute('src')).to.equal('https://example.com/c.png');
    expect(img.getAttribute('alt')).to.equal('A chart');
    expect(img.getAttribute('title')).to.equal('Sales');
    expect(img.getAttribute('loading')).to.equal('lazy');
    // The alt text alone (what dom.ts shows without the module) never reached the page.
    expect(inserted.some((html) => html.includes('A chart') && !html.includes('<img'))).to.equal(false);
    expect([...body(el).querySelectorAll('p')].map((p) => p.textContent)).to.deep.equal([
      'Intro with a link.',
      '',
      'After',
    ]);

    // A host the policy refuses: alt text and the load control, built by the same module.
    await setProps(el, { allowedImageDomains: ['cdn.example.org'], streaming: false });
    const blocked = body(el).querySelector('.md-image-blocked')!;
    expect(blocked.textContent).to.contain('A chart');
    expect(blocked.querySelector('a.md-image-load')!.getAttribute('href')).to.equal(
      'https://example.com/c.png',
    );
  });
});
