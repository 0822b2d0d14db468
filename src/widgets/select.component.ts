/**
 * `<chatkit-widget-select>`: ChatKit's `Select` (§7.5) as a listbox popover. Options show their
 * descriptions; disabled options are skipped by the keyboard and refuse clicks; `searchable` adds a filter box
 * (type to filter, diacritics and case ignored); `clearable` adds a clear button. Keyboard and screen readers
 * follow the ARIA combobox/listbox pattern: the trigger is a select-only combobox (Up/Down/Home/End/Enter/
 * Space/Escape, type-ahead by first letters), the filter box an editable one; `aria-activedescendant` keeps
 * focus on the combobox while the highlight moves. Tab while the listbox is open commits the highlighted
 * option (as the APG select-only combobox and a native select do) and focus moves on in page order;
 * Escape closes without changing the value.
 *
 * @module
 */
import { html, nothing, type PropertyDeclarations } from 'lit';
import { icon } from '../internal/icons.js';
import { PickerBase } from './picker-base.js';
import { selectStyles } from './picker.styles.js';

/** A Select option after validation. */
export interface SelectOption {
  value: string;
  label: string;
  disabled?: boolean;
  description?: string;
}

/** Lower-cased text without diacritics, for matching typed text. */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}

/** How long a type-ahead run keeps accumulating letters. */
const TYPEAHEAD_MS = 600;

/**
 * A ChatKit widget Select: listbox popover, option descriptions, search, clear, keyboard and screen readers.
 *
 * @summary Widget Select control.
 * @event change - The user picked an option or cleared the value.
 * @internal
 */
export class ChatkitWidgetSelect extends PickerBase {
  static override styles = selectStyles;
  /**
   * The reactive properties, as `@property`/`@state` declared them (no decorator helpers in the bundle). The
   * fields below stay plain: `useDefineForClassFields: false` (tsconfig.json) compiles them to assignments,
   * which go through Lit's accessors.
   */
  static override properties: PropertyDeclarations = {
    options: { attribute: false },
    searchable: { type: Boolean },
    query: { state: true, attribute: false },
    active: { state: true, attribute: false },
  };

  options: readonly SelectOption[] = [];
  /** Shows the filter box in the popover. */
  searchable = false;

  /** The filter text. */
  private query = '';
  /** Index (into {@link visible}) of the highlighted option, or -1. */
  private active = -1;

  private typed = '';
  private typedAt = 0;

  protected validityProblem() {
    return this.required && this.value === ''
      ? { flags: { valueMissing: true }, message: this.strings.selectRequired }
      : null;
  }

  /** The options the filter lets through. */
  private get visible(): readonly SelectOption[] {
    const q = fold(this.query.trim());
    if (!this.searchable || !q) return this.options;
    return this.options.filter((o) => fold(`${o.label} ${o.description ?? ''}`).includes(q));
  }

  private get selected(): SelectOption | undefined {
    return this.value === '' ? undefined : this.options.find((o) => o.value === this.value);
  }

  /** The next enabled option from `from` in direction `step` (clamped at the ends), or -1. */
  private step(from: number, step: 1 | -1): number {
    const list = this.visible;
    for (let i = from + step; i >= 0 && i < list.length; i += step) if (!list[i].disabled) return i;
    return from >= 0 && from < list.length && !list[from].disabled ? from : -1;
  }

  private first(): number {
    return this.step(-1, 1);
  }

  private last(): number {
    return this.step(this.visible.length, -1);
  }

  private openAt(index: number): void {
    this.active = index;
    this.show();
  }

  protected opened(): void {
    if (this.searchable) this.renderRoot.querySelector<HTMLInputElement>('#search')?.focus();
    this.scrollActive();
  }

  private scrollActive(): void {
    void this.updateComplete.then(() => {
      this.renderRoot.querySelector('.option.active')?.scrollIntoView({ block: 'nearest' });
    });
  }

  private move(index: number): void {
    if (index < 0) return;
    this.active = index;
    this.scrollActive();
  }

