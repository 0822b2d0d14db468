/**
 * Layout components (§7.5): `Box`, `Row`, `Col`, `Form`, `Spacer`, `Divider`, `Transition`.
 *
 * @module
 */
import { html } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { cssProps } from '../internal/css-props.js';
import type { WidgetNode } from '../protocol/types.js';
import type { RenderContext, Renderer, RendererTable } from './render-context.js';
import {
  align,
  border,
  color,
  dimensions,
  justify,
  oneOf,
  radius,
  size,
  space,
  spacing,
  type Styles,
} from './values.js';

/** The BoxBase props (§7.5) as styles, for a flex container in `direction`. */
export function boxStyles(node: WidgetNode, ctx: RenderContext, direction: 'row' | 'column'): Styles {
  return {
    'flex-direction': direction,
    'align-items': align(node.align) ?? (direction === 'row' ? 'center' : undefined),
    'justify-content': justify(node.justify),
    'flex-wrap': oneOf(node.wrap, ['nowrap', 'wrap', 'wrap-reverse'] as const),
    // Why a default row gap: side-by-side controls (two block buttons) must not touch; columns stack tight.
    gap: space(node.gap ?? (direction === 'row' && node.type === 'Row' ? 2 : undefined), 'gap'),
    ...dimensions(node),
    ...spacing('padding', node.padding),
    ...spacing('margin', node.margin),
    ...border(node.border, ctx.scheme),
    'border-radius': radius(node.radius),
    background: color(node.background, ctx.scheme),
  };
}

function direction(node: WidgetNode, fallback: 'row' | 'column'): 'row' | 'column' {
  return node.direction === 'row' ? 'row' : node.direction === 'col' ? 'column' : fallback;
}

const box =
  (fixed?: 'row' | 'column'): Renderer =>
  (node, ctx) =>
    html`<div
      class="box"
      data-type=${node.type}
      ${cssProps(boxStyles(node, ctx, fixed ?? direction(node, 'column')))}
    >
      ${ctx.children(node.children)}
    </div>`;

/**
 * A `Form`: a box whose named controls are collected into every action fired inside it (§7.4). The submit
 * action is kept on the element so the component can find it from the submitting control.
 */
const form: Renderer = (node, ctx) =>
  html`<div
    class="box form"
    role="form"
    data-form
    .ckSubmit=${node.onSubmitAction ?? null}
    ${cssProps(boxStyles(node, ctx, direction(node, 'column')))}
  >
    ${ctx.children(node.children)}
  </div>`;

const spacer: Renderer = (node) =>
  html`<div
    class="spacer"
    aria-hidden="true"
    ${cssProps({ 'min-width': size(node.minSize), 'min-height': size(node.minSize, 'min-height') })}
  ></div>`;

const divider: Renderer = (node, ctx) => {
  const gap = space(node.spacing, 'margin-top');
  return html`<hr
    class=${node.flush ? 'divider flush' : 'divider'}
    ${cssProps({
      'border-top-color': color(node.color, ctx.scheme),
      'border-top-width': size(node.size, 'border-top-width'),
      'margin-top': gap,
      'margin-bottom': gap,
    })}
  />`;
};

/**
 * A `Transition`: its single child is keyed by `key` (or `id`), so a swap creates a new element whose entry
 * animation plays; the stylesheet disables it under `prefers-reduced-motion`.
 */
const transition: Renderer = (node, ctx) => {
  const child = Array.isArray(node.children) ? node.children[0] : node.children;
  if (!child || typeof child !== 'object') return html`<div class="transition"></div>`;
  const key = (child as WidgetNode).key ?? (child as WidgetNode).id ?? (child as WidgetNode).type;
  return html`<div class="transition">
    ${keyed(key, html`<div class="transition-item">${ctx.node(child)}</div>`)}
  </div>`;
};

/** Layout renderers by type. */
export const layoutRenderers = {
  Box: box(),
  Row: box('row'),
  Col: box('column'),
  Form: form,
  Spacer: spacer,
  Divider: divider,
  Transition: transition,
} satisfies RendererTable;
