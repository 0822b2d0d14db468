/**
 * `<chatkit-widget-date-picker>`: ChatKit's `DatePicker` (§7.5) as a calendar popover. Month and weekday names
 * and the first day of the week come from the locale (Intl); `min`/`max` disable the days outside; the popover
 * opens at `side`/`align`; `clearable` adds a clear button. The calendar follows the ARIA date picker dialog
 * pattern: arrows move by day/week (mirrored in RTL), Home/End to the week's ends, PageUp/PageDown by month
 * (with Shift by year), Enter/Space choose, Escape closes, Tab cycles inside the dialog. The value is
 * `YYYY-MM-DD`, as the native date input gave.
 *
 * @module
 */
import { html, nothing, type PropertyDeclarations } from 'lit';
import { icon } from '../internal/icons.js';
import { PickerBase } from './picker-base.js';
import { datePickerStyles } from './picker.styles.js';
import type { Align, Side } from './popover.js';

const DAY_MS = 86_400_000;

/** Days since the epoch of a `YYYY-MM-DD` date, or `null`. */
export function dayNumber(iso: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const back = new Date(t);
  // Rejects 2026-02-31 and the like.
  return back.getUTCDate() === Number(m[3]) ? Math.round(t / DAY_MS) : null;
}

/** `YYYY-MM-DD` of a day number. */
export function isoOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The first day of the week of a locale, as `Date.getUTCDay()` counts (0 = Sunday). */
export function weekStart(locale: string): number {
  try {
    const l = new Intl.Locale(locale || navigator.language) as Intl.Locale & {
      getWeekInfo?: () => { firstDay: number };
      weekInfo?: { firstDay: number };
    };
    const info = l.getWeekInfo?.() ?? l.weekInfo;
    if (info && Number.isInteger(info.firstDay)) return info.firstDay % 7;
  } catch {
    // An invalid tag: fall through to Monday (ISO 8601).
  }
  return 1;
}

/** The same day `months` later, clamped to the end of the shorter month. */
function addMonths(day: number, months: number): number {
  const d = new Date(day * DAY_MS);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Math.round(Date.UTC(y, m, Math.min(d.getUTCDate(), last)) / DAY_MS);
}

/**
 * A ChatKit widget DatePicker: calendar popover with locale names and week start, min/max, keyboard grid.
 *
 * @summary Widget DatePicker control.
 * @event change - The user chose a day or cleared the value.
 * @internal
 */
export class ChatkitWidgetDatePicker extends PickerBase {
  static override styles = datePickerStyles;
  /**
   * The reactive properties, as `@property`/`@state` declared them (no decorator helpers in the bundle). The
   * fields below stay plain: `useDefineForClassFields: false` (tsconfig.json) compiles them to assignments,
   * which go through Lit's accessors.
   */
  static override properties: PropertyDeclarations = {
    min: {},
    max: {},
    side: {},
    align: {},
    focusDay: { state: true, attribute: false },
  };

  /** Earliest choosable day (`YYYY-MM-DD`), or `''`. */
  min = '';
  /** Latest choosable day (`YYYY-MM-DD`), or `''`. */
  max = '';
  /** The side of the field the calendar opens on. */
  side: Side = 'bottom';
  /** How the calendar lines up with the field. */
  align: Align = 'start';

  /** The day that holds the grid's focus (day number). */
  private focusDay = 0;

  protected override placement(): [Side, Align] {
    return [this.side, this.align];
  }

  protected validityProblem() {
    if (this.value === '')
      return this.required ? { flags: { valueMissing: true }, message: this.strings.dateRequired } : null;
    const day = dayNumber(this.value);
    const min = dayNumber(this.min);
    const max = dayNumber(this.max);
    if (day !== null && min !== null && day < min)
      return { flags: { rangeUnderflow: true }, message: this.strings.dateOutOfRange };
    if (day !== null && max !== null && day > max)
      return { flags: { rangeOverflow: true }, message: this.strings.dateOutOfRange };
    return null;
  }

  private get loc(): string | undefined {
    return this.locale || undefined;
  }

  private get rtl(): boolean {
    return getComputedStyle(this).direction === 'rtl';
  }

