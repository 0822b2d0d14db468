/**
 * `<chatkit-markdown>`: GFM rendering, link and image policy, code blocks with copy buttons, and the public
 * one-shot renderers.
 */
import { expect } from '@open-wc/testing';
import { renderMarkdownHTML, renderMarkdownToFragment } from '../../src/markdown/render.js';
import { afterEach, body, describe, it, mountMarkdown, setProps, unmountAll } from './markdown-harness.js';

afterEach(unmountAll);

describe('<chatkit-markdown> GFM rendering', () => {
  it('renders headings, emphasis, lists, blockquotes and rules', async () => {
    const el = await mountMarkdown({
      text: '# Title\n\nSome **bold**, *em* and ~~gone~~ text.\n\n- one\n- two\n\n1. first\n2. second\n\n> quoted\n\n---\n',
    });
    const root = body(el);
    expect(root.querySelector('h1')?.textContent).to.equal('Title');
    expect(root.querySelector('strong')?.textContent).to.equal('bold');
    expect(root.querySelector('em')?.textContent).to.equal('em');
    expect(root.querySelector('del')?.textContent).to.equal('gone');
    expect([...root.querySelectorAll('ul > li')].map((li) => li.textContent)).to.deep.equal(['one', 'two']);
    expect(root.querySelectorAll('ol > li').length).to.equal(2);
    expect(root.querySelector('blockquote')?.textContent?.trim()).to.equal('quoted');
    expect(root.querySelector('hr')).not.to.equal(null);
  });

  it('renders GFM tables that scroll horizontally instead of widening the message', async () => {
    const wide = Array.from({ length: 30 }, (_, i) => `column-${i}`);
    const el = await mountMarkdown({
      text: `| ${wide.join(' | ')} |\n| ${wide.map(() => '---').join(' | ')} |\n| ${wide.map((_, i) => i).join(' | ')} |\n\n| L | C | R |\n|:--|:-:|--:|\n| a | b | c |`,
    });
    el.style.width = '300px';
    const tables = body(el).querySelectorAll('table');
    expect(tables.length).to.equal(2);
    expect(tables[0]!.querySelectorAll('th').length).to.equal(30);
    expect(getComputedStyle(tables[0]!).overflowX).to.equal('auto');
    expect(tables[0]!.scrollWidth).to.be.greaterThan(tables[0]!.clientWidth);
    expect(tables[0]!.getBoundingClientRect().width).to.be.at.most(300);
    const aligns = [...tables[1]!.querySelectorAll('td')].map((td) => td.getAttribute('align'));
    expect(aligns).to.deep.equal(['left', 'center', 'right']);
  });

  it('turns a bare <br> into a line break (common in table cells) and nothing else', async () => {
    const el = await mountMarkdown({
      text: '| a |\n|---|\n| one<br>two<br/>three |\n\nx <br onclick="window.__xss=1"> y',
    });
    expect(body(el).querySelectorAll('td br').length).to.equal(2);
    expect(body(el).querySelectorAll('br').length).to.equal(2);
    expect(body(el).textContent).to.contain('<br onclick="window.__xss=1">');
  });

  it('renders task lists as disabled checkboxes', async () => {
    const el = await mountMarkdown({ text: '- [ ] todo\n- [x] done' });
    const boxes = [...body(el).querySelectorAll('input')];
    expect(boxes.length).to.equal(2);
    for (const box of boxes) {
      expect(box.type).to.equal('checkbox');
      expect(box.disabled).to.equal(true);
    }
    expect(boxes.map((b) => b.checked)).to.deep.equal([false, true]);
    expect(boxes.map((b) => b.getAttribute('aria-label'))).to.deep.equal(['todo', 'done']);
  });

  it('opens links in a new tab without an opener or referrer', async () => {
    const el = await mountMarkdown({
      text: '[site](https://example.com/a) <https://example.org> www.example.net [mail](mailto:a@example.com)',
    });
    const links = [...body(el).querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).to.deep.equal([
      'https://example.com/a',
      'https://example.org/',
      'http://www.example.net/',
      'mailto:a@example.com',
    ]);
    for (const a of links) {
      expect(a.getAttribute('target')).to.equal('_blank');
      expect(a.getAttribute('rel')).to.equal('noopener noreferrer');
    }
  });

  it('keeps the text of a link whose URL is not allowed, without a link', async () => {
    const el = await mountMarkdown({ text: 'see [the docs](ftp://example.com/file) now' });
    expect(body(el).querySelector('a')).to.equal(null);
    expect(body(el).textContent).to.contain('see the docs now');
  });

  it('resolves character references into text, never into markup', async () => {
    const el = await mountMarkdown({
      text: 'AT&amp;T &copy; 2026 &lt;b&gt;x&lt;/b&gt; &#x41;&#66; &frac78; &#0;\n\n[q](https://example.com/?a=1&amp;b=2 "&quot;t&quot;") `&amp;`',
    });
    const p = body(el).querySelectorAll('p');
    expect(p[0]!.textContent).to.equal('AT&T © 2026 <b>x</b> AB &frac78; \uFFFD');
    expect(body(el).querySelector('b')).to.equal(null);
    const a = body(el).querySelector('a')!;
    expect(a.getAttribute('href')).to.equal('https://example.com/?a=1&b=2');
    expect(a.getAttribute('title')).to.equal('"t"');
    // Code spans are literal.
    expect(p[1]!.querySelector('code')?.textContent).to.equal('&amp;');
  });

  it('shows raw HTML as text', async () => {
    const el = await mountMarkdown({ text: 'a <b>bold</b> claim\n\n<div class="x">block</div>' });
    expect(body(el).querySelector('b')).to.equal(null);
    expect(body(el).querySelector('div.x')).to.equal(null);
    expect(body(el).textContent).to.contain('a <b>bold</b> claim');
    expect(body(el).textContent).to.contain('<div class="x">block</div>');
  });
});

