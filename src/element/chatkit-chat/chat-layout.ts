/**
 * The inside of the chat panel: header, history drawer, start screen or thread, composer (or the
 * structured-input form that takes its place), disclaimer and the polite live region. Internal elements that
 * are loaded on demand are requested here, the moment they are first needed.
 *
 * @internal
 * @module
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { ChatContextValue } from '../../context/chat-context.js';
import type { StructuredInputItem } from '../../protocol/types.js';
import { ensureElement } from '../lazy-elements.js';
import type { LauncherController } from '../controllers/launcher-controller.js';
import { uiIcon } from '../shared/ui-icon.js';
import { markdownLabels } from '../items/render-assistant-message.js';

/** Renders the panel content. */
export function renderChatLayout(ctx: ChatContextValue, mode: string, announcement: string) {
  const { view, config, historyOpen } = ctx;
  const last = view.items.at(-1);
  const question =
    last?.type === 'structured_input' && last.status === 'pending' ? (last as StructuredInputItem) : null;
  if (question) void ensureElement('chatkit-structured-input');
  if (historyOpen) void ensureElement('chatkit-history');
  // An error with no thread (a failed load, a failed first send) shows in the thread view, with its Retry.
  const showStart = !view.threadId && !view.items.length && view.status !== 'loading' && !view.error;
  const disclaimer = config.disclaimer;
  return html`
    ${
      config.headerEnabled
        ? html`<chatkit-header
            exportparts="header,title,tagline"
            ?closable=${mode === 'launcher'}
          ></chatkit-header>`
        : nothing
    }
    ${
      config.configError
        ? html`<div part="config-error" class="config-error" role="alert">${config.configError}</div>`
        : nothing
    }
    <div class="main">
      ${historyOpen && config.historyEnabled ? html`<chatkit-history exportparts="history"></chatkit-history>` : nothing}
      ${
        showStart
          ? html`<chatkit-start-screen exportparts="start-screen,starter-prompt"></chatkit-start-screen>`
          : html`<chatkit-thread
              exportparts="thread,message,user-message,assistant-message,item-actions,widget"
            ></chatkit-thread>`
      }
    </div>
    ${
      question
        ? html`<chatkit-structured-input
            exportparts="composer,structured-input"
            .item=${question}
          ></chatkit-structured-input>`
        : html`<chatkit-composer
            exportparts="composer,input,send-button,stop-button,attachments,dictation-button,dictation,dictation-error"
          ></chatkit-composer>`
    }
    ${
      disclaimer
        ? html`<div part="disclaimer" class="disclaimer ${disclaimer.highContrast ? 'high-contrast' : ''}">
            <chatkit-markdown
              .text=${disclaimer.text}
              .labels=${markdownLabels(ctx.strings)}
            ></chatkit-markdown>
          </div>`
        : nothing
    }
    <div class="sr-only" aria-live="polite" aria-atomic="true">${announcement}</div>
  `;
}

/** Launcher mode: the floating panel (a labelled dialog, hidden while closed) and the launcher button. */
export function renderLauncher(
  ctx: ChatContextValue,
  layout: TemplateResult,
  launcher: LauncherController,
  onPanelKeyDown: (event: KeyboardEvent) => void,
) {
  const { strings } = ctx;
  const { open, unread } = launcher;
  return html`
    <div
      part="panel"
      class="panel"
      id="panel"
      role="dialog"
      aria-label=${ctx.config.frameTitle ?? ctx.config.brandName ?? strings.conversation}
      ?hidden=${!open}
      @keydown=${onPanelKeyDown}
    >
      ${layout}
    </div>
    <button
      part="launcher"
      class="launcher"
      type="button"
      aria-label=${open ? strings.closeChat : strings.openChat}
      aria-expanded=${open ? 'true' : 'false'}
      aria-controls="panel"
      @click=${() => launcher.setOpen(!open)}
    >
      ${uiIcon(open ? 'x' : 'message-circle', 24)}
      ${
        unread && !open
          ? html`<span class="badge" aria-label=${strings.unread(unread)} role="status">${unread}</span>`
          : nothing
      }
    </button>
  `;
}
