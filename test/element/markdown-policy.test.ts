/**
 * policy.ts is the contract of the markdown DOM builder (dom.ts): render every markdown fixture (the XSS
 * table, the spoofing tables with their annotations, the streaming answer, generated documents) and walk the
 * resulting DOM. Every element, attribute and class must be one policy.ts allows, on an element it allows it
 * on, with the forced values where policy.ts forces them; no `on*` attribute; every URL a scheme
 * src/internal/url.ts allows. Rendered both one-shot (renderMarkdownToFragment) and streamed through the
 * element (which patches its growing block in place), since patching must keep the same guarantees.
 */
import { expect } from '@open-wc/testing';
import { IMAGE_PROTOCOLS, LINK_PROTOCOLS } from '../../src/internal/url.js';
import {
  ALLOWED_ALIGN,
  ALLOWED_ATTR,
  ALLOWED_CLASS,
  ALLOWED_TAGS,
  ATTR_OWNERS,
  CITATION_MARKER,
  CITATION_MARKER_CLASS,
  IMAGE_FORCED_ATTR,
  LINK_FORCED_ATTR,
  LOAD_CONTROL_FORCED_ATTR,
  TASK_FORCED_ATTR,
} from '../../src/markdown/policy.js';
import { renderMarkdownToFragment } from '../../src/markdown/render.js';
import { MARKDOWN_XSS } from '../fixtures/xss/markdown.js';
import { BIDI_CASES, MARKER_CASES } from '../fixtures/xss/spoofing.js';
import type { Annotation } from '../../src/protocol/types.js';
import { piecesDocument, prng } from '../support/random-markdown.js';
import { afterEach, describe, it, mountMarkdown, setProps, unmountAll } from './markdown-harness.js';

afterEach(unmountAll);

/** The forced attributes of an element, by what it is. */
function forcedOf(el: Element): Readonly<Record<string, string>> {
  if (el.localName === 'a')
    return el.classList.contains('md-image-load')
      ? { ...LINK_FORCED_ATTR, ...LOAD_CONTROL_FORCED_ATTR }
      : LINK_FORCED_ATTR;
  if (el.localName === 'img') return IMAGE_FORCED_ATTR;
  if (el.localName === 'input') return TASK_FORCED_ATTR;
  return {};
}

function checkUrl(el: Element, name: string, value: string, context: string): void {
  const url = new URL(value, document.baseURI);
  if (name === 'href') {
    expect(LINK_PROTOCOLS, `${context}: href ${value}`).to.include(url.protocol);
  } else {
    const ok =
      IMAGE_PROTOCOLS.includes(url.protocol) || /^data:image\/(?:png|jpeg|gif|webp);base64,/.test(value);
    expect(ok, `${context}: src ${value}`).to.equal(true);
  }
  expect(/^\s*(?:javascript|vbscript|data:text)/i.test(value), `${context}: ${name}=${value}`).to.equal(
    false,
  );
}

/** A citation marker (`sup.citation > button.citation-marker`), built from annotations by dom.ts. */
function checkMarker(el: Element, context: string): void {
  expect(CITATION_MARKER.tags, `${context}: marker ${el.outerHTML}`).to.include(el.localName);
  const cls = el.localName === 'sup' ? CITATION_MARKER_CLASS[0] : CITATION_MARKER_CLASS[1];
  expect(el.getAttribute('class'), `${context}: marker class`).to.equal(cls);
  if (el.localName === 'sup') expect(el.parentElement?.closest('.citation'), context).to.equal(null);
  else expect(el.parentElement?.matches('sup.citation'), `${context}: button outside its sup`).to.equal(true);
  for (const name of el.getAttributeNames())
    expect(CITATION_MARKER.attributes, `${context}: marker attribute ${name}`).to.include(name);
  if (el.localName === 'button') {
    expect(el.getAttribute('type')).to.equal('button');
    expect(/^\d{1,4}$/.test(el.getAttribute('data-citation') ?? ''), context).to.equal(true);
    expect(el.children.length, `${context}: marker content`).to.equal(0);
  }
}

/** Walks every element under `root` and checks it against policy.ts; returns how many were checked. */
function checkTree(root: ParentNode, context: string): number {
  let checked = 0;
  for (const el of root.querySelectorAll('*')) {
    checked++;
    for (const name of el.getAttributeNames())
      expect(/^on/i.test(name), `${context}: ${name} on ${el.outerHTML}`).to.equal(false);
    if (el.closest('.citation')) {
      checkMarker(el, context);
      continue;
    }
    const tag = el.localName;
    expect(ALLOWED_TAGS, `${context}: element ${el.outerHTML}`).to.include(tag);
    expect(el.namespaceURI, context).to.equal('http://www.w3.org/1999/xhtml');
    const forced = forcedOf(el);
    for (const [name, value] of Object.entries(forced)) {
      // An image placeholder's link or a link always has its forced attributes; so has every image and box.
      expect(el.getAttribute(name), `${context}: forced ${name} on ${el.outerHTML}`).to.equal(value);
    }
    for (const name of el.getAttributeNames()) {
      const value = el.getAttribute(name)!;
      if (name in forced) continue;
      expect(ALLOWED_ATTR, `${context}: attribute ${name} on ${el.outerHTML}`).to.include(name);
      const owners = ATTR_OWNERS[name];
      if (owners) expect(owners, `${context}: ${name} on <${tag}>`).to.include(tag);
      if (name === 'class') expect(ALLOWED_CLASS.test(value), `${context}: class ${value}`).to.equal(true);
      if (name === 'align') expect(ALLOWED_ALIGN.test(value), `${context}: align ${value}`).to.equal(true);
      if (name === 'start') expect(/^\d{1,9}$/.test(value), `${context}: start ${value}`).to.equal(true);
      if (name === 'href' || name === 'src') checkUrl(el, name, value, context);
    }
    // Every link and image carries a URL (no inert `<a>` or broken `<img>` is made).
    if (tag === 'a') expect(el.hasAttribute('href'), `${context}: ${el.outerHTML}`).to.equal(true);
    if (tag === 'img') expect(el.hasAttribute('src'), `${context}: ${el.outerHTML}`).to.equal(true);
  }
  return checked;
}

