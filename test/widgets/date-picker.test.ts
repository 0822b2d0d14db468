/**
 * The widget DatePicker (`<chatkit-widget-date-picker>`): `min`/`max`/`defaultValue` in every §0 timestamp
 * shape reduce to the date the sender wrote (YYYY-MM-DD), the calendar popover opens at `side`/`align`,
 * names months and weekdays and starts the week as the locale does, disables days outside min/max, follows
 * the ARIA date picker dialog keyboard pattern (mirrored in RTL), clears, and submits `YYYY-MM-DD` as before.
 */
import { expect } from '@open-wc/testing';
import type { WidgetNode } from '../../src/protocol/types.js';
import type { ChatkitWidgetDatePicker } from '../../src/widgets/date-picker.component.js';
import { weekStart } from '../../src/widgets/date-picker.component.js';
import { collectValues } from '../../src/widgets/form-values.js';
import { mount, RecordingHost, settle } from './helpers.js';
import { describe, it } from '../support/mocha.js';

async function mountPicker(extra: Partial<WidgetNode> = {}, locale = 'en-US') {
  const host = new RecordingHost();
  host.locale = locale;
  const m = await mount(
    {
      type: 'Form',
      onSubmitAction: { type: 'save' },
      children: [
        { type: 'DatePicker', name: 'when', onChangeAction: { type: 'changed' }, ...extra },
        { type: 'Button', label: 'Save', submit: true },
      ],
    } as WidgetNode,
    host,
  );
  await settle(m.el);
  const picker = m.root.querySelector('chatkit-widget-date-picker') as ChatkitWidgetDatePicker;
  await picker.updateComplete;
  const sr = picker.shadowRoot!;
  const trigger = sr.querySelector('#trigger') as HTMLButtonElement;
  const popup = sr.querySelector('#popup') as HTMLElement;
  const open = async () => {
    trigger.click();
    await picker.updateComplete;
    await picker.updateComplete;
    await Promise.all(popup.getAnimations().map((a) => a.finished));
  };
  const focused = () => (sr.activeElement as HTMLElement | null)?.dataset.date;
  const key = async (k: string, init: KeyboardEventInit = {}) => {
    (sr.activeElement as HTMLElement).dispatchEvent(
      new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true, ...init }),
    );
    await picker.updateComplete;
    await picker.updateComplete;
  };
  const headers = () => Array.from(sr.querySelectorAll('th')).map((th) => th.textContent!.trim());
  return { ...m, picker, sr, trigger, popup, open, focused, key, headers };
}

