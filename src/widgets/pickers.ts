/**
 * The choice controls (§7.5): `Select` (descriptions, disabled options, placeholder, clearable, searchable
 * beyond 15 options) and `DatePicker` (min/max, clearable; the native picker is locale-aware). Native
 * elements, controlled once like every control.
 *
 * @module
 */
import { html, nothing, type TemplateResult } from 'lit';
import { icon } from '../internal/icons.js';
import type { WidgetNode } from '../protocol/types.js';
import { controlSize } from './button.js';
import { fallbackName, fieldClass, onChange, str, withError } from './control-parts.js';
import { controlledDefault } from './controlled-default.js';
import type { Renderer, RendererTable, RenderContext } from './render-context.js';

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

/** A clear button for clearable Select/DatePicker; clears, then behaves like a user change. */
function clearButton(node: WidgetNode, ctx: RenderContext): TemplateResult | typeof nothing {
  if (!node.clearable || node.disabled) return nothing;
  return html`<button
    type="button"
    class="clear"
    aria-label=${ctx.strings.clear}
    @click=${(ev: Event) => {
      const control = (ev.currentTarget as HTMLElement).parentElement?.querySelector<
        HTMLInputElement | HTMLSelectElement
      >('[data-field]');
      if (!control) return;
      control.value = '';
      control.dispatchEvent(new Event('change', { bubbles: true }));
      control.focus();
    }}
  >
    ${icon('x', { size: 14 })}
  </button>`;
}

const select: Renderer = (node, ctx) => {
  const name = str(node.name);
  const opts = options(node);
  const searchable = node.searchable ?? opts.length > 15;
  const placeholder = str(node.placeholder) || ctx.strings.selectPlaceholder;
  const filter = (ev: Event) => {
    const query = (ev.currentTarget as HTMLInputElement).value.toLowerCase();
    const el = (ev.currentTarget as HTMLElement).parentElement?.querySelector('select');
    for (const option of Array.from(el?.options ?? [])) {
      option.hidden = option.value !== '' && !option.text.toLowerCase().includes(query);
    }
  };
  return withError(
    html`<span class="select-wrap${node.block ? ' block' : ''}">
      ${
        searchable
          ? html`<input
              class="field input select-search size-${controlSize(node.size)}"
              type="search"
              placeholder=${ctx.strings.searchOptions}
              aria-label=${ctx.strings.searchOptions}
              @input=${filter}
            />`
          : nothing
      }
      <span class="select-row">
        <select
          class=${fieldClass(node, 'select', ['solid', 'soft', 'outline', 'ghost'], 'outline')}
          id=${ctx.uid + name}
          name=${name}
          data-field=${name}
          aria-label=${fallbackName(node, ctx)}
          ?required=${node.required === true}
          ?disabled=${node.disabled === true}
          ${controlledDefault(str(node.defaultValue))}
          @change=${onChange(node, ctx)}
        >
          <option value="" ?disabled=${node.clearable !== true && node.required === true}>
            ${placeholder}
          </option>
          ${opts.map(
            (o) =>
              html`<option value=${o.value} ?disabled=${o.disabled} title=${o.description ?? nothing}>
                ${o.description ? `${o.label} — ${o.description}` : o.label}
              </option>`,
          )}
        </select>
        ${clearButton(node, ctx)}
      </span>
    </span>`,
    node.block === true,
  );
};

/** The date part (YYYY-MM-DD) of an ISO date or datetime string (§0), or `''`. */
export function isoDate(value: unknown): string {
  const match = typeof value === 'string' ? /^(\d{4}-\d{2}-\d{2})/.exec(value) : null;
  return match ? match[1] : '';
}

const datePicker: Renderer = (node, ctx) => {
  const name = str(node.name);
  return withError(
    html`<span class="select-row${node.block ? ' block' : ''}">
      <input
        class=${fieldClass(node, 'date', ['solid', 'soft', 'outline', 'ghost'], 'outline')}
        id=${ctx.uid + name}
        name=${name}
        data-field=${name}
        data-kind="date"
        type="date"
        lang=${ctx.host.locale || nothing}
        aria-label=${fallbackName(node, ctx)}
        min=${isoDate(node.min) || nothing}
        max=${isoDate(node.max) || nothing}
        ?required=${node.required === true}
        ?disabled=${node.disabled === true}
        ${controlledDefault(isoDate(node.defaultValue))}
        @change=${onChange(node, ctx)}
      />
      ${clearButton(node, ctx)}
    </span>`,
    node.block === true,
  );
};

/** Choice control renderers by type. */
export const pickerRenderers = { Select: select, DatePicker: datePicker } satisfies RendererTable;
