/**
 * `<chatkit-header>` (internal): the title bar — thread title or a static title, New chat, History, the
 * host's custom left/right actions, and in launcher mode a close button.
 *
 * @internal
 * @module
 */
import { LitElement, html, nothing, type PropertyValues, type PropertyDeclarations } from 'lit';
import { consumeChat, showsChange, type ChatContextValue } from '../../context/chat-context.js';
import type { HeaderAction } from '../chatkit-chat/options.js';
import { sharedStyles } from '../shared/shared.styles.js';
import { hideBrokenImage } from '../shared/safe-url.js';
import { headerStyles } from './header.styles.js';
import { uiIcon } from '../shared/ui-icon.js';
import type { headerIcon as HeaderIcon } from './header-icons.js';

/**
 * The header icon table (46 ChatKit names → glyph and label), loaded the first time a header has a custom
 * action: most headers have none.
 */
let headerIcon: typeof HeaderIcon | undefined;
let headerIconLoad: Promise<void> | undefined;
function loadHeaderIcons(): Promise<void> {
  headerIconLoad ??= import('./header-icons.js').then((m) => {
    headerIcon = m.headerIcon;
  });
  // A failed chunk load is retried on the next render.
  headerIconLoad.catch(() => (headerIconLoad = undefined));
  return headerIconLoad;
}

export class ChatkitHeader extends LitElement {
  static override styles = [sharedStyles, headerStyles];
  /**
   * The reactive properties, as `@property`/`@state` declared them (no decorator helpers in the bundle). The
   * fields below stay plain: `useDefineForClassFields: false` (tsconfig.json) compiles them to assignments,
   * which go through Lit's accessors.
   */
  static override properties: PropertyDeclarations = {
    ctx: { state: true, attribute: false },
    closable: { type: Boolean, attribute: 'closable' },
  };

  private ctx!: ChatContextValue;
  protected readonly ctxConsumer = consumeChat(this, (value) => (this.ctx = value));

  // A streamed delta changes nothing shown here.
  protected override shouldUpdate(changed: PropertyValues<this>): boolean {
    return showsChange(changed, this.ctx);
  }

  /** Shows a close button (launcher panel). */
  closable = false;

  private handleCustom(action: HeaderAction) {
    try {
      action.onClick();
    } catch (error) {
      this.ctx.controller.log('header.action.error', { message: String(error) });
    }
  }

  private handleClose() {
    this.dispatchEvent(new CustomEvent('chatkit-close-request', { bubbles: true, composed: true }));
  }

  private renderAction(action: HeaderAction | undefined) {
    if (!action) return nothing;
    if (!headerIcon) {
      void loadHeaderIcons().then(
        () => this.requestUpdate(),
        () => undefined,
      );
      return nothing;
    }
    const { icon, label } = headerIcon(action.icon, this.ctx.strings);
    return html`<button
      class="icon-button"
      part="header-action"
      type="button"
      data-icon-name=${action.icon}
      aria-label=${action.label ?? label}
      title=${action.label ?? label}
      @click=${() => this.handleCustom(action)}
    >
      ${uiIcon(icon)}
    </button>`;
  }

  override render() {
    const { config, strings, view, controller, historyOpen } = this.ctx;
    const title = config.showTitle ? (config.headerTitle ?? view.title ?? config.brandName ?? '') : '';
    // The tagline belongs to the brand: shown while the header shows the brand name, not a thread title.
    const tagline = title && title === config.brandName ? config.brandTagline : null;
    return html`<header part="header">
      <div class="start">
        ${this.renderAction(config.leftAction)}
        ${
          config.historyEnabled
            ? html`<button
                class="icon-button"
                type="button"
                aria-label=${strings.history}
                title=${strings.history}
                aria-expanded=${historyOpen ? 'true' : 'false'}
                @click=${() => controller.setHistoryOpen(!historyOpen)}
              >
                ${uiIcon('history')}
              </button>`
            : nothing
        }
        ${config.logoUrl ? html`<img class="logo" src=${config.logoUrl} alt="" @error=${hideBrokenImage} />` : nothing}
        ${
          title
            ? html`<div class="titles">
                <h2 part="title" class="title">${title}</h2>
                ${tagline ? html`<p part="tagline" class="tagline">${tagline}</p>` : nothing}
              </div>`
            : nothing
        }
      </div>
      <div class="end">
        <button
          class="icon-button"
          type="button"
          aria-label=${strings.newChat}
          title=${strings.newChat}
          @click=${() => controller.newChat()}
        >
          ${uiIcon('plus')}
        </button>
        ${this.renderAction(config.rightAction)}
        ${
          this.closable
            ? html`<button
                class="icon-button close"
                type="button"
                aria-label=${strings.closeChat}
                title=${strings.closeChat}
                @click=${this.handleClose}
              >
                ${uiIcon('x')}
              </button>`
            : nothing
        }
      </div>
    </header>`;
  }
}
