/**
 * Pieces shared by the form control renderers: value coercion, class names, the validation message slot,
 * accessible-name fallback and change handling.
 *
 * @module
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { WidgetNode } from '../protocol/types.js';
import { controlSize } from './button.js';
import type { RenderContext } from './render-context.js';
import { oneOf } from './values.js';

/** A string prop as text: strings as they are, numbers formatted, anything else empty. */
export function str(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

/**
 * An accessible name for a control that no `Label` (by `fieldName`) names: the placeholder, or the field
 * name in words. Returns `nothing` when a Label exists, so the visible label is the name.
 */
export function fallbackName(node: WidgetNode, ctx: RenderContext): string | typeof nothing {
  if (ctx.labelled.has(str(node.name))) return nothing;
  const name = str(node.placeholder) || str(node.name).split('.').pop()!.replace(/[_-]+/g, ' ');
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** The class list of a text-like control: variant, size, pill, block and gutter. */
export function fieldClass(
  node: WidgetNode,
  base: string,
  variants: readonly string[],
  fallback: string,
): string {
  const variant = oneOf(node.variant, variants) ?? fallback;
  const gutter = oneOf(node.gutterSize, ['2xs', 'xs', 'sm', 'md', 'lg', 'xl'] as const);
  return `field ${base} variant-${variant} size-${controlSize(node.size)}${node.pill ? ' pill' : ''}${
    node.block ? ' block' : ''
  }${gutter ? ` gutter-${gutter}` : ''}`;
}

/** Wraps a control with its (initially empty) validation message slot. */
export function withError(control: TemplateResult, block = true): TemplateResult {
  return html`<span class=${block ? 'control block' : 'control'}
    >${control}<span class="field-error" aria-live="polite"></span
  ></span>`;
}

/** Clears a control's invalid state and message once the user changes it. */
export function clearError(ev: Event): void {
  const el = ev.currentTarget as HTMLElement;
  el.removeAttribute('aria-invalid');
  const slot = el.closest('.control')?.querySelector('.field-error');
  if (slot) slot.textContent = '';
}

/** Selects the text on focus when the control asked for `autoSelect`. */
export function autoSelect(ev: FocusEvent): void {
  const el = ev.currentTarget as HTMLInputElement;
  if (el.dataset.autoselect !== undefined) el.select();
}

/** The change handler of a control: clears its error and fires its `onChangeAction` (site `change`). */
export function onChange(node: WidgetNode, ctx: RenderContext) {
  return (ev: Event) => {
    clearError(ev);
    if (node.onChangeAction) ctx.fire(node.onChangeAction, 'change', ev.currentTarget as HTMLElement);
  };
}