  private inRange(day: number): boolean {
    const min = dayNumber(this.min);
    const max = dayNumber(this.max);
    return (min === null || day >= min) && (max === null || day <= max);
  }

  private clampDay(day: number): number {
    const min = dayNumber(this.min);
    const max = dayNumber(this.max);
    if (min !== null && day < min) return min;
    if (max !== null && day > max) return max;
    return day;
  }

  private today(): number {
    const now = new Date();
    return Math.round(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) / DAY_MS);
  }

  private toggle(): void {
    if (this.open) return this.close(true);
    if (this.disabled) return;
    this.focusDay = dayNumber(this.value) ?? this.clampDay(this.today());
    this.show();
  }

  protected opened(): void {
    this.focusGrid();
  }

  private focusGrid(): void {
    void this.updateComplete.then(() => {
      this.renderRoot.querySelector<HTMLElement>(`td[data-date="${isoOf(this.focusDay)}"]`)?.focus();
    });
  }

  /** Moves the grid's focus day; `focus` also moves keyboard focus there (not from the month buttons). */
  private moveTo(day: number, focus = true): void {
    this.focusDay = day;
    if (focus) this.focusGrid();
  }

  private choose(day: number): void {
    if (!this.inRange(day)) return;
    this.close(true);
    this.commit(isoOf(day));
  }

  private onGridKey(ev: KeyboardEvent): void {
    const day = this.focusDay;
    const dir = this.rtl ? -1 : 1;
    const weekday = (new Date(day * DAY_MS).getUTCDay() - weekStart(this.locale) + 7) % 7;
    const moves: Record<string, () => number> = {
      ArrowRight: () => day + dir,
      ArrowLeft: () => day - dir,
      ArrowDown: () => day + 7,
      ArrowUp: () => day - 7,
      Home: () => day - weekday,
      End: () => day + 6 - weekday,
      PageUp: () => addMonths(day, ev.shiftKey ? -12 : -1),
      PageDown: () => addMonths(day, ev.shiftKey ? 12 : 1),
    };
    if (moves[ev.key]) {
      ev.preventDefault();
      this.moveTo(moves[ev.key]());
    } else if (ev.key === 'Enter' || ev.key === ' ') {
      ev.preventDefault();
      this.choose(day);
    }
  }

  private onPopupKey(ev: KeyboardEvent): void {
    if (ev.key === 'Escape') {
      ev.preventDefault();
      ev.stopPropagation();
      this.close(true);
    } else if (ev.key === 'Tab') {
      // A modal dialog: Tab cycles through month navigation and the grid.
      const stops = Array.from(
        this.renderRoot.querySelectorAll<HTMLElement>('.nav:not(:disabled), td[tabindex="0"]'),
      );
      if (stops.length === 0) return;
      const here = stops.indexOf(this.renderRoot.querySelector(':focus') as HTMLElement);
      ev.preventDefault();
      stops[(here + (ev.shiftKey ? -1 : 1) + stops.length) % stops.length].focus();
    }
  }

  private renderGrid(monthStart: number, daysInMonth: number) {
    const first = weekStart(this.locale);
    const lead = (new Date(monthStart * DAY_MS).getUTCDay() - first + 7) % 7;
    const weeks = Math.ceil((lead + daysInMonth) / 7);
    const long = new Intl.DateTimeFormat(this.loc, { weekday: 'long', timeZone: 'UTC' });
    const short = new Intl.DateTimeFormat(this.loc, { weekday: 'short', timeZone: 'UTC' });
    const dayName = new Intl.DateTimeFormat(this.loc, { dateStyle: 'full', timeZone: 'UTC' });
    const num = new Intl.NumberFormat(this.loc, { useGrouping: false });
    // 1970-01-04 was a Sunday (day number 3).
    const heads = Array.from({ length: 7 }, (_, i) => new Date((3 + ((first + i) % 7)) * DAY_MS));
    const selected = dayNumber(this.value);
    const today = this.today();
    return html`<table role="grid" aria-labelledby="title">
      <thead>
        <tr>
          ${heads.map((d) => html`<th scope="col" abbr=${long.format(d)}>${short.format(d)}</th>`)}
        </tr>
      </thead>
      <tbody @keydown=${this.onGridKey}>
        ${Array.from(
          { length: weeks },
          (_, w) =>
            html`<tr>
              ${Array.from({ length: 7 }, (_, c) => {
                const n = w * 7 + c - lead;
                if (n < 0 || n >= daysInMonth) return html`<td></td>`;
                const day = monthStart + n;
                const enabled = this.inRange(day);
                return html`<td
                  class="day"
                  data-date=${isoOf(day)}
                  tabindex=${day === this.focusDay ? '0' : '-1'}
                  aria-selected=${day === selected ? 'true' : 'false'}
                  aria-current=${day === today ? 'date' : nothing}
                  aria-disabled=${enabled ? nothing : 'true'}
                  aria-label=${dayName.format(new Date(day * DAY_MS))}
                  @click=${() => this.choose(day)}
                >
                  ${num.format(n + 1)}
                </td>`;
              })}
            </tr>`,
        )}
      </tbody>
    </table>`;
  }

  override render() {
    const name = this.accessibleName();
    const value = dayNumber(this.value);
    const shown =
      value === null
        ? ''
        : new Intl.DateTimeFormat(this.loc, { dateStyle: 'medium', timeZone: 'UTC' }).format(
            new Date(value * DAY_MS),
          );
    const showClear = this.clearable && !this.disabled && this.value !== '';
    const focus = new Date((this.focusDay || this.today()) * DAY_MS);
    const y = focus.getUTCFullYear();
    const m = focus.getUTCMonth();
    const monthStart = Math.round(Date.UTC(y, m, 1) / DAY_MS);
    const daysInMonth = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
    const min = dayNumber(this.min);
    const max = dayNumber(this.max);
    const title = new Intl.DateTimeFormat(this.loc, {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(monthStart * DAY_MS));
    return html`<div class="row ${this.sizeClass}">
        <span id="name" class="sr-only">${name}</span>
        <button
          id="trigger"
          type="button"
          class="${this.fieldClass} trigger${showClear ? ' has-clear' : ''}"
          aria-haspopup="dialog"
          aria-expanded=${this.open ? 'true' : 'false'}
          aria-controls="popup"
          aria-labelledby=${name ? 'name value' : 'value'}
          aria-required=${this.required ? 'true' : nothing}
          aria-invalid=${this.invalid === 'true' ? 'true' : nothing}
          ?disabled=${this.disabled}
          @click=${this.toggle}
          @keydown=${(ev: KeyboardEvent) => {
            if (ev.key === 'ArrowDown' && !this.open) {
              ev.preventDefault();
              this.toggle();
            }
          }}
        >
          <span id="value" class="value${shown ? '' : ' placeholder'}"
            >${shown || this.placeholder || this.strings.chooseDate}</span
          >
          <span class="chevron" aria-hidden="true">${icon('calendar', { size: 16 })}</span>
        </button>
        ${this.renderClear(showClear)}
      </div>
      <div
        id="popup"
        class="popup calendar"
        popover="manual"
        role="dialog"
        aria-modal="true"
        aria-label=${this.strings.chooseDate}
        @keydown=${this.onPopupKey}
      >
        ${
          this.open
            ? html`<div class="cal-head">
                  <button
                    type="button"
                    class="nav prev"
                    aria-label=${this.strings.previousMonth}
                    ?disabled=${min !== null && monthStart <= min}
                    @click=${() => this.moveTo(this.clampDay(addMonths(this.focusDay, -1)), false)}
                  >
                    ${icon('chevron-left', { size: 16 })}
                  </button>
                  <h2 id="title" class="cal-title" aria-live="polite">${title}</h2>
                  <button
                    type="button"
                    class="nav next"
                    aria-label=${this.strings.nextMonth}
                    ?disabled=${max !== null && monthStart + daysInMonth - 1 >= max}
                    @click=${() => this.moveTo(this.clampDay(addMonths(this.focusDay, 1)), false)}
                  >
                    ${icon('chevron-right', { size: 16 })}
                  </button>
                </div>
                ${this.renderGrid(monthStart, daysInMonth)}`
            : nothing
        }
      </div>`;
  }
}
