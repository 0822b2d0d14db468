/**
 * Incremental rendering of `<chatkit-markdown>`: finished blocks are rendered once and keep their DOM nodes
 * while the answer streams; only the tail re-renders; an unclosed code fence shows as code; the caret.
 */
import { expect } from '@open-wc/testing';
import { IncrementalMarkdown, type MarkdownBlock } from '../../src/markdown/incremental.js';
import { patchMarkdown } from '../../src/markdown/dom.js';
import { lexMarkdown } from '../../src/markdown/parse.js';
import { renderMarkdownHTML } from '../../src/markdown/render.js';
import {
  afterEach,
  blocksHTML,
  body,
  describe,
  it,
  mountMarkdown,
  setProps,
  unmountAll,
} from './markdown-harness.js';

afterEach(unmountAll);

const ANSWER = [
  '# Release notes',
  'This release brings **faster streaming** and a few fixes. See [the changelog](https://example.com/changes).',
  '- one\n- two\n- three',
  '| Feature | Status |\n|---|---|\n| Tables | done |\n| Lists | done |',
  '```ts\nconst answer = 42;\nconsole.log(answer);\n```',
  '> A quote that spans\n> two lines.',
  'A closing paragraph with `inline code` and ~~strikethrough~~.',
  '1. first\n2. second',
  'The end.',
].join('\n\n');

/** Splits `text` into `n` prefixes of roughly equal growth (the deltas a stream would deliver). */
function prefixes(text: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => text.slice(0, Math.ceil(((i + 1) * text.length) / n)));
}

function blockElements(el: Element): HTMLElement[] {
  return [...body(el as never).querySelectorAll<HTMLElement>(':scope > .group > .block')];
}

