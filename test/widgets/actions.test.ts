import { expect } from '@open-wc/testing';
import type { WidgetNode } from '../../src/protocol/types.js';
import { mount, RecordingHost, settle } from './helpers.js';
import { describe, it } from '../support/mocha.js';

function flush(): Promise<void> {
  return new Promise((r) => setTimeout(r, 0));
}

describe('actions', () => {
  it('applies defaults (server handler, auto loading, streaming) and passes the item and source', async () => {
    const { root, el, host } = await mount({
      type: 'Card',
      children: [{ type: 'Button', label: 'Go', onClickAction: { type: 'go' } }],
    });
    const button = root.querySelector('button') as HTMLButtonElement;
    button.click();
    expect(host.calls[0].action).to.deep.equal({
      type: 'go',
      handler: 'server',
      loadingBehavior: 'auto',
      streaming: true,
      payload: null,
    });
    expect(host.calls[0].loading).to.equal('self');
    expect(host.calls[0].item).to.equal(el.item);
    expect(host.calls[0].source).to.equal(button);
  });

  it('keeps explicit handler/streaming/payload', async () => {
    const { root, host } = await mount({
      type: 'Card',
      children: [
        {
          type: 'Button',
          label: 'Go',
          onClickAction: { type: 'go', handler: 'client', streaming: false, payload: { a: [1] } },
        },
      ],
    });
    (root.querySelector('button') as HTMLButtonElement).click();
    expect(host.calls[0].action).to.deep.equal({
      type: 'go',
      handler: 'client',
      loadingBehavior: 'auto',
      streaming: false,
      payload: { a: [1] },
    });
  });

  it('self: spinner, aria-busy and disabled on the control until the promise settles', async () => {
    const host = new RecordingHost();
    host.hold = true;
    const { root } = await mount(
      { type: 'Card', children: [{ type: 'Button', label: 'Go', onClickAction: { type: 'go' } }] },
      host,
    );
    const button = root.querySelector('button') as HTMLButtonElement;
    button.click();
    expect(button.disabled).to.equal(true);
    expect(button.getAttribute('aria-busy')).to.equal('true');
    expect(button.classList.contains('loading')).to.equal(true);
    expect(getComputedStyle(button, '::after').animationName).to.equal('ck-spin');
    host.releases[0](true);
    await flush();
    expect(button.disabled).to.equal(false);
    expect(button.hasAttribute('aria-busy')).to.equal(false);
  });

  it('container: the whole widget dims and is inert until settled (also on failure)', async () => {
    const host = new RecordingHost();
    host.hold = true;
    const { root, el } = await mount(
      {
        type: 'Card',
        children: [{ type: 'Text', value: 'x' }],
        confirm: { label: 'OK', action: { type: 'ok' } },
      },
      host,
    );
    const logs: unknown[] = [];
    el.addEventListener('chatkit-widget-log', (e) => logs.push((e as CustomEvent).detail));
    (root.querySelector('[data-card-action="confirm"]') as HTMLButtonElement).click();
    expect(host.calls[0].loading).to.equal('container');
    await el.updateComplete;
    const part = root.querySelector('[part="widget"]') as HTMLElement;
    expect(part.inert).to.equal(true);
    expect(part.getAttribute('aria-busy')).to.equal('true');
    expect(Number(getComputedStyle(part).opacity)).to.be.lessThan(1);
    host.releases[0](false);
    await flush();
    await el.updateComplete;
    expect(part.inert).to.equal(false);
    expect(logs.length).to.equal(1);
    // Focus, dropped while the widget was inert, returns to the control that fired.
    await flush();
    expect(el.shadowRoot!.activeElement).to.equal(root.querySelector('[data-card-action="confirm"]'));
  });

  it('none: nothing changes; cancel resolves auto to container; onChange to none; ListViewItem to self', async () => {
    const host = new RecordingHost();
    const { root, el } = await mount(
      {
        type: 'Card',
        children: [
          { type: 'Button', label: 'N', onClickAction: { type: 'n', loadingBehavior: 'none' } },
          { type: 'Checkbox', name: 'c', onChangeAction: { type: 'c' } },
        ],
        cancel: { label: 'Cancel', action: { type: 'x' } },
      },
      host,
    );
    await settle(el);
    const n = root.querySelector('button.btn') as HTMLButtonElement;
    n.click();
    expect(n.disabled).to.equal(false);
    (root.querySelector('input[type="checkbox"]') as HTMLInputElement).click();
    (root.querySelector('[data-card-action="cancel"]') as HTMLButtonElement).click();
    expect(host.calls.map((c) => [c.action.type, c.loading])).to.deep.equal([
      ['n', 'none'],
      ['c', 'none'],
      ['x', 'container'],
    ]);
  });

  it('a busy list row ignores repeated activation until its action settles', async () => {
    const host = new RecordingHost();
    host.hold = true;
    const { root } = await mount(
      {
        type: 'ListView',
        children: [
          { type: 'ListViewItem', onClickAction: { type: 'pick' }, children: [{ type: 'Text', value: 'a' }] },
        ],
      },
      host,
    );
    const row = root.querySelector('.list-item-hit') as HTMLElement;
    row.click();
    row.click();
    expect(host.calls.length).to.equal(1);
    expect(row.getAttribute('aria-busy')).to.equal('true');
    expect(row.hasAttribute('aria-disabled')).to.equal(true);
    host.releases[0](true);
    await flush();
    expect(row.hasAttribute('aria-busy')).to.equal(false);
    row.click();
    expect(host.calls.length).to.equal(2);
  });

  it('widgets stay clickable while another action is pending', async () => {
    const host = new RecordingHost();
    host.hold = true;
    const { root } = await mount(
      {
        type: 'Card',
        children: [
          { type: 'Button', label: 'A', onClickAction: { type: 'a' } },
          { type: 'Button', label: 'B', onClickAction: { type: 'b', streaming: false } },
        ],
      } as WidgetNode,
      host,
    );
    const [a, b] = Array.from(root.querySelectorAll('button')) as HTMLButtonElement[];
    a.click();
    b.click();
    expect(host.calls.map((c) => c.action.type)).to.deep.equal(['a', 'b']);
  });

  it('ignores malformed actions', async () => {
    const { root, host } = await mount({
      type: 'Card',
      children: [{ type: 'Button', label: 'A', onClickAction: { payload: 1 } }],
    });
    (root.querySelector('button') as HTMLButtonElement).click();
    expect(host.calls.length).to.equal(0);
  });
});
