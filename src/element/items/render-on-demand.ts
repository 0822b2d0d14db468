/**
 * The renderers of the item types a first answer rarely has, loaded on demand by render-item.ts with the
 * first such item: workflows and tasks (render-workflow.ts), client tool calls, generated images and answered
 * structured input summaries.
 *
 * @internal
 * @module
 */
import { html, nothing } from 'lit';
import type { ClientToolCallItem, GeneratedImageItem, StructuredInputItem } from '../../protocol/types.js';
import type { ItemRenderContext } from './item-context.js';
import { safeUrl } from '../shared/safe-url.js';
import { uiIcon } from '../shared/ui-icon.js';
import { completeEnglish } from '../../i18n/strings-more.js';
import { provideImagePolicy } from '../../internal/url.js';
import { IMAGE_POLICY } from '../../internal/image-policy.js';

// This module shows strings of the on-demand English table (see strings-more.ts).
completeEnglish();
// The generated-image item asks the widget host for image decisions: they come with this module.
provideImagePolicy(IMAGE_POLICY);

export { renderTaskItem, renderWorkflow } from './render-workflow.js';
export { onDemandItemStyles } from './on-demand.styles.js';

/** Renders a `client_tool_call` item as a one-line status. */
export function renderClientToolCall(item: ClientToolCallItem, rc: ItemRenderContext) {
  const { strings } = rc.ctx;
  const done = item.status === 'completed';
  return html`<div class="tool-call" data-item-id=${item.id} data-status=${item.status}>
    <span class=${done ? '' : 'spin'} aria-hidden="true">${uiIcon(done ? 'check' : 'loader', 14)}</span>
    <span class="tool-label">${done ? strings.toolDone(item.name) : strings.toolRunning(item.name)}</span>
  </div>`;
}

/**
 * Renders a `generated_image` item: a placeholder with the progress until an allowed image arrives. Once the
 * item is done, a missing or refused image (unsafe URL, domain not allowed) gets a still placeholder that
 * says so, not a spinner that never ends.
 */
export function renderGeneratedImage(item: GeneratedImageItem, rc: ItemRenderContext) {
  const { strings, controller } = rc.ctx;
  const url = item.image ? safeUrl(item.image.url, 'image') : null;
  const host = controller.widgetHost;
  // The image policy: direct, through the image proxy, or blocked behind a "Load image from …" button.
  const decision =
    url === null
      ? null
      : url.startsWith('data:')
        ? ({ kind: 'load', src: url, proxied: false } as const)
        : host.resolveImage
          ? host.resolveImage(url)
          : host.isImageAllowed(url)
            ? ({ kind: 'load', src: url, proxied: false } as const)
            : null;
  const allowed = decision?.kind === 'load';
  const progress = rc.ctx.view.imageProgress[item.id];
  const percent = rc.pending && typeof progress === 'number' ? ` ${Math.round(progress * 100)}%` : '';
  let body;
  if (allowed)
    body = html`<img src=${decision.src} alt=${strings.generatedImage} referrerpolicy="no-referrer" />`;
  else if (rc.pending)
    body = html`<div class="image-placeholder" role="status">
      <span class="spin" aria-hidden="true">${uiIcon('loader', 16)}</span>${strings.generatingImage}${percent}
    </div>`;
  else
    body = html`<div class="image-placeholder unavailable" data-reason=${item.image ? 'blocked' : 'missing'}>
      ${uiIcon('square-image', 16)}${item.image ? strings.imageBlocked : strings.imageUnavailable}
      ${
        decision?.kind === 'blocked' && host.approveImage
          ? html`<button
              type="button"
              class="image-load"
              part="image-load"
              @click=${() => host.approveImage!(decision.url)}
            >
              ${strings.loadImageFrom(decision.host)}
            </button>`
          : nothing
      }
    </div>`;
  return html`<figure class="generated-image" data-item-id=${item.id} ?data-pending=${rc.pending}>
    ${body}
  </figure>`;
}

/** Renders an answered or skipped `structured_input` as questions with their answers. */
export function renderStructuredInputSummary(item: StructuredInputItem, rc: ItemRenderContext) {
  const { strings } = rc.ctx;
  return html`<dl class="structured-summary" data-item-id=${item.id}>
    ${item.inputs.map(
      (input) =>
        html`<dt>${input.question}</dt>
          <dd>
            ${
              input.answer && !input.answer.skipped && input.answer.values.length
                ? input.answer.values.join(', ')
                : html`<span class="muted">${item.status === 'pending' ? nothing : strings.skipped}</span>`
            }
          </dd>`,
    )}
  </dl>`;
}
