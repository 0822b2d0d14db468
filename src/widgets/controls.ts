/**
 * Form controls (§7.5): `Input`, `Textarea`, `Select`, `DatePicker`, `Checkbox`, `RadioGroup`, plus `Button`
 * from its own module. Native elements, so validation, autofill and accessibility come from the platform.
 * Every named control carries `data-field` (the form collector looks for it) and is controlled once
 * ({@link controlledDefault}).
 *
 * @module
 */
import { html, nothing } from 'lit';
import { buttonRenderers } from './button.js';
import {
  autoSelect,
  clearError,
  fallbackName,
  fieldClass,
  onChange,
  str,
  withError,
} from './control-parts.js';
import { controlledDefault } from './controlled-default.js';
import { options, pickerRenderers } from './pickers.js';
import type { Renderer, RendererTable } from './render-context.js';
import { oneOf } from './values.js';

const INPUT_TYPES = ['number', 'email', 'text', 'password', 'tel', 'url'] as const;

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
      @ck-sync=${(ev: Event) => resize(ev.currentTarget as HTMLTextAreaElement)}
    ></textarea>`,
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
export const controlRenderers = {
  ...buttonRenderers,
  Input: input,
  Textarea: textarea,
  ...pickerRenderers,
  Checkbox: checkbox,
  RadioGroup: radioGroup,
} satisfies RendererTable;
