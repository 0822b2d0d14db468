/**
 * The Select and DatePicker popovers on a strict-CSP page (`style-src 'self'`, no `'unsafe-inline'`): opening,
 * placing, filtering and picking raise no `securitypolicyviolation`, and the popover still lands beside its
 * trigger (its coordinates are written through CSSOM, which CSP allows). This file's page carries the policy
 * from its first test on, so it is a file of its own.
 */
import { expect } from '@open-wc/testing';
import type { WidgetNode } from '../../src/protocol/types.js';
import type { ChatkitWidgetDatePicker } from '../../src/widgets/date-picker.component.js';
import type { ChatkitWidgetSelect } from '../../src/widgets/select.component.js';
import { mount, settle } from './helpers.js';
import { describe, it } from '../support/mocha.js';

describe('pickers under a strict CSP', () => {
  it('open, place and pick with 0 violations', async () => {
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective), true);
    const meta = document.createElement('meta');
    meta.httpEquiv = 'Content-Security-Policy';
    meta.content = "style-src 'self'";
    document.head.append(meta);
    // The policy is in force: an inline style attribute parsed from markup is refused.
    const probe = document.createElement('div');
    probe.innerHTML = '<span style="color: red"></span>';
    document.body.append(probe);
    await new Promise((resolve) =>
      document.addEventListener('securitypolicyviolation', resolve, { once: true }),
    );
    expect(violations.length).to.equal(1);
    probe.remove();
    violations.length = 0;

    const { el, root } = await mount({
      type: 'Card',
      asForm: true,
      children: [
        {
          type: 'Select',
          name: 's',
          searchable: true,
          clearable: true,
          options: [
            { value: 'a', label: 'Alpha', description: 'First' },
            { value: 'b', label: 'Beta' },
          ],
        },
        { type: 'DatePicker', name: 'd', defaultValue: '2026-03-04', side: 'bottom', align: 'end' },
      ],
    } as WidgetNode);
    await settle(el);
    const select = root.querySelector('chatkit-widget-select') as ChatkitWidgetSelect;
    const trigger = select.shadowRoot!.querySelector('#trigger') as HTMLElement;
    trigger.click();
    await select.updateComplete;
    const popup = select.shadowRoot!.querySelector('#popup') as HTMLElement;
    await Promise.all(popup.getAnimations().map((a) => a.finished));
    expect(Math.round(popup.getBoundingClientRect().left)).to.equal(
      Math.round(trigger.getBoundingClientRect().left),
    );
    (select.shadowRoot!.querySelector('[data-value="b"]') as HTMLElement).click();
    await select.updateComplete;
    expect(select.value).to.equal('b');

    const picker = root.querySelector('chatkit-widget-date-picker') as ChatkitWidgetDatePicker;
    const dateTrigger = picker.shadowRoot!.querySelector('#trigger') as HTMLElement;
    dateTrigger.click();
    await picker.updateComplete;
    const calendar = picker.shadowRoot!.querySelector('#popup') as HTMLElement;
    await Promise.all(calendar.getAnimations().map((a) => a.finished));
    expect(Math.round(calendar.getBoundingClientRect().right)).to.equal(
      Math.round(dateTrigger.getBoundingClientRect().right),
    );
    (picker.shadowRoot!.querySelector('td[data-date="2026-03-09"]') as HTMLElement).click();
    await picker.updateComplete;
    expect(picker.value).to.equal('2026-03-09');
    // Styles from the shadow sheets still apply (the trigger is a bordered field).
    expect(getComputedStyle(trigger).borderTopStyle).to.equal('solid');
    expect(violations).to.deep.equal([]);
  });
});