describe('<chatkit-markdown> images', () => {
  const png =
    'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

  it('renders allowed images lazily and without a referrer', async () => {
    const el = await mountMarkdown({ text: `![a dot](${png})` });
    const img = body(el).querySelector('img')!;
    expect(img.getAttribute('src')).to.equal(png);
    expect(img.getAttribute('alt')).to.equal('a dot');
    expect(img.getAttribute('loading')).to.equal('lazy');
    expect(img.getAttribute('referrerpolicy')).to.equal('no-referrer');
  });

  it('replaces images from hosts outside allowed_image_domains by their alt text', async () => {
    const el = await mountMarkdown({
      text: '![ok](https://img.example.com/a.png) ![tracker](https://evil.example.net/pixel.png?secret=1)',
      allowedImageDomains: ['example.com'],
    });
    const imgs = [...body(el).querySelectorAll('img')];
    expect(imgs.map((i) => i.getAttribute('src'))).to.deep.equal(['https://img.example.com/a.png']);
    const blocked = body(el).querySelector('.md-image-blocked')!;
    expect(blocked.firstChild?.textContent).to.equal('tracker');
    // The click-to-load control names the host; its href is the image, checked like any link.
    const load = blocked.querySelector('a.md-image-load')!;
    expect(load.textContent).to.equal('Load image from evil.example.net');
    expect(load.getAttribute('href')).to.equal('https://evil.example.net/pixel.png?secret=1');
  });

  it('re-renders when the allowed domains change', async () => {
    const el = await mountMarkdown({ text: '![x](https://img.example.com/a.png)', allowedImageDomains: [] });
    expect(body(el).querySelector('img')).to.equal(null);
    await setProps(el, { allowedImageDomains: null });
    expect(body(el).querySelector('img')).not.to.equal(null);
  });
});

