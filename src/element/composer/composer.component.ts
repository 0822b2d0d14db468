/**
 * `<chatkit-composer>` (internal): the message box. Auto-growing textarea; Enter sends, Shift+Enter adds a
 * line, IME composition never sends; Send while idle, Stop while an answer streams (when cancel is
 * allowed); tool and model pickers; disabled with the lock reason for `locked` threads, replaced by a
 * banner for `closed` ones.
 *
 * @internal
 * @module
 */
import { LitElement, html, nothing, type PropertyValues, type PropertyDeclarations } from 'lit';
import { consumeChat, showsChange, type ChatContextValue } from '../../context/chat-context.js';
import { sharedStyles } from '../shared/shared.styles.js';
import { composerStyles } from './composer.styles.js';
import { uiIcon } from '../shared/ui-icon.js';
import type { ComposerAttachments } from './composer-attachments.js';
import type { ComposerTags, TagEntity } from './composer-tags.js';
import type { ComposerDraft } from './composer-handle.js';
import type { ComposerMenus } from './composer-menu.js';
import type { ComposerCommands } from './commands-menu.js';
import { renderEntityMenuButton } from './entity-menu.js';
import type { ComposerDictation } from './dictation.js';

/** The textarea never grows past this many lines; then it scrolls. */
const MAX_LINES = 8;

export class ChatkitComposer extends LitElement {
  static override styles = [sharedStyles, composerStyles];
  /**
   * The reactive properties, as `@property`/`@state` declared them (no decorator helpers in the bundle). The
   * fields below stay plain: `useDefineForClassFields: false` (tsconfig.json) compiles them to assignments,
   * which go through Lit's accessors.
   */
  static override properties: PropertyDeclarations = {
    ctx: { state: true, attribute: false },
    value: { state: true, attribute: false },
    reply: { state: true, attribute: false },
  };

  private ctx!: ChatContextValue;
  protected readonly ctxConsumer = consumeChat(this, (value) => (this.ctx = value));

  // A streamed delta changes nothing shown here.
  protected override shouldUpdate(changed: PropertyValues<this>): boolean {
    return showsChange(changed, this.ctx);
  }

  private get textarea(): HTMLTextAreaElement | undefined {
    return this.renderRoot?.querySelector('textarea') ?? undefined;
  }

  private value = '';
  /** Quoted text to send with the message (`setComposerValue({reply})`). */
  private reply: string | null = null;

  /**
   * The attachment tray, loaded on demand once `composer.attachments.enabled` is set or a draft brings
   * attachments or files ({@link withAttachments}).
   */
  private attachments?: ComposerAttachments;
  private attachmentsLoad?: Promise<ComposerAttachments>;
  /** @-mention tags, loaded on demand once `entities.onTagSearch` is set or a tag is added ({@link withTags}). */
  private tags?: ComposerTags;
  private tagsLoad?: Promise<ComposerTags>;
  /** The tool chips and the Tools and model menus, loaded on demand once tools or models are configured. */
  private menusState: ComposerMenus | null | 'loading' = null;
  /** The "/" command menu, loaded on demand once `commands.enabled` is set. */
  private commands: ComposerCommands | null | 'loading' = null;
  /** Dictation (microphone button, recording bar), loaded on demand once `composer.dictation` is set. */
  private dictationState: ComposerDictation | null | 'loading' = null;

  protected override willUpdate(): void {
    if (this.ctx.config.commands && !this.commands) this.loadCommands();
    if (this.ctx.config.dictation && !this.dictationState) this.loadDictation();
    // Checked on every update (one per frame while an answer streams): no promise once the code is here.
    if (this.ctx.config.attachments.enabled && !this.attachments) void this.withAttachments();
    if (this.ctx.config.onTagSearch) {
      if (this.tags) this.tags.prepare();
      else void this.withTags().then((tags) => tags.prepare());
    }
    const { tools, models } = this.ctx.config;
    if ((tools.length || models.length) && !this.menusState) this.loadMenus();
  }

  /** The attachment tray, loading its code first if needed (a failed load is retried by the next call). */
  private withAttachments(): Promise<ComposerAttachments> {
    if (!this.attachmentsLoad) {
      this.attachmentsLoad = import('./composer-attachments.js').then(({ ComposerAttachments }) => {
        this.attachments = new ComposerAttachments(this, () => this.ctx);
        this.requestUpdate();
        return this.attachments;
      });
      this.attachmentsLoad.catch(() => (this.attachmentsLoad = undefined));
    }
    return this.attachmentsLoad;
  }

