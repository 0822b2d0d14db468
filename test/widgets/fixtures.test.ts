import { expect } from '@open-wc/testing';
import { WIDGET_FIXTURES } from '../fixtures/widgets/fixtures.js';
import { mount, until } from './helpers.js';
import { describe, it } from '../support/mocha.js';

describe('shared widget fixtures', () => {
  it('includes every example and golden widget', () => {
    expect(WIDGET_FIXTURES.length).to.be.greaterThan(30);
  });

  for (const fixture of WIDGET_FIXTURES) {
    it(`renders ${fixture.name} without fallback nodes`, async () => {
      const widget = fixture.root ? fixture.widget : { type: 'Card', children: [fixture.widget] };
      const { root } = await mount(widget);
      expect(root.querySelectorAll('[data-fallback]').length).to.equal(0);
      const part = root.querySelector('[part="widget"]') as HTMLElement;
      expect(part).to.not.equal(null);
      expect(part.getBoundingClientRect().height).to.be.greaterThan(10);
      const charts = root.querySelectorAll('chatkit-widget-chart');
      if (charts.length) await until(() => !!charts[0].shadowRoot?.querySelector('svg rect, svg path'));
    });
  }
});
