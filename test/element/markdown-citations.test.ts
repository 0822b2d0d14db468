/**
 * Annotations (PROTOCOL §6.4) in `<chatkit-markdown>`: one inline marker per `index` (grouped), every source
 * once in a collapsed "Sources" list, marker activation, and markers that never break markdown syntax.
 */
import { expect } from '@open-wc/testing';
import { buildCitations, insertMarkers } from '../../src/markdown/citations.js';
import type { Annotation } from '../../src/protocol/types.js';
import { afterEach, body, describe, it, mountMarkdown, setProps, unmountAll } from './markdown-harness.js';

afterEach(unmountAll);

// From shared/protocol/examples/items/assistant_message.sources.json.
const TEXT = 'You can work remotely three days per week.\n\nThis also applies to contractors placed at ACME.';
const ANNOTATIONS: Annotation[] = [
  {
    type: 'annotation',
    source: {
      title: 'Remote work FAQ',
      description: 'HR knowledge base',
      timestamp: '2026-04-02',
      group: 'Intranet',
      type: 'url',
      url: 'https://intranet.example.com/hr/remote-faq',
      attribution: 'HR',
    },
    index: 48,
  },
  {
    type: 'annotation',
    source: { title: 'Employee Handbook 2026', type: 'file', filename: 'employee-handbook.pdf' },
    index: 48,
  },
  {
    type: 'annotation',
    source: {
      title: 'ACME Corp',
      description: 'Enterprise plan, 500 seats',
      type: 'entity',
      id: 'cust_123',
      icon: 'suitcase',
      label: 'Customer',
      inline_label: 'ACME',
      interactive: true,
      data: { href: 'https://crm.example.com/customers/123' },
    },
    index: 93,
  },
];