  /** The tags, loading their code first if needed (a failed load is retried by the next call). */
  private withTags(): Promise<ComposerTags> {
    if (!this.tagsLoad) {
      this.tagsLoad = import('./composer-tags.js').then(({ ComposerTags }) => {
        this.tags = new ComposerTags(
          this,
          () => this.ctx,
          () => this.ctx.config.onTagSearch,
          () => this.textarea,
        );
        this.requestUpdate();
        return this.tags;
      });
      this.tagsLoad.catch(() => (this.tagsLoad = undefined));
    }
    return this.tagsLoad;
  }

  private loadMenus() {
    this.menusState = 'loading';
    void import('./composer-menu.js').then(
      ({ ComposerMenus }) => {
        this.menusState = new ComposerMenus(this);
        this.requestUpdate();
      },
      () => (this.menusState = null),
    ); // A failed chunk load is retried on the next update.
  }

  private loadCommands() {
    this.commands = 'loading';
    void import('./commands-menu.js').then(({ ComposerCommands }) => {
      this.commands = new ComposerCommands(
        this,
        () => this.ctx,
        () => this.textarea,
        {
          addEntity: (entity: TagEntity) => void this.withTags().then((tags) => tags.add(entity)),
          openFiles: () => this.renderRoot.querySelector<HTMLInputElement>('input[type="file"]')?.click(),
        },
      );
      // A "/" typed while the menu's code was on its way opens the menu now.
      if (this.textarea) this.commands.handleInput(this.textarea);
      this.requestUpdate();
    });
  }

  private loadDictation() {
    this.dictationState = 'loading';
    void import('./dictation.js').then(({ ComposerDictation }) => {
      this.dictationState = new ComposerDictation(
        this,
        () => this.ctx,
        () => this.textarea,
        (value) => this.setValue(value),
      );
      this.requestUpdate();
    });
  }

  /** Dictation, once loaded. */
  private get dictation(): ComposerDictation | null {
    return typeof this.dictationState === 'object' ? this.dictationState : null;
  }

  /** The command menu, once loaded. */
  private get commandMenu(): ComposerCommands | null {
    return typeof this.commands === 'object' ? this.commands : null;
  }

  /** Sets the text (the `setComposerValue` method of the root). */
  setValue(text: string): void {
    this.value = text;
    void this.updateComplete.then(() => this.autoGrow());
  }

  /**
   * Sets the given parts of the draft; the others stay (the root's `setComposerValue`). Resolves once the
   * tags and attachments are in place (their code may load on demand first).
   */
  async setDraft(draft: ComposerDraft): Promise<void> {
    if (draft.text !== undefined) this.setValue(draft.text);
    if (draft.reply !== undefined) this.reply = draft.reply || null;
    const { tags, attachments, files } = draft;
    // Clearing what never loaded needs no code.
    const parts: Promise<void>[] = [];
    if (tags && (tags.length || this.tags)) parts.push(this.withTags().then((t) => t.set(tags)));
    if ((attachments && (attachments.length || this.attachments)) || files?.length) {
      parts.push(
        this.withAttachments().then((tray) => {
          if (attachments) tray.set(attachments);
          if (files?.length) tray.addFiles(files);
        }),
      );
    }
    if (!parts.length) return;
    await Promise.all(parts);
    this.requestUpdate();
    await this.updateComplete;
  }

  /** Puts back the text of a message that could not be sent, unless the user has typed anew since. */
  restoreDraft(text: string): void {
    if (this.value.trim()) return;
    this.setValue(text);
  }

  /** Moves focus into the textarea. */
  override focus(): void {
    this.textarea?.focus();
  }

  private get busy(): boolean {
    const status = this.ctx.view.status;
    return status === 'streaming' || status === 'cancelling';
  }

  private autoGrow() {
    const textarea = this.textarea;
    if (!textarea) return;
    textarea.style.blockSize = 'auto';
    const lineHeight = parseFloat(getComputedStyle(textarea).lineHeight) || 22;
    const max = lineHeight * MAX_LINES;
    textarea.style.blockSize = `${Math.min(textarea.scrollHeight, max)}px`;
    textarea.style.overflowY = textarea.scrollHeight > max ? 'auto' : 'hidden';
  }

  private handleInput(event: Event) {
    const textarea = event.target as HTMLTextAreaElement;
    this.value = textarea.value;
    this.autoGrow();
    this.tags?.handleInput(textarea);
    this.commandMenu?.handleInput(textarea);
  }