describe('DatePicker', () => {
  const shapes: Array<[string, string]> = [
    ['2026-05-19T14:03:07.512843', '2026-05-19'],
    ['2026-05-19T14:03:07', '2026-05-19'],
    ['2026-05-19T14:03:07.512843Z', '2026-05-19'],
    ['2026-05-19T23:30:07.512000+02:00', '2026-05-19'],
    ['2026-05-19T00:30:00.512-05:00', '2026-05-19'],
    ['2026-05-19', '2026-05-19'],
  ];
  for (const [wire, date] of shapes) {
    it(`min/max/defaultValue ${wire} → ${date}`, async () => {
      const { picker, root } = await mountPicker({ min: wire, max: wire, defaultValue: wire }, 'de-DE');
      expect([picker.min, picker.max, picker.value]).to.deep.equal([date, date, date]);
      expect(picker.locale).to.equal('de-DE');
      expect(picker.checkValidity()).to.equal(true);
      expect(collectValues(root.querySelector('[data-form]')!)).to.deep.equal([['when', date]]);
    });
  }

  it('shows the value in the locale and opens a calendar dialog on the selected day', async () => {
    const { trigger, popup, open, focused, sr } = await mountPicker({ defaultValue: '2026-03-04' });
    expect(trigger.textContent).to.contain('Mar 4, 2026');
    expect(trigger.getAttribute('aria-haspopup')).to.equal('dialog');
    await open();
    expect(popup.matches(':popover-open')).to.equal(true);
    expect(popup.getAttribute('role')).to.equal('dialog');
    expect(popup.getAttribute('aria-modal')).to.equal('true');
    expect(trigger.getAttribute('aria-expanded')).to.equal('true');
    expect(sr.querySelector('#title')!.textContent).to.equal('March 2026');
    expect(focused()).to.equal('2026-03-04');
    expect(sr.querySelector('td[data-date="2026-03-04"]')!.getAttribute('aria-selected')).to.equal('true');
    expect(sr.querySelector('td[data-date="2026-03-04"]')!.getAttribute('aria-label')).to.equal(
      'Wednesday, March 4, 2026',
    );
  });

  it('week start and names follow the locale', async () => {
    expect(weekStart('en-US')).to.equal(0);
    expect(weekStart('de-DE')).to.equal(1);
    expect(weekStart('ar-EG')).to.equal(6);
    const us = await mountPicker({ defaultValue: '2026-03-04' }, 'en-US');
    await us.open();
    expect(us.headers()[0]).to.equal('Sun');
    const de = await mountPicker({ defaultValue: '2026-03-04' }, 'de-DE');
    await de.open();
    expect(de.headers()[0]).to.equal('Mo');
    expect(de.sr.querySelector('#title')!.textContent).to.equal('März 2026');
    expect(de.trigger.textContent).to.contain('04.03.2026');
    // March 2026 starts on a Sunday: the last column of the first German row.
    const firstRow = Array.from(de.sr.querySelectorAll('tbody tr')[0].querySelectorAll('td'));
    expect(firstRow.map((td) => td.textContent!.trim())).to.deep.equal(['', '', '', '', '', '', '1']);
  });

  it('keyboard: arrows by day and week, Home/End, PageUp/PageDown by month (Shift: year), Enter picks', async () => {
    const { open, key, focused, sr, picker, host, trigger, popup } = await mountPicker(
      { defaultValue: '2026-03-04' },
      'en-US',
    );
    await open();
    await key('ArrowRight');
    expect(focused()).to.equal('2026-03-05');
    await key('ArrowDown');
    expect(focused()).to.equal('2026-03-12');
    await key('ArrowLeft');
    expect(focused()).to.equal('2026-03-11');
    await key('ArrowUp');
    expect(focused()).to.equal('2026-03-04');
    await key('Home');
    expect(focused()).to.equal('2026-03-01');
    await key('End');
    expect(focused()).to.equal('2026-03-07');
    await key('PageDown');
    expect(focused()).to.equal('2026-04-07');
    expect(sr.querySelector('#title')!.textContent).to.equal('April 2026');
    await key('PageUp', { shiftKey: true });
    expect(focused()).to.equal('2025-04-07');
    await key('ArrowUp');
    expect(focused()).to.equal('2025-03-31');
    await key('Enter');
    expect(picker.value).to.equal('2025-03-31');
    expect(popup.matches(':popover-open')).to.equal(false);
    expect(sr.activeElement).to.equal(trigger);
    expect(host.calls.map((c) => [c.action.type, c.action.payload, c.loading])).to.deep.equal([
      ['changed', { when: '2025-03-31' }, 'none'],
    ]);
  });

  it('Escape closes without a change; Tab stays inside the dialog', async () => {
    const { open, key, sr, picker, trigger, popup, host } = await mountPicker({ defaultValue: '2026-03-04' });
    await open();
    await key('Tab');
    expect((sr.activeElement as HTMLElement).classList.contains('prev')).to.equal(true);
    await key('Tab');
    expect((sr.activeElement as HTMLElement).classList.contains('next')).to.equal(true);
    await key('Tab', { shiftKey: true });
    await key('Tab', { shiftKey: true });
    expect((sr.activeElement as HTMLElement).dataset.date).to.equal('2026-03-04');
    await key('ArrowRight');
    await key('Escape');
    expect(popup.matches(':popover-open')).to.equal(false);
    expect(sr.activeElement).to.equal(trigger);
    expect(picker.value).to.equal('2026-03-04');
    expect(host.calls.length).to.equal(0);
  });

  it('RTL mirrors the arrow keys', async () => {
    const wrapper = document.createElement('div');
    wrapper.dir = 'rtl';
    document.body.append(wrapper);
    try {
      const m = await mountPicker({ defaultValue: '2026-03-04' }, 'ar');
      wrapper.append(m.el);
      await settle(m.el);
      await m.open();
      expect(m.focused()).to.equal('2026-03-04');
      await m.key('ArrowLeft');
      expect(m.focused()).to.equal('2026-03-05');
      await m.key('ArrowRight');
      await m.key('ArrowRight');
      expect(m.focused()).to.equal('2026-03-03');
    } finally {
      wrapper.remove();
    }
  });

  it('min/max disable the days outside and the month buttons at the ends', async () => {
    const { open, sr, picker, key, focused } = await mountPicker({
      min: '2026-03-03',
      max: '2026-03-20T00:00:00',
      defaultValue: '2026-03-04',
    });
    await open();
    const day = (d: string) => sr.querySelector<HTMLElement>(`td[data-date="${d}"]`)!;
    expect(day('2026-03-02').getAttribute('aria-disabled')).to.equal('true');
    expect(day('2026-03-03').hasAttribute('aria-disabled')).to.equal(false);
    expect(day('2026-03-21').getAttribute('aria-disabled')).to.equal('true');
    expect((sr.querySelector('.prev') as HTMLButtonElement).disabled).to.equal(true);
    expect((sr.querySelector('.next') as HTMLButtonElement).disabled).to.equal(true);
    day('2026-03-02').click();
    await picker.updateComplete;
    expect(picker.value).to.equal('2026-03-04');
    await key('ArrowLeft');
    await key('ArrowLeft');
    expect(focused()).to.equal('2026-03-02');
    await key('Enter');
    expect(picker.value).to.equal('2026-03-04');
    day('2026-03-20').click();
    await picker.updateComplete;
    expect(picker.value).to.equal('2026-03-20');
  });

  it('side/align place the calendar; it flips when there is no room', async () => {
    for (const [side, align] of [
      ['bottom', 'start'],
      ['bottom', 'end'],
      ['right', 'start'],
      ['top', 'center'],
    ] as const) {
      const { open, trigger, popup, el } = await mountPicker({ defaultValue: '2026-03-04', side, align });
      // A small field with room on the requested side: near the top for `bottom`/`right`, near the bottom
      // of the viewport for `top`, away from the left edge so `end`/`center` alignment can show.
      const top = side === 'top' ? window.innerHeight - 60 : 10;
      el.style.setProperty('margin', `${top}px 0 0 200px`);
      el.style.setProperty('width', '180px');
      await open();
      const t = trigger.getBoundingClientRect();
      const p = popup.getBoundingClientRect();
      const at = Math.round;
      if (side === 'bottom') expect(p.top, side).to.be.greaterThanOrEqual(t.bottom);
      if (side === 'top') expect(p.bottom, side).to.be.lessThanOrEqual(t.top);
      if (side === 'right') expect(p.left, side).to.be.greaterThanOrEqual(t.right);
      if (side === 'bottom' && align === 'start') expect(at(p.left)).to.equal(at(t.left));
      if (side === 'bottom' && align === 'end') expect(at(p.right)).to.equal(at(t.right));
      if (side === 'right' && align === 'start') expect(at(p.top)).to.equal(at(t.top));
      if (side === 'top' && align === 'center')
        expect(Math.abs((p.left + p.right) / 2 - (t.left + t.right) / 2)).to.be.lessThan(1.5);
      el.remove();
    }
    // No room above at the top of the page: `top` flips to below.
    const { open, trigger, popup } = await mountPicker({ defaultValue: '2026-03-04', side: 'top' });
    await open();
    expect(popup.getBoundingClientRect().top).to.be.greaterThanOrEqual(
      trigger.getBoundingClientRect().bottom,
    );
    expect(popup.dataset.side).to.equal('bottom');
  });

  it('clearable clears to an omitted value; required blocks submit with a message', async () => {
    const a = await mountPicker({ clearable: true, defaultValue: '2026-03-04' });
    (a.sr.querySelector('.clear') as HTMLButtonElement).click();
    await a.picker.updateComplete;
    expect(a.picker.value).to.equal('');
    expect(a.trigger.textContent!.trim()).to.equal('Choose a date');
    (a.root.querySelector('button.btn') as HTMLButtonElement).click();
    expect(a.host.calls.map((c) => c.action.payload)).to.deep.equal([null, null]);
    const b = await mountPicker({ required: true, placeholder: 'Pick a day' });
    expect(b.trigger.textContent!.trim()).to.equal('Pick a day');
    (b.root.querySelector('button.btn') as HTMLButtonElement).click();
    expect(b.host.calls.length).to.equal(0);
    await b.picker.updateComplete;
    expect(b.trigger.getAttribute('aria-invalid')).to.equal('true');
    expect(b.root.querySelector('.field-error')!.textContent).to.equal('Please choose a date.');
  });
});
