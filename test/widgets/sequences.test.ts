/**
 * Replays the recorded widget sequences (§7.7 streamed widget, §8.4 custom action) into `<chatkit-widget>`
 * through the shared item reducer, the way the root element does, while a user types into the form.
 */
import { expect } from '@open-wc/testing';
import { applyItemUpdate } from '../../src/protocol/apply-update.js';
import type { WidgetItem } from '../../src/protocol/types.js';
import type { ChatkitWidget } from '../../src/widgets/widget.component.js';
import { WIDGET_ITEM, WIDGET_SEQUENCES } from '../fixtures/widgets/fixtures.js';
import { mount, settle } from './helpers.js';
import { describe, it } from '../support/mocha.js';

/** Applies one stream event to the widget element's item, as the root element's reducer would. */
async function apply(el: ChatkitWidget, event: any): Promise<void> {
  if (event.type === 'thread.item.updated' && event.item_id === el.item!.id) {
    el.item = applyItemUpdate(el.item!, event.update) as WidgetItem;
  } else if (
    (event.type === 'thread.item.done' || event.type === 'thread.item.replaced') &&
    event.item.id === el.item!.id
  ) {
    el.item = event.item;
  } else return;
  await settle(el);
}

describe('recorded widget sequences', () => {
  it('streamed widget (§7.7): text grows with a caret, typed values and focus survive the root update', async () => {
    const { events } = WIDGET_SEQUENCES['threads.add_user_message.streamed_widget'];
    const added = events.find((e) => e.type === 'thread.item.added' && e.item.type === 'widget');
    const { el, root } = await mount(added.item.widget);
    el.item = added.item;
    await settle(el);
    const qty = root.querySelector('input[name="order.quantity"]') as HTMLInputElement;
    qty.focus();
    qty.value = '7';
    const seen: string[] = [];
    for (const event of events.slice(events.indexOf(added) + 1)) {
      await apply(el, event);
      const text = root.querySelector('.text')!;
      seen.push(`${text.textContent}${root.querySelector('.caret') ? '|' : ''}`);
    }
    expect(seen.length).to.be.greaterThan(2);
    expect(seen[0]).to.equal('Your last order |');
    expect(seen[1]).to.equal('Your last order was 3 reams |');
    expect(seen[seen.length - 1]).to.equal('Your last order was 3 reams on May 2.');
    expect(root.querySelector('input[name="order.quantity"]')).to.equal(qty);
    expect(qty.value).to.equal('7');
    expect(el.shadowRoot!.activeElement).to.equal(qty);
  });

  it('custom action: the confirm payload equals the recorded request, then the widget is replaced in place', async () => {
    const { request, events } = WIDGET_SEQUENCES['threads.custom_action'];
    const { el, root, host } = await mount(WIDGET_ITEM.widget);
    el.item = WIDGET_ITEM;
    await settle(el);
    // The user picks toner, types 3 and ticks express shipping (the choices behind the recorded request).
    const select = root.querySelector('chatkit-widget-select')!;
    (select.shadowRoot!.querySelector('#trigger') as HTMLElement).click();
    await select.updateComplete;
    (select.shadowRoot!.querySelector('[role="option"][data-value="toner"]') as HTMLElement).click();
    const qty = root.querySelector('input[name="order.quantity"]') as HTMLInputElement;
    qty.value = '3';
    (root.querySelector('input[name="express"]') as HTMLInputElement).click();
    (root.querySelector('[data-card-action="confirm"]') as HTMLButtonElement).click();
    expect(host.calls.length).to.equal(1);
    const sent = host.calls[0];
    expect(sent.item.id).to.equal(request.params.item_id);
    expect({ type: sent.action.type, payload: sent.action.payload }).to.deep.equal(request.params.action);
    expect(sent.loading).to.equal('container');
    for (const event of events) await apply(el, event);
    expect(root.querySelector('.text')!.textContent).to.equal('Order placed: 3 x toner.');
    expect(root.querySelector('[data-card-action]')).to.equal(null);
  });
});