  private handleKeyDown(event: KeyboardEvent) {
    if (this.commandMenu?.handleKeyDown(event) || this.tags?.handleKeyDown(event)) return;
    if (event.key !== 'Enter' || event.shiftKey) return;
    // keyCode 229 is what Chromium and Safari report for the Enter that confirms an IME candidate.
    if (event.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    this.submit();
  }

  private get canSend(): boolean {
    const hasContent = !!this.value.trim() || !!this.attachments?.ready.length || !!this.tags?.tags.length;
    return hasContent && !this.attachments?.busy && !this.dictation?.busy;
  }

  private submit() {
    const text = this.value.trim();
    if (!this.canSend || this.busy || this.ctx.view.threadStatus.type !== 'active') return;
    const tags = this.tags?.content() ?? [];
    this.ctx.controller.sendMessage(
      text,
      this.attachments?.ready ?? [],
      tags.length ? [...tags, ...(text ? [{ type: 'input_text' as const, text }] : [])] : undefined,
      this.reply,
    );
    this.reply = null;
    this.attachments?.clear();
    this.tags?.clear();
    // ChatKit clears a tool after the message it applied to unless the tool is `persistent`.
    const tool = this.ctx.config.tools.find((t) => t.id === this.ctx.selectedTool);
    if (tool && !tool.persistent) this.ctx.controller.selectTool(null);
    this.value = '';
    if (this.textarea) this.textarea.value = '';
    void this.updateComplete.then(() => this.autoGrow());
  }

  private handleSubmit(event: Event) {
    event.preventDefault();
    this.submit();
  }

  private renderReply() {
    if (!this.reply) return nothing;
    const { strings } = this.ctx;
    return html`<div class="tray reply">
      <blockquote class="chip file quote" aria-label=${strings.quoted}>
        <span class="name">${this.reply}</span>
      </blockquote>
      <button
        class="remove"
        type="button"
        aria-label=${strings.removeAttachment(strings.quoted)}
        @click=${() => (this.reply = null)}
      >
        ${uiIcon('x', 12)}
      </button>
    </div>`;
  }

  /**
   * The paperclip while the attachment code is on its way, so the row does not shift when it arrives (inert:
   * the real button replaces it).
   */
  private renderAttachPlaceholder() {
    if (!this.ctx.config.attachments.enabled) return nothing;
    return html`<span class="attach icon-button" aria-hidden="true">${uiIcon('paperclip', 18)}</span>`;
  }

  private renderSend(locked: boolean) {
    const { strings } = this.ctx;
    return html`<button
      part="send-button"
      class="send"
      type="submit"
      aria-label=${strings.send}
      title=${strings.send}
      ?disabled=${locked || !this.canSend}
    >
      ${uiIcon('send', 18)}
    </button>`;
  }

  private renderStop() {
    const { strings, view, controller } = this.ctx;
    return html`<button
      part="send-button stop-button"
      class="send"
      type="button"
      aria-label=${strings.stop}
      title=${strings.stop}
      ?disabled=${!view.allowCancel || view.status === 'cancelling'}
      @click=${() => controller.cancel()}
    >
      ${uiIcon('square', 14)}
    </button>`;
  }

  override render() {
    const { view, strings, config, selectedTool } = this.ctx;
    const status = view.threadStatus;
    if (status.type === 'closed') {
      return html`<div part="composer" class="closed" role="status">
        ${status.reason || strings.threadClosed}
      </div>`;
    }
    const locked = status.type === 'locked';
    const tool = config.tools.find((t) => t.id === selectedTool);
    const placeholder = locked
      ? status.reason || strings.threadLocked
      : (tool?.placeholderOverride ?? config.placeholder ?? strings.placeholder);
    const showStop = this.busy;
    // The open suggestion menu ("/" commands or "@" entities) that the textarea drives.
    const commands = this.commandMenu;
    const tags = this.tags;
    const menu = commands?.open ? commands : tags?.open ? tags : null;
    return html`<form part="composer" class="composer" @submit=${this.handleSubmit}>
      ${this.renderReply()} ${this.attachments?.renderTray() ?? nothing} ${tags?.renderChips() ?? nothing}
      ${tags?.renderList() ?? nothing} ${commands?.render() ?? nothing}
      ${this.dictation?.renderStatus() ?? nothing}
      <div class="row">
        ${this.attachments?.renderButton() ?? this.renderAttachPlaceholder()}
        ${renderEntityMenuButton(this.ctx, () => this.textarea, locked)}
        <textarea
          part="input"
          rows="1"
          aria-label=${strings.message}
          aria-autocomplete=${config.onTagSearch || config.commands ? 'list' : nothing}
          aria-controls=${menu?.listId ?? nothing}
          aria-activedescendant=${menu?.activeId ?? nothing}
          placeholder=${placeholder}
          .value=${this.value}
          ?disabled=${locked}
          @input=${this.handleInput}
          @keydown=${this.handleKeyDown}
        ></textarea>
        ${this.dictation?.renderButton(locked) ?? nothing}
        ${showStop ? this.renderStop() : this.renderSend(locked)}
      </div>
      ${typeof this.menusState === 'object' ? (this.menusState?.renderPickers(this.ctx) ?? nothing) : nothing}
    </form>`;
  }
}
