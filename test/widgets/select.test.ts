/**
 * The widget Select (`<chatkit-widget-select>`): listbox popover with descriptions, disabled options,
 * searchable filtering, clearable, ARIA combobox keyboard, validation, translated words, RTL placement, and
 * the same form value and onChangeAction as the native select it replaced.
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { WidgetNode } from '../../src/protocol/types.js';
import type { ChatkitWidgetSelect } from '../../src/widgets/select.component.js';
import { DEFAULT_WIDGET_STRINGS } from '../../src/widgets/widget-strings.js';
import { mount, RecordingHost, settle } from './helpers.js';
import { describe, it } from '../support/mocha.js';

const fruit = [
  { value: 'apple', label: 'Apple', description: 'Crisp and sweet' },
  { value: 'banana', label: 'Banana', disabled: true },
  { value: 'cherry', label: 'Cherry' },
  { value: 'creme', label: 'Crème brûlée', description: 'Not a fruit' },
  { value: 'date', label: 'Date' },
];

function selectNode(extra: Partial<WidgetNode> = {}): WidgetNode {
  return {
    type: 'Form',
    onSubmitAction: { type: 'save' },
    children: [
      { type: 'Select', name: 'fruit', options: fruit, onChangeAction: { type: 'picked' }, ...extra },
      { type: 'Button', label: 'Save', submit: true },
    ],
  } as WidgetNode;
}

async function mountSelect(extra: Partial<WidgetNode> = {}, host = new RecordingHost()) {
  const m = await mount(selectNode(extra), host);
  await settle(m.el);
  const select = m.root.querySelector('chatkit-widget-select') as ChatkitWidgetSelect;
  await select.updateComplete;
  const sr = select.shadowRoot!;
  const trigger = sr.querySelector('#trigger') as HTMLElement;
  const popup = sr.querySelector('#popup') as HTMLElement;
  const key = async (k: string, target: HTMLElement = trigger, init: KeyboardEventInit = {}) => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true, ...init }));
    await select.updateComplete;
  };
  const options = () => Array.from(sr.querySelectorAll<HTMLElement>('[role="option"]'));
  const active = () => sr.querySelector<HTMLElement>('.option.active')?.dataset.value;
  return { ...m, select, sr, trigger, popup, key, options, active };
}

describe('widget Select', () => {
  it('is a combobox with a listbox of options, descriptions and disabled options', async () => {
    const { trigger, popup, options, select } = await mountSelect();
    expect(trigger.getAttribute('role')).to.equal('combobox');
    expect(trigger.getAttribute('aria-haspopup')).to.equal('listbox');
    expect(trigger.getAttribute('aria-expanded')).to.equal('false');
    expect(trigger.getAttribute('aria-label')).to.equal('Fruit');
    expect(trigger.textContent!.trim()).to.equal(DEFAULT_WIDGET_STRINGS.selectPlaceholder);
    expect(popup.matches(':popover-open')).to.equal(false);
    trigger.click();
    await select.updateComplete;
    expect(popup.matches(':popover-open')).to.equal(true);
    expect(trigger.getAttribute('aria-expanded')).to.equal('true');
    const [apple, banana] = options();
    expect(options().length).to.equal(5);
    expect(apple.querySelector('.description')!.textContent).to.equal('Crisp and sweet');
    expect(apple.getAttribute('aria-describedby')).to.equal(apple.querySelector('.description')!.id);
    expect(banana.getAttribute('aria-disabled')).to.equal('true');
    // The popover opens under the trigger, at least as wide, placed through CSSOM.
    await Promise.all(popup.getAnimations().map((a) => a.finished));
    const t = trigger.getBoundingClientRect();
    const p = popup.getBoundingClientRect();
    expect(p.top).to.be.greaterThanOrEqual(t.bottom);
    expect(Math.round(p.left)).to.equal(Math.round(t.left));
    expect(p.width).to.be.greaterThanOrEqual(t.width - 1);
  });

  it('picks with the mouse: disabled options refuse, the value submits and fires onChangeAction', async () => {
    const { trigger, popup, options, select, host, root } = await mountSelect();
    trigger.click();
    await select.updateComplete;
    options()[1].click();
    await select.updateComplete;
    expect(select.value).to.equal('');
    expect(host.calls.length).to.equal(0);
    options()[2].click();
    await select.updateComplete;
    expect(select.value).to.equal('cherry');
    expect(popup.matches(':popover-open')).to.equal(false);
    expect(trigger.textContent!.trim()).to.equal('Cherry');
    expect(host.calls.map((c) => [c.action.type, c.action.payload, c.loading])).to.deep.equal([
      ['picked', { fruit: 'cherry' }, 'none'],
    ]);
    (root.querySelector('button.btn') as HTMLButtonElement).click();
    expect(host.calls[1].action.payload).to.deep.equal({ fruit: 'cherry' });
    trigger.click();
    await select.updateComplete;
    expect(options()[2].getAttribute('aria-selected')).to.equal('true');
    expect(options()[0].getAttribute('aria-selected')).to.equal('false');
  });

  it('keyboard: arrows skip disabled options, Home/End, Enter picks, Escape closes, type-ahead', async () => {
    const { key, trigger, popup, select, active, host, sr } = await mountSelect({ defaultValue: 'apple' });
    expect(select.value).to.equal('apple');
    await key('ArrowDown');
    expect(popup.matches(':popover-open')).to.equal(true);
    expect(active()).to.equal('apple');
    expect(trigger.getAttribute('aria-activedescendant')).to.equal(sr.querySelector('.option.active')!.id);
    await key('ArrowDown');
    expect(active()).to.equal('cherry');
    await key('End');
    expect(active()).to.equal('date');
    await key('ArrowDown');
    expect(active()).to.equal('date');
    await key('Home');
    expect(active()).to.equal('apple');
    await key('ArrowUp');
    expect(active()).to.equal('apple');
    await key('Escape');
    expect(popup.matches(':popover-open')).to.equal(false);
    expect(select.value).to.equal('apple');
    // Type-ahead opens on the first option starting with the letters; "c" again cycles.
    await key('c');
    expect(active()).to.equal('cherry');
    await key('c');
    expect(active()).to.equal('creme');
    await key('Enter');
    expect(select.value).to.equal('creme');
    expect(popup.matches(':popover-open')).to.equal(false);
    expect(host.calls.map((c) => c.action.payload)).to.deep.equal([{ fruit: 'creme' }]);
    await key('End');
    await key(' ');
    expect(select.value).to.equal('date');
  });

  it('Tab while open commits the highlighted option and moves on, like the APG select-only combobox', async () => {
    const { key, trigger, popup, select, active, host, root } = await mountSelect();
    const save = [...root.querySelectorAll('button')].find((b) => b.textContent!.includes('Save'))!;
    trigger.focus();
    await key('ArrowDown');
    await key('ArrowDown');
    expect(active()).to.equal('cherry', 'the disabled Banana is skipped');
    await sendKeys({ press: 'Tab' });
    await select.updateComplete;
    expect(select.value).to.equal('cherry', 'Tab commits the highlighted option');
    expect(popup.matches(':popover-open')).to.equal(false);
    expect(host.calls.map((c) => c.action.payload)).to.deep.equal([{ fruit: 'cherry' }]);
    expect(root.activeElement === save).to.equal(true, 'focus moved on in page order');

    // Shift+Tab back onto the trigger; opening and tabbing away on the selected option changes nothing.
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(root.activeElement === select).to.equal(true, 'focus on select');
    await key('ArrowDown');
    expect(active()).to.equal('cherry');
    await sendKeys({ press: 'Tab' });
    await select.updateComplete;
    expect(popup.matches(':popover-open')).to.equal(false);
    expect(host.calls.length).to.equal(1, 'no change event for the same value');
    expect(root.activeElement === save).to.equal(true, 'focus on save');
  });

  it('Tab from the filter box commits the highlighted match; with no match it only closes', async () => {
    const { key, trigger, popup, select, sr, root } = await mountSelect({ searchable: true });
    const save = [...root.querySelectorAll('button')].find((b) => b.textContent!.includes('Save'))!;
    trigger.focus();
    await key('Enter');
    const search = sr.querySelector<HTMLInputElement>('#search')!;
    expect(sr.activeElement === search).to.equal(true, 'focus on search');
    await sendKeys({ type: 'zz' });
    await select.updateComplete;
    await sendKeys({ press: 'Tab' });
    await select.updateComplete;
    expect(popup.matches(':popover-open')).to.equal(false);
    expect(select.value).to.equal('', 'nothing matched: nothing committed');
    expect(root.activeElement === save).to.equal(true, 'focus on save');
    trigger.focus();
    await key('Enter');
    await sendKeys({ type: 'dat' });
    await select.updateComplete;
    await sendKeys({ press: 'Tab' });
    await select.updateComplete;
    expect(select.value).to.equal('date');
    expect(root.activeElement === save).to.equal(true, 'focus on save');
  });

  it('searchable filters as you type (case and accents ignored) and says when nothing matches', async () => {
    const { key, trigger, select, sr, options, active } = await mountSelect({ searchable: true });
    await key('C');
    const search = sr.querySelector('#search') as HTMLInputElement;
    expect(search.value).to.equal('C');
    expect(sr.activeElement === search).to.equal(true, 'focus on search');
    expect(search.getAttribute('role')).to.equal('combobox');
    const type = async (text: string) => {
      search.value = text;
      search.dispatchEvent(new Event('input'));
      await select.updateComplete;
    };
    await type('creme');
    expect(options().map((o) => o.dataset.value)).to.deep.equal(['creme']);
    await type('fruit');
    expect(options().map((o) => o.dataset.value)).to.deep.equal(['creme']);
    await type('zz');
    expect(options().length).to.equal(0);
    expect(sr.querySelector('.empty')!.textContent).to.equal(DEFAULT_WIDGET_STRINGS.noOptions);
    await type('a');
    // Descriptions match too ("Not a fruit").
    expect(options().map((o) => o.dataset.value)).to.deep.equal(['apple', 'banana', 'creme', 'date']);
    expect(active()).to.equal('apple');
    await key('ArrowDown', search);
    expect(active()).to.equal('creme');
    await key('ArrowDown', search);
    expect(active()).to.equal('date');
    expect(search.getAttribute('aria-activedescendant')).to.equal(sr.querySelector('.option.active')!.id);
    await key('Enter', search);
    expect(select.value).to.equal('date');
    expect(sr.activeElement === trigger).to.equal(true, 'focus on trigger');
  });

  it('searchable defaults on beyond 15 options and can be turned off', async () => {
    const many = Array.from({ length: 16 }, (_, i) => ({ value: `v${i}`, label: `Option ${i}` }));
    const on = await mountSelect({ options: many });
    on.trigger.click();
    await on.select.updateComplete;
    expect(on.sr.querySelector('#search')).to.not.equal(null);
    const off = await mountSelect({ options: many, searchable: false });
    off.trigger.click();
    await off.select.updateComplete;
    expect(off.sr.querySelector('#search')).to.equal(null);
  });

  it('clearable shows a clear button while there is a value; clearing submits nothing and fires onChange', async () => {
    const { sr, select, host, root, trigger } = await mountSelect({ clearable: true, defaultValue: 'date' });
    const clear = sr.querySelector('.clear') as HTMLButtonElement;
    expect(clear.getAttribute('aria-label')).to.equal('Clear');
    clear.click();
    await select.updateComplete;
    expect(select.value).to.equal('');
    expect(sr.querySelector('.clear')).to.equal(null);
    expect(sr.activeElement === trigger).to.equal(true, 'focus on trigger');
    expect(host.calls.map((c) => c.action.payload)).to.deep.equal([null]);
    (root.querySelector('button.btn') as HTMLButtonElement).click();
    expect(host.calls[1].action.payload).to.equal(null);
  });

  it('required blocks submit with a visible message until an option is picked', async () => {
    const { root, host, select, trigger, key } = await mountSelect({ required: true });
    (root.querySelector('button.btn') as HTMLButtonElement).click();
    expect(host.calls.length).to.equal(0);
    await select.updateComplete;
    expect(trigger.getAttribute('aria-invalid')).to.equal('true');
    expect(trigger.getAttribute('aria-required')).to.equal('true');
    expect(root.querySelector('.field-error')!.textContent).to.equal(DEFAULT_WIDGET_STRINGS.selectRequired);
    await key('ArrowDown');
    await key('Enter');
    expect(select.value).to.equal('apple');
    expect(trigger.hasAttribute('aria-invalid')).to.equal(false);
    (root.querySelector('button.btn') as HTMLButtonElement).click();
    expect(host.calls.at(-1)!.action.payload).to.deep.equal({ fruit: 'apple' });
  });

  it('a disabled Select does not open and submits its default', async () => {
    const { trigger, popup, select, root, host } = await mountSelect({
      disabled: true,
      defaultValue: 'date',
    });
    expect(trigger.getAttribute('aria-disabled')).to.equal('true');
    expect(trigger.tabIndex).to.equal(-1);
    trigger.click();
    await select.updateComplete;
    expect(popup.matches(':popover-open')).to.equal(false);
    (root.querySelector('button.btn') as HTMLButtonElement).click();
    expect(host.calls[0].action.payload).to.deep.equal({ fruit: 'date' });
  });

  it('a Label names it; host strings translate its words', async () => {
    const host = new RecordingHost();
    host.strings = { selectPlaceholder: 'Auswählen…', clear: 'Leeren', searchOptions: 'Suchen…' };
    const { root, el } = await mount(
      {
        type: 'Card',
        children: [
          { type: 'Label', value: 'Lieblingsobst', fieldName: 'fruit' },
          { type: 'Select', name: 'fruit', options: fruit, clearable: true, searchable: true },
        ],
      },
      host,
    );
    await settle(el);
    const select = root.querySelector('chatkit-widget-select') as ChatkitWidgetSelect;
    await select.updateComplete;
    const trigger = select.shadowRoot!.querySelector('#trigger') as HTMLElement;
    expect(trigger.getAttribute('aria-label')).to.equal('Lieblingsobst');
    expect(trigger.textContent!.trim()).to.equal('Auswählen…');
    trigger.click();
    await select.updateComplete;
    const search = select.shadowRoot!.querySelector('#search') as HTMLInputElement;
    expect(search.placeholder).to.equal('Suchen…');
  });

  it('RTL: the popover lines up with the trigger’s right edge and the clear button sits on the left', async () => {
    const host = new RecordingHost();
    const wrapper = document.createElement('div');
    wrapper.dir = 'rtl';
    wrapper.style.setProperty('width', '400px');
    document.body.append(wrapper);
    try {
      const { el, root } = await mount(selectNode({ clearable: true, defaultValue: 'apple' }), host);
      wrapper.append(el);
      await settle(el);
      const select = root.querySelector('chatkit-widget-select') as ChatkitWidgetSelect;
      await select.updateComplete;
      const sr = select.shadowRoot!;
      const trigger = sr.querySelector('#trigger') as HTMLElement;
      trigger.click();
      await select.updateComplete;
      const popup = sr.querySelector('#popup') as HTMLElement;
      await Promise.all(popup.getAnimations().map((a) => a.finished));
      const t = trigger.getBoundingClientRect();
      const p = popup.getBoundingClientRect();
      expect(Math.round(p.right)).to.equal(Math.round(t.right));
      const clear = (sr.querySelector('.clear') as HTMLElement).getBoundingClientRect();
      expect(clear.left - t.left).to.be.lessThan(t.right - clear.right);
      trigger.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    } finally {
      wrapper.remove();
    }
  });

  it('an outside press closes the popover without changing the value', async () => {
    const { trigger, popup, select } = await mountSelect({ defaultValue: 'apple' });
    trigger.click();
    await select.updateComplete;
    expect(popup.matches(':popover-open')).to.equal(true);
    document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
    await select.updateComplete;
    expect(popup.matches(':popover-open')).to.equal(false);
    expect(select.value).to.equal('apple');
  });
});
