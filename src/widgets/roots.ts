/**
 * Root components (§7.5): `Card` (size, padding, background, status header, collapsed, confirm/cancel,
 * asForm), `ListView` (limit with "Show more", status) with its `ListViewItem` rows, and `Basic`.
 *
 * @module
 */
import { html, nothing, type TemplateResult } from 'lit';
import { cssProps } from '../internal/css-props.js';
import { icon } from '../internal/icons.js';
import type { CardAction, WidgetNode } from '../protocol/types.js';
import { imageDecision, loadImageButton } from './content.js';
import { boxStyles } from './layout.js';
import { nodeIdentity, type RenderContext, type Renderer, type RendererTable } from './render-context.js';
import { align, color, oneOf, space, spacing } from './values.js';

/** The status header of a Card or ListView: an icon or a favicon (through the image policy), and a text. */
function status(
  value: unknown,
  ctx: RenderContext,
  toggle?: TemplateResult,
): TemplateResult | typeof nothing {
  if (!value || typeof value !== 'object') return toggle ?? nothing;
  const s = value as { text?: unknown; icon?: unknown; favicon?: unknown; frame?: unknown };
  const decision = s.favicon === undefined ? null : imageDecision(s.favicon, ctx);
  const favicon = decision?.kind === 'load' ? decision.src : null;
  const mark = favicon
    ? html`<img
        class="favicon${s.frame ? ' frame' : ''}"
        src=${favicon}
        alt=""
        referrerpolicy="no-referrer"
      />`
    : decision?.kind === 'blocked'
      ? loadImageButton(decision, ctx, 'image-load favicon-load')
      : typeof s.icon === 'string'
        ? icon(s.icon, { size: 16 })
        : nothing;
  return html`<div class="status">
    ${mark}<span class="status-text">${typeof s.text === 'string' ? s.text : ''}</span>${toggle ?? nothing}
  </div>`;
}

function cardAction(value: unknown): CardAction | undefined {
  const a = value as CardAction | undefined;
  return a && typeof a === 'object' && a.action && typeof a.action === 'object' ? a : undefined;
}

function footer(node: WidgetNode, ctx: RenderContext): TemplateResult | typeof nothing {
  const confirm = cardAction(node.confirm);
  const cancel = cardAction(node.cancel);
  if (!confirm && !cancel) return nothing;
  return html`<div class="card-footer">
    ${
      cancel
        ? html`<button
            type="button"
            class="btn tone-secondary variant-outline size-md"
            data-card-action="cancel"
            @click=${(ev: Event) => ctx.fire(cancel.action, 'cancel', ev.currentTarget as HTMLElement)}
          >
            ${typeof cancel.label === 'string' ? cancel.label : 'Cancel'}
          </button>`
        : nothing
    }
    ${
      confirm
        ? html`<button
            type="button"
            class="btn tone-primary variant-solid size-md"
            data-card-action="confirm"
            @click=${(ev: Event) => {
              const el = ev.currentTarget as HTMLElement;
              if (node.asForm) ctx.submit(el);
              else ctx.fire(confirm.action, 'confirm', el);
            }}
          >
            ${typeof confirm.label === 'string' ? confirm.label : 'Confirm'}
          </button>`
        : nothing
    }
  </div>`;
}

/**
 * A Card. `collapsed` (set by the server once the main action completed) hides the confirm/cancel footer;
 * when the card has a status header, that header stands in for the body, which a toggle can expand again.
 */
