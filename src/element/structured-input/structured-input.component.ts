/**
 * `<chatkit-structured-input>` (internal): a pending `structured_input` item takes over the composer
 * (§6.2, §9). Multiple choice questions offer their options (one or many per `multiple`) plus a free-text
 * answer; freeform questions a textarea. Submit sends `threads.add_structured_input` with answers keyed by
 * input id; Skip sends `status: "skipped"`.
 *
 * @internal
 * @module
 */
import { LitElement, css, html, nothing, type PropertyDeclarations } from 'lit';
import { consumeChat, type ChatContextValue } from '../../context/chat-context.js';
import type {
  StructuredInput,
  StructuredInputItem,
  StructuredInputSubmission,
} from '../../protocol/types.js';
import { sharedStyles } from '../shared/shared.styles.js';
import { completeEnglish } from '../../i18n/strings-more.js';

// This module shows strings of the on-demand English table (see strings-more.ts).
completeEnglish();

export class ChatkitStructuredInput extends LitElement {
  /**
   * The reactive properties, as `@property`/`@state` declared them (no decorator helpers in the bundle). The
   * fields below stay plain: `useDefineForClassFields: false` (tsconfig.json) compiles them to assignments,
   * which go through Lit's accessors.
   */
  static override properties: PropertyDeclarations = {
    ctx: { state: true, attribute: false },
    item: { attribute: false },
    chosen: { state: true, attribute: false },
    text: { state: true, attribute: false },
  };
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        flex: none;
        /* Questions take over the composer, but never the whole panel: the thread stays readable above. */
        max-block-size: 55%;
        overflow-y: auto;
        padding-inline: calc(var(--chatkit-spacing) * 3);
        padding-block: calc(var(--chatkit-spacing) * 2) calc(var(--chatkit-spacing) * 3);
      }
      form {
        max-inline-size: 48rem;
        margin-inline: auto;
        display: flex;
        flex-direction: column;
        gap: calc(var(--chatkit-spacing) * 3);
        padding: calc(var(--chatkit-spacing) * 3) calc(var(--chatkit-spacing) * 4);
        border: 1px solid var(--chatkit-border);
        border-radius: var(--chatkit-radius-lg);
        background: var(--chatkit-surface-elevated);
        box-shadow: var(--chatkit-shadow);
      }
      fieldset {
        display: flex;
        flex-direction: column;
        gap: calc(var(--chatkit-spacing) * 2);
        margin: 0;
        padding: 0;
        border: 0;
      }
      legend {
        margin-block-end: calc(var(--chatkit-spacing) * 2);
        padding: 0;
        font-weight: 600;
        color: var(--chatkit-text);
      }
      legend,
      .description,
      .option > span {
        /* Questions and options are model-written: their direction follows their content. */
        unicode-bidi: plaintext;
      }
      .description {
        margin: 0;
        color: var(--chatkit-text-secondary);
        font-size: 0.9em;
      }
      .option {
        display: flex;
        align-items: center;
        gap: calc(var(--chatkit-spacing) * 2);
        padding: calc(var(--chatkit-spacing) * 1.5) calc(var(--chatkit-spacing) * 3);
        border: 1px solid var(--chatkit-border);
        border-radius: var(--chatkit-radius-sm);
        cursor: pointer;
      }
      .option:has(input:checked) {
        border-color: var(--chatkit-accent);
        background: var(--chatkit-surface-secondary);
      }
      input[type='radio'],
      input[type='checkbox'] {
        accent-color: var(--chatkit-accent);
      }
      textarea,
      input[type='text'] {
        inline-size: 100%;
        padding: calc(var(--chatkit-spacing) * 2) calc(var(--chatkit-spacing) * 3);
        border: 1px solid var(--chatkit-border);
        border-radius: var(--chatkit-radius-sm);
        background: var(--chatkit-surface);
        color: var(--chatkit-text);
        font: inherit;
      }
      .buttons {
        position: sticky;
        inset-block-end: calc(var(--chatkit-spacing) * -3);
        display: flex;
        justify-content: flex-end;
        gap: calc(var(--chatkit-spacing) * 2);
        padding-block: calc(var(--chatkit-spacing) * 2);
        background: var(--chatkit-surface-elevated);
      }
    `,
  ];

  private ctx!: ChatContextValue;
  protected readonly ctxConsumer = consumeChat(this, (value) => (this.ctx = value));

  /** The pending item to answer. */
  item!: StructuredInputItem;

  /** Chosen option values per input id. */
  private chosen = new Map<string, string[]>();
  /** Free text per input id (freeform answers and "other" answers). */
  private text = new Map<string, string>();

  private toggle(input: StructuredInput & { type: 'multiple_choice' }, value: string, checked: boolean) {
    const current = this.chosen.get(input.id) ?? [];
    const next = input.multiple
      ? checked
        ? [...current, value]
        : current.filter((v) => v !== value)
      : checked
        ? [value]
        : [];
    this.chosen = new Map(this.chosen).set(input.id, next);
  }

  private answers(): StructuredInputSubmission['answers'] {
    const answers: NonNullable<StructuredInputSubmission['answers']> = {};
    for (const input of this.item.inputs) {
      const values = [...(this.chosen.get(input.id) ?? [])];
      const text = this.text.get(input.id)?.trim();
      if (text) values.push(text);
      answers[input.id] = values.length ? { values } : { skipped: true };
    }
    return answers;
  }

  private submit(event: Event) {
    event.preventDefault();
    this.ctx.controller.submitStructuredInput(this.item.id, { status: 'answered', answers: this.answers() });
  }

  private skip() {
    this.ctx.controller.submitStructuredInput(this.item.id, { status: 'skipped' });
  }

  private renderInput(input: StructuredInput) {
    const { strings } = this.ctx;
    const textInput = (label: string, multiline: boolean) =>
      multiline
        ? html`<textarea
            rows="2"
            aria-label=${label}
            .value=${this.text.get(input.id) ?? ''}
            @input=${(e: Event) => (this.text = new Map(this.text).set(input.id, (e.target as HTMLTextAreaElement).value))}
          ></textarea>`
        : html`<input
            type="text"
            aria-label=${label}
            placeholder=${label}
            .value=${this.text.get(input.id) ?? ''}
            @input=${(e: Event) => (this.text = new Map(this.text).set(input.id, (e.target as HTMLInputElement).value))}
          />`;
    if (input.type === 'freeform') {
      return html`<fieldset>
        <legend>${input.question}</legend>
        ${input.description ? html`<p class="description">${input.description}</p>` : nothing}
        ${textInput(input.question, true)}
      </fieldset>`;
    }
    const chosen = this.chosen.get(input.id) ?? [];
    return html`<fieldset>
      <legend>${input.question}</legend>
      ${input.options.map(
        (option) =>
          html`<label class="option">
            <input
              type=${input.multiple ? 'checkbox' : 'radio'}
              name=${input.id}
              .value=${option.value}
              .checked=${chosen.includes(option.value)}
              @change=${(e: Event) => this.toggle(input, option.value, (e.target as HTMLInputElement).checked)}
            />
            <span>${option.value}</span>
          </label>`,
      )}
      ${textInput(strings.otherAnswer, false)}
    </fieldset>`;
  }

  override render() {
    const { strings, view } = this.ctx;
    const busy = view.status === 'streaming' || view.status === 'cancelling';
    return html`<form part="composer structured-input" @submit=${this.submit}>
      ${this.item.inputs.map((input) => this.renderInput(input))}
      <div class="buttons">
        <button class="text-button" type="button" ?disabled=${busy} @click=${this.skip}>
          ${strings.skip}
        </button>
        <button class="text-button primary" type="submit" ?disabled=${busy}>${strings.submit}</button>
      </div>
    </form>`;
  }
}
