import { expect } from '@open-wc/testing';
import { WIDGET_FIXTURES } from '../fixtures/widgets/fixtures.js';
import { mount } from './helpers.js';
import { describe, it } from '../support/mocha.js';

describe('widget accessibility (axe)', () => {
  const names = [
    'Card.form.json',
    'ListView.json',
    'items/widget.json',
    'Card.chart_and_layout.json',
    'cat_name_suggestions',
  ];
  for (const name of names) {
    it(`${name} has no axe violations`, async () => {
      const fixture = WIDGET_FIXTURES.find((f) => f.name.includes(name))!;
      const { el } = await mount(fixture.widget);
      await expect(el).to.be.accessible();
    });
  }
});

describe('picker popovers (axe)', () => {
  const form = {
    type: 'Card',
    asForm: true,
    children: [
      { type: 'Label', value: 'Plan', fieldName: 'plan' },
      {
        type: 'Select',
        name: 'plan',
        searchable: true,
        clearable: true,
        defaultValue: 'pro',
        options: [
          { value: 'free', label: 'Free' },
          { value: 'pro', label: 'Pro', description: '$20/mo' },
          { value: 'ent', label: 'Enterprise', disabled: true },
        ],
      },
      { type: 'Label', value: 'Start', fieldName: 'start' },
      { type: 'DatePicker', name: 'start', defaultValue: '2026-06-01', clearable: true },
    ],
  };

  for (const tag of ['chatkit-widget-select', 'chatkit-widget-date-picker'] as const) {
    it(`${tag} open has no axe violations`, async () => {
      const { el, root } = await mount(form as never);
      await el.updateComplete;
      const picker = root.querySelector(tag)!;
      await picker.updateComplete;
      (picker.shadowRoot!.querySelector('#trigger') as HTMLElement).click();
      await picker.updateComplete;
      await picker.updateComplete;
      expect(picker.shadowRoot!.querySelector('#popup')!.matches(':popover-open')).to.equal(true);
      await expect(el).to.be.accessible();
    });
  }
});