  private pick(option: SelectOption | undefined): void {
    if (!option || option.disabled) return;
    this.query = '';
    this.close(true);
    this.commit(option.value);
  }

  /** Type-ahead on the select-only combobox: the next option whose label starts with the typed letters. */
  private typeahead(char: string): void {
    const now = performance.now();
    const repeat = now - this.typedAt < TYPEAHEAD_MS;
    this.typed = repeat ? this.typed + char : char;
    this.typedAt = now;
    const list = this.visible;
    const prefix = fold(this.typed);
    // One letter pressed again and again cycles through the options starting with it.
    const cycling = prefix.length > 1 && [...prefix].every((c) => c === prefix[0]);
    const needle = cycling ? prefix[0] : prefix;
    const start = this.open ? this.active : list.findIndex((o) => o.value === this.value);
    const from = needle.length === 1 ? start + 1 : Math.max(start, 0);
    for (let k = 0; k < list.length; k++) {
      const i = (from + k) % list.length;
      if (!list[i].disabled && fold(list[i].label).startsWith(needle)) {
        if (this.open) this.move(i);
        else this.openAt(i);
        return;
      }
    }
  }

  private onTriggerClick(): void {
    if (this.open) return this.close(true);
    const index = this.visible.findIndex((o) => o.value === this.value);
    this.openAt(index >= 0 ? index : this.first());
  }

  private onTriggerKey(ev: KeyboardEvent): void {
    if (this.disabled || ev.isComposing) return;
    const selectedIndex = this.visible.findIndex((o) => o.value === this.value);
    const key = ev.key;
    if (!this.open) {
      if (key === 'ArrowDown' || key === 'ArrowUp' || key === 'Enter' || key === ' ') {
        ev.preventDefault();
        const start = selectedIndex >= 0 ? selectedIndex : key === 'ArrowUp' ? this.last() : this.first();
        this.openAt(start);
      } else if (key === 'Home' || key === 'End') {
        ev.preventDefault();
        this.openAt(key === 'Home' ? this.first() : this.last());
      } else if (key.length === 1 && !ev.ctrlKey && !ev.metaKey && !ev.altKey && key !== ' ') {
        ev.preventDefault();
        if (this.searchable) {
          this.query = key;
          this.active = this.first();
          this.show();
        } else this.typeahead(key);
      }
      return;
    }
    this.onListKey(ev, false);
  }

  /** Keys while the listbox is open (from the trigger or the filter box). */
  private onListKey(ev: KeyboardEvent, inSearch: boolean): void {
    const key = ev.key;
    if (ev.isComposing) return;
    if (key === 'ArrowDown') {
      ev.preventDefault();
      this.move(ev.altKey ? this.last() : this.active < 0 ? this.first() : this.step(this.active, 1));
    } else if (key === 'ArrowUp') {
      ev.preventDefault();
      if (ev.altKey) this.pick(this.visible[this.active]);
      else this.move(this.active < 0 ? this.last() : this.step(this.active, -1));
    } else if (key === 'Home' || key === 'End') {
      ev.preventDefault();
      this.move(key === 'Home' ? this.first() : this.last());
    } else if (key === 'PageDown' || key === 'PageUp') {
      ev.preventDefault();
      const dir = key === 'PageDown' ? 1 : -1;
      let i = this.active;
      for (let n = 0; n < 10; n++) i = this.step(i, dir);
      this.move(i);
    } else if (key === 'Enter' || (key === ' ' && !inSearch)) {
      ev.preventDefault();
      this.pick(this.visible[this.active]);
    } else if (key === 'Escape') {
      ev.preventDefault();
      ev.stopPropagation();
      this.query = '';
      this.close(true);
    } else if (key === 'Tab') {
      // APG select-only combobox: Tab (either direction) commits the highlighted option, closes the listbox
      // and keeps its default action, so focus moves on in page order (nothing committed when no option is
      // highlighted, e.g. the filter matched nothing).
      const option = this.visible[this.active];
      this.query = '';
      // From the filter box, Tab continues from the trigger (the popup with the box is about to close, and a
      // closing popover would pull focus back to where it was before it opened).
      if (inSearch) this.trigger?.focus();
      this.close(false);
      if (option && !option.disabled) this.commit(option.value);
    } else if (!inSearch && key.length === 1 && !ev.ctrlKey && !ev.metaKey && !ev.altKey) {
      ev.preventDefault();
      this.typeahead(key);
    }
  }

