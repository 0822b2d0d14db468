/**
 * `<chatkit-history>` (internal): the thread list — `threads.list` with paging, open, rename
 * (`threads.update`), delete with an inline confirmation (`threads.delete`), and New chat. Escape closes it.
 *
 * @internal
 * @module
 */
import { LitElement, html, nothing, type PropertyDeclarations } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { consumeChat, type ChatContextValue } from '../../context/chat-context.js';
import type { ThreadMetadata } from '../../protocol/types.js';
import { parseTimestamp } from '../../protocol/time.js';
import { sharedStyles } from '../shared/shared.styles.js';
import { historyStyles } from './history.styles.js';
import { uiIcon } from '../shared/ui-icon.js';
import { completeEnglish } from '../../i18n/strings-more.js';
import { provideChatkitIcons } from '../../internal/icons.js';
import { CHATKIT_ICON_DATA } from '../../internal/icon-data-chatkit.js';

// This module shows strings of the on-demand English table (see strings-more.ts).
completeEnglish();
// And icons of the on-demand table (rename, delete): they come with the panel, never drawn late.
provideChatkitIcons(CHATKIT_ICON_DATA);

export class ChatkitHistory extends LitElement {
  static override styles = [sharedStyles, historyStyles];
  /**
   * The reactive properties, as `@property`/`@state` declared them (no decorator helpers in the bundle). The
   * fields below stay plain: `useDefineForClassFields: false` (tsconfig.json) compiles them to assignments,
   * which go through Lit's accessors.
   */
  static override properties: PropertyDeclarations = {
    ctx: { state: true, attribute: false },
    threads: { state: true, attribute: false },
    cursor: { state: true, attribute: false },
    hasMore: { state: true, attribute: false },
    loading: { state: true, attribute: false },
    failed: { state: true, attribute: false },
    renaming: { state: true, attribute: false },
    confirmingDelete: { state: true, attribute: false },
  };

  private ctx!: ChatContextValue;
  protected readonly ctxConsumer = consumeChat(this, (value) => (this.ctx = value));