/** The DOM dom.ts wrote inside the element: its blocks, without the element's own code-block toolbars. */
function markdownRoots(el: HTMLElement): Element[] {
  return [...el.shadowRoot!.querySelectorAll('[part~="markdown"] > .group > .block')].filter(
    (block) => !block.querySelector(':scope > .code-block'),
  );
}

function prefixes(text: string, step: number): string[] {
  const out: string[] = [];
  for (let i = step; i < text.length; i += step) out.push(text.slice(0, i));
  out.push(text);
  return out;
}

/** Streams `text` into one element and checks its DOM after every chunk and at the end. */
async function checkStreamed(text: string, annotations: Annotation[], context: string): Promise<number> {
  const el = await mountMarkdown({ streaming: true, text: '', annotations });
  let checked = 0;
  for (const prefix of prefixes(text, Math.max(3, Math.ceil(text.length / 12)))) {
    await setProps(el, { text: prefix });
    for (const root of markdownRoots(el)) checked += checkTree(root, `${context} (streamed)`);
  }
  await setProps(el, { streaming: false });
  for (const root of markdownRoots(el)) checked += checkTree(root, context);
  return checked;
}

const RICH = [
  '# Heading *em* **strong** ~~del~~ `code`',
  '- [ ] task with [a link](https://example.com/a "title")\n- [x] done\n  1. nested\n  2. list',
  '3. starts at three\n4. four',
  '| L | C | R |\n|:--|:-:|--:|\n| a<br>b | ![img](https://img.example.com/a.png) | <https://auto.example> |',
  '> quote with www.example.net and a@b.example\n\n---',
  '```ts\nconst a = 1;\n```\n\n- item\n\n  ```py\n  nested()\n  ```',
  '![blocked](https://tracker.example.net/p.png) ![unsafe](javascript:alert(1)) ![data](data:image/png;base64,iVBORw0KGgo=)',
  '[ref]: https://example.com/ref "Ref"\n\nsee [ref] &copy; &amp; &#106;avascript: &unknown;',
  '<div onclick="x">html block</div>\n\ninline <b onmouseover=x>tag</b> and <br> break',
  '[bad](javascript:alert(1)) [bad2](&#106;avascript:alert(1)) [ok](mailto:a@example.com) [deep](chatkit-link:x)',
];

describe('markdown DOM stays within policy.ts', () => {
  it('the XSS table, rendered one-shot', () => {
    let checked = 0;
    for (const row of MARKDOWN_XSS)
      checked += checkTree(renderMarkdownToFragment(row.payload), `${row.title} (one-shot)`);
    expect(checked).to.be.greaterThan(40);
  });

  it('the XSS table, streamed into the element', async function (this: unknown) {
    (this as { timeout(ms: number): void }).timeout(120_000);
    let checked = 0;
    for (const row of MARKDOWN_XSS) checked += await checkStreamed(row.payload, [], row.title);
    expect(checked).to.be.greaterThan(40);
  });

  it('the spoofing tables, with their annotations', async function (this: unknown) {
    (this as { timeout(ms: number): void }).timeout(120_000);
    let markers = 0;
    for (const row of [...BIDI_CASES, ...MARKER_CASES]) {
      await checkStreamed(row.payload, row.annotations ?? [], row.title);
      checkTree(renderMarkdownToFragment(row.payload), `${row.title} (one-shot)`);
      markers += document
        .querySelector('chatkit-markdown:last-of-type')!
        .shadowRoot!.querySelectorAll('.citation-marker').length;
      unmountAll();
    }
    // The walk covered citation markers too.
    expect(markers).to.be.greaterThan(0);
  });

  it('every construct policy.ts lists, with images allowed, refused and proxied', async () => {
    const text = RICH.join('\n\n');
    const annotations: Annotation[] = [
      { type: 'annotation', source: { type: 'url', title: 'Docs', url: 'https://example.com' }, index: 12 },
    ];
    await checkStreamed(text, annotations, 'rich');
    const fragment = renderMarkdownToFragment(text, { allowedImageDomains: ['img.example.com'] });
    checkTree(fragment, 'rich (domains)');
    const tags = new Set([...fragment.querySelectorAll('*')].map((e) => e.localName));
    // The walk saw nearly every allowed tag, so the checks above are not vacuous.
    for (const tag of ALLOWED_TAGS.filter((t) => !/^h[2-6]$/.test(t))) expect([...tags], tag).to.include(tag);
    expect(fragment.querySelector('a.md-image-load')).not.to.equal(null);
    checkTree(
      renderMarkdownToFragment(text, { allowedImageDomains: [], imageProxyUrl: 'https://proxy.example/i' }),
      'rich (proxy)',
    );
  });

  it('generated documents (200 seeded)', function (this: unknown) {
    (this as { timeout(ms: number): void }).timeout(120_000);
    const random = prng(9);
    const pieces = [...RICH, '<', '>', '[', ']', '(', ')', '*', '_', '`', '|', '&', ';', '#', '!', '\n', ' '];
    for (let i = 0; i < 200; i++) {
      const text = piecesDocument(random, pieces, 12);
      checkTree(renderMarkdownToFragment(text), `document ${i}: ${JSON.stringify(text)}`);
    }
  });
});
