/**
 * Widget items (through `<chatkit-widget>`) and the copy / feedback / retry row that ends a turn. The rarer
 * item types render from render-on-demand.ts, loaded with the first of them.
 *
 * @internal
 * @module
 */
import { html, nothing } from 'lit';
import type { AssistantMessageItem, ThreadItem, WidgetItem } from '../../protocol/types.js';
import type { ItemRenderContext } from './item-context.js';
import { assistantText, renderItemActions } from './render-assistant-message.js';
import { ensureElement } from '../lazy-elements.js';

/** Renders a `widget` item. */
export function renderWidgetItem(item: WidgetItem, rc: ItemRenderContext) {
  void ensureElement('chatkit-widget');
  return html`<div class="widget-item" data-item-id=${item.id}>
    <chatkit-widget exportparts="widget" .item=${item} .host=${rc.ctx.controller.widgetHost}></chatkit-widget>
    ${renderItemActions(item, item.copy_text ?? '', rc)}
  </div>`;
}

/** Item types whose own renderer draws the copy / feedback / retry row. */
const OWN_ACTIONS: ReadonlySet<string> = new Set(['assistant_message', 'widget']);

/**
 * The copy / feedback / retry row after an item that ends an assistant turn but does not draw the row itself
 * (a generated image, workflow, task, client tool call or answered questions last). Copy takes the turn's
 * text (its assistant messages and widgets' copy text), so "Here is your image" + image still copies.
 */
export function renderTurnEndActions(item: ThreadItem, turn: readonly ThreadItem[], rc: ItemRenderContext) {
  if (!rc.endsTurn || OWN_ACTIONS.has(item.type) || item.type === 'user_message') return nothing;
  // Questions still waiting for an answer: the turn is not over.
  if (item.type === 'structured_input' && item.status === 'pending') return nothing;
  const text = turn
    .map((t) =>
      t.type === 'assistant_message'
        ? assistantText(t as AssistantMessageItem)
        : t.type === 'widget'
          ? (t.copy_text ?? '')
          : '',
    )
    .filter(Boolean)
    .join('\n\n');
  return renderItemActions(item, text, rc);
}