const card: Renderer = (node, ctx) => {
  const id = `card:${nodeIdentity(node, 'root')}`;
  const hasStatus = !!node.status && typeof node.status === 'object';
  const collapsed = node.collapsed === true;
  const bodyHidden = collapsed && hasStatus && ctx.ui.get(id) !== true;
  const size = oneOf(node.size, ['sm', 'md', 'lg', 'full'] as const) ?? 'md';
  const pad = spacing('padding', node.padding);
  const style = {
    ...pad,
    '--ck-pad-left': pad['padding-left'] ?? pad.padding,
    '--ck-pad-right': pad['padding-right'] ?? pad.padding,
    '--ck-pad-top': pad['padding-top'] ?? pad.padding,
    background: color(node.background, ctx.scheme),
  };
  const toggle =
    collapsed && hasStatus
      ? html`<button
          type="button"
          class="card-toggle"
          aria-expanded=${bodyHidden ? 'false' : 'true'}
          aria-label=${bodyHidden ? ctx.strings.showDetails : ctx.strings.hideDetails}
          @click=${() => {
            ctx.ui.set(id, bodyHidden);
            ctx.requestUpdate();
          }}
        >
          ${icon(bodyHidden ? 'chevron-down' : 'chevron-up', { size: 16 })}
        </button>`
      : undefined;
  const confirm = cardAction(node.confirm);
  const content = html`${status(node.status, ctx, toggle)}
  ${bodyHidden ? nothing : html`<div class="card-body">${ctx.children(node.children)}</div>`}
  ${collapsed ? nothing : footer(node, ctx)}`;
  return html`<div
    class="card size-${size}${bodyHidden ? ' collapsed' : ''}"
    data-type="Card"
    ${cssProps(style)}
  >
    ${
      node.asForm
        ? html`<div
            class="card-form"
            role="form"
            data-form
            .ckSubmit=${confirm?.action ?? null}
            .ckSite=${'confirm'}
          >
            ${content}
          </div>`
        : content
    }
  </div>`;
};

/**
 * After "Show more" re-renders, moves focus to the row at `index` (the first newly shown one). Why: the
 * button disappears with the click, and focus would otherwise fall back to the page, losing the reader's place.
 * A clickable row focuses its button; a plain row becomes programmatically focusable (tabindex -1, not a tab stop).
 */
async function focusRow(button: HTMLElement, index: number): Promise<void> {
  const list = button.closest('.list-view');
  const owner = (button.getRootNode() as ShadowRoot).host as Partial<{ updateComplete: Promise<unknown> }>;
  await owner?.updateComplete;
  const row = list?.querySelector(':scope > .list-items')?.children[index] as HTMLElement | undefined;
  if (!row) return;
  const hit = row.querySelector<HTMLElement>(':scope > .list-item-hit');
  if (!hit) row.tabIndex = -1;
  (hit ?? row).focus();
}

const listView: Renderer = (node, ctx) => {
  const items = Array.isArray(node.children) ? node.children : [];
  const id = `more:${nodeIdentity(node, 'root')}`;
  const limit =
    node.limit === 'auto' ? 5 : Number.isInteger(node.limit) && node.limit > 0 ? node.limit : Infinity;
  const showAll = ctx.ui.get(id) === true || items.length <= limit;
  return html`<div class="list-view" data-type="ListView">
    ${status(node.status, ctx)}
    <div class="list-items" role="list">${ctx.children(showAll ? items : items.slice(0, limit))}</div>
    ${
      showAll
        ? nothing
        : html`<button
            type="button"
            class="show-more"
            @click=${(ev: Event) => {
              ctx.ui.set(id, true);
              ctx.requestUpdate();
              void focusRow(ev.currentTarget as HTMLElement, limit);
            }}
          >
            ${ctx.strings.showMore} ${icon('chevron-down', { size: 14 })}
          </button>`
    }
  </div>`;
};

const listViewItem: Renderer = (node, ctx) => {
  const clickable = !!node.onClickAction && typeof node.onClickAction === 'object';
  const activate = (ev: Event) => ctx.fire(node.onClickAction, 'item', ev.currentTarget as HTMLElement);
  return html`<div
    class="list-item${clickable ? ' clickable' : ''}"
    role="listitem"
    ${cssProps({ gap: space(node.gap, 'gap'), 'align-items': align(node.align) })}
  >
    ${
      clickable
        ? html`<div
            class="list-item-hit"
            role="button"
            tabindex="0"
            @click=${activate}
            @keydown=${(ev: KeyboardEvent) => {
              if (ev.key === 'Enter' || ev.key === ' ') {
                ev.preventDefault();
                activate(ev);
              }
            }}
            ${cssProps({ gap: space(node.gap, 'gap'), 'align-items': align(node.align) })}
          >
            ${ctx.children(node.children)}
          </div>`
        : ctx.children(node.children)
    }
  </div>`;
};

const basic: Renderer = (node, ctx) =>
  html`<div
    class="basic box"
    data-type="Basic"
    ${cssProps(boxStyles(node, ctx, node.direction === 'row' ? 'row' : 'column'))}
  >
    ${ctx.children(node.children)}
  </div>`;

/** Root renderers by type (ListViewItem lives with its list). */
export const rootRenderers = {
  Card: card,
  ListView: listView,
  ListViewItem: listViewItem,
  Basic: basic,
} satisfies RendererTable;