  private onSearch(ev: Event): void {
    this.query = (ev.currentTarget as HTMLInputElement).value;
    this.active = this.first();
    void this.updateComplete.then(() => this.reposition());
  }

  override render() {
    const name = this.accessibleName();
    const selected = this.selected;
    const visible = this.visible;
    const active = this.open && this.active >= 0 && this.active < visible.length ? this.active : -1;
    const activeId = active >= 0 ? `opt-${this.options.indexOf(visible[active])}` : undefined;
    const showClear = this.clearable && !this.disabled && this.value !== '';
    return html`<div class="row ${this.sizeClass}">
        <div
          id="trigger"
          class="${this.fieldClass} trigger${showClear ? ' has-clear' : ''}"
          role="combobox"
          tabindex=${this.disabled ? '-1' : '0'}
          aria-haspopup="listbox"
          aria-expanded=${this.open ? 'true' : 'false'}
          aria-controls="listbox"
          aria-activedescendant=${!this.searchable && activeId ? activeId : nothing}
          aria-label=${name || nothing}
          aria-disabled=${this.disabled ? 'true' : nothing}
          aria-required=${this.required ? 'true' : nothing}
          aria-invalid=${this.invalid === 'true' ? 'true' : nothing}
          @click=${this.onTriggerClick}
          @keydown=${this.onTriggerKey}
        >
          <span class="value${selected ? '' : ' placeholder'}"
            >${selected ? selected.label : this.placeholder || this.strings.selectPlaceholder}</span
          >
          <span class="chevron" aria-hidden="true">${icon('chevron-down', { size: 16 })}</span>
        </div>
        ${this.renderClear(showClear)}
      </div>
      <div id="popup" class="popup" popover="manual">
        ${
          this.searchable
            ? html`<div class="search">
                ${icon('search', { size: 14 })}
                <input
                  id="search"
                  type="text"
                  role="combobox"
                  autocomplete="off"
                  spellcheck="false"
                  aria-autocomplete="list"
                  aria-expanded=${this.open ? 'true' : 'false'}
                  aria-controls="listbox"
                  aria-activedescendant=${activeId ?? nothing}
                  aria-label=${this.strings.searchOptions}
                  placeholder=${this.strings.searchOptions}
                  .value=${this.query}
                  @input=${this.onSearch}
                  @keydown=${(ev: KeyboardEvent) => this.onListKey(ev, true)}
                />
              </div>`
            : nothing
        }
        <div
          id="listbox"
          role="listbox"
          aria-label=${name || nothing}
          @pointerdown=${(ev: Event) => ev.preventDefault()}
        >
          ${visible.map((o, i) => {
            const index = this.options.indexOf(o);
            const isSelected = o.value === this.value;
            return html`<div
              id="opt-${index}"
              class="option${i === active ? ' active' : ''}"
              role="option"
              aria-selected=${isSelected ? 'true' : 'false'}
              aria-disabled=${o.disabled ? 'true' : nothing}
              aria-describedby=${o.description ? `desc-${index}` : nothing}
              data-value=${o.value}
              @pointermove=${() => {
                if (!o.disabled && this.active !== i) this.active = i;
              }}
              @click=${() => this.pick(o)}
            >
              <span class="check" aria-hidden="true"
                >${isSelected ? icon('check', { size: 14 }) : nothing}</span
              >
              <span class="text">
                <span class="label">${o.label}</span>
                ${
                  o.description
                    ? html`<span class="description" id="desc-${index}">${o.description}</span>`
                    : nothing
                }
              </span>
            </div>`;
          })}
        </div>
        ${visible.length === 0 ? html`<div class="empty" role="status">${this.strings.noOptions}</div>` : nothing}
      </div>`;
  }
}
