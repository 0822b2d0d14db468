/**
 * Form controls (§7.5): `Input`, `Textarea`, `Select`, `DatePicker`, `Checkbox`, `RadioGroup`, plus `Button`
 * from its own module. Native elements, so validation, autofill and accessibility come from the platform.
 * Every named control carries `data-field` (the form collector looks for it) and is controlled once
 * ({@link controlledDefault}).
 *
 * @module
 */
import { html, nothing, type TemplateResult } from 'lit';
import { icon } from '../internal/icons.js';
import type { WidgetNode } from '../protocol/types.js';
import { buttonRenderers, controlSize } from './button.js';
import { controlledDefault } from './controlled-default.js';
import type { RenderContext, Renderer } from './render-context.js';
import { oneOf } from './values.js';

const INPUT_TYPES = ['number', 'email', 'text', 'password', 'tel', 'url'] as const;

function str(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

/**
 * An accessible name for a control that no `Label` (by `fieldName`) names: the placeholder, or the field
 * name in words. Returns `nothing` when a Label exists, so the visible label is the name.
 */
function fallbackName(node: WidgetNode, ctx: RenderContext): string | typeof nothing {
  if (ctx.labelled.has(str(node.name))) return nothing;
  const name = str(node.placeholder) || str(node.name).split('.').pop()!.replace(/[_-]+/g, ' ');
  return name.charAt(0).toUpperCase() + name.slice(1);
}

function fieldClass(node: WidgetNode, base: string, variants: readonly string[], fallback: string): string {
  const variant = oneOf(node.variant, variants) ?? fallback;
  const gutter = oneOf(node.gutterSize, ['2xs', 'xs', 'sm', 'md', 'lg', 'xl'] as const);
  return `field ${base} variant-${variant} size-${controlSize(node.size)}${node.pill ? ' pill' : ''}${
    node.block ? ' block' : ''
  }${gutter ? ` gutter-${gutter}` : ''}`;
}

/** Wraps a control with its (initially empty) validation message slot. */
function withError(control: TemplateResult, block = true): TemplateResult {
  return html`<span class=${block ? 'control block' : 'control'}
    >${control}<span class="field-error" aria-live="polite"></span
  ></span>`;
}

function clearError(ev: Event): void {
  const el = ev.currentTarget as HTMLElement;
  el.removeAttribute('aria-invalid');
  const slot = el.closest('.control')?.querySelector('.field-error');
  if (slot) slot.textContent = '';
}

function autoSelect(ev: FocusEvent): void {
  const el = ev.currentTarget as HTMLInputElement;
  if (el.dataset.autoselect !== undefined) el.select();
}

const input: Renderer = (node, ctx) => {
  const name = str(node.name);
  return withError(
    html`<input
      class=${fieldClass(node, 'input', ['soft', 'outline'], 'outline')}
      id=${ctx.uid + name}
      name=${name}
      data-field=${name}
      type=${oneOf(node.inputType, INPUT_TYPES) ?? 'text'}
      aria-label=${fallbackName(node, ctx)}
      placeholder=${str(node.placeholder) || nothing}
      pattern=${str(node.pattern) || nothing}
      autocomplete=${node.allowAutofillExtensions ? 'on' : 'off'}
      data-1p-ignore=${node.allowAutofillExtensions ? nothing : ''}
      ?required=${node.required === true}
      ?disabled=${node.disabled === true}
      ?autofocus=${node.autoFocus === true}
      data-autoselect=${node.autoSelect ? '' : nothing}
      ${controlledDefault(str(node.defaultValue))}
      @focus=${autoSelect}
      @input=${clearError}
      @keydown=${(ev: KeyboardEvent) => {
        if (ev.key === 'Enter' && !ev.isComposing) {
          ev.preventDefault();
          ctx.submit(ev.currentTarget as HTMLElement);
        }
      }}
    />`,
  );
};

function resize(el: HTMLTextAreaElement): void {
  if (el.dataset.autoresize === undefined) return;
  const line = parseFloat(getComputedStyle(el).lineHeight) || 20;
  const max = Number(el.dataset.maxrows) || Infinity;
  el.style.height = 'auto';
  const pad = el.offsetHeight - el.clientHeight + parseFloat(getComputedStyle(el).paddingTop) * 2;
  el.style.height = `${Math.min(el.scrollHeight, max * line + pad)}px`;
}

const textarea: Renderer = (node, ctx) => {
  const name = str(node.name);
  const rows = Number.isInteger(node.rows) && node.rows > 0 ? node.rows : 3;
  return withError(
    html`<textarea
      class=${fieldClass(node, 'textarea', ['soft', 'outline'], 'outline')}
      id=${ctx.uid + name}
      name=${name}
      data-field=${name}
      rows=${rows}
      aria-label=${fallbackName(node, ctx)}
      placeholder=${str(node.placeholder) || nothing}
      data-pattern=${str(node.pattern) || nothing}
      data-autoresize=${node.autoResize ? '' : nothing}
      data-maxrows=${Number.isInteger(node.maxRows) ? node.maxRows : nothing}
      autocomplete=${node.allowAutofillExtensions ? 'on' : 'off'}
      ?required=${node.required === true}
      ?disabled=${node.disabled === true}
      ?autofocus=${node.autoFocus === true}
      data-autoselect=${node.autoSelect ? '' : nothing}
      ${controlledDefault(str(node.defaultValue))}
      @focus=${autoSelect}
      @input=${(ev: Event) => {
        clearError(ev);
        resize(ev.currentTarget as HTMLTextAreaElement);
      }}
    ></textarea>`,
  );
};

type Option = { value: string; label: string; disabled?: boolean; description?: string };

function options(node: WidgetNode): Option[] {
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

function onChange(node: WidgetNode, ctx: RenderContext) {
  return (ev: Event) => {
    clearError(ev);
    if (node.onChangeAction) ctx.fire(node.onChangeAction, 'change', ev.currentTarget as HTMLElement);
  };
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

const checkbox: Renderer = (node, ctx) => {
  const name = str(node.name);
  return withError(
    html`<label class="check">
      <input
        type="checkbox"
        id=${ctx.uid + name}
        name=${name}
        data-field=${name}
        data-kind="checkbox"
        aria-label=${str(node.label) ? nothing : fallbackName(node, ctx)}
        ?required=${node.required === true}
        ?disabled=${node.disabled === true}
        ${controlledDefault(node.defaultChecked === true || node.defaultChecked === 'true')}
        @change=${onChange(node, ctx)}
      />
      <span>${str(node.label)}</span>
    </label>`,
    false,
  );
};

const radioGroup: Renderer = (node, ctx) => {
  const name = str(node.name);
  const def = str(node.defaultValue);
  const dir = node.direction === 'row' ? 'row' : 'col';
  return withError(
    html`<div
      class="radio-group dir-${dir}"
      role="radiogroup"
      id=${ctx.uid + name}
      data-field=${name}
      data-kind="radio"
      data-required=${node.required ? '' : nothing}
      aria-label=${str(node.ariaLabel) || fallbackName(node, ctx)}
      aria-required=${node.required ? 'true' : nothing}
    >
      ${options(node).map(
        (o) =>
          html`<label class="check">
            <input
              type="radio"
              name=${name}
              value=${o.value}
              ?required=${node.required === true}
              ?disabled=${o.disabled || node.disabled === true}
              ${controlledDefault(def)}
              @change=${(ev: Event) => {
                if (node.onChangeAction)
                  ctx.fire(node.onChangeAction, 'change', ev.currentTarget as HTMLElement);
              }}
            />
            <span>${o.label}</span>
          </label>`,
      )}
    </div>`,
    false,
  );
};

/** Control renderers by type. */
export const controlRenderers: Record<string, Renderer> = {
  ...buttonRenderers,
  Input: input,
  Textarea: textarea,
  Select: select,
  DatePicker: datePicker,
  Checkbox: checkbox,
  RadioGroup: radioGroup,
};
