/**
 * An assistant message rendered through `<chatkit-markdown>` (streamed incrementally, sanitized,
 * annotations shown as citations), followed by the per-item actions when it ends its turn.
 *
 * @internal
 * @module
 */
import { html, nothing } from 'lit';
import type { AssistantMessageItem, ThreadItem } from '../../protocol/types.js';
import type { ItemRenderContext } from './item-context.js';
import { uiIcon } from '../shared/ui-icon.js';
import type { Strings } from '../../i18n/strings.js';
import type { MarkdownLabels } from '../../markdown/markdown.component.js';

const labelCache = new WeakMap<Strings, MarkdownLabels>();

/** The markdown element's labels in the current language (one object per language, so no re-render). */
export function markdownLabels(strings: Strings): MarkdownLabels {
  let labels = labelCache.get(strings);
  if (!labels) {
    labels = {
      copyCode: strings.copyCode,
      copied: strings.copied,
      sources: strings.sources,
      loadImage: strings.loadImageFrom('{host}'),
      truncated: strings.markdownTruncated,
    };
    labelCache.set(strings, labels);
  }
  return labels;
}

/** The plain text of an assistant message (all parts). */
export function assistantText(item: AssistantMessageItem): string {
  return item.content.map((part) => part.text).join('\n\n');
}

/** Copy / feedback / retry for a finished item, each switchable by `threadItemActions`. */
export function renderItemActions(item: ThreadItem, text: string, rc: ItemRenderContext) {
  const { config, strings, view } = rc.ctx;
  const actions = config.itemActions;
  if (rc.pending || !rc.endsTurn) return nothing;
  const given = rc.feedback.get(item.id);
  const busy = view.status === 'streaming' || view.status === 'cancelling';
  const copied = rc.copiedId === item.id;
  return html`<div class="actions" part="item-actions">
    ${
      actions.copy && text
        ? html`<button
            class="icon-button"
            type="button"
            aria-label=${copied ? strings.copied : strings.copy}
            title=${copied ? strings.copied : strings.copy}
            @click=${() => rc.copy(item, text)}
          >
            ${uiIcon(copied ? 'check' : 'copy', 16)}
          </button>`
        : nothing
    }
    ${
      actions.feedback
        ? (['positive', 'negative'] as const).map(
            (kind) =>
              html`<button
                class="icon-button"
                type="button"
                aria-label=${kind === 'positive' ? strings.feedbackPositive : strings.feedbackNegative}
                title=${kind === 'positive' ? strings.feedbackPositive : strings.feedbackNegative}
                aria-pressed=${given === kind ? 'true' : 'false'}
                ?disabled=${!!given}
                @click=${() => rc.giveFeedback(item.id, kind)}
              >
                ${uiIcon(kind === 'positive' ? 'thumbs-up' : 'thumbs-down', 16)}
              </button>`,
          )
        : nothing
    }
    ${
      actions.retry && rc.turnUserMessageId
        ? html`<button
            class="icon-button"
            type="button"
            aria-label=${strings.retry}
            title=${strings.retry}
            ?disabled=${busy}
            @click=${() => rc.ctx.controller.retry(rc.turnUserMessageId!)}
          >
            ${uiIcon('rotate-ccw', 16)}
          </button>`
        : nothing
    }
    ${given ? html`<span class="thanks" role="status">${strings.feedbackThanks}</span>` : nothing}
  </div>`;
}

/** Renders an `assistant_message` item. */
export function renderAssistantMessage(item: AssistantMessageItem, rc: ItemRenderContext) {
  const text = assistantText(item);
  const annotations = item.content.flatMap((part) => part.annotations ?? []);
  return html`<article part="message assistant-message" class="message assistant" data-item-id=${item.id}>
    <h3 class="sr-only">${rc.ctx.strings.assistant}</h3>
    <chatkit-markdown
      class="markdown"
      .text=${text}
      .streaming=${rc.pending}
      .annotations=${annotations}
      .allowedImageDomains=${rc.ctx.view.allowedImageDomains}
      .imageProxyUrl=${rc.ctx.controller.widgetHost.imageProxyUrl ?? null}
      .labels=${markdownLabels(rc.ctx.strings)}
    ></chatkit-markdown>
    ${renderItemActions(item, text, rc)}
  </article>`;
}
