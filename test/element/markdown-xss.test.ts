/**
 * The XSS table (test/fixtures/xss/markdown.ts) against `<chatkit-markdown>` (streamed in chunks, then
 * final) and against renderMarkdownHTML. For every row: nothing runs (`window.__xss` stays unset), the row's
 * forbidden selectors match nothing, a general deny list holds (no script-capable elements, no event handler
 * or style attributes, no ids/names, only allowlisted URL schemes), and the row's text is still visible.
 */
import { expect } from '@open-wc/testing';
import { imagesSettled } from '../support/until.js';
import { renderMarkdownHTML } from '../../src/markdown/render.js';
import { MARKDOWN_XSS } from '../fixtures/xss/markdown.js';
import { afterEach, body, describe, it, mountMarkdown, setProps, unmountAll } from './markdown-harness.js';

declare global {
  interface Window {
    __xss?: unknown;
  }
}

afterEach(unmountAll);

const ALWAYS_FORBIDDEN =
  'script, iframe, frame, object, embed, style, link, meta, base, form, button:not(.citation-marker), textarea, ' +
  'select, svg, math, noscript, template, video, audio, source, details, marquee, body, html';

const FORBIDDEN_ATTR = /^(on|style$|id$|name$|srcset$|srcdoc$|formaction$|action$|xlink:|xmlns|autofocus$)/i;

const settle = imagesSettled;

/** Everything inside the rendered markdown except the element's own code-block toolbars. */
function contentElements(root: ParentNode): Element[] {
  return [...root.querySelectorAll('*')].filter((e) => !e.closest('.code-header'));
}

function assertSafe(root: ParentNode, forbidden: string[], context: string): void {
  for (const selector of forbidden) {
    const hit = contentElements(root).find((e) => e.matches(selector));
    expect(hit?.outerHTML, `${context}: forbidden ${selector}`).to.equal(undefined);
  }
  for (const e of contentElements(root)) {
    expect(e.matches(ALWAYS_FORBIDDEN), `${context}: element ${e.outerHTML}`).to.equal(false);
    for (const attr of e.getAttributeNames()) {
      expect(FORBIDDEN_ATTR.test(attr), `${context}: attribute ${attr} on ${e.outerHTML}`).to.equal(false);
    }
    const href = e.getAttribute('href');
    if (href !== null)
      expect(['http:', 'https:', 'mailto:'], `${context}: ${href}`).to.include(new URL(href).protocol);
    const src = e.getAttribute('src');
    if (src !== null)
      expect(/^(https?:|data:image\/(png|jpeg|gif|webp);base64,)/.test(src), `${context}: ${src}`).to.equal(
        true,
      );
  }
}

function chunks(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = size; i < text.length; i += size) out.push(text.slice(0, i));
  out.push(text);
  return out;
}

describe('markdown XSS table', () => {
  it('has at least 40 attacks', () => {
    expect(MARKDOWN_XSS.length).to.be.at.least(40);
  });

  for (const row of MARKDOWN_XSS) {
    it(`neutralises: ${row.title}`, async () => {
      window.__xss = undefined;
      const el = await mountMarkdown({ streaming: true, text: '' });
      // Streamed in small chunks first: partial payloads must be as harmless as whole ones.
      for (const text of chunks(row.payload, 5)) {
        await setProps(el, { text });
        assertSafe(body(el), row.forbidden, `${row.title} (streaming)`);
      }
      await setProps(el, { streaming: false });
      await settle();
      assertSafe(body(el), row.forbidden, row.title);
      for (const visible of row.text ?? []) expect(body(el).textContent, row.title).to.contain(visible);

      const template = document.createElement('template');
      template.innerHTML = renderMarkdownHTML(row.payload);
      assertSafe(template.content, row.forbidden, `${row.title} (renderMarkdownHTML)`);
      for (const visible of row.text ?? [])
        expect(template.content.textContent, row.title).to.contain(visible);

      expect(window.__xss, `${row.title}: payload executed`).to.equal(undefined);
    });
  }

  it('clicking every rendered link runs nothing', async () => {
    window.__xss = undefined;
    const el = await mountMarkdown({ text: MARKDOWN_XSS.map((r) => r.payload).join('\n\n') });
    await settle();
    for (const a of body(el).querySelectorAll('a')) {
      // Why prevent: the safe links would open tabs; the check is that their href is not script.
      a.addEventListener('click', (e) => e.preventDefault(), { once: true });
      a.click();
    }
    for (const marker of body(el).querySelectorAll<HTMLElement>('[onclick], [onmouseover]')) marker.click();
    await settle();
    expect(window.__xss).to.equal(undefined);
    assertSafe(body(el), [], 'all payloads in one message');
  });
});