  private threads: ThreadMetadata[] = [];
  private cursor: string | null = null;
  private hasMore = false;
  private loading = false;
  private failed = false;
  private renaming: string | null = null;
  private confirmingDelete: string | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load(true);
  }

  protected override firstUpdated(): void {
    (this.renderRoot.querySelector('.new') as HTMLElement | null)?.focus();
  }

  /** (Re)loads the first page, or appends the next one. */
  async load(reset = false): Promise<void> {
    this.loading = true;
    this.failed = false;
    try {
      const page = await this.ctx.controller.listThreads(reset ? null : this.cursor);
      const rows = page.data.map(({ items: _items, ...meta }: any) => meta as ThreadMetadata);
      this.threads = reset ? rows : [...this.threads, ...rows];
      this.hasMore = page.has_more;
      this.cursor = page.after ?? rows.at(-1)?.id ?? null;
    } catch {
      this.failed = true;
    } finally {
      this.loading = false;
    }
  }

  private close() {
    this.ctx.controller.setHistoryOpen(false);
  }

  private handleKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape' && !this.renaming && !this.confirmingDelete) {
      event.stopPropagation();
      this.close();
    }
  }

  private async rename(thread: ThreadMetadata, title: string) {
    this.renaming = null;
    const clean = title.trim();
    if (!clean || clean === thread.title) return;
    this.threads = this.threads.map((t) => (t.id === thread.id ? { ...t, title: clean } : t));
    try {
      await this.ctx.controller.renameThread(thread.id, clean);
    } catch {
      this.threads = this.threads.map((t) => (t.id === thread.id ? thread : t));
    }
  }

  private async deleteThread(thread: ThreadMetadata) {
    this.confirmingDelete = null;
    // The confirmation's buttons go away: keep focus in the panel (on the row) while the request runs, or
    // it falls to <body> and Escape no longer reaches the panel.
    await this.focusAfterRender(`[data-thread-id="${CSS.escape(thread.id)}"] .open`);
    try {
      await this.ctx.controller.deleteThread(thread.id);
    } catch {
      this.failed = true;
      return;
    }
    const index = this.threads.findIndex((t) => t.id === thread.id);
    const neighbour = this.threads[index + 1] ?? this.threads[index - 1];
    const hadFocus = this.focusIsInside(thread.id);
    this.threads = this.threads.filter((t) => t.id !== thread.id);
    // Only move focus the reader did not take elsewhere meanwhile: next row, else previous, else New chat.
    if (hadFocus) {
      await this.focusAfterRender(
        neighbour ? `[data-thread-id="${CSS.escape(neighbour.id)}"] .open` : '.new',
      );
    }
  }

  /** Closes the confirmation and gives focus back to the row's delete button. */
  private cancelDelete(thread: ThreadMetadata) {
    this.confirmingDelete = null;
    void this.focusAfterRender(`[data-thread-id="${CSS.escape(thread.id)}"] .delete`);
  }

  /** Whether focus is on the row of `threadId` or was lost (on <body>) — i.e. ours to move. */
  private focusIsInside(threadId: string): boolean {
    const active = this.shadowRoot?.activeElement;
    if (!active) return !document.activeElement || document.activeElement === document.body;
    return active.closest('[data-thread-id]')?.getAttribute('data-thread-id') === threadId;
  }

  /** Focuses the first match of `selector` once the pending render is done. */
  private async focusAfterRender(selector: string) {
    await this.updateComplete;
    (this.renderRoot.querySelector(selector) as HTMLElement | null)?.focus();
  }

  private renderRow(thread: ThreadMetadata) {
    const { strings, config, view, controller, locale } = this.ctx;
    const title = thread.title || strings.untitled;
    if (this.renaming === thread.id) {
      return html`<li class="row editing" data-thread-id=${thread.id}>
        <form
          @submit=${(e: Event) => {
            e.preventDefault();
            void this.rename(thread, new FormData(e.target as HTMLFormElement).get('title') as string);
          }}
          @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && (e.stopPropagation(), (this.renaming = null))}
        >
          <input name="title" aria-label=${strings.renameLabel} .value=${thread.title ?? ''} autofocus />
          <button class="text-button primary" type="submit">${strings.save}</button>
          <button class="text-button" type="button" @click=${() => (this.renaming = null)}>
            ${strings.cancel}
          </button>
        </form>
      </li>`;
    }
    if (this.confirmingDelete === thread.id) {
      return html`<li
        class="row confirming"
        data-thread-id=${thread.id}
        role="alertdialog"
        aria-label=${strings.delete}
      >
        <p>${strings.deleteConfirm(title)}</p>
        <div
          class="confirm-actions"
          @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && (e.stopPropagation(), this.cancelDelete(thread))}
        >
          <button class="text-button danger" type="button" @click=${() => this.deleteThread(thread)}>
            ${strings.delete}
          </button>
          <button class="text-button" type="button" autofocus @click=${() => this.cancelDelete(thread)}>
            ${strings.cancel}
          </button>
        </div>
      </li>`;
    }
    const epoch = parseTimestamp(thread.created_at);
    const date = Number.isFinite(epoch) ? new Date(epoch) : null;
    return html`<li class="row" data-thread-id=${thread.id} ?data-current=${thread.id === view.threadId}>
      <button
        class="open"
        type="button"
        aria-current=${thread.id === view.threadId ? 'true' : 'false'}
        @click=${() => controller.openThread(thread.id)}
      >
        <span class="title">${title}</span>
        ${date ? html`<span class="date">${date.toLocaleDateString(locale, { dateStyle: 'medium' } as Intl.DateTimeFormatOptions)}</span>` : nothing}
      </button>
      ${
        config.showRename
          ? html`<button
              class="icon-button"
              type="button"
              aria-label=${`${strings.rename}: ${title}`}
              title=${strings.rename}
              @click=${() => (this.renaming = thread.id)}
            >
              ${uiIcon('pencil', 14)}
            </button>`
          : nothing
      }
      ${
        config.showDelete
          ? html`<button
              class="icon-button delete"
              type="button"
              aria-label=${`${strings.delete}: ${title}`}
              title=${strings.delete}
              @click=${() => (this.confirmingDelete = thread.id)}
            >
              ${uiIcon('trash-2', 14)}
            </button>`
          : nothing
      }
    </li>`;
  }

  override render() {
    const { strings, controller } = this.ctx;
    return html`<nav
      part="history"
      class="history"
      aria-label=${strings.historyTitle}
      @keydown=${this.handleKeyDown}
    >
      <div class="top">
        <h2>${strings.historyTitle}</h2>
        <button
          class="icon-button"
          type="button"
          aria-label=${strings.closeHistory}
          title=${strings.closeHistory}
          @click=${this.close}
        >
          ${uiIcon('x', 16)}
        </button>
      </div>
      <button class="new text-button" type="button" @click=${() => controller.newChat()}>
        ${uiIcon('plus', 14)} ${strings.newChat}
      </button>
      ${!this.loading && !this.failed && !this.threads.length ? html`<p class="empty">${strings.historyEmpty}</p>` : nothing}
      ${this.failed ? html`<p class="empty" role="alert">${strings.genericError}</p>` : nothing}
      <ul class="list">
        ${repeat(
          this.threads,
          (thread) => thread.id,
          (thread) => this.renderRow(thread),
        )}
      </ul>
      ${this.loading ? html`<p class="empty" role="status">${strings.loading}</p>` : nothing}
      ${
        this.hasMore && !this.loading
          ? html`<button class="text-button more" type="button" @click=${() => this.load()}>
              ${strings.loadMore}
            </button>`
          : nothing
      }
    </nav>`;
  }
}
