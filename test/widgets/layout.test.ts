import { expect } from '@open-wc/testing';
import { mount, RecordingHost, widgetItem } from './helpers.js';
import { describe, it } from '../support/mocha.js';

const css = (el: Element | null) => getComputedStyle(el as Element);

describe('layout widgets', () => {
  it('Box/Row/Col: direction, gap in spacing units, padding, alignment, radius, border, background', async () => {
    const { root } = await mount({
      type: 'Card',
      children: [
        {
          type: 'Row',
          id: 'row',
          gap: 2,
          justify: 'between',
          align: 'end',
          padding: { x: 3, y: 1 },
          radius: 'full',
          background: 'red-100',
          border: { size: 2, color: 'danger', style: 'dashed' },
          children: [
            { type: 'Text', value: 'a' },
            { type: 'Text', value: 'b' },
          ],
        },
        { type: 'Col', gap: '10px', width: 120, maxWidth: '50%', children: [{ type: 'Text', value: 'c' }] },
        { type: 'Box', direction: 'row', wrap: 'wrap', flex: 1, aspectRatio: '2 / 1', children: [] },
      ],
    });
    const [row, col, box] = Array.from(root.querySelectorAll('.box'));
    expect(css(row).flexDirection).to.equal('row');
    expect(css(row).columnGap).to.equal('8px');
    expect(css(row).justifyContent).to.equal('space-between');
    expect(css(row).alignItems).to.equal('flex-end');
    expect(css(row).paddingLeft).to.equal('12px');
    expect(css(row).paddingTop).to.equal('4px');
    expect(css(row).borderTopLeftRadius).to.equal('9999px');
    expect(css(row).borderTopStyle).to.equal('dashed');
    expect(css(row).borderTopWidth).to.equal('2px');
    expect(css(row).backgroundColor).to.not.equal('rgba(0, 0, 0, 0)');
    expect(css(col).flexDirection).to.equal('column');
    expect(css(col).rowGap).to.equal('10px');
    expect(css(col).width).to.equal('120px');
    expect((col as HTMLElement).style.maxWidth).to.equal('50%');
    expect(css(box).flexDirection).to.equal('row');
    expect(css(box).flexWrap).to.equal('wrap');
    expect((box as HTMLElement).style.aspectRatio).to.equal('2 / 1');
  });

  it('Card: size widths, padding, background token, status header with icon', async () => {
    const { root } = await mount({
      type: 'Card',
      size: 'sm',
      padding: 2,
      background: { light: 'surface-secondary', dark: 'gray-900' },
      status: { text: 'Working', icon: 'bolt' },
      children: [{ type: 'Text', value: 'x' }],
    });
    const card = root.querySelector('.card')!;
    expect(css(card).width).to.equal('360px');
    expect(css(card).paddingTop).to.equal('8px');
    expect((card as HTMLElement).style.background).to.contain('--chatkit-surface-secondary');
    expect(root.querySelector('.status .status-text')!.textContent).to.equal('Working');
    expect(root.querySelector('.status svg[data-icon="bolt"]')).to.not.equal(null);
  });

  it('Card: ThemeColor follows the host color scheme', async () => {
    const { root, el, host } = await mount({
      type: 'Card',
      background: { light: 'red-500', dark: 'blue-500' },
      children: [],
    });
    const light = css(root.querySelector('.card')).backgroundColor;
    host.colorScheme = 'dark';
    el.host = Object.assign(Object.create(Object.getPrototypeOf(host)), host);
    await el.updateComplete;
    expect(css(root.querySelector('.card')).backgroundColor).to.not.equal(light);
    expect(el.getAttribute('data-color-scheme')).to.equal('dark');
  });

  it('follows a scheme switch on the chat element even when the host object stays the same', async () => {
    const chat = document.createElement('div');
    chat.setAttribute('data-color-scheme', 'light');
    document.body.append(chat);
    const shadow = chat.attachShadow({ mode: 'open' });
    const host = new RecordingHost();
    const el = document.createElement('chatkit-widget');
    el.item = widgetItem({ type: 'Card', background: { light: 'red-500', dark: 'blue-500' }, children: [] });
    el.host = host;
    shadow.append(el);
    await el.updateComplete;
    const card = () => el.shadowRoot!.querySelector('.card') as HTMLElement;
    const light = getComputedStyle(card()).backgroundColor;
    host.colorScheme = 'dark';
    chat.setAttribute('data-color-scheme', 'dark');
    // The mutation record is delivered as a microtask queued before this continuation.
    await Promise.resolve();
    await el.updateComplete;
    expect(getComputedStyle(card()).backgroundColor).to.not.equal(light);
    chat.remove();
  });

  it("a root's theme wins over the host scheme and brings that scheme's tokens", async () => {
    const host = new RecordingHost();
    host.colorScheme = 'dark';
    const dark = await mount({ type: 'Card', children: [{ type: 'Text', value: 'x' }] }, host);
    const forced = await mount(
      { type: 'Card', theme: 'light', children: [{ type: 'Text', value: 'x' }] },
      host,
    );
    expect(dark.el.getAttribute('data-color-scheme')).to.equal('dark');
    expect(forced.el.getAttribute('data-color-scheme')).to.equal('light');
    expect(forced.el.hasAttribute('data-own-tokens')).to.equal(true);
    const text = (r: ShadowRoot) => getComputedStyle(r.querySelector('.text')!).color;
    expect(text(forced.root)).to.not.equal(text(dark.root));
  });

  it('Card: collapsed hides the body until expanded', async () => {
    const { root, el } = await mount({
      type: 'Card',
      collapsed: true,
      status: { text: 'Done' },
      children: [{ type: 'Text', value: 'body' }],
    });
    expect(root.querySelector('.card-body')).to.equal(null);
    (root.querySelector('.card-toggle') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(root.querySelector('.card-body')!.textContent).to.contain('body');
  });

  it('Card: favicon status passes the image policy', async () => {
    const ok = await mount({
      type: 'Card',
      status: { text: 'Site', favicon: 'https://good.example/f.png', frame: true },
      children: [],
    });
    expect(ok.root.querySelector('img.favicon.frame')!.getAttribute('src')).to.equal(
      'https://good.example/f.png',
    );
    const blocked = await mount({
      type: 'Card',
      status: { text: 'Site', favicon: 'https://blocked.example/f.png' },
      children: [],
    });
    expect(blocked.root.querySelector('img')).to.equal(null);
    const js = await mount({
      type: 'Card',
      status: { text: 'Site', favicon: 'javascript:alert(1)' },
      children: [],
    });
    expect(js.root.querySelector('img')).to.equal(null);
  });

  it('ListView: limit with "Show more", keyboard-operable items', async () => {
    const items = Array.from({ length: 6 }, (_, i) => ({
      type: 'ListViewItem',
      key: `k${i}`,
      onClickAction: { type: 'pick', payload: { i } },
      children: [{ type: 'Text', value: `Item ${i}` }],
    }));
    const { root, el, host } = await mount({
      type: 'ListView',
      limit: 3,
      status: { text: 'Results' },
      children: items,
    });
    expect(root.querySelectorAll('.list-item').length).to.equal(3);
    (root.querySelector('.show-more') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(root.querySelectorAll('.list-item').length).to.equal(6);
    expect(root.querySelector('.show-more')).to.equal(null);
    const hit = root.querySelectorAll<HTMLElement>('.list-item-hit')[4];
    expect(hit.getAttribute('role')).to.equal('button');
    expect(hit.tabIndex).to.equal(0);
    hit.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(host.calls.length).to.equal(1);
    expect(host.calls[0].action.payload).to.deep.equal({ i: 4 });
    expect(host.calls[0].loading).to.equal('self');
  });

  it('Spacer grows, Divider spacing/color/flush', async () => {
    const { root } = await mount({
      type: 'Card',
      children: [
        {
          type: 'Row',
          children: [
            { type: 'Text', value: 'a' },
            { type: 'Spacer', minSize: 20 },
            { type: 'Text', value: 'b' },
          ],
        },
        { type: 'Divider', spacing: 4, color: 'strong', size: 2, flush: true },
      ],
    });
    expect(css(root.querySelector('.spacer')).flexGrow).to.equal('1');
    expect(css(root.querySelector('.spacer')).minWidth).to.equal('20px');
    const hr = root.querySelector('hr')!;
    expect(css(hr).marginTop).to.equal('16px');
    expect(css(hr).borderTopWidth).to.equal('2px');
    expect(css(hr).marginLeft).to.equal('-16px');
  });

  it('Transition swaps its child by key with a new element', async () => {
    const { root, el } = await mount({
      type: 'Card',
      children: [{ type: 'Transition', children: { type: 'Text', key: 'a', value: 'one' } }],
    });
    const first = root.querySelector('.transition-item');
    expect(css(first).animationName).to.equal('ck-enter');
    el.item = {
      ...el.item!,
      widget: {
        type: 'Card',
        children: [{ type: 'Transition', children: { type: 'Text', key: 'a', value: 'one!' } }],
      },
    };
    await el.updateComplete;
    expect(root.querySelector('.transition-item')).to.equal(first);
    el.item = {
      ...el.item!,
      widget: {
        type: 'Card',
        children: [{ type: 'Transition', children: { type: 'Text', key: 'b', value: 'two' } }],
      },
    };
    await el.updateComplete;
    expect(root.querySelector('.transition-item')).to.not.equal(first);
    expect(root.querySelector('.transition-item')!.textContent).to.contain('two');
  });

  it('Basic root: direction, gap, nested roots', async () => {
    const { root } = await mount({
      type: 'Basic',
      direction: 'row',
      gap: 3,
      children: [
        { type: 'Card', children: [] },
        { type: 'Text', value: 'x' },
      ],
    });
    const basic = root.querySelector('.basic')!;
    expect(css(basic).flexDirection).to.equal('row');
    expect(css(basic).columnGap).to.equal('12px');
    expect(root.querySelector('.basic .card')).to.not.equal(null);
  });

  it('unknown types render a visible fallback naming the type; unknown props are ignored', async () => {
    const { root } = await mount({
      type: 'Card',
      children: [
        { type: 'Hologram', beam: true },
        { type: 'Text', value: 'ok', sparkle: 9 },
      ],
    });
    const fb = root.querySelector('[data-fallback]')!;
    expect(fb.getAttribute('data-fallback')).to.equal('Hologram');
    expect(fb.textContent).to.contain('Hologram');
    expect(fb.getBoundingClientRect().height).to.be.greaterThan(0);
    expect(root.querySelector('.text')!.textContent).to.equal('ok');
  });
});

describe('renderer strings', () => {
  it('uses the host translations and falls back to English per key', async () => {
    const host = new RecordingHost();
    host.strings = { showMore: 'Mehr anzeigen', unsupported: 'Nicht unterstützt: {type}' };
    const { root } = await mount(
      {
        type: 'ListView',
        limit: 1,
        children: [
          { type: 'ListViewItem', children: [{ type: 'Text', value: 'a' }] },
          {
            type: 'ListViewItem',
            children: [{ type: 'Select', name: 's', clearable: true, options: [] }, { type: 'Nope' }],
          },
        ],
      },
      host,
    );
    expect(root.querySelector('.show-more')!.textContent!.trim()).to.equal('Mehr anzeigen');
    (root.querySelector('.show-more') as HTMLButtonElement).click();
    await (root.host as any).updateComplete;
    expect(root.querySelector('[data-fallback]')!.textContent).to.equal('Nicht unterstützt: Nope');
    const select = root.querySelector('chatkit-widget-select')!;
    await select.updateComplete;
    expect(select.shadowRoot!.querySelector('#trigger')!.textContent!.trim()).to.equal('Select…');
  });
});
