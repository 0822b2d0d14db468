/**
 * Text components (§7.5): `Text` (streaming caret, editable inside forms), `Title`, `Caption`, `Label`,
 * `Markdown` (through `<chatkit-markdown>`). Text reaches the DOM through Lit bindings only.
 *
 * @module
 */
import { html, nothing } from 'lit';
import { cssProps } from '../internal/css-props.js';
import { ensureElement } from '../element/lazy-elements.js';
import type { WidgetNode } from '../protocol/types.js';
import { autoSelect } from './control-parts.js';
import { controlledDefault } from './controlled-default.js';
import type { RenderContext, Renderer, RendererTable } from './render-context.js';
import { color, size, textAlign, type Styles } from './values.js';

const WEIGHTS: Record<string, string> = { normal: '400', medium: '500', semibold: '600', bold: '700' };
const TEXT_SIZES: Record<string, string> = {
  xs: '12px',
  sm: '13px',
  md: 'var(--chatkit-font-size)',
  lg: '17px',
  xl: '20px',
};
const TITLE_SIZES: Record<string, string> = {
  sm: '15px',
  md: '17px',
  lg: '20px',
  xl: '24px',
  '2xl': '28px',
  '3xl': '32px',
  '4xl': '38px',
  '5xl': '46px',
};
const CAPTION_SIZES: Record<string, string> = { sm: '12px', md: '13px', lg: '14px' };

function pick(table: Record<string, string>, value: unknown): string | undefined {
  return typeof value === 'string' && Object.hasOwn(table, value) ? table[value] : undefined;
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

/** The typography props shared by Text, Title, Caption and Label. */
function typography(node: WidgetNode, ctx: RenderContext, sizes: Record<string, string>): Styles {
  const lines = Number.isInteger(node.maxLines) && node.maxLines > 0 ? String(node.maxLines) : undefined;
  return {
    color: color(node.color, ctx.scheme),
    'font-weight': pick(WEIGHTS, node.weight),
    'font-size': pick(sizes, node.size),
    'text-align': textAlign(node.textAlign),
    '-webkit-line-clamp': node.truncate ? undefined : lines,
    'min-height': Number.isInteger(node.minLines) && node.minLines > 0 ? `${node.minLines}lh` : undefined,
  };
}

function classes(base: string, node: WidgetNode): string {
  const lines = !node.truncate && Number.isInteger(node.maxLines) && node.maxLines > 0;
  return `${base}${node.truncate ? ' truncate' : ''}${lines ? ' clamp' : ''}`;
}

/** An editable `Text`: a borderless input that looks like the text and is a named form control (§7.4). */
function editableText(node: WidgetNode, ctx: RenderContext, style: Styles) {
  const e = node.editable as Record<string, unknown>;
  const name = str(e.name);
  return html`<span class="text-editable">
    <input
      class="text editable"
      id=${ctx.uid + name}
      name=${name}
      data-field=${name}
      type="text"
      ${cssProps(style)}
      placeholder=${str(e.placeholder) || nothing}
      pattern=${str(e.pattern) || nothing}
      autocomplete=${str(e.autoComplete) || 'off'}
      ?required=${e.required === true}
      ?autofocus=${e.autoFocus === true}
      data-autoselect=${e.autoSelect === true ? '' : nothing}
      @focus=${autoSelect}
      ${controlledDefault(str(node.value))}
      @keydown=${(ev: KeyboardEvent) => {
        if (ev.key === 'Enter' && !ev.isComposing) ctx.submit(ev.currentTarget as HTMLElement);
      }}
    />
    <span class="field-error" aria-live="polite"></span>
  </span>`;
}

const text: Renderer = (node, ctx) => {
  const style: Styles = {
    ...typography(node, ctx, TEXT_SIZES),
    width: size(node.width),
    'font-style': node.italic ? 'italic' : undefined,
    'text-decoration': node.lineThrough ? 'line-through' : undefined,
  };
  if (node.editable && typeof node.editable === 'object' && typeof node.editable.name === 'string') {
    return editableText(node, ctx, style);
  }
  const caret = node.streaming ? html`<span class="caret" aria-hidden="true"></span>` : nothing;
  // prettier-ignore
  return html`<p class=${classes('text', node)} ${cssProps(style)} aria-busy=${node.streaming ? 'true' : nothing}>${str(node.value)}${caret}</p>`;
};

// Why prettier-ignore: whitespace inside these elements would become part of the text.
// prettier-ignore
const title: Renderer = (node, ctx) =>
  html`<h3 class=${classes('title', node)} ${cssProps(typography(node, ctx, TITLE_SIZES))}>${str(node.value)}</h3>`;

// prettier-ignore
const caption: Renderer = (node, ctx) =>
  html`<p class=${classes('caption', node)} ${cssProps(typography(node, ctx, CAPTION_SIZES))}>${str(node.value)}</p>`;

// prettier-ignore
const label: Renderer = (node, ctx) =>
  html`<label class="label" for=${ctx.uid + str(node.fieldName)} ${cssProps(typography(node, ctx, TEXT_SIZES))}>${str(node.value)}</label>`;

// Markdown goes through the element's markdown renderer (marked's tokens built into DOM), with the thread's image policy;
// its code loads on first use (Lit keeps the properties until the element upgrades).
const markdown: Renderer = (node, ctx) => {
  void ensureElement('chatkit-markdown');
  return html`<chatkit-markdown
    class="markdown"
    .text=${str(node.value)}
    .streaming=${node.streaming === true}
    .allowedImageDomains=${ctx.host.allowedImageDomains ?? null}
    .imageProxyUrl=${ctx.host.imageProxyUrl ?? null}
    .labels=${{
      copyCode: ctx.strings.copyCode,
      copied: ctx.strings.copied,
      sources: ctx.strings.sources,
      truncated: ctx.strings.truncated,
    }}
  ></chatkit-markdown>`;
};

/** Text renderers by type. */
export const textRenderers = {
  Text: text,
  Title: title,
  Caption: caption,
  Label: label,
  Markdown: markdown,
} satisfies RendererTable;