describe('<chatkit-markdown> code blocks', () => {
  it('renders fenced code with a language label and a copy button', async () => {
    const el = await mountMarkdown({ text: 'Try:\n\n```ts\nconst a = "<b>";\n```\n' });
    const block = el.shadowRoot!.querySelector('[part~="code-block"]')!;
    expect(block.querySelector('.code-lang')?.textContent).to.equal('ts');
    expect(block.querySelector('code')?.textContent).to.equal('const a = "<b>";');
    expect(block.querySelector('code b')).to.equal(null);
    const button = block.querySelector<HTMLButtonElement>('[part~="copy-button"]')!;
    expect(button.getAttribute('aria-label')).to.equal('Copy code');
    expect(button.querySelector('svg')).not.to.equal(null);
  });

  it('copies the code and confirms', async () => {
    const el = await mountMarkdown({ text: '```\nline 1\nline 2\n```' });
    let copied: string | undefined;
    const clipboard = window.navigator.clipboard;
    const original = clipboard.writeText;
    clipboard.writeText = async (text: string) => {
      copied = text;
    };
    try {
      const button = el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="copy-button"]')!;
      // Resolves when the button's accessible name changes (a DOM mutation, not a timer).
      const confirmed = new Promise<void>((resolve) => {
        const observer = new MutationObserver(() => {
          if (button.getAttribute('aria-label') === 'Copied') {
            observer.disconnect();
            resolve();
          }
        });
        observer.observe(button, { attributes: true, attributeFilter: ['aria-label'] });
      });
      button.click();
      await confirmed;
      expect(copied).to.equal('line 1\nline 2');
    } finally {
      clipboard.writeText = original;
    }
  });

  it('uses localised labels', async () => {
    const el = await mountMarkdown({ text: '```\nx\n```', labels: { copyCode: 'Code kopieren' } });
    const button = el.shadowRoot!.querySelector('[part~="copy-button"]')!;
    expect(button.getAttribute('aria-label')).to.equal('Code kopieren');
  });
});

describe('<chatkit-markdown> accessibility and theming', () => {
  it('passes axe with headings, tables, code, images, task lists and citations', async () => {
    const el = await mountMarkdown({
      text: '## Plan\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```js\nx()\n```\n\n- [x] done\n\n![chart](https://img.example.com/c.png) [docs](https://example.com)',
      annotations: [
        { type: 'annotation', source: { type: 'url', title: 'Docs', url: 'https://example.com' }, index: 5 },
      ],
    });
    await expect(el).to.be.accessible();
  });

  it('colors links with --chatkit-accent', async () => {
    const el = await mountMarkdown({ text: '[x](https://example.com)' });
    el.style.setProperty('--chatkit-accent', 'rgb(1, 2, 3)');
    expect(getComputedStyle(body(el).querySelector('a')!).color).to.equal('rgb(1, 2, 3)');
    el.style.setProperty('--chatkit-accent', 'rgb(4, 5, 6)');
    expect(getComputedStyle(body(el).querySelector('a')!).color).to.equal('rgb(4, 5, 6)');
  });
});

describe('renderMarkdownHTML / renderMarkdownToFragment', () => {
  it('returns sanitized HTML for reuse outside the element', () => {
    const out = renderMarkdownHTML('**hi** [x](javascript:alert(1)) <img src=x onerror=alert(1)>');
    expect(out).to.contain('<strong>hi</strong>');
    expect(out).not.to.contain('javascript:');
    expect(out).not.to.contain('<img');
    expect(out).to.contain('&lt;img');
  });

  it('returns a fragment of the current document', () => {
    const fragment = renderMarkdownToFragment('[a](https://example.com)\n\n| a |\n|---|\n| 1 |');
    expect(fragment.ownerDocument).to.equal(document);
    const a = fragment.querySelector('a')!;
    expect(a.getAttribute('rel')).to.equal('noopener noreferrer');
    expect(fragment.querySelector('table td')?.textContent).to.equal('1');
  });
});
