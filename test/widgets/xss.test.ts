/**
 * XSS table for widget props: every row is an attack through one prop; nothing may execute, no element may be
 * injected, and no style may leave its declaration.
 */
import { expect } from '@open-wc/testing';
import type { WidgetNode } from '../../src/protocol/types.js';
import { safeCss } from '../../src/widgets/values.js';
import { mount } from './helpers.js';
import { describe, it } from '../support/mocha.js';
import { imagesSettled } from '../support/until.js';

const MARKUP = '<img src=x onerror="window.__xss=1"><script>window.__xss=1</script>';

const TABLE: Array<{ title: string; node: WidgetNode }> = [
  { title: 'Image src javascript:', node: { type: 'Image', src: 'javascript:window.__xss=1', alt: 'x' } },
  {
    title: 'Image src data:image/svg+xml',
    node: { type: 'Image', src: 'data:image/svg+xml,<svg onload="window.__xss=1"/>' },
  },
  {
    title: 'Image src with entity-obfuscated scheme',
    node: { type: 'Image', src: 'jav&#x61;script:window.__xss=1' },
  },
  {
    title: 'Image alt with markup',
    node: { type: 'Image', src: 'https://blocked.example/a.png', alt: MARKUP },
  },
  { title: 'Text value with markup', node: { type: 'Text', value: MARKUP } },
  { title: 'Title value with markup', node: { type: 'Title', value: MARKUP } },
  { title: 'Caption value with markup', node: { type: 'Caption', value: MARKUP } },
  { title: 'Badge label with markup', node: { type: 'Badge', label: MARKUP } },
  { title: 'Button label with markup', node: { type: 'Button', label: MARKUP } },
  {
    title: 'Label value with markup',
    node: { type: 'Label', value: MARKUP, fieldName: '"><script>window.__xss=1</script>' },
  },
  { title: 'Checkbox label with markup', node: { type: 'Checkbox', name: 'c', label: MARKUP } },
  {
    title: 'Select option label/description with markup',
    node: { type: 'Select', name: 's', options: [{ value: MARKUP, label: MARKUP, description: MARKUP }] },
  },
  {
    title: 'Input placeholder/pattern/name breakout',
    node: {
      type: 'Input',
      name: '"><script>window.__xss=1</script>',
      placeholder: MARKUP,
      pattern: '"><img src=x onerror=window.__xss=1>',
    },
  },
  { title: 'Icon name breakout', node: { type: 'Icon', name: '"><script>window.__xss=1</script>' } },
  {
    title: 'Button icon name breakout',
    node: { type: 'Button', label: 'x', iconStart: '"><img src=x onerror=window.__xss=1>' },
  },
  {
    title: 'Markdown raw HTML',
    node: { type: 'Markdown', value: MARKUP + '\n\n[x](javascript:window.__xss=1)' },
  },
  { title: 'Unknown type name with markup', node: { type: MARKUP } },
  {
    title: 'Table cell value with markup',
    node: {
      type: 'Table',
      children: [{ type: 'Table.Row', children: [{ type: 'Table.Cell', value: MARKUP }] }],
    },
  },
  {
    title: 'Chart labels with markup',
    node: {
      type: 'Chart',
      data: [{ x: MARKUP, y: 1 }],
      series: [{ type: 'bar', label: MARKUP, dataKey: 'y' }],
      xAxis: 'x',
      showLegend: true,
    },
  },
];

const CSS_ATTACKS = [
  'red;background:url(https://evil.example/x)',
  'red} .card{background:red',
  'url(https://evil.example/x)',
  'expression(alert(1))',
  'red</style><script>window.__xss=1</script>',
  'var(--chatkit-accent)',
  'red/**/;x:y',
];

describe('XSS table: widget props', () => {
  for (const row of TABLE) {
    it(`${row.title}: nothing executes, nothing is injected`, async () => {
      const { root } = await mount({
        type: 'Card',
        status: { text: MARKUP, favicon: 'javascript:window.__xss=1' },
        children: [row.node],
      });
      // Images rendered so far have fired their load/error handlers (where an injected one would run).
      await imagesSettled();
      expect((window as any).__xss).to.equal(undefined);
      expect(root.querySelectorAll('script').length).to.equal(0);
      expect(root.querySelectorAll('[onerror],[onload]').length).to.equal(0);
      for (const img of Array.from(root.querySelectorAll('img')))
        expect(img.src).to.match(/^(https?:|data:image\/(png|jpeg|gif|webp))/);
    });
  }

  it('markup in text props shows as text', async () => {
    const { root } = await mount({ type: 'Card', children: [{ type: 'Text', value: MARKUP }] });
    expect(root.querySelector('.text')!.textContent).to.equal(MARKUP);
  });

  for (const attack of CSS_ATTACKS) {
    it(`color ${JSON.stringify(attack)} does not escape its declaration`, async () => {
      const { root } = await mount({
        type: 'Card',
        background: attack,
        children: [
          { type: 'Text', value: 't', color: attack, width: attack },
          {
            type: 'Box',
            background: attack,
            padding: attack,
            border: { size: 1, color: attack },
            width: attack,
            children: [],
          },
          { type: 'Divider', color: attack },
          { type: 'Image', src: 'https://good.example/a.png', width: attack, background: attack },
        ],
      });
      for (const el of Array.from(root.querySelectorAll<HTMLElement>('[style]'))) {
        const style = el.getAttribute('style') ?? '';
        expect(style).to.not.contain('url(');
        expect(style).to.not.contain('expression');
        expect(style).to.not.contain('evil');
        expect(style).to.not.contain('</');
      }
      expect(getComputedStyle(root.querySelector('.card')!).backgroundImage).to.equal('none');
      expect(root.querySelectorAll('script').length).to.equal(0);
    });
  }

  it('safeCss rejects breakouts and accepts plain values', () => {
    for (const attack of CSS_ATTACKS) expect(safeCss('color', attack), attack).to.equal(undefined);
    expect(safeCss('color', '#ff0000')).to.equal('#ff0000');
    expect(safeCss('width', 'calc(100% - 8px)')).to.equal('calc(100% - 8px)');
    expect(safeCss('width', 'red')).to.equal(undefined);
  });
});