describe('<chatkit-markdown> incremental streaming', () => {
  it('keeps the DOM nodes of finished blocks identical across 50 deltas', async () => {
    const el = await mountMarkdown({ streaming: true, text: '' });
    const seen: Array<{ block: HTMLElement; child: Node | null; html: string }> = [];
    let checks = 0;
    for (const text of prefixes(ANSWER, 50)) {
      await setProps(el, { text });
      const blocks = blockElements(el);
      // Every block recorded as finished earlier is still the same node, with the same inner nodes.
      seen.forEach((rec, i) => {
        expect(blocks[i], `block ${i} after ${text.length} chars`).to.equal(rec.block);
        expect(blocks[i]!.firstElementChild, `content of block ${i}`).to.equal(rec.child);
        expect(blocks[i]!.innerHTML).to.equal(rec.html);
        checks++;
      });
      for (let i = seen.length; i < blocks.length - 1; i++) {
        const block = blocks[i]!;
        expect(block.classList.contains('block--tail')).to.equal(false);
        seen.push({ block, child: block.firstElementChild, html: block.innerHTML });
      }
      expect(blocks.at(-1)!.classList.contains('block--tail')).to.equal(true);
    }
    expect(seen.length).to.equal(8);
    expect(checks).to.be.greaterThan(100);
    const last = blockElements(el).at(-1)!;
    await setProps(el, { streaming: false });
    expect(blockElements(el).at(-1)).to.equal(last);
    expect(last.classList.contains('block--tail')).to.equal(false);
    expect(blockElements(el).length).to.equal(9);
  });

  it('parses and renders each finished block once; only the tail is redone per delta', () => {
    const engine = new IncrementalMarkdown();
    const deltas = prefixes(ANSWER, 50);
    let blocks: readonly { key: string }[] = [];
    for (const text of deltas) blocks = engine.update(text, true);
    blocks = engine.update(ANSWER, false);
    expect(blocks.length).to.equal(9);
    // At most one tail render per delta, plus each block once when it becomes finished.
    expect(engine.renderCount).to.be.at.most(deltas.length + 1 + blocks.length);
    const again = engine.renderCount;
    engine.update(ANSWER, false);
    expect(engine.renderCount, 'an unchanged update renders nothing').to.equal(again);
  });

  it('renders the same HTML as a one-shot render', () => {
    const text = ANSWER.replace(/```ts[\s\S]*?```\n\n/, '');
    const engine = new IncrementalMarkdown();
    for (const prefix of prefixes(text, 37)) engine.update(prefix, true);
    const incremental = blocksHTML(engine.update(text, false));
    expect(incremental).to.equal(renderMarkdownHTML(text));
  });

  it('does not commit a paragraph that a later-retracted interruption seemed to end', () => {
    // Found by the generated-documents check: while streaming, `text\n|---|` is a one-column table that
    // interrupts the paragraph above; once the delimiter row grows a second column it is paragraph text again.
    const text = 'Plain text.\nPlain text.\n|---|:-:|\n\nEnd.';
    const engine = new IncrementalMarkdown();
    for (let end = 1; end <= text.length; end++) engine.update(text.slice(0, end), true);
    const html = blocksHTML(engine.update(text, false));
    expect(html).to.equal(renderMarkdownHTML(text));
    expect(html).to.contain('<p>Plain text.\nPlain text.\n|---|:-:|</p>');
  });

  it('commits a run of definitions line by line, with titles on their next line still read', () => {
    const defs = Array.from({ length: 40 }, (_, i) =>
      i % 5 === 0 ? `[l${i}]: https://example.com/${i}\n  "Title ${i}"` : `[l${i}]: https://example.com/${i}`,
    );
    const uses = Array.from({ length: 40 }, (_, i) => `[l${i}]`).join(' ');
    const text = `${uses}\n\n${defs.join('\n')}\n[l0]: https://example.com/again 'not\nthis'\n\nEnd.`;
    const engine = new IncrementalMarkdown();
    // The committed prefix (private): what later deltas no longer lex.
    const committed = (): number => (engine as unknown as { stable: string }).stable.length;
    const last = text.indexOf('[l39]:');
    for (let end = 1; end <= text.length; end += 7) {
      engine.update(text.slice(0, end), true);
      if (end > last) expect(committed(), `committed at ${end}`).to.be.at.least(text.indexOf('[l37]:'));
    }
    const html = blocksHTML(engine.update(text, false));
    expect(html).to.equal(renderMarkdownHTML(text));
    expect(html).to.contain('<a href="https://example.com/5" title="Title 5"');
  });

  it('bounds a streamed text as the whole text', () => {
    const deep = `${'>'.repeat(40)} deep\n`;
    const wide = `|${' c |'.repeat(150)}\n|${'---|'.repeat(150)}\n`;
    const text = `Intro.\n\n${deep}\nMiddle.\n\n${wide}\nEnd with ${'> '.repeat(30)}`;
    const engine = new IncrementalMarkdown();
    for (let end = 1; end <= text.length; end += 13) engine.update(text.slice(0, end), true);
    const html = blocksHTML(engine.update(text, false));
    expect(engine.truncated).to.equal(true);
    expect(html).to.equal(renderMarkdownHTML(text));
    // Replaced rather than extended: bounded afresh.
    engine.update('Plain.', false);
    expect(engine.truncated).to.equal(false);
  });

  it('renders an unclosed code fence as code while it streams', async () => {
    const el = await mountMarkdown({ streaming: true, text: 'Run this:\n\n```py\nprint("hi")\nfor i in' });
    let code = el.shadowRoot!.querySelector('[part~="code-block"]')!;
    expect(code.querySelector('.code-lang')?.textContent).to.equal('py');
    expect(code.querySelector('code')?.textContent).to.equal('print("hi")\nfor i in');
    expect(code.closest('.block')!.classList.contains('block--tail')).to.equal(true);
    // The caret follows the code.
    const after = getComputedStyle(code.querySelector('code')!, '::after');
    expect(after.content).to.equal('""');
    expect(after.display).to.equal('inline-block');

    await setProps(el, {
      text: 'Run this:\n\n```py\nprint("hi")\nfor i in range(3): pass\n```\n\nDone **now**',
    });
    code = el.shadowRoot!.querySelector('[part~="code-block"]')!;
    expect(code.querySelector('code')?.textContent).to.equal('print("hi")\nfor i in range(3): pass');
    expect(code.closest('.block')!.classList.contains('block--tail')).to.equal(false);
    expect(body(el).querySelector('.block--tail strong')?.textContent).to.equal('now');
  });

  it('shows a caret while waiting for the first text and none once done', async () => {
    const el = await mountMarkdown({ streaming: true, text: '' });
    expect(el.shadowRoot!.querySelector('.caret--alone')).not.to.equal(null);
    await setProps(el, { text: 'Hello' });
    expect(el.shadowRoot!.querySelector('.caret--alone')).to.equal(null);
    const p = body(el).querySelector('.block--tail p')!;
    expect(getComputedStyle(p, '::after').display).to.equal('inline-block');
    await setProps(el, { streaming: false });
    expect(body(el).querySelector('.block--tail')).to.equal(null);
    expect(getComputedStyle(body(el).querySelector('p')!, '::after').content).to.equal('none');
  });

  it('starts over when the text is replaced rather than extended', async () => {
    const el = await mountMarkdown({ streaming: true, text: 'First answer.\n\nMore of it.' });
    await setProps(el, { text: 'Another answer entirely.', streaming: false });
    expect(blockElements(el).length).to.equal(1);
    expect(body(el).textContent?.trim()).to.equal('Another answer entirely.');
  });

  it('resolves reference links whose definition arrives after the use', async () => {
    const text = 'See [the guide][g].\n\nMore text.\n\n[g]: https://example.com/guide';
    const el = await mountMarkdown({ streaming: true, text: '' });
    for (const prefix of prefixes(text, 10)) await setProps(el, { text: prefix });
    await setProps(el, { streaming: false });
    const a = body(el).querySelector('a')!;
    expect(a.getAttribute('href')).to.equal('https://example.com/guide');
    expect(a.textContent).to.equal('the guide');
  });

  it('handles CRLF line endings', async () => {
    const el = await mountMarkdown({ text: '# Title\r\n\r\n- a\r\n- b\r\n' });
    expect(body(el).querySelector('h1')?.textContent).to.equal('Title');
    expect(body(el).querySelectorAll('li').length).to.equal(2);
  });

  it('patches the growing block in place: its paragraph node is kept while text arrives', async () => {
    const el = await mountMarkdown({ streaming: true, text: 'First para' });
    const p = body(el).querySelector('.block--tail p')!;
    const strong = 'First paragraph with **bold** text';
    for (const text of ['First paragraph', 'First paragraph with **bo', strong]) {
      await setProps(el, { text });
      expect(body(el).querySelector('.block--tail p'), text).to.equal(p);
    }
    expect(p.innerHTML).to.equal(renderMarkdownHTML(strong).replace(/^<p>|<\/p>\n?$/g, ''));
    // A new element shape (a list instead of a paragraph) replaces the node rather than patching it.
    await setProps(el, { text: strong + '\n\n- one' });
    expect(body(el).querySelector('.block--tail li')?.textContent).to.equal('one');
  });

  it('patchMarkdown reproduces a fresh build exactly, replacing elements whose attributes differ', () => {
    const target = document.createElement('div');
    const cases = [
      'a [link](https://a.example/)',
      'a [link text](https://a.example/) more\n\n- x',
      'a [link text](https://b.example/) more\n\n- x\n- y',
      '## t',
      '',
    ];
    let link: Element | null = null;
    for (const markdown of cases) {
      patchMarkdown(target, lexMarkdown(markdown));
      expect(target.innerHTML, markdown).to.equal(renderMarkdownHTML(markdown));
      if (markdown.includes('a.example') && link) expect(target.querySelector('a')).to.equal(link);
      if (markdown.includes('b.example')) expect(target.querySelector('a')).not.to.equal(link);
      link = target.querySelector('a');
    }
  });

  it('patching a growing block keeps its elements and changes only the text that grew', () => {
    const target = document.createElement('div');
    const text = 'Intro with **bold** and a [link](https://example.com/x) and more words';
    patchMarkdown(target, lexMarkdown(text.slice(0, 60)));
    const p = target.querySelector('p')!;
    const strong = target.querySelector('strong')!;
    const link = target.querySelector('a')!;
    const records: MutationRecord[] = [];
    const observer = new MutationObserver((list) => records.push(...list));
    observer.observe(target, { childList: true, subtree: true, attributes: true, characterData: true });
    patchMarkdown(target, lexMarkdown(text));
    records.push(...observer.takeRecords());
    observer.disconnect();
    expect(target.querySelector('p')).to.equal(p);
    expect(target.querySelector('strong')).to.equal(strong);
    expect(target.querySelector('a')).to.equal(link);
    expect(records.map((r) => r.type)).to.deep.equal(['characterData']);
    expect(target.innerHTML).to.equal(renderMarkdownHTML(text));
  });

  it('renders answers longer than one group of blocks, in order, keeping finished blocks', async () => {
    const text = Array.from({ length: 100 }, (_, i) => `Paragraph ${i}.`).join('\n\n');
    const el = await mountMarkdown({ streaming: true, text: '' });
    for (const prefix of prefixes(text, 20)) await setProps(el, { text: prefix });
    const first = blockElements(el)[0];
    await setProps(el, { streaming: false });
    const blocks = blockElements(el);
    expect(blocks.length).to.equal(100);
    expect(blocks[0]).to.equal(first);
    expect(blocks.map((b) => b.textContent?.trim())).to.deep.equal(
      Array.from({ length: 100 }, (_, i) => `Paragraph ${i}.`),
    );
  });

  it("ending the stream with the streamed text rebuilds nothing: only the open block's group renders again", async () => {
    const text = Array.from({ length: 100 }, (_, i) => `Paragraph ${i}.`).join('\n\n');
    const el = await mountMarkdown({ streaming: true, text });
    const nodes = [...body(el).querySelectorAll('*')];
    const engine = (el as unknown as { engine: IncrementalMarkdown }).engine;
    const made = engine.renderCount;
    const spy = el as unknown as { renderBlock(block: MarkdownBlock): unknown };
    const renderBlock = spy.renderBlock.bind(el);
    const rendered: string[] = [];
    spy.renderBlock = (block) => (rendered.push(block.key), renderBlock(block));
    const records: MutationRecord[] = [];
    const observer = new MutationObserver((list) => records.push(...list));
    observer.observe(body(el), { subtree: true, childList: true, characterData: true, attributes: true });
    await setProps(el, { streaming: false });
    records.push(...observer.takeRecords());
    observer.disconnect();
    // No block lexed or built again, every node kept; the caret's class is the one change.
    expect(engine.renderCount).to.equal(made);
    const after = [...body(el).querySelectorAll('*')];
    expect(after.length).to.equal(nodes.length);
    expect(after.every((node, i) => node === nodes[i])).to.equal(true);
    expect(records.map((r) => `${r.type} ${r.attributeName}`)).to.deep.equal(['attributes class']);
    expect(records[0]!.target).to.equal(blockElements(el).at(-1));
    // Groups are 32 blocks: the last holds blocks 96–99, and only its blocks were rendered again.
    expect(rendered.length).to.equal(4);
  });
});
