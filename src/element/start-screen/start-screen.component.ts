/**
 * `<chatkit-start-screen>` (internal): the greeting and starter prompts shown before the first message.
 * A prompt click sends its text as the first message.
 *
 * @internal
 * @module
 */
import { LitElement, css, html, nothing, type PropertyDeclarations } from 'lit';
import { consumeChat, type ChatContextValue } from '../../context/chat-context.js';
import { sharedStyles } from '../shared/shared.styles.js';
import { hideBrokenImage } from '../shared/safe-url.js';
import { sendPrompt } from '../chatkit-chat/user-content.js';
import { uiIcon } from '../shared/ui-icon.js';

export class ChatkitStartScreen extends LitElement {
  /**
   * The reactive properties, as `@property`/`@state` declared them (no decorator helpers in the bundle). The
   * fields below stay plain: `useDefineForClassFields: false` (tsconfig.json) compiles them to assignments,
   * which go through Lit's accessors.
   */
  static override properties: PropertyDeclarations = {
    ctx: { state: true, attribute: false },
  };
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        justify-content: center;
        flex: 1;
        min-block-size: 0;
        overflow: auto;
      }
      .start {
        display: flex;
        flex-direction: column;
        align-items: center;
        gap: calc(var(--chatkit-spacing) * 6);
        padding: calc(var(--chatkit-spacing) * 6) calc(var(--chatkit-spacing) * 4);
        text-align: center;
      }
      .logo {
        inline-size: calc(var(--chatkit-spacing) * 12);
        block-size: calc(var(--chatkit-spacing) * 12);
        border-radius: var(--chatkit-radius);
        object-fit: cover;
      }
      h2 {
        margin: 0;
        font-size: 1.45em;
        font-weight: 600;
        line-height: 1.3;
        color: var(--chatkit-text);
      }
      ul {
        display: flex;
        flex-wrap: wrap;
        justify-content: center;
        gap: calc(var(--chatkit-spacing) * 2);
        margin: 0;
        padding: 0;
        list-style: none;
        max-inline-size: 40em;
      }
      .prompt {
        display: inline-flex;
        align-items: center;
        gap: calc(var(--chatkit-spacing) * 1.5);
        padding: calc(var(--chatkit-spacing) * 2) calc(var(--chatkit-spacing) * 3.5);
        border: 1px solid var(--chatkit-border);
        border-radius: 999px;
        background: var(--chatkit-surface);
        color: var(--chatkit-text-secondary);
        font-size: 0.92em;
        transition:
          background-color 120ms ease,
          color 120ms ease;
      }
      .prompt:hover {
        background: var(--chatkit-surface-secondary);
        color: var(--chatkit-text);
      }
    `,
  ];

  private ctx!: ChatContextValue;
  protected readonly ctxConsumer = consumeChat(this, (value) => (this.ctx = value));

  override render() {
    const { config, strings, controller } = this.ctx;
    return html`<section part="start-screen" class="start">
      ${config.logoUrl ? html`<img class="logo" src=${config.logoUrl} alt="" @error=${hideBrokenImage} />` : nothing}
      <h2>${config.greeting ?? strings.greeting}</h2>
      ${
        config.prompts.length
          ? html`<ul aria-label=${strings.starterPrompts}>
              ${config.prompts.map(
                (prompt) =>
                  html`<li>
                    <button
                      part="starter-prompt"
                      class="prompt"
                      type="button"
                      @click=${() => sendPrompt(controller, prompt.prompt)}
                    >
                      ${prompt.icon ? uiIcon(prompt.icon, 16) : nothing}<span>${prompt.label}</span>
                    </button>
                  </li>`,
              )}
            </ul>`
          : nothing
      }
    </section>`;
  }
}
