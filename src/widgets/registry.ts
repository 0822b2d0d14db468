/**
 * The widget registry: component type → renderer, one module per family. Unknown types render a visible,
 * harmless fallback box naming the type (house rule 8).
 *
 * @module
 */
import { html, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { WidgetComponentType, WidgetNode } from '../protocol/types.js';
import { contentRenderers } from './content.js';
import { controlRenderers } from './controls.js';
import { layoutRenderers } from './layout.js';
import type { RenderContext, Renderer } from './render-context.js';
import { rootRenderers } from './roots.js';
import { tableRenderers } from './table.js';
import { textRenderers } from './text.js';

/**
 * Every renderer by component type: one per type of the catalog (a type without a renderer, or a renderer
 * for a type the protocol does not know, does not compile). A null-prototype object, so `__proto__` or
 * `constructor` match nothing.
 */
const REGISTRY: Readonly<Record<string, Renderer>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, Renderer>, {
    ...rootRenderers,
    ...layoutRenderers,
    ...textRenderers,
    ...contentRenderers,
    ...controlRenderers,
    ...tableRenderers,
  } satisfies Record<WidgetComponentType, Renderer>),
);

/** A visible, inert box naming a type we cannot render. */
function fallback(type: unknown, ctx: RenderContext): TemplateResult {
  const name = typeof type === 'string' ? type.slice(0, 60) : typeof type;
  const text = ctx.strings.unsupported.replace('{type}', name);
  return html`<div class="fallback" data-fallback=${name}>${text}</div>`;
}

/** Renders one node. */
export function renderNode(node: unknown, ctx: RenderContext): TemplateResult {
  if (!node || typeof node !== 'object' || Array.isArray(node))
    return fallback(node === null ? 'null' : node, ctx);
  const n = node as WidgetNode;
  const renderer = typeof n.type === 'string' ? REGISTRY[n.type] : undefined;
  return renderer ? renderer(n, ctx) : fallback(n.type, ctx);
}

/**
 * Renders a list keyed by `id`, then `key`, then position. Keys make Lit move DOM instead of re-creating it,
 * so a control keeps what the user typed and its focus across `widget.root.updated`. Duplicate keys fall
 * back to position (repeat() requires unique keys).
 */
export function renderChildren(nodes: unknown, ctx: RenderContext): unknown {
  const list = Array.isArray(nodes) ? nodes : nodes && typeof nodes === 'object' ? [nodes] : [];
  const seen = new Set<string>();
  const keys = list.map((n: WidgetNode | null, i) => {
    const own =
      n && typeof n === 'object'
        ? typeof n.id === 'string'
          ? `i:${n.id}`
          : typeof n.key === 'string'
            ? `k:${n.key}`
            : ''
        : '';
    const key = own && !seen.has(own) ? own : `#${i}:${n && typeof n === 'object' ? String(n.type) : ''}`;
    seen.add(key);
    return key;
  });
  return repeat(
    list,
    (_n, i) => keys[i],
    (n) => renderNode(n, ctx),
  );
}
