/**
 * ChatKit JS's `Table`, `Table.Row`, `Table.Cell`: header rows, colSpan/rowSpan, alignment and widths.
 * A cell holds `children` (components) or a plain `value`.
 *
 * @module
 */
import { html, nothing } from 'lit';
import { cssProps } from '../internal/css-props.js';
import type { WidgetNode } from '../protocol/types.js';
import type { RenderContext, Renderer, RendererTable } from './render-context.js';
import { color, size, textAlign } from './values.js';

function span(value: unknown): number | typeof nothing {
  return Number.isInteger(value) && (value as number) > 1 ? (value as number) : nothing;
}

function cell(node: WidgetNode, ctx: RenderContext, header: boolean) {
  const style = cssProps({
    'text-align': textAlign(node.align ?? node.textAlign),
    'vertical-align':
      node.verticalAlign === 'center' ? 'middle' : node.verticalAlign === 'end' ? 'bottom' : undefined,
    width: size(node.width),
    color: color(node.color, ctx.scheme),
  });
  const content =
    node.children !== undefined
      ? ctx.children(node.children)
      : typeof node.value === 'string' || typeof node.value === 'number'
        ? String(node.value)
        : nothing;
  return header || node.header === true
    ? html`<th scope="col" colspan=${span(node.colSpan)} rowspan=${span(node.rowSpan)} ${style}>
        ${content}
      </th>`
    : html`<td colspan=${span(node.colSpan)} rowspan=${span(node.rowSpan)} ${style}>${content}</td>`;
}

function cells(row: WidgetNode, ctx: RenderContext) {
  const list = Array.isArray(row.children) ? row.children : [];
  return list.map((c: WidgetNode) =>
    c && typeof c === 'object' && c.type === 'Table.Cell'
      ? cell(c, ctx, row.header === true)
      : html`<td>${ctx.node(c)}</td>`,
  );
}

const row: Renderer = (node, ctx) =>
  html`<tr class=${node.header ? 'header' : ''}>
    ${cells(node, ctx)}
  </tr>`;

const table: Renderer = (node, ctx) => {
  const rows = Array.isArray(node.children) ? node.children : [];
  return html`<div class="table-wrap">
    <table class="table${node.striped ? ' striped' : ''}" ${cssProps({ width: size(node.width) })}>
      <tbody>
        ${rows.map((r: WidgetNode) =>
          r && typeof r === 'object' && r.type === 'Table.Row'
            ? row(r, ctx)
            : html`<tr>
                <td>${ctx.node(r)}</td>
              </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
};

/** A cell outside a row renders as a lone cell's content, so stray cells still show their text. */
const looseCell: Renderer = (node, ctx) =>
  html`<span>${node.children !== undefined ? ctx.children(node.children) : String(node.value ?? '')}</span>`;

/** Table renderers by type. */
export const tableRenderers = {
  Table: table,
  'Table.Row': row,
  'Table.Cell': looseCell,
} satisfies RendererTable;
