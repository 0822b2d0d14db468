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
