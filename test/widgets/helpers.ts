/**
 * Test helpers for the widget renderer: a recording fake {@link WidgetHost} and a mount function.
 */
import { fixture } from '@open-wc/testing';
import { html } from 'lit';
import type { WidgetItem, WidgetNode } from '../../src/protocol/types.js';
import { loadElement } from '../../src/define.js';
import type { ChatkitWidget } from '../../src/widgets/widget.component.js';
import type { WidgetActionRequest, WidgetHost } from '../../src/widgets/widget-host.js';

await loadElement('chatkit-widget');
// Why up front: the Select/DatePicker renderers load their elements on first use; tests read them at once.
await Promise.all([loadElement('chatkit-widget-select'), loadElement('chatkit-widget-date-picker')]);

/** A fake host that records every dispatched action; `hold` keeps each action pending until released. */
export class RecordingHost implements WidgetHost {
  readonly calls: WidgetActionRequest[] = [];
  readonly releases: Array<(ok: boolean) => void> = [];
  hold = false;
  colorScheme: 'light' | 'dark' = 'light';
  locale = 'en-US';
  /** Image hosts that are not allowed. */
  blockedHosts: string[] = ['blocked.example'];
  strings?: WidgetHost['strings'];

  dispatchAction(request: WidgetActionRequest): Promise<void> {
    this.calls.push(request);
    if (!this.hold) return Promise.resolve();
    return new Promise((resolve, reject) =>
      this.releases.push((ok) => (ok ? resolve() : reject(new Error('failed')))),
    );
  }

  isImageAllowed(url: string): boolean {
    return !this.blockedHosts.includes(new URL(url).hostname);
  }
}

let seq = 0;

/** A widget item around a root node. */
export function widgetItem(widget: WidgetNode, id = `wi_${++seq}`): WidgetItem {
  return {
    id,
    thread_id: 'thr_test',
    created_at: '2026-05-19T14:03:09',
    type: 'widget',
    widget,
  } as WidgetItem;
}

/** Mounts `<chatkit-widget>` with a root node and returns the element, its host and its shadow root. */
export async function mount(widget: WidgetNode, host = new RecordingHost()) {
  const el = await fixture<ChatkitWidget>(
    html`<chatkit-widget .item=${widgetItem(widget)} .host=${host}></chatkit-widget>`,
  );
  await el.updateComplete;
  return { el, host, root: el.shadowRoot! };
}

/** Waits for the element to finish an update and a microtask turn (controlled defaults on selects). */
export async function settle(el: ChatkitWidget): Promise<void> {
  await el.updateComplete;
  await Promise.resolve();
}

export { until } from '../support/until.js';
