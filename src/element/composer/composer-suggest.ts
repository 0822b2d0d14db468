/**
 * The composer's suggestion popups (the "/" command menu and the "@" entity menu): a listbox driven from the
 * textarea, following the WAI-ARIA combobox pattern as far as a multi-line textbox allows. Focus stays in the
 * textarea, which names the open listbox (`aria-controls`) and its active option (`aria-activedescendant`);
 * ArrowUp/ArrowDown move (wrapping), Home/End jump to the first/last option, Enter or Tab picks, Escape
 * closes; the mouse highlights on move and picks on click without taking focus from the textarea. A polite
 * status line says how many results there are.
 *
 * Searching: at most one search runs at a time and the newest query wins. Input events that arrive while a
 * search is pending only record their query; when the search settles, its results are dropped if a newer
 * query is waiting, and the newest query is searched next. So a host's `onSearch` sees the first and the
 * last query of a burst of typing, never a stale result, and no timer is involved.
 *
 * @internal
 * @module
 */
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { uiIcon } from '../shared/ui-icon.js';
import { adoptMoreStyles } from '../shared/shared.styles.js';
import { suggestStyles } from './suggest.styles.js';

/** What a popup row shows. */
export interface SuggestRow {
  label: string;
  description?: string;
  icon?: string;
  group?: string;
}

/** How a {@link SuggestList} searches and talks. */
export interface SuggestOptions<T> {
  /** Prefix of the element ids (`<key>-list`, `<key>-option-<n>`) and the popup's `part` (`<key>-menu`). */
  key: string;
  search: (query: string) => Promise<readonly T[]> | readonly T[];
  /** How an item looks. */
  row: (item: T) => SuggestRow;
  /** A search failed (the popup shows "no results"). */
  onError: (error: unknown) => void;
  /** Most rows shown. */
  limit?: number;
}

/** The words a popup needs, from the locale tables. */
export interface SuggestLabels {
  /** Accessible name of the listbox. */
  label: string;
  /** Shown when a search found nothing. */
  empty: string;
  /** Polite status when results are shown. */
  count: (n: number) => string;
  /** A heading above the rows (a sub-menu's parent), optional. */
  heading?: string;
}

