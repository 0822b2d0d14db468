/**
 * A user message: verbatim text (never markdown), tags as chips, quoted text above, attachments below.
 *
 * @internal
 * @module
 */
import { html, nothing } from 'lit';
import type { Attachment, InputTagContent, UserMessageItem } from '../../protocol/types.js';
import type { ItemRenderContext } from './item-context.js';
import { safeUrl } from '../shared/safe-url.js';
import { uiIcon } from '../shared/ui-icon.js';
import { emitEntity, entityFromTag } from '../composer/entity-events.js';

function renderAttachment(attachment: Attachment, label: string) {
  const preview = attachment.type === 'image' ? safeUrl(attachment.preview_url, 'image') : null;
  return html`<li class="attachment" title=${attachment.name}>
    ${
      preview
        ? html`<img src=${preview} alt=${attachment.name} loading="lazy" />`
        : html`${uiIcon('paperclip', 14)}<span class="sr-only">${label}:</span
            ><span class="name">${attachment.name}</span>`
    }
  </li>`;
}

/** An interactive tag: a button whose click and hover/focus go to `entities.onClick`/`onRequestPreview`. */
function renderInteractiveTag(part: InputTagContent) {
  const entity = entityFromTag(part);
  const hover = (event: Event) => emitEntity('hover', event.currentTarget as HTMLElement, entity);
  return html`<button
    type="button"
    part="entity-tag"
    class="tag tag--interactive"
    dir="auto"
    data-tag-id=${part.id}
    @click=${(event: Event) => emitEntity('click', event.currentTarget as HTMLElement, entity)}
    @pointerenter=${hover}
    @focus=${hover}
  >
    @${part.text}
  </button>`;
}

/** Renders a `user_message` item. */
export function renderUserMessage(item: UserMessageItem, rc: ItemRenderContext) {
  const { strings } = rc.ctx;
  return html`<article part="message user-message" class="message user" data-item-id=${item.id}>
    <h3 class="sr-only">${strings.you}</h3>
    ${
      item.quoted_text
        ? html`<blockquote class="quote" aria-label=${strings.quoted}>${item.quoted_text}</blockquote>`
        : nothing
    }
    <div class="bubble">
      ${item.content.map((part) =>
        part.type !== 'input_tag'
          ? html`<span class="text">${part.text}</span>`
          : part.interactive && rc.ctx.config.entityActions
            ? renderInteractiveTag(part)
            : html`<span class="tag" dir="auto" data-tag-id=${part.id}>@${part.text}</span>`,
      )}
    </div>
    ${
      item.attachments?.length
        ? html`<ul class="attachments">
            ${item.attachments.map((a) => renderAttachment(a, strings.attachment))}
          </ul>`
        : nothing
    }
  </article>`;
}
