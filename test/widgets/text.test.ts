import { expect } from '@open-wc/testing';
import { mount, until } from './helpers.js';
import { describe, it } from '../support/mocha.js';

const css = (el: Element | null) => getComputedStyle(el as Element);

describe('text widgets', () => {
  it('Text: size, weight, color token, alignment, italic, lineThrough, width', async () => {
    const { root } = await mount({
      type: 'Card',
      children: [
        {
          type: 'Text',
          value: 'Hello',
          size: 'xl',
          weight: 'bold',
          color: 'danger',
          textAlign: 'center',
          italic: true,
          lineThrough: true,
          width: 200,
        },
      ],
    });
    const p = root.querySelector('.text')!;
    expect(p.textContent).to.equal('Hello');
    expect(css(p).fontSize).to.equal('20px');
    expect(css(p).fontWeight).to.equal('700');
    expect(css(p).textAlign).to.equal('center');
    expect(css(p).fontStyle).to.equal('italic');
    expect(css(p).textDecorationLine).to.equal('line-through');
    expect(css(p).width).to.equal('200px');
    expect(css(p).color).to.not.equal(css(root.querySelector('.card')).color);
    expect((p as HTMLElement).style.color).to.equal('var(--chatkit-danger)');
  });

  it('Text: palette colors, truncate, maxLines, minLines', async () => {
    const long = 'word '.repeat(200);
    const { root } = await mount({
      type: 'Card',
      size: 'sm',
      children: [
        { type: 'Text', value: long, truncate: true, color: 'blue-500' },
        { type: 'Text', value: long, maxLines: 2 },
        { type: 'Text', value: 'short', minLines: 3 },
      ],
    });
    const [t, clamp, min] = Array.from(root.querySelectorAll<HTMLElement>('.text'));
    expect(css(t).textOverflow).to.equal('ellipsis');
    expect(t.getBoundingClientRect().height).to.be.lessThan(30);
    expect(css(t).color).to.match(/^rgb/);
    expect(css(clamp).webkitLineClamp).to.equal('2');
    const line = parseFloat(css(clamp).lineHeight);
    expect(clamp.getBoundingClientRect().height).to.be.closeTo(2 * line, 2);
    expect(min.getBoundingClientRect().height).to.be.closeTo(3 * parseFloat(css(min).lineHeight), 2);
  });

  it('Text: streaming shows a caret', async () => {
    const { root, el } = await mount({
      type: 'Card',
      children: [{ type: 'Text', id: 't', value: 'Hel', streaming: true }],
    });
    expect(root.querySelector('.caret')).to.not.equal(null);
    el.item = {
      ...el.item!,
      widget: { type: 'Card', children: [{ type: 'Text', id: 't', value: 'Hello', streaming: false }] },
    };
    await el.updateComplete;
    expect(root.querySelector('.caret')).to.equal(null);
    expect(root.querySelector('.text')!.textContent).to.equal('Hello');
  });

  it('Title and Caption sizes and weights', async () => {
    const { root } = await mount({
      type: 'Card',
      children: [
        { type: 'Title', value: 'Big', size: '3xl', weight: 'medium' },
        { type: 'Caption', value: 'Small', size: 'lg', color: 'tertiary', truncate: true },
      ],
    });
    expect(css(root.querySelector('.title')).fontSize).to.equal('32px');
    expect(css(root.querySelector('.title')).fontWeight).to.equal('500');
    expect(css(root.querySelector('.caption')).fontSize).to.equal('14px');
    expect(css(root.querySelector('.caption')).textOverflow).to.equal('ellipsis');
  });

  it('Label is linked to its control by fieldName', async () => {
    const { root } = await mount({
      type: 'Card',
      children: [
        { type: 'Label', value: 'Email', fieldName: 'contact.email' },
        { type: 'Input', name: 'contact.email', inputType: 'email' },
      ],
    });
    const label = root.querySelector('label.label') as HTMLLabelElement;
    expect(label.control).to.equal(root.querySelector('input[name="contact.email"]'));
  });

  it('Markdown goes through <chatkit-markdown>', async () => {
    const { root } = await mount({
      type: 'Card',
      children: [{ type: 'Markdown', value: '**bold** text', streaming: false }],
    });
    const md = root.querySelector('chatkit-markdown') as HTMLElement & { text: string };
    expect(md.text).to.equal('**bold** text');
    await until(() => !!md.shadowRoot?.querySelector('strong'));
    expect(md.shadowRoot!.querySelector('strong')!.textContent).to.equal('bold');
  });
});
