/**
 * Property checks over generated documents (seeded, so failures reproduce): streaming a document through the
 * incremental renderer in random chunks ends with the same HTML as rendering it in one go (built from the
 * blocks, and patched into one element on every chunk), and rendering never throws nor emits anything outside
 * the policy.
 */
import { expect } from '@open-wc/testing';
import { patchMarkdown } from '../../src/markdown/dom.js';
import { IncrementalMarkdown } from '../../src/markdown/incremental.js';
import { ALLOWED_TAGS } from '../../src/markdown/policy.js';
import { renderMarkdownHTML } from '../../src/markdown/render.js';
import { markdownDocument, prng, syntaxSoup } from '../support/random-markdown.js';
import { blocksHTML, describe, it } from './markdown-harness.js';

describe('markdown properties over generated documents', () => {
  it('streaming in random chunks ends with the one-shot HTML (200 documents)', function (this: unknown) {
    // Hundreds of renders: allow for a loaded CI machine.
    (this as { timeout(ms: number): void }).timeout(120_000);
    const random = prng(20261122);
    for (let i = 0; i < 200; i++) {
      const text = markdownDocument(random);
      const engine = new IncrementalMarkdown();
      // One element patched on every step, as the element patches its growing block: wherever it starts
      // from, patching must end with exactly what a fresh build gives.
      const live = document.createElement('div');
      let end = 0;
      while (end < text.length) {
        end = Math.min(text.length, end + 1 + Math.floor(random() * 12));
        patchMarkdown(
          live,
          engine.update(text.slice(0, end), true).flatMap((b) => b.tokens),
        );
      }
      const blocks = engine.update(text, false);
      const streamed = blocksHTML(blocks);
      const oneShot = renderMarkdownHTML(text);
      expect(streamed, `document ${i}:\n${JSON.stringify(text)}`).to.equal(oneShot);
      patchMarkdown(
        live,
        blocks.flatMap((b) => b.tokens),
      );
      expect(live.innerHTML, `patched document ${i}:\n${JSON.stringify(text)}`).to.equal(oneShot);
    }
  });

  it('never throws and only emits allowlisted tags', function (this: unknown) {
    // Hundreds of renders: allow for a loaded CI machine.
    (this as { timeout(ms: number): void }).timeout(120_000);
    const random = prng(7);
    const allowed = new Set(ALLOWED_TAGS.map((t) => t.toUpperCase()));
    for (let i = 0; i < 200; i++) {
      // Random characters biased towards markdown and HTML syntax.
      const text = syntaxSoup(random);
      const template = document.createElement('template');
      template.innerHTML = renderMarkdownHTML(text);
      for (const el of template.content.querySelectorAll('*')) {
        expect(allowed.has(el.tagName), `${el.tagName} from ${JSON.stringify(text)}`).to.equal(true);
        for (const name of el.getAttributeNames()) expect(name.startsWith('on'), name).to.equal(false);
      }
    }
  });
});
