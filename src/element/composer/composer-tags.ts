/**
 * @-mentions in the composer (ChatKit's `entities.onTagSearch`): typing `@` plus a query asks the host for
 * matching entities, shown in a listbox driven from the textarea (ArrowUp/Down, Enter or Tab to pick, Escape
 * to close; `aria-activedescendant` keeps focus in the textbox). Picked entities become tag chips and are sent
 * as `input_tag` content before the text.
 *
 * @internal
 * @module
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { ChatContextValue } from '../../context/chat-context.js';
import type { InputTagContent } from '../../protocol/types.js';
import { uiIcon } from '../shared/ui-icon.js';

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
  results: TagEntity[] = [];
  active = 0;
  private search = 0;
  private mentionStart = -1;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly ctx: () => ChatContextValue,
    private readonly onSearch: () => ((query: string) => Promise<unknown[]>) | undefined,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  get open(): boolean {
    return this.results.length > 0;
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

  clear(): void {
    this.tags = [];
    this.close();
  }

  private close() {
    this.results = [];
    this.active = 0;
    this.mentionStart = -1;
    this.host.requestUpdate();
  }

  /** Looks for an `@query` before the caret and searches (the newest search wins). */
  async handleInput(textarea: HTMLTextAreaElement): Promise<void> {
    const search = this.onSearch();
    if (!search) return;
    const before = textarea.value.slice(0, textarea.selectionStart ?? textarea.value.length);
    const match = MENTION.exec(before);
    if (!match) return this.close();
    this.mentionStart = before.length - match[2].length - 1;
    const request = ++this.search;
    try {
      const found = (await search(match[2])) as TagEntity[];
      if (request !== this.search) return;
      this.results = (Array.isArray(found) ? found : [])
        .filter((e) => e && typeof e.id === 'string')
        .slice(0, 8);
      this.active = 0;
      this.host.requestUpdate();
    } catch {
      if (request === this.search) this.close();
    }
  }

  /** Handles list navigation; returns true when the key was used (the composer must not send). */
  handleKeyDown(event: KeyboardEvent, textarea: HTMLTextAreaElement): boolean {
    if (!this.open) return false;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      const step = event.key === 'ArrowDown' ? 1 : -1;
      this.active = (this.active + step + this.results.length) % this.results.length;
      this.host.requestUpdate();
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      this.pick(this.results[this.active], textarea);
    } else if (event.key === 'Escape') {
      event.stopPropagation();
      this.close();
    } else {
      return false;
    }
    event.preventDefault();
    return true;
  }

  /** Adds the entity as a chip and removes the typed `@query`; returns the new text. */
  pick(entity: TagEntity, textarea: HTMLTextAreaElement): void {
    const caret = textarea.selectionStart ?? textarea.value.length;
    const start = this.mentionStart >= 0 ? this.mentionStart : caret;
    textarea.value = textarea.value.slice(0, start) + textarea.value.slice(caret);
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
    if (!this.tags.some((tag) => tag.id === entity.id)) this.tags = [...this.tags, entity];
    this.close();
    textarea.focus();
  }

  /** ARIA attributes for the textarea. */
  get activeId(): string | undefined {
    return this.open ? `tag-option-${this.active}` : undefined;
  }

  renderChips() {
    if (!this.tags.length) return nothing;
    const { strings } = this.ctx();
    return html`<ul class="tray">
      ${this.tags.map(
        (tag) =>
          html`<li class="chip file tag-chip">
            <span class="name">@${tag.title}</span>
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

  renderList(textarea: () => HTMLTextAreaElement | undefined) {
    if (!this.open) return nothing;
    return html`<ul class="mentions" id="tag-list" role="listbox" aria-label="@">
      ${this.results.map(
        (entity, index) =>
          html`<li
            id=${`tag-option-${index}`}
            role="option"
            aria-selected=${index === this.active ? 'true' : 'false'}
            @mousedown=${(e: Event) => {
              e.preventDefault();
              const el = textarea();
              if (el) this.pick(entity, el);
            }}
          >
            ${entity.icon ? uiIcon(entity.icon, 14) : nothing}<span>${entity.title}</span>
            ${entity.group ? html`<span class="group">${entity.group}</span>` : nothing}
          </li>`,
      )}
    </ul>`;
  }
}
