/**
 * DatePicker: `min`/`max`/`defaultValue` in every §0 timestamp shape reduce to the date the sender wrote
 * (YYYY-MM-DD) for the native input, and the input carries the host locale.
 */
import { expect } from '@open-wc/testing';
import { collectValues } from '../../src/widgets/form-values.js';
import { mount, RecordingHost, settle } from './helpers.js';
import { describe, it } from '../support/mocha.js';

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
      const host = new RecordingHost();
      host.locale = 'de-DE';
      const { el, root } = await mount(
        {
          type: 'Card',
          asForm: true,
          children: [{ type: 'DatePicker', name: 'd', min: wire, max: wire, defaultValue: wire }],
        },
        host,
      );
      await settle(el);
      const input = root.querySelector('input[type="date"]') as HTMLInputElement;
      expect([input.min, input.max, input.value]).to.deep.equal([date, date, date]);
      expect(input.lang).to.equal('de-DE');
      expect(input.validity.valid).to.equal(true);
      expect(collectValues(root.querySelector('[data-form]')!)).to.deep.equal([['d', date]]);
    });
  }
});
