import { expect } from '@open-wc/testing';
import type { WidgetNode } from '../../src/protocol/types.js';
import { loadStrings } from '../../src/i18n/localize.js';
import { widgetStringsOf } from '../../src/widgets/widget-strings.js';
import { mount, RecordingHost, settle } from './helpers.js';
import { describe, it } from '../support/mocha.js';

function type(el: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  el.focus();
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

const orderForm: WidgetNode = {
  type: 'Card',
  asForm: true,
  children: [
    {
      type: 'Select',
      name: 'order.item',
      defaultValue: 'paper',
      options: [
        { value: 'paper', label: 'Paper' },
        { value: 'toner', label: 'Toner', description: 'Black' },
      ],
    },
    { type: 'Input', name: 'order.quantity', inputType: 'number', defaultValue: '2', required: true },
    { type: 'Checkbox', name: 'express', label: 'Express' },
    { type: 'DatePicker', name: 'when', defaultValue: '2026-05-19T00:00:00' },
    {
      type: 'RadioGroup',
      name: 'size',
      defaultValue: 'm',
      options: [
        { label: 'S', value: 's' },
        { label: 'M', value: 'm' },
      ],
    },
    { type: 'Textarea', name: 'note' },
    { type: 'Text', value: 'Team offsite', editable: { name: 'meta.title' } },
  ],
  confirm: { label: 'Place order', action: { type: 'order.place', payload: { vendor_id: 'v_219' } } },
};

describe('forms', () => {
  it('merges typed values, nested by dotted names, into the confirm payload', async () => {
    const { root, el, host } = await mount(orderForm);
    await settle(el);
    const qty = root.querySelector('input[name="order.quantity"]') as HTMLInputElement;
    type(qty, '5');
    (root.querySelector('input[name="express"]') as HTMLInputElement).click();
    (root.querySelector('[data-card-action="confirm"]') as HTMLButtonElement).click();
    expect(host.calls.length).to.equal(1);
    expect(host.calls[0].action.payload).to.deep.equal({
      vendor_id: 'v_219',
      order: { item: 'paper', quantity: '5' },
      express: true,
      when: '2026-05-19',
      size: 'm',
      meta: { title: 'Team offsite' },
    });
    expect(host.calls[0].loading).to.equal('container');
  });

  it('keeps unchecked checkboxes as false and omits unset optional controls', async () => {
    const { root, el, host } = await mount({
      type: 'Form',
      onSubmitAction: { type: 'go' },
      children: [
        { type: 'Checkbox', name: 'agree' },
        { type: 'Input', name: 'nick' },
        { type: 'Select', name: 'pick', options: [{ value: 'a', label: 'A' }] },
        { type: 'DatePicker', name: 'd' },
        { type: 'RadioGroup', name: 'r', options: [{ label: 'A', value: 'a' }] },
        { type: 'Button', label: 'Go', submit: true },
      ],
    } as WidgetNode);
    await settle(el);
    (root.querySelector('button.btn') as HTMLButtonElement).click();
    expect(host.calls[0].action.payload).to.deep.equal({ agree: false });
  });

  it('lets a key already in the payload win and logs the collision', async () => {
    const { root, el, host } = await mount({
      type: 'Form',
      onSubmitAction: { type: 'save', payload: { id: 'fixed', todo: { title: 'kept' } } },
      children: [
        { type: 'Input', name: 'id', defaultValue: 'typed' },
        { type: 'Input', name: 'todo.title', defaultValue: 'typed title' },
        { type: 'Input', name: 'todo.done', defaultValue: 'no' },
        { type: 'Button', label: 'Save', submit: true },
      ],
    } as WidgetNode);
    await settle(el);
    const logs: string[] = [];
    el.addEventListener('chatkit-widget-log', (e) => {
      const { name, data } = (e as CustomEvent).detail;
      expect(name).to.equal('widget.form.collision');
      logs.push(data.message);
    });
    (root.querySelector('button.btn') as HTMLButtonElement).click();
    expect(host.calls[0].action.payload).to.deep.equal({ id: 'fixed', todo: { title: 'kept', done: 'no' } });
    expect(logs.length).to.equal(2);
    expect(logs[0]).to.contain('"id"');
  });

  it('blocks submission on required/pattern with visible messages', async () => {
    const { root, el, host } = await mount({
      type: 'Form',
      onSubmitAction: { type: 'save' },
      children: [
        { type: 'Input', name: 'amount', required: true, pattern: '^[0-9]+$' },
        { type: 'Textarea', name: 'code', pattern: '[a-z]+' },
        { type: 'RadioGroup', name: 'cat', required: true, options: [{ label: 'A', value: 'a' }] },
        { type: 'Button', label: 'Save', submit: true },
      ],
    } as WidgetNode);
    await settle(el);
    const submit = root.querySelector('button.btn') as HTMLButtonElement;
    submit.click();
    expect(host.calls.length).to.equal(0);
    const amount = root.querySelector('input[name="amount"]') as HTMLInputElement;
    expect(amount.getAttribute('aria-invalid')).to.equal('true');
    const messages = Array.from(root.querySelectorAll('.field-error')).map((e) => e.textContent);
    expect(messages.filter((m) => m).length).to.equal(2);
    expect(root.querySelector('.field-error')!.getBoundingClientRect().height).to.be.greaterThan(0);

    type(amount, '12x');
    (root.querySelector('textarea') as HTMLTextAreaElement).value = 'ABC';
    (root.querySelector('input[type="radio"]') as HTMLInputElement).click();
    submit.click();
    expect(host.calls.length).to.equal(0);
    expect((root.querySelector('textarea') as HTMLTextAreaElement).getAttribute('aria-invalid')).to.equal(
      'true',
    );

    type(amount, '12');
    (root.querySelector('textarea') as HTMLTextAreaElement).value = 'abc';
    submit.click();
    expect(host.calls.length).to.equal(1);
    expect(host.calls[0].action.payload).to.deep.equal({ amount: '12', code: 'abc', cat: 'a' });
  });

  it('validation messages come from the locale table, not the browser language', async () => {
    const host = new RecordingHost();
    host.locale = 'de-DE';
    host.strings = widgetStringsOf(await loadStrings('de'));
    const { root, el } = await mount(
      {
        type: 'Form',
        onSubmitAction: { type: 'save' },
        children: [
          { type: 'Input', name: 'amount', required: true },
          { type: 'Input', name: 'code', pattern: '[0-9]+', defaultValue: 'x' },
          { type: 'Textarea', name: 'note', pattern: '[a-z]+', defaultValue: 'ABC' },
          { type: 'Input', name: 'mail', inputType: 'email', defaultValue: 'nope' },
          { type: 'RadioGroup', name: 'cat', required: true, options: [{ label: 'A', value: 'a' }] },
          { type: 'Button', label: 'Save', submit: true },
        ],
      } as WidgetNode,
      host,
    );
    await settle(el);
    (root.querySelector('button.btn') as HTMLButtonElement).click();
    expect(host.calls.length).to.equal(0);
    const messages = Array.from(root.querySelectorAll('.field-error')).map((e) => e.textContent);
    expect(messages).to.deep.equal([
      'Bitte fülle dieses Feld aus.',
      'Bitte halte dich an das verlangte Format.',
      'Bitte halte dich an das verlangte Format.',
      'Bitte gib einen gültigen Wert ein.',
      'Bitte wähle eine Option aus.',
    ]);
    // Fixed values pass again (the translated message is no sticky custom error).
    const inputs = root.querySelectorAll('input');
    type(inputs[0] as HTMLInputElement, '5');
    type(inputs[1] as HTMLInputElement, '42');
    (root.querySelector('textarea') as HTMLTextAreaElement).value = 'abc';
    type(inputs[2] as HTMLInputElement, 'a@b.de');
    (root.querySelector('input[type="radio"]') as HTMLInputElement).click();
    (root.querySelector('button.btn') as HTMLButtonElement).click();
    expect(host.calls.length).to.equal(1);
  });

  it('submits with Enter in an Input', async () => {
    const { root, el, host } = await mount({
      type: 'Form',
      onSubmitAction: { type: 'search' },
      children: [{ type: 'Input', name: 'q' }],
    } as WidgetNode);
    await settle(el);
    const q = root.querySelector('input') as HTMLInputElement;
    type(q, 'cats');
    q.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    expect(host.calls.length).to.equal(1);
    expect(host.calls[0].action).to.deep.include({ type: 'search', payload: { q: 'cats' } });
  });

  it('merges form values into buttons and onChange actions inside the form too', async () => {
    const { root, el, host } = await mount({
      type: 'Form',
      children: [
        { type: 'Input', name: 'q', defaultValue: 'x' },
        {
          type: 'Select',
          name: 's',
          onChangeAction: { type: 'changed' },
          options: [
            { value: 'a', label: 'A' },
            { value: 'b', label: 'B' },
          ],
        },
        { type: 'Button', label: 'Other', onClickAction: { type: 'other', payload: { n: 1 } } },
      ],
    } as WidgetNode);
    await settle(el);
    const select = root.querySelector('chatkit-widget-select')!;
    (select.shadowRoot!.querySelector('#trigger') as HTMLElement).click();
    await select.updateComplete;
    (select.shadowRoot!.querySelector('[role="option"][data-value="b"]') as HTMLElement).click();
    (root.querySelector('button.btn') as HTMLButtonElement).click();
    expect(host.calls.map((c) => [c.action.type, c.action.payload, c.loading])).to.deep.equal([
      ['changed', { q: 'x', s: 'b' }, 'none'],
      ['other', { n: 1, q: 'x', s: 'b' }, 'self'],
    ]);
  });

  it('Input autoFocus focuses on first render only; autoSelect selects on focus; gutterSize sets padding', async () => {
    const { root, el } = await mount({
      type: 'Card',
      children: [
        {
          type: 'Input',
          name: 'a',
          defaultValue: 'hello',
          autoFocus: true,
          autoSelect: true,
          gutterSize: 'xl',
        },
        { type: 'Input', name: 'b' },
      ],
    });
    await settle(el);
    const [a, b] = Array.from(root.querySelectorAll('input'));
    expect(el.shadowRoot!.activeElement).to.equal(a);
    expect(getComputedStyle(a).paddingLeft).to.equal('20px');
    b.focus();
    a.focus();
    // Why dispatched: a test page running in the background gets no focus events from focus().
    a.dispatchEvent(new FocusEvent('focus'));
    expect([a.selectionStart, a.selectionEnd]).to.deep.equal([0, 5]);
    b.focus();
    el.item = {
      ...el.item!,
      widget: {
        ...el.item!.widget,
        children: [...(el.item!.widget as WidgetNode).children, { type: 'Text', value: 'more' }],
      },
    };
    await settle(el);
    expect(el.shadowRoot!.activeElement).to.equal(b);
  });

  it('Textarea autoResize fits a multi-line default on first render', async () => {
    const { root, el } = await mount({
      type: 'Card',
      children: [
        { type: 'Textarea', name: 'a', rows: 2, autoResize: true, defaultValue: '1\n2\n3\n4\n5' },
        { type: 'Textarea', name: 'b', rows: 2 },
      ],
    });
    await settle(el);
    const [grown, fixed] = Array.from(root.querySelectorAll('textarea'));
    expect(grown.getBoundingClientRect().height).to.be.greaterThan(fixed.getBoundingClientRect().height + 30);
  });

  it('controls: Input types/placeholder/size, Textarea rows and autoResize', async () => {
    const { root, el } = await mount({
      type: 'Card',
      children: [
        {
          type: 'Input',
          name: 'e',
          inputType: 'email',
          placeholder: 'you@x',
          size: 'lg',
          pill: true,
          variant: 'soft',
        },
        { type: 'Textarea', name: 't', rows: 2, autoResize: true, maxRows: 4 },
      ],
    });
    await settle(el);
    const input = root.querySelector('input[name="e"]') as HTMLInputElement;
    expect(input.type).to.equal('email');
    expect(input.placeholder).to.equal('you@x');
    expect(getComputedStyle(input).height).to.equal('40px');
    expect(getComputedStyle(input).borderTopLeftRadius).to.equal('9999px');
    const ta = root.querySelector('textarea') as HTMLTextAreaElement;
    expect(ta.rows).to.equal(2);
    const h0 = ta.getBoundingClientRect().height;
    type(ta, 'a\nb\nc\nd\ne\nf\ng\nh');
    const h1 = ta.getBoundingClientRect().height;
    expect(h1).to.be.greaterThan(h0);
    expect(h1).to.be.lessThan(4 * parseFloat(getComputedStyle(ta).lineHeight) + 30);
  });
});
