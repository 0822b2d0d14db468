/**
 * What the custom Select and DatePicker share: a form-associated element (so the widget form collector and
 * validator treat it like a native control: `value`, `checkValidity()`, `reportValidity()`,
 * `validationMessage`, `<label for>`), a trigger that opens a popover placed beside it, and dismissal on an
 * outside press or when focus leaves.
 *
 * @module
 */
import { html, LitElement, nothing, type PropertyValues, type PropertyDeclarations } from 'lit';
import { icon } from '../internal/icons.js';
import { hidePopup, place, showPopup, trackPopup, type Align, type Side } from './popover.js';
import { DEFAULT_WIDGET_STRINGS, type WidgetStrings } from './widget-strings.js';

/** Base class of the popover controls; subclasses render `#trigger` and `#popup`. */
export abstract class PickerBase extends LitElement {
  /**
   * The reactive properties, as `@property`/`@state` declared them (no decorator helpers in the bundle). The
   * fields below stay plain: `useDefineForClassFields: false` (tsconfig.json) compiles them to assignments,
   * which go through Lit's accessors.
   */
  static override properties: PropertyDeclarations = {
    value: { attribute: false },
    name: {},
    disabled: { type: Boolean, reflect: true },
    required: { type: Boolean },
    clearable: { type: Boolean },
    block: { type: Boolean, reflect: true },
    placeholder: {},
    label: {},
    fieldClass: { attribute: false },
    locale: {},
    strings: { attribute: false },
    invalid: { attribute: 'aria-invalid' },
    open: { state: true, attribute: false },
  };
  static formAssociated = true;
  static override shadowRootOptions: ShadowRootInit = {
    ...LitElement.shadowRootOptions,
    delegatesFocus: true,
  };

  protected readonly internals: ElementInternals = this.attachInternals();
  private untrack?: () => void;

  /** The form value (`''` when nothing is chosen). */
  value = '';
  /** The field name (`data-field` of the form collector). */
  name = '';
  disabled = false;
  required = false;
  clearable = false;
  /** Stretches to the width of its container. */
  block = false;
  placeholder = '';
  /** Accessible name when no `<label for>` names the element. */
  label = '';
  /** Class list of the trigger (variant, size, pill: the widget's `.field` classes). */
  fieldClass = 'field variant-outline size-md';
  /** BCP 47 locale for names, numbers and the first day of the week. */
  locale = '';
  /** The renderer's translated words. */
  strings: Readonly<WidgetStrings> = DEFAULT_WIDGET_STRINGS;
  /** Mirrors `aria-invalid` set by the form validator onto the trigger. */
  invalid: string | null = null;

  protected open = false;

  /** The side and alignment the popover opens at. */
  protected placement(): [Side, Align] {
    return ['bottom', 'start'];
  }

  /** The message shown when the value is invalid, or `''`. */
  protected abstract validityProblem(): { flags: ValidityStateFlags; message: string } | null;

  get validity(): ValidityState {
    return this.internals.validity;
  }
  get validationMessage(): string {
    return this.internals.validationMessage;
  }
  checkValidity(): boolean {
    return this.internals.checkValidity();
  }
  reportValidity(): boolean {
    const ok = this.internals.reportValidity();
    if (!ok) this.trigger?.focus();
    return ok;
  }

  /** The `size-*` class of the trigger, also set on its row so the clear button can use `--px`. */
  protected get sizeClass(): string {
    return /\bsize-\S+/.exec(this.fieldClass)?.[0] ?? 'size-md';
  }

  protected get trigger(): HTMLElement | null {
    return this.renderRoot?.querySelector<HTMLElement>('#trigger') ?? null;
  }
  protected get popup(): HTMLElement | null {
    return this.renderRoot?.querySelector<HTMLElement>('#popup') ?? null;
  }

  /** The accessible name: the text of `<label for>` elements naming this element, else {@link label}. */
  protected accessibleName(): string {
    const labels = Array.from(this.internals.labels ?? [])
      .map((l) => l.textContent?.trim() ?? '')
      .filter(Boolean);
    this.renderedName = labels.join(' ') || this.label;
    return this.renderedName;
  }

  private renderedName = '';

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('focusout', this.onFocusOut);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('focusout', this.onFocusOut);
    this.untrack?.();
    this.untrack = undefined;
    this.open = false;
  }

  protected override firstUpdated(): void {
    // `<label for>` text is known once the element is in the tree with its label (usually already at first
    // render, when element and label come from one template).
    const before = this.renderedName;
    if (this.accessibleName() !== before) this.requestUpdate();
  }

  protected override updated(changed: PropertyValues): void {
    const problem = this.disabled ? null : this.validityProblem();
    this.internals.setFormValue(this.value);
    if (problem) this.internals.setValidity(problem.flags, problem.message, this.trigger ?? undefined);
    else this.internals.setValidity({});
    if (changed.has('open')) {
      const popup = this.popup;
      if (!popup) return;
      if (this.open) {
        showPopup(popup);
        this.reposition();
        this.untrack = trackPopup(
          this,
          () => this.reposition(),
          () => this.close(false),
        );
        this.opened();
      } else {
        hidePopup(popup);
        this.untrack?.();
        this.untrack = undefined;
      }
    }
  }

  /** Called after the popover opened and was placed (focus the right thing inside it). */
  protected abstract opened(): void;

  protected reposition(): void {
    const popup = this.popup;
    const trigger = this.trigger;
    if (popup && trigger && this.open) place(popup, trigger, ...this.placement());
  }

  /** Opens the popover (no-op when disabled). */
  protected show(): void {
    if (!this.disabled) this.open = true;
  }

  /** Closes the popover; `refocus` puts focus back on the trigger. */
  protected close(refocus = true): void {
    if (!this.open) return;
    this.open = false;
    if (refocus) this.trigger?.focus();
  }

  /** Sets the value as a user change: `input` and `change` events, like a native control. */
  protected commit(value: string): void {
    if (value === this.value) return;
    this.value = value;
    this.removeAttribute('aria-invalid');
    this.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    this.dispatchEvent(new Event('change', { bubbles: true }));
  }

  /** Clears the value (the clear button), then behaves like a user change. */
  /** The clear button of a clearable Select or DatePicker, shared by both (kept out of the tab order). */
  protected renderClear(show: boolean) {
    if (!show) return nothing;
    return html`<button
      type="button"
      class="clear"
      tabindex="-1"
      aria-label=${this.strings.clear}
      @click=${() => this.clear()}
    >
      ${icon('x', { size: 14 })}
    </button>`;
  }

  protected clear(): void {
    this.commit('');
    this.close(false);
    this.trigger?.focus();
  }

  private readonly onFocusOut = (ev: FocusEvent) => {
    const next = ev.relatedTarget as Node | null;
    if (next && (this.contains(next) || this.renderRoot.contains(next))) return;
    // Focus left the control for good (Tab, a click elsewhere); a click inside the popup keeps focus in.
    if (next) this.close(false);
  };
}
