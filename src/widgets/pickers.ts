/**
 * The choice controls (§7.5): `Select` (listbox popover with descriptions, disabled options, placeholder,
 * clearable, searchable — by default beyond 15 options) and `DatePicker` (calendar popover at `side`/`align`,
 * min/max, locale week start and names, clearable). Both are form-associated elements
 * (`<chatkit-widget-select>`, `<chatkit-widget-date-picker>`), so the form collector and validator see them
 * like native controls; controlled once like every control.
 *
 * @module
 */
import { html, nothing } from 'lit';
import { ensureElement } from '../element/lazy-elements.js';
import type { WidgetNode } from '../protocol/types.js';
import { fallbackName, fieldClass, onChange, str, withError } from './control-parts.js';
import { controlledDefault } from './controlled-default.js';
import type { Renderer, RendererTable } from './render-context.js';
import { oneOf } from './values.js';

/** A Select/RadioGroup option after validation. */
export type Option = { value: string; label: string; disabled?: boolean; description?: string };

/** The valid options of a Select or RadioGroup. */
export function options(node: WidgetNode): Option[] {
  return (Array.isArray(node.options) ? node.options : [])
    .filter((o: unknown): o is Record<string, unknown> => !!o && typeof o === 'object')
    .map((o: Record<string, unknown>) => ({
      value: str(o.value),
      label: str(o.label) || str(o.value),
      disabled: o.disabled === true,
      description: str(o.description) || undefined,
    }));
}

const select: Renderer = (node, ctx) => {
  void ensureElement('chatkit-widget-select');
  const name = str(node.name);
  const opts = options(node);
  const label = fallbackName(node, ctx);
  return withError(
    html`<chatkit-widget-select
      id=${ctx.uid + name}
      data-field=${name}
      .name=${name}
      .options=${opts}
      .placeholder=${str(node.placeholder)}
      .searchable=${node.searchable === true || (node.searchable !== false && opts.length > 15)}
      .clearable=${node.clearable === true}
      .disabled=${node.disabled === true}
      .required=${node.required === true}
      .block=${node.block === true}
      .fieldClass=${fieldClass(node, 'picker', ['solid', 'soft', 'outline', 'ghost'], 'outline')}
      .label=${label === nothing ? '' : label}
      .locale=${ctx.host.locale ?? ''}
      .strings=${ctx.strings}
      ${controlledDefault(str(node.defaultValue))}
      @change=${onChange(node, ctx)}
    ></chatkit-widget-select>`,
    node.block === true,
  );
};

/** The date part (YYYY-MM-DD) of an ISO date or datetime string (§0), or `''`. */
export function isoDate(value: unknown): string {
  const match = typeof value === 'string' ? /^(\d{4}-\d{2}-\d{2})/.exec(value) : null;
  return match ? match[1] : '';
}

const datePicker: Renderer = (node, ctx) => {
  void ensureElement('chatkit-widget-date-picker');
  const name = str(node.name);
  const label = fallbackName(node, ctx);
  return withError(
    html`<chatkit-widget-date-picker
      id=${ctx.uid + name}
      data-field=${name}
      data-kind="date"
      .name=${name}
      .min=${isoDate(node.min)}
      .max=${isoDate(node.max)}
      .side=${oneOf(node.side, ['top', 'bottom', 'left', 'right'] as const) ?? 'bottom'}
      .align=${oneOf(node.align, ['start', 'center', 'end'] as const) ?? 'start'}
      .placeholder=${str(node.placeholder)}
      .clearable=${node.clearable === true}
      .disabled=${node.disabled === true}
      .required=${node.required === true}
      .block=${node.block === true}
      .fieldClass=${fieldClass(node, 'picker', ['solid', 'soft', 'outline', 'ghost'], 'outline')}
      .label=${label === nothing ? '' : label}
      .locale=${ctx.host.locale ?? ''}
      .strings=${ctx.strings}
      ${controlledDefault(isoDate(node.defaultValue))}
      @change=${onChange(node, ctx)}
    ></chatkit-widget-date-picker>`,
    node.block === true,
  );
};

/** Choice control renderers by type. */
export const pickerRenderers = { Select: select, DatePicker: datePicker } satisfies RendererTable;
