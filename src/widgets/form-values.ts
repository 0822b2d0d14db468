/**
 * Forms (§7.4): collecting the named controls of a `Form` (or an `asForm` Card), validating them, and merging
 * their values into an action's payload. Controls are found by `data-field` inside the form element and not
 * inside a nested form.
 *
 * @module
 */
import { DEFAULT_WIDGET_STRINGS, type WidgetStrings } from './widget-strings.js';

/** The validation messages, in the element's language. */
type ValidationStrings = Pick<
  WidgetStrings,
  'fieldRequired' | 'fieldPattern' | 'fieldInvalid' | 'selectRequired'
>;

/** A form value: strings for text-like controls, booleans for checkboxes. */
export type FieldValue = string | boolean;

type Control = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

/** The named controls that belong to `form` (not to a form nested in it). */
function fields(form: Element): HTMLElement[] {
  return Array.from(form.querySelectorAll<HTMLElement>('[data-field]')).filter(
    (el) => el.parentElement?.closest('[data-form]') === form && el.dataset.field !== '',
  );
}

/**
 * The values of the named controls of `form`, by name. Checkbox → boolean; DatePicker → `YYYY-MM-DD`; radio
 * group → the checked option's value; others → their string value. Empty optional values are omitted.
 */
export function collectValues(form: Element): Array<[name: string, value: FieldValue]> {
  const out: Array<[string, FieldValue]> = [];
  for (const el of fields(form)) {
    const name = el.dataset.field!;
    if (el.dataset.kind === 'checkbox') {
      out.push([name, (el as HTMLInputElement).checked]);
    } else if (el.dataset.kind === 'radio') {
      const checked = el.querySelector<HTMLInputElement>('input[type="radio"]:checked');
      if (checked) out.push([name, checked.value]);
    } else {
      const value = (el as Control).value;
      if (value !== '') out.push([name, value]);
    }
  }
  return out;
}

/** Textareas have no native `pattern`; the pattern is checked here with the same anchoring as `<input>`. */
function checkTextareaPattern(el: HTMLElement, message: string): void {
  if (!(el instanceof HTMLTextAreaElement) || !el.dataset.pattern) return;
  let ok = true;
  try {
    ok = el.value === '' || new RegExp(`^(?:${el.dataset.pattern})$`, 'v').test(el.value);
  } catch {
    ok = true;
  }
  el.setCustomValidity(ok ? '' : message);
}

/** Native controls: the checks the browser does, with messages from the locale table instead of its own. */
function isNative(c: Control | HTMLElement): c is Control {
  return c instanceof HTMLInputElement || c instanceof HTMLTextAreaElement || c instanceof HTMLSelectElement;
}

/** The element's message for what is wrong with a native control (the browser's words follow its own UI). */
function messageFor(c: Control, strings: ValidationStrings): string {
  const v = c.validity;
  if (v.valueMissing)
    return c instanceof HTMLInputElement && c.type === 'radio'
      ? strings.selectRequired
      : strings.fieldRequired;
  if (v.patternMismatch) return strings.fieldPattern;
  return strings.fieldInvalid;
}

/**
 * Validates the controls of `form` natively (`required`, `pattern`, `min`/`max`, types). Invalid controls get
 * `aria-invalid` and their message shown next to them; the first one reports (native bubble) and takes focus.
 * Messages of native controls come from `strings` (the element's locale), not from the browser's language;
 * the custom controls (Select, DatePicker) report their own, already translated.
 *
 * @returns whether the form may be submitted.
 */
export function validate(form: Element, strings: ValidationStrings = DEFAULT_WIDGET_STRINGS): boolean {
  let first: HTMLElement | undefined;
  for (const el of fields(form)) {
    const controls =
      el.dataset.kind === 'radio'
        ? Array.from(el.querySelectorAll<HTMLInputElement>('input'))
        : [el as Control];
    for (const c of controls) if (isNative(c)) c.setCustomValidity('');
    checkTextareaPattern(el, strings.fieldPattern);
    const invalid = controls.find((c) => !c.checkValidity());
    if (invalid && isNative(invalid) && !invalid.validity.customError) {
      invalid.setCustomValidity(messageFor(invalid, strings));
    }
    const slot = el.closest('.control')?.querySelector('.field-error');
    if (invalid) {
      el.setAttribute('aria-invalid', 'true');
      if (slot) slot.textContent = invalid.validationMessage;
      first ??= invalid;
    } else {
      el.removeAttribute('aria-invalid');
      if (slot) slot.textContent = '';
    }
  }
  if (first) (first as Control).reportValidity();
  return first === undefined;
}

/** A collision between a form value and a key already in the action payload (§7.4: the payload wins). */
export interface FormCollision {
  name: string;
}

/**
 * Merges form values into a copy of `payload`. Dotted names become nested objects (`order.item` →
 * `{order: {item}}`). A key already present in the payload wins, and is reported as a collision. A
 * non-object payload (null/absent) becomes an object; any other non-object payload is left as it is.
 */
export function mergeValues(
  payload: unknown,
  values: Array<[string, FieldValue]>,
): { payload: unknown; collisions: FormCollision[] } {
  if (values.length === 0) return { payload: payload ?? null, collisions: [] };
  if (payload !== null && payload !== undefined && (typeof payload !== 'object' || Array.isArray(payload))) {
    return { payload, collisions: values.map(([name]) => ({ name })) };
  }
  const result: Record<string, unknown> = structuredClone((payload as Record<string, unknown>) ?? {});
  const collisions: FormCollision[] = [];
  for (const [name, value] of values) {
    const path = name.split('.');
    // Why: a form field must never write through the prototype chain.
    if (path.some((p) => p === '' || p === '__proto__' || p === 'constructor' || p === 'prototype')) continue;
    let target: Record<string, unknown> = result;
    let blocked = false;
    for (const key of path.slice(0, -1)) {
      const next = Object.hasOwn(target, key) ? target[key] : undefined;
      if (next === undefined) target = target[key] = {};
      else if (next && typeof next === 'object' && !Array.isArray(next))
        target = next as Record<string, unknown>;
      else {
        blocked = true;
        break;
      }
    }
    const leaf = path[path.length - 1];
    if (blocked || Object.hasOwn(target, leaf)) collisions.push({ name });
    else target[leaf] = value;
  }
  return { payload: result, collisions };
}