describe('<chatkit-markdown> citations', () => {
  it('renders one marker per index, grouping sources that share it', async () => {
    const el = await mountMarkdown({ text: TEXT, annotations: ANNOTATIONS });
    const markers = [...body(el).querySelectorAll<HTMLButtonElement>('[part~="citation"]')];
    expect(markers.map((m) => m.textContent)).to.deep.equal(['1,2', 'ACME']);
    expect(markers[0]!.getAttribute('aria-label')).to.equal(
      '1,2 (Sources: Remote work FAQ; Employee Handbook 2026)',
    );
    // Offset 48 is right after "This" in the second paragraph.
    const p = body(el).querySelectorAll('p')[1]!;
    expect(p.textContent).to.equal('This1,2 also applies to contractors placed at ACME.ACME');
    expect(p.contains(markers[0]!)).to.equal(true);
  });

  it('lists every source once in a collapsed Sources section', async () => {
    const el = await mountMarkdown({ text: TEXT, annotations: [...ANNOTATIONS, ANNOTATIONS[0]!] });
    const details = el.shadowRoot!.querySelector<HTMLDetailsElement>('[part~="sources"]')!;
    expect(details.open).to.equal(false);
    expect(details.querySelector('summary')?.textContent).to.equal('Sources (3)');
    const items = [...details.querySelectorAll('li')];
    expect(items.length).to.equal(3);
    const link = items[0]!.querySelector('a')!;
    expect(link.getAttribute('href')).to.equal('https://intranet.example.com/hr/remote-faq');
    expect(link.getAttribute('rel')).to.equal('noopener noreferrer');
    expect(link.getAttribute('target')).to.equal('_blank');
    expect(items[1]!.textContent).to.contain('employee-handbook.pdf');
    expect(items[2]!.querySelector('button')?.textContent?.trim()).to.equal('ACME Corp');
  });

  it('opens the sources, highlights them and emits chatkit-source-click when a marker is activated', async () => {
    const el = await mountMarkdown({ text: TEXT, annotations: ANNOTATIONS });
    const event = new Promise<CustomEvent>((resolve) =>
      document.addEventListener('chatkit-source-click', (e) => resolve(e as CustomEvent), { once: true }),
    );
    body(el).querySelector<HTMLButtonElement>('[part~="citation"]')!.click();
    const { detail } = await event;
    expect(detail.sources.map((s: { title: string }) => s.title)).to.deep.equal([
      'Remote work FAQ',
      'Employee Handbook 2026',
    ]);
    await el.updateComplete;
    const details = el.shadowRoot!.querySelector<HTMLDetailsElement>('[part~="sources"]')!;
    expect(details.open).to.equal(true);
    expect([...details.querySelectorAll('.source--active')].length).to.equal(2);
  });

  it('does not render a javascript: source URL as a link', async () => {
    const el = await mountMarkdown({
      text: 'x',
      annotations: [
        { type: 'annotation', source: { type: 'url', title: 'Bad', url: 'javascript:window.__xss=1' } },
      ],
    });
    const item = el.shadowRoot!.querySelector('[part~="sources"] li')!;
    expect(item.querySelector('a')).to.equal(null);
    expect(item.textContent).to.contain('Bad');
  });

  it('adds markers when annotations arrive after the text, without rebuilding unaffected blocks', async () => {
    const el = await mountMarkdown({ text: TEXT });
    const first = body(el).querySelector('p')!;
    await setProps(el, { annotations: [ANNOTATIONS[2]!] });
    expect(body(el).querySelector('p')).to.equal(first);
    expect(body(el).querySelector('[part~="citation"]')?.textContent).to.equal('ACME');
  });

  it('keeps its rendered blocks when the host passes an equal, freshly built annotations array', async () => {
    const el = await mountMarkdown({ text: TEXT, annotations: ANNOTATIONS, streaming: true });
    const engine = (el as unknown as { engine: object }).engine;
    await setProps(el, { annotations: structuredClone(ANNOTATIONS), text: `${TEXT} More` });
    expect((el as unknown as { engine: object }).engine).to.equal(engine);
    await setProps(el, { annotations: ANNOTATIONS.slice(0, 1) });
    expect((el as unknown as { engine: object }).engine).not.to.equal(engine);
    expect(body(el).querySelectorAll('[part~="citation"]').length).to.equal(1);
  });

  it('hides the list with no-sources but keeps the markers', async () => {
    const el = await mountMarkdown({ text: TEXT, annotations: ANNOTATIONS, noSources: true });
    expect(el.shadowRoot!.querySelector('[part~="sources"]')).to.equal(null);
    expect(body(el).querySelectorAll('[part~="citation"]').length).to.equal(2);
  });

  it('never puts a marker inside a URL, a heading prefix or a code fence', async () => {
    const text = '# Heading\n\nRead [the docs](https://example.com/a/b) today.\n\n```\ncode\n```\n';
    const at = (needle: string) => text.indexOf(needle);
    const source = (title: string) => ({ type: 'url' as const, title, url: `https://example.com/${title}` });
    const annotations: Annotation[] = [
      { type: 'annotation', source: source('a'), index: 0 },
      { type: 'annotation', source: source('b'), index: at('example.com/a') },
      { type: 'annotation', source: source('c'), index: at('```\n') + 3 },
    ];
    const el = await mountMarkdown({ text, annotations });
    expect(body(el).querySelector('h1')?.textContent).to.equal('Heading1');
    const a = body(el).querySelector('a')!;
    expect(a.getAttribute('href')).to.equal('https://example.com/a/b');
    expect(a.textContent).to.equal('the docs');
    expect(el.shadowRoot!.querySelector('[part~="code-block"] code')?.textContent).to.equal('code');
    // The fence marker is dropped; its source is still listed.
    expect(el.shadowRoot!.querySelectorAll('[part~="sources"] li').length).to.equal(3);
  });

  it('moves a marker out of an inline code span', () => {
    const { groups } = buildCitations([
      { type: 'annotation', source: { type: 'file', title: 'f', filename: 'f' }, index: 9 },
    ]);
    expect(insertMarkers('Use the `inline code` form.', groups)).to.equal(
      'Use the `inline code`\uE0001\uE001 form.',
    );
  });

  it('counts offsets in code points and tolerates offsets past the end', () => {
    const { groups } = buildCitations([
      { type: 'annotation', source: { type: 'file', title: 'f', filename: 'f' }, index: 2 },
      { type: 'annotation', source: { type: 'file', title: 'g', filename: 'g' }, index: 999 },
    ]);
    expect(insertMarkers('😀😀 x', groups)).to.equal('😀😀\uE0001\uE001 x\uE0002\uE001');
  });
});
