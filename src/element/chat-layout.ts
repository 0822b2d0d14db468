/**
 * The inside of the chat panel: header, history drawer, start screen or thread, composer (or the
 * structured-input form that takes its place), disclaimer and the polite live region. Internal elements that
 * are loaded on demand are requested here, the moment they are first needed.
 *
 * @internal
 * @module
 */
import { html, nothing } from 'lit';
import type { ChatContextValue } from '../context/chat-context.js';
import type { StructuredInputItem } from '../protocol/types.js';
import { ensureElement } from './lazy-elements.js';

/** Renders the panel content. */
export function renderChatLayout(ctx: ChatContextValue, mode: string, announcement: string) {
  const { view, config, historyOpen } = ctx;
  const last = view.items.at(-1);
  const question =
    last?.type === 'structured_input' && last.status === 'pending' ? (last as StructuredInputItem) : null;
  if (question) void ensureElement('chatkit-structured-input');
  if (historyOpen) void ensureElement('chatkit-history');
  const showStart = !view.threadId && !view.items.length && view.status !== 'loading';
  const disclaimer = config.disclaimer;
  return html`
    ${
      config.headerEnabled
        ? html`<chatkit-header exportparts="header,title" ?closable=${mode === 'launcher'}></chatkit-header>`
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
            exportparts="composer,input,send-button,stop-button,attachments"
          ></chatkit-composer>`
    }
    ${
      disclaimer
        ? html`<div part="disclaimer" class="disclaimer ${disclaimer.highContrast ? 'high-contrast' : ''}">
            <chatkit-markdown .text=${disclaimer.text}></chatkit-markdown>
          </div>`
        : nothing
    }
    <div class="sr-only" aria-live="polite" aria-atomic="true">${announcement}</div>
  `;
}
