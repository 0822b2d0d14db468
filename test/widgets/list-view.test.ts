/**
 * ListView `limit: "auto"`: five rows, "Show more" reveals the rest and moves focus to the first new row.
 */
import { expect } from '@open-wc/testing';
import { mount, until } from './helpers.js';
import { describe, it } from '../support/mocha.js';

const rows = (n: number, clickable: boolean) =>
  Array.from({ length: n }, (_, i) => ({
    type: 'ListViewItem',
    key: `r${i}`,
    ...(clickable ? { onClickAction: { type: 'pick', payload: { i } } } : {}),
    children: [{ type: 'Text', value: `Row ${i}` }],
  }));

describe('ListView limit "auto"', () => {
  for (const clickable of [true, false]) {
    it(`shows 5 rows; "Show more" reveals the rest and focuses row 6 (${clickable ? 'clickable' : 'plain'} rows)`, async () => {
      const { root } = await mount({ type: 'ListView', limit: 'auto', children: rows(8, clickable) });
      expect(root.querySelectorAll('.list-item').length).to.equal(5);
      const more = root.querySelector('.show-more') as HTMLButtonElement;
      more.focus();
      more.click();
      const items = () => Array.from(root.querySelectorAll<HTMLElement>('.list-item'));
      await until(() => items().length === 8 && root.activeElement !== null && root.activeElement !== more);
      expect(items().map((r) => r.textContent!.trim())).to.deep.equal(
        Array.from({ length: 8 }, (_, i) => `Row ${i}`),
      );
      expect(root.querySelector('.show-more')).to.equal(null);
      const sixth = items()[5];
      const target = clickable ? sixth.querySelector('.list-item-hit') : sixth;
      expect(root.activeElement).to.equal(target);
      // A plain row is focusable by script only; it does not become a tab stop.
      if (!clickable) expect(sixth.tabIndex).to.equal(-1);
    });
  }

  it('with 5 rows or fewer there is no "Show more"', async () => {
    const { root } = await mount({ type: 'ListView', limit: 'auto', children: rows(5, false) });
    expect(root.querySelectorAll('.list-item').length).to.equal(5);
    expect(root.querySelector('.show-more')).to.equal(null);
  });
});
