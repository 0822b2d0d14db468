/**
 * @-mentions in the composer (ChatKit's `entities.onTagSearch`): typing `@` plus a query (at the start or
 * after a space) asks the host for matching entities, shown in the shared suggestion listbox
 * ({@link SuggestList}: ArrowUp/Down, Home/End, Enter or Tab to pick, Escape to close, mouse;
 * `aria-activedescendant` keeps focus in the textbox). Picked entities become tag chips and are sent as
 * `input_tag` content before the text. The composer draws the "@" button (`entities.showComposerMenu`, shown
 * only with `onTagSearch`) in its first render; what it does ({@link mention}) comes with this module, which
 * the composer loads as soon as `onTagSearch` is set. The listbox code loads on demand too ({@link prepare}).
 *
 * @internal
 * @module
 */
import { css, html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { ChatContextValue } from '../../context/chat-context.js';
import type { InputTagContent } from '../../protocol/types.js';
import { uiIcon } from '../shared/ui-icon.js';
import { adoptMoreStyles } from '../shared/shared.styles.js';

const tagStyles = css`
  .tag-chip {
    color: var(--chatkit-accent);
  }
`;
import type { SuggestList } from './composer-suggest.js';
import { completeEnglish } from '../../i18n/strings-more.js';

// This module shows strings of the on-demand English table (see strings-more.ts).
completeEnglish();

/** An entity as ChatKit's `onTagSearch` returns it. */
export interface TagEntity {
  id: string;
  title: string;
  icon?: string;
  group?: string;
  interactive?: boolean;
  data?: Record<string, unknown>;
}

/** The `@query` right before the caret, if any. */
const MENTION = /(^|\s)@([^\s@]{0,40})$/;

export class ComposerTags implements ReactiveController {
  tags: TagEntity[] = [];
  private list: SuggestList<TagEntity> | null = null;
  private loading = false;
  private mentionStart = -1;
  private query = '';

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly ctx: () => ChatContextValue,
    private readonly onSearch: () => ((query: string) => Promise<unknown[]>) | undefined,
    private readonly textarea: () => HTMLTextAreaElement | undefined,
  ) {
    host.addController(this);
    adoptMoreStyles(host, tagStyles);
  }

  /** Loads the listbox code (once); an "@" typed meanwhile opens the menu when it is there. */
  prepare(): void {
    if (this.list || this.loading) return;
    this.loading = true;
    void import('./composer-suggest.js').then(({ SuggestList }) => {
      this.list = new SuggestList<TagEntity>(this.host, {
        key: 'tag',
        limit: 8,
        search: async (query) => {
          const found = (await this.onSearch()?.(query)) ?? [];
          return (Array.isArray(found) ? found : []).filter(
            (e): e is TagEntity => !!e && typeof (e as TagEntity).id === 'string',
          );
        },
        onError: (error) =>
          this.ctx().controller.log('entities.onTagSearch.error', { message: String(error) }),
        row: (entity) => ({ label: entity.title, icon: entity.icon, group: entity.group }),
      });
      const textarea = this.textarea();
      if (textarea) this.handleInput(textarea);
      this.host.requestUpdate();
    });
  }

  hostConnected(): void {}

  get open(): boolean {
    return !!this.list?.open;
  }

  get listId(): string | undefined {
    return this.list?.listId;
  }

  /** The highlighted option, for the textarea's `aria-activedescendant`. */
  get activeId(): string | undefined {
    return this.list?.activeId;
  }

  /** Tag content for the message. */
  content(): InputTagContent[] {
    return this.tags.map((tag) => ({
      type: 'input_tag',
      id: tag.id,
      text: tag.title,
      data: (tag.data ?? {}) as InputTagContent['data'],
      ...(tag.group ? { group: tag.group } : {}),
      interactive: !!tag.interactive,
    }));
  }

  /** Replaces the chips with the tags of `setComposerValue({content})`. */
  set(tags: readonly InputTagContent[]): void {
    this.tags = tags.map((tag) => ({
      id: tag.id,
      title: tag.text,
      ...(tag.group ? { group: tag.group } : {}),
      ...(tag.interactive !== undefined ? { interactive: tag.interactive } : {}),
      data: tag.data,
    }));
    this.close();
  }

  /**
   * The "@" button: as in ChatKit, inserts "@" at the caret (after a space when the caret follows a word) as
   * typing would, so the entity menu opens with an empty query; picking works as for a typed "@".
   */
  mention(): void {
    const textarea = this.textarea();
    if (!textarea) return;
    const start = textarea.selectionStart ?? textarea.value.length;
    const end = textarea.selectionEnd ?? start;
    const before = textarea.value.slice(0, start);
    textarea.focus();
    textarea.setRangeText(before && !/\s$/.test(before) ? ' @' : '@', start, end, 'end');
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
  }

  /** Adds one entity as a chip (no duplicates). */
  add(entity: TagEntity): void {
    if (!this.tags.some((tag) => tag.id === entity.id)) this.tags = [...this.tags, entity];
    this.host.requestUpdate();
  }

  clear(): void {
    this.tags = [];
    this.close();
  }

  close(): void {
    this.mentionStart = -1;
    this.list?.close();
  }

  /** Looks for an `@query` before the caret and searches (one search at a time, the newest query wins). */
  handleInput(textarea: HTMLTextAreaElement): void {
    if (!this.onSearch()) return;
    if (!this.list) return this.prepare();
    const before = textarea.value.slice(0, textarea.selectionStart ?? textarea.value.length);
    const match = MENTION.exec(before);
    if (!match) return this.close();
    this.mentionStart = before.length - match[2].length - 1;
    this.query = match[2];
    this.list.request(match[2]);
  }

  /** Handles list navigation; returns true when the key was used (the composer must not send). */
  handleKeyDown(event: KeyboardEvent): boolean {
    return !!this.list?.handleKeyDown(event, (entity) => this.pick(entity));
  }

  /** Adds the entity as a chip and removes the typed `@query`. */
  pick(entity: TagEntity): void {
    const textarea = this.textarea();
    if (textarea && this.mentionStart >= 0 && textarea.value[this.mentionStart] === '@') {
      const end = this.mentionStart + 1 + this.query.length;
      textarea.value = textarea.value.slice(0, this.mentionStart) + textarea.value.slice(end);
      textarea.setSelectionRange(this.mentionStart, this.mentionStart);
      textarea.dispatchEvent(new Event('input', { bubbles: true }));
    }
    this.add(entity);
    this.close();
    textarea?.focus();
  }

  renderChips() {
    if (!this.tags.length) return nothing;
    const { strings } = this.ctx();
    return html`<ul class="tray">
      ${this.tags.map(
        (tag) =>
          html`<li class="chip file tag-chip">
            <span class="name" dir="auto">@${tag.title}</span>
            <button
              class="remove"
              type="button"
              aria-label=${strings.removeAttachment(tag.title)}
              @click=${() => {
                this.tags = this.tags.filter((t) => t !== tag);
                this.host.requestUpdate();
              }}
            >
              ${uiIcon('x', 12)}
            </button>
          </li>`,
      )}
    </ul>`;
  }

  renderList() {
    if (!this.onSearch() || !this.list) return nothing;
    const { strings } = this.ctx();
    return this.list.render(
      { label: strings.mentions, empty: strings.noMatches, count: strings.resultCount },
      (entity) => this.pick(entity),
    );
  }
}
