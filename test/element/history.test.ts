import { expect } from '@open-wc/testing';
import { describe, it } from '../support/mocha.js';
import { deep, deepAll, mount, settle, until } from './helpers.js';
import type { ChatkitChat } from '../../src/element/chatkit-chat/chatkit-chat.component.js';
import { isBuiltinIcon } from '../../src/internal/icons.js';

/** The element focused inside the history panel (its shadow root's active element), as its row's title. */
function focusedRowTitle(el: ChatkitChat): string | null {
  const active = deep(el, 'chatkit-history')?.shadowRoot?.activeElement ?? null;
  if (!active) return null;
  if (active.classList.contains('new')) return '(new chat)';
  return active.closest('.row')?.querySelector('.title')?.textContent ?? `(${active.className})`;
}

async function deleteRow(el: ChatkitChat, title: string) {
  deep(el, 'chatkit-history', `button[aria-label="Delete: ${title}"]`)!.click();
  await until(() => deep(el, 'chatkit-history', '[role="alertdialog"] .danger'), 'confirmation');
  deep(el, 'chatkit-history', '[role="alertdialog"] .danger')!.focus();
  deep(el, 'chatkit-history', '[role="alertdialog"] .danger')!.click();
  const before = deepAll(el, 'chatkit-history', '.row').length;
  // Row count, not titles: the confirming row shows no title while the request runs.
  await until(() => deepAll(el, 'chatkit-history', '.row').length === before - 1, `${title} removed`);
  await settle(el);
}

// First in this file: no panel has loaded yet, so nothing else has fetched the on-demand icon table.
describe('history panel icons', () => {
  it('has the rename and delete icons the moment the panel is defined (they come with it, never drawn late)', async () => {
    const { el, server } = await mount();
    server.addThread('thr_i', 'Icons');
    expect(isBuiltinIcon('pencil')).to.equal(false);
    const defined = customElements
      .whenDefined('chatkit-history')
      .then(() => isBuiltinIcon('pencil') && isBuiltinIcon('trash-2'));
    el.showHistory();
    expect(await defined).to.equal(true);
    await until(() => deep(el, 'chatkit-history', 'button[aria-label="Delete: Icons"]'), 'delete button');
    for (const name of ['pencil', 'trash-2']) {
      const svg = deep(el, 'chatkit-history', `svg[data-icon="${name}"]`);
      expect(svg!.querySelectorAll('path').length, name).to.be.greaterThan(0);
    }
  });
});

describe('history panel focus', () => {
  it('after a delete, focus goes to the next row, else the previous, else New chat; Escape still closes', async () => {
    const { el, server } = await mount();
    server.addThread('thr_a', 'Alpha');
    server.addThread('thr_b', 'Bravo');
    server.addThread('thr_c', 'Charlie');
    el.showHistory();
    await until(() => deepAll(el, 'chatkit-history', '.row').length === 3, 'three rows');
    const titles = () => deepAll(el, 'chatkit-history', '.row .title').map((t) => t.textContent);
    const [first, middle, last] = titles() as string[];

    await deleteRow(el, middle);
    expect(focusedRowTitle(el)).to.equal(last);
    await deleteRow(el, last);
    expect(focusedRowTitle(el)).to.equal(first);
    await deleteRow(el, first);
    expect(focusedRowTitle(el)).to.equal('(new chat)');

    const active = deep(el, 'chatkit-history')!.shadowRoot!.activeElement!;
    active.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await until(() => deep(el, 'chatkit-history') === null, 'history closed by Escape');
  });

  it('cancelling the confirmation returns focus to the row’s delete button', async () => {
    const { el, server } = await mount();
    server.addThread('thr_k', 'Keep me');
    el.showHistory();
    await until(() => deep(el, 'chatkit-history', 'button[aria-label="Delete: Keep me"]'), 'delete button');
    deep(el, 'chatkit-history', 'button[aria-label="Delete: Keep me"]')!.click();
    await until(() => deep(el, 'chatkit-history', '[role="alertdialog"]'), 'confirmation');
    const cancel = deep(el, 'chatkit-history', '[role="alertdialog"] .confirm-actions button:not(.danger)')!;
    cancel.focus();
    cancel.click();
    await settle(el);
    const active = deep(el, 'chatkit-history')!.shadowRoot!.activeElement;
    expect(active?.getAttribute('aria-label') ?? null).to.equal('Delete: Keep me');
  });
});