export class SuggestList<T> {
  /** Rows shown (for the query of {@link shownQuery}). */
  items: readonly T[] = [];
  /** Index of the highlighted row. */
  active = 0;
  /** Whether the popup is shown (it may show "no results"). */
  open = false;
  /** Whether a search is running. */
  busy = false;
  private wanted: string | null = null;
  private pumping = false;
  private generation = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: SuggestOptions<T>,
  ) {
    adoptMoreStyles(host, suggestStyles);
  }

  /** The id of the listbox element. */
  get listId(): string {
    return `${this.options.key}-list`;
  }

  /** The id of the highlighted option, for the textarea's `aria-activedescendant`. */
  get activeId(): string | undefined {
    return this.open && this.items.length ? `${this.options.key}-option-${this.active}` : undefined;
  }

  /** Searches `query` (see the module comment: one search at a time, the newest query wins). */
  request(query: string): void {
    this.wanted = query;
    if (!this.pumping) void this.pump();
  }

  /** Shows `items` at once, without searching (a sub-menu returned by a command). */
  show(items: readonly T[]): void {
    this.generation++;
    this.wanted = null;
    this.setItems(items);
  }

  /** Hides the popup and drops any search under way. */
  close(): void {
    this.generation++;
    this.wanted = null;
    if (!this.open && !this.items.length && !this.busy) return;
    this.open = false;
    this.items = [];
    this.active = 0;
    this.busy = false;
    this.host.requestUpdate();
  }

  private setItems(items: readonly T[]) {
    this.items = items.slice(0, this.options.limit ?? 50);
    this.active = 0;
    this.open = true;
    this.busy = false;
    this.host.requestUpdate();
  }

  private async pump() {
    this.pumping = true;
    try {
      while (this.wanted !== null) {
        const query = this.wanted;
        this.wanted = null;
        const generation = this.generation;
        this.busy = true;
        let found: readonly T[] = [];
        try {
          const result = await this.options.search(query);
          found = Array.isArray(result) ? result : [];
        } catch (error) {
          if (generation === this.generation) this.options.onError(error);
        }
        // A newer query is waiting, or the popup was closed meanwhile: these results are stale.
        if (this.wanted !== null || generation !== this.generation) continue;
        this.setItems(found);
      }
    } finally {
      this.pumping = false;
    }
  }

  private move(index: number) {
    this.active = index;
    this.host.requestUpdate();
  }

  /**
   * Handles a key pressed in the textarea while the popup is open; returns true when the key was used (the
   * composer must then not send). `pick` runs for Enter/Tab on a highlighted row.
   */
  handleKeyDown(event: KeyboardEvent, pick: (item: T) => void, escape = () => this.close()): boolean {
    if (!this.open || event.isComposing) return false;
    const count = this.items.length;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        if (!count) return false;
        this.move((this.active + (event.key === 'ArrowDown' ? 1 : -1) + count) % count);
        break;
      case 'Home':
      case 'End':
        if (!count || event.shiftKey) return false;
        this.move(event.key === 'Home' ? 0 : count - 1);
        break;
      case 'Enter':
      case 'Tab':
        if (!count || event.shiftKey) return false;
        pick(this.items[this.active]);
        break;
      case 'Escape':
        event.stopPropagation();
        escape();
        break;
      default:
        return false;
    }
    event.preventDefault();
    return true;
  }

  private renderRow(item: T, index: number, pick: (item: T) => void) {
    const row = this.options.row(item);
    return html`<li
      id=${`${this.options.key}-option-${index}`}
      part="suggest-option"
      class="suggest-option"
      role="option"
      aria-selected=${index === this.active ? 'true' : 'false'}
      @pointermove=${() => index !== this.active && this.move(index)}
      @mousedown=${(event: Event) => event.preventDefault()}
      @click=${() => pick(item)}
    >
      ${row.icon ? uiIcon(row.icon, 16) : nothing}
      <span class="suggest-text"
        ><span class="suggest-label">${row.label}</span>${
          row.description ? html`<span class="suggest-description">${row.description}</span>` : nothing
        }</span
      >
    </li>`;
  }

  /** Rows in runs of the same `group`, each run a labelled `group` of the listbox. */
  private renderRows(pick: (item: T) => void): TemplateResult[] {
    const runs: { group: string | undefined; rows: TemplateResult[] }[] = [];
    this.items.forEach((item, index) => {
      const group = this.options.row(item).group || undefined;
      const last = runs.at(-1);
      const rendered = this.renderRow(item, index, pick);
      if (last && last.group === group) last.rows.push(rendered);
      else runs.push({ group, rows: [rendered] });
    });
    if (runs.length === 1 && !runs[0].group) return runs[0].rows;
    return runs.map((run, i) =>
      run.group
        ? html`<li role="presentation">
            <ul role="group" class="suggest-group" aria-labelledby=${`${this.options.key}-group-${i}`}>
              <li role="presentation" class="suggest-group-label" id=${`${this.options.key}-group-${i}`}>
                ${run.group}
              </li>
              ${run.rows}
            </ul>
          </li>`
        : html`${run.rows}`,
    );
  }

  /** The popup (when open) and its polite status line (always, so announcements are heard). */
  render(labels: SuggestLabels, pick: (item: T) => void): TemplateResult {
    const status = this.open ? (this.items.length ? labels.count(this.items.length) : labels.empty) : '';
    return html`<span class="sr-only" role="status">${status}</span>${
        this.open
          ? html`<div class="suggest" part=${`${this.options.key}-menu`} data-suggest=${this.options.key}>
              ${labels.heading ? html`<div class="suggest-heading">${labels.heading}</div>` : nothing}
              <ul
                id=${this.listId}
                class="suggest-list"
                role="listbox"
                aria-label=${labels.label}
                aria-busy=${this.busy ? 'true' : 'false'}
              >
                ${this.renderRows(pick)}
              </ul>
              ${this.items.length ? nothing : html`<p class="suggest-empty">${labels.empty}</p>`}
            </div>`
          : nothing
      }`;
  }
}
