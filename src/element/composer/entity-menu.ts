/**
 * The composer's "@" button (ChatKit's `entities.showComposerMenu`, shown only with `entities.onTagSearch`):
 * as in ChatKit, it inserts "@" at the caret (after a space when the caret follows a word) and so opens the
 * entity menu with an empty query; picking from the menu works as for a typed "@".
 *
 * @internal
 * @module
 */
import { html, nothing } from 'lit';
import type { ChatContextValue } from '../../context/chat-context.js';

/** Inserts "@" at the caret as typing would, so the tag search runs. */
export function insertMention(textarea: HTMLTextAreaElement): void {
  const start = textarea.selectionStart ?? textarea.value.length;
  const end = textarea.selectionEnd ?? start;
  const before = textarea.value.slice(0, start);
  const insert = before && !/\s$/.test(before) ? ' @' : '@';
  textarea.focus();
  textarea.setRangeText(insert, start, end, 'end');
  textarea.dispatchEvent(new Event('input', { bubbles: true }));
}

/** The "@" button, or nothing when the option is off. */
export function renderEntityMenuButton(
  ctx: ChatContextValue,
  textarea: () => HTMLTextAreaElement | undefined,
  disabled: boolean,
) {
  if (!ctx.config.showEntityMenu) return nothing;
  const { strings } = ctx;
  return html`<button
    type="button"
    part="entity-menu-button"
    class="icon-button mention-button"
    aria-label=${strings.addMention}
    title=${strings.addMention}
    ?disabled=${disabled}
    @mousedown=${(event: Event) => event.preventDefault()}
    @click=${() => {
      const el = textarea();
      if (el) insertMention(el);
    }}
  >
    <span aria-hidden="true">@</span>
  </button>`;
}
