import { expect } from '@open-wc/testing';
import type { WidgetComponent, WidgetNode, WidgetRoot } from '../../src/protocol/types.js';
import { applyItemUpdate } from '../../src/protocol/apply-update.js';
import { mount, settle } from './helpers.js';
import { describe, it } from '../support/mocha.js';

const form = (title: string, extra: WidgetComponent[] = [], def = ''): WidgetRoot => ({
  type: 'Card',
  asForm: true,
  children: [
    { type: 'Title', value: title },
    { type: 'Input', id: 'name', name: 'name', defaultValue: def },
    { type: 'Textarea', name: 'note' },
    ...extra,
  ],
});

describe('live updates', () => {
  it('widget.root.updated keeps typed text and focus in untouched controls', async () => {
    const { root, el } = await mount(form('v1'));
    await settle(el);
    const input = root.querySelector('input[name="name"]') as HTMLInputElement;
    input.focus();
    input.value = 'Ada';
    input.dispatchEvent(new Event('input'));
    (root.querySelector('textarea') as HTMLTextAreaElement).value = 'typed note';
    el.item = { ...el.item!, widget: form('v2', [{ type: 'Text', value: 'new line' }]) };
    await settle(el);
    expect(root.querySelector('.title')!.textContent).to.equal('v2');
    expect(root.querySelector('input[name="name"]')).to.equal(input);
    expect(input.value).to.equal('Ada');
    expect(el.shadowRoot!.activeElement).to.equal(input);
    expect((root.querySelector('textarea') as HTMLTextAreaElement).value).to.equal('typed note');
  });

  it('a changed defaultValue is applied; an unchanged one never overwrites', async () => {
    const { root, el } = await mount(form('v1', [], 'first'));
    await settle(el);
    const input = root.querySelector('input[name="name"]') as HTMLInputElement;
    expect(input.value).to.equal('first');
    input.value = 'edited';
    el.item = { ...el.item!, widget: form('v2', [], 'first') };
    await settle(el);
    expect(input.value).to.equal('edited');
    el.item = { ...el.item!, widget: form('v3', [], 'second') };
    await settle(el);
    expect(input.value).to.equal('second');
  });

  it('streaming_text.value_delta (through the shared reducer) grows the text and keeps the caret until done', async () => {
    const widget: WidgetNode = {
      type: 'Card',
      children: [
        { type: 'Text', id: 'summary', value: 'Your', streaming: true },
        { type: 'Input', name: 'x' },
      ],
    };
    const { root, el } = await mount(widget);
    await settle(el);
    const input = root.querySelector('input') as HTMLInputElement;
    input.focus();
    input.value = 'kept';
    const p = root.querySelector('.text')!;
    let item = el.item!;
    for (const [delta, done] of [
      [' order', false],
      [' shipped.', true],
    ] as const) {
      item = applyItemUpdate(item, {
        type: 'widget.streaming_text.value_delta',
        component_id: 'summary',
        delta,
        done,
      }) as typeof item;
      el.item = item;
      await settle(el);
    }
    expect(root.querySelector('.text')).to.equal(p);
    expect(p.textContent).to.equal('Your order shipped.');
    expect(input.value).to.equal('kept');
    expect(el.shadowRoot!.activeElement).to.equal(input);
  });

  it('widget.component.updated replaces one node by id', async () => {
    const { root, el } = await mount({
      type: 'Card',
      children: [
        { type: 'Badge', id: 'b', label: 'Pending' },
        { type: 'Input', name: 'x' },
      ],
    });
    const input = root.querySelector('input') as HTMLInputElement;
    input.value = 'still here';
    el.item = applyItemUpdate(el.item!, {
      type: 'widget.component.updated',
      component_id: 'b',
      component: { type: 'Badge', id: 'b', label: 'Shipped', color: 'success' },
    }) as typeof el.item;
    await settle(el);
    expect(root.querySelector('.badge')!.textContent).to.equal('Shipped');
    expect(input.value).to.equal('still here');
  });

  it('keyed lists move rows instead of re-creating them', async () => {
    const rows = (keys: string[]): WidgetRoot => ({
      type: 'ListView',
      children: keys.map((k) => ({ type: 'ListViewItem', key: k, children: [{ type: 'Text', value: k }] })),
    });
    const { root, el } = await mount(rows(['a', 'b', 'c']));
    const b = root.querySelectorAll('.list-item')[1];
    el.item = { ...el.item!, widget: rows(['x', 'a', 'b', 'c']) };
    await settle(el);
    expect(root.querySelectorAll('.list-item')[2]).to.equal(b);
  });
});
