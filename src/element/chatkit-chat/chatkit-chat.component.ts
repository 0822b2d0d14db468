import { LitElement, html, type PropertyValues } from 'lit';
import { provide } from '@lit/context';
import { property, query, state } from 'lit/decorators.js';
import {
  chatContext,
  toView,
  type ChatContextValue,
  type ChatController,
  type ResolvedConfig,
} from '../../context/chat-context.js';
import { emit } from '../../events.js';
import { directionOf } from '../../i18n/localize.js';
import { Announcer } from '../../internal/announcer.js';
import { ElementMemory, type PersistMode } from '../../internal/storage.js';
import type {
  Action,
  Attachment,
  InferenceOptions,
  ThreadItem,
  UserMessageContent,
} from '../../protocol/types.js';
import { tokenStyles } from '../../theme/tokens.js';
import { chatStyles } from './chatkit-chat.styles.js';
import { AppearanceController, type AppearanceInputs } from '../controllers/appearance-controller.js';
import type { ChatComposerHandle } from '../composer/composer-handle.js';
import { LauncherController } from '../controllers/launcher-controller.js';
import { ensureElement } from '../lazy-elements.js';
import { renderChatLayout, renderLauncher } from './chat-layout.js';
import type { ChatkitChatOptions } from './options.js';
import { createChatController } from '../controllers/chat-controller.js';
import { resolveConfig } from './resolve-config.js';
import { SessionController } from '../controllers/session-controller.js';
import { sharedStyles } from '../shared/shared.styles.js';

/**
 * A self-hosted ChatKit chat: threads, streaming answers, widgets, history, theming, i18n.
 *
 * @summary The drop-in chat element. Point `api-url` at any ChatKit-protocol endpoint.
 *
 * @event chatkit.ready - The element is ready (first render done, strings loaded).
 * @event chatkit.error - A request or stream failed. `detail: { error }`.
 * @event chatkit.effect - The server sent a `client_effect`. `detail: { name, data }`.
 * @event chatkit.response.start - An answer started streaming.
 * @event chatkit.response.end - An answer finished (also after errors and Stop).
 * @event chatkit.thread.change - The user or server changed the current thread. `detail: { threadId }`.
 * @event chatkit.thread.load.start - A thread started loading. `detail: { threadId }`.
 * @event chatkit.thread.load.end - A thread finished loading. `detail: { threadId }`.
 * @event chatkit.history.open - The user opened the history panel.
 * @event chatkit.history.close - The user closed the history panel.
 * @event chatkit.tool.change - The user picked a composer tool. `detail: { toolId }`.
 * @event chatkit.log - Diagnostics (unknown events, widget warnings). `detail: { name, data }`.
 * @event chatkit.widget.action - A client-handled widget action, before `widgets.onAction`; cancelable.
 *   `detail: { action: { type, payload }, item }`.
 *
 * @csspart panel - The chat surface (in launcher mode, the floating panel).
 * @csspart launcher - The floating launcher button (launcher mode).
 * @csspart header - The header bar.
 * @csspart title - The header title.
 * @csspart history - The history panel.
 * @csspart start-screen - The greeting and starter prompts.
 * @csspart starter-prompt - One starter prompt button.
 * @csspart thread - The scrolling conversation log.
 * @csspart message - Any message.
 * @csspart user-message - A user message.
 * @csspart assistant-message - An assistant message.
 * @csspart item-actions - Copy / feedback / retry buttons under an answer.
 * @csspart widget - A widget item.
 * @csspart composer - The message form.
 * @csspart input - The message textbox.
 * @csspart send-button - The Send (or Stop) button.
 * @csspart stop-button - The Stop button.
 * @csspart structured-input - The question form that replaces the composer.
 * @csspart attachments - The composer's tray of picked files.
 * @csspart disclaimer - The disclaimer under the composer.
 *
 * @cssproperty --chatkit-accent - Accent color (buttons, links, focus).
 * @cssproperty --chatkit-accent-hover - Accent color on hover.
 * @cssproperty --chatkit-accent-contrast - Text on the accent color.
 * @cssproperty --chatkit-surface - Main background.
 * @cssproperty --chatkit-surface-secondary - Secondary background (workflows, notices).
 * @cssproperty --chatkit-surface-tertiary - Tertiary background (hover, tags).
 * @cssproperty --chatkit-surface-elevated - Raised surfaces (composer).
 * @cssproperty --chatkit-text - Main text color.
 * @cssproperty --chatkit-text-secondary - Secondary text.
 * @cssproperty --chatkit-text-tertiary - Muted text (placeholders, dates).
 * @cssproperty --chatkit-border - Default border color.
 * @cssproperty --chatkit-border-subtle - Subtle separators.
 * @cssproperty --chatkit-border-strong - Strong borders (inputs).
 * @cssproperty --chatkit-radius - Default corner radius.
 * @cssproperty --chatkit-radius-sm - Small radius (buttons).
 * @cssproperty --chatkit-radius-lg - Large radius (bubbles, panel).
 * @cssproperty --chatkit-font-family - Font family.
 * @cssproperty --chatkit-font-family-mono - Monospace font family.
 * @cssproperty --chatkit-font-size - Base font size.
 * @cssproperty --chatkit-line-height - Base line height.
 * @cssproperty --chatkit-spacing - Spacing unit (multiplied everywhere).
 * @cssproperty --chatkit-user-bubble-background - User message background.
 * @cssproperty --chatkit-user-bubble-text - User message text.
 * @cssproperty --chatkit-assistant-bubble-background - Assistant message background.
 * @cssproperty --chatkit-assistant-bubble-text - Assistant message text.
 * @cssproperty --chatkit-widget-surface - Widget card background.
 * @cssproperty --chatkit-widget-border - Widget card border.
 * @cssproperty --chatkit-focus-ring - Focus indicator (a box-shadow).
 * @cssproperty --chatkit-shadow - Elevation shadow.
 * @cssproperty --chatkit-success - Success color.
 * @cssproperty --chatkit-warning - Warning color.
 * @cssproperty --chatkit-danger - Danger color.
 * @cssproperty --chatkit-info - Info color.
 * @cssproperty --chatkit-discovery - Discovery color.
 */
export class ChatkitChat extends LitElement {
  static override styles = [tokenStyles, sharedStyles, chatStyles];

  @query('chatkit-composer') private composer?: ChatComposerHandle;
  @query('.launcher') private launcherButton?: HTMLButtonElement;

  @state() private historyOpen = false;
  @state() private announcement = '';
  @state() private selectedTool: string | null = null;
  @state() private selectedModel: string | null = null;

  /** The ChatKit endpoint (`POST`). */
  @property({ attribute: 'api-url', reflect: true }) apiUrl = '';
  /** A thread to open at start (otherwise the remembered one). */
  @property({ attribute: 'initial-thread' }) initialThread: string | null = null;
  /** `light`, `dark` or `auto` (follows the operating system). */
  @property({ reflect: true }) theme: 'light' | 'dark' | 'auto' = 'light';
  /** `inline`, `launcher` (floating button and panel) or `fullscreen`. */
  @property({ reflect: true }) mode: 'inline' | 'launcher' | 'fullscreen' = 'inline';
  /** BCP 47 language tag; defaults to `navigator.language`. */
  @property() locale: string | null = null;
  /** Start screen greeting. */
  @property() greeting: string | null = null;
  /** Composer placeholder. */
  @property() placeholder: string | null = null;
  /** URL of `/api/branding`-shaped JSON (name, logo, primary color, greeting, prompts). */
  @property({ attribute: 'branding-url' }) brandingUrl: string | null = null;
  /** Where the current thread id is remembered: `local`, `session` or `none`. */
  @property() persist: PersistMode = 'local';

  private options: ChatkitChatOptions = {};
  private readonly appearance: AppearanceController = new AppearanceController(
    this,
    (): AppearanceInputs => ({
      theme: this.options.theme ?? this.theme,
      themeAttribute: this.theme,
      locale: this.resolvedLocale,
      brandingUrl: this.options.brandingUrl ?? this.brandingUrl,
      fetch: this.options.api?.fetch ?? fetch.bind(window),
    }),
  );
  private readonly launcher = new LauncherController(this);
  private readonly sessions = new SessionController(this);
  private readonly announcer = new Announcer((text) => (this.announcement = text));
  private ready = false;
  private restoredOpenFor: string | null = null;

  @provide({ context: chatContext })
  @state()
  private ctx!: ChatContextValue;

  /** The BCP 47 locale in use. */
  get resolvedLocale(): string {
    return this.options.locale ?? this.locale ?? navigator.language ?? 'en';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('chatkit-widget-log', this.handleWidgetLog as EventListener);
    this.addEventListener('chatkit-close-request', this.handleCloseRequest);
    this.addEventListener('chatkit-source-click', this.handleSourceClick as EventListener);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('chatkit-widget-log', this.handleWidgetLog as EventListener);
    this.removeEventListener('chatkit-close-request', this.handleCloseRequest);
    this.removeEventListener('chatkit-source-click', this.handleSourceClick as EventListener);
    this.announcer.dispose();
  }

  protected override createRenderRoot() {
    const root = super.createRenderRoot() as ShadowRoot;
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, this.appearance.sheet];
    return root;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('locale')) void this.appearance.applyLocale();
    if (changed.has('theme')) this.appearance.applyTheme();
    if (changed.has('brandingUrl')) void this.appearance.applyBranding();
    if (changed.has('apiUrl') || changed.has('persist') || changed.has('initialThread'))
      this.configureSession();
    this.ctx = this.buildContext();
  }

  protected override firstUpdated(): void {
    // Every answer needs the markdown renderer: fetch it now, while the start screen shows.
    void ensureElement('chatkit-markdown');
    void this.appearance.applyLocale().then(() => {
      if (!this.ready) {
        this.ready = true;
        emit(this, 'chatkit.ready', undefined);
      }
    });
  }

  private memory(): ElementMemory {
    return new ElementMemory(this.options.persist ?? this.persist, this.options.api?.url ?? this.apiUrl);
  }

  private configureSession() {
    this.restoreLauncher();
    this.sessions.configure({
      url: this.options.api?.url ?? this.apiUrl,
      fetch: this.options.api?.fetch,
      persist: this.options.persist ?? this.persist,
      initialThread:
        this.options.initialThread !== undefined
          ? this.options.initialThread
          : (this.initialThread ?? undefined),
      onClientTool: this.options.onClientTool
        ? (invocation) => this.options.onClientTool!({ name: invocation.name, params: invocation.params })
        : undefined,
    });
  }

  /** Reopens the launcher panel if it was open on the last visit (once per API URL). */
  private restoreLauncher() {
    const url = this.options.api?.url ?? this.apiUrl;
    if (!url || this.restoredOpenFor === url || (this.options.mode ?? this.mode) !== 'launcher') return;
    this.restoredOpenFor = url;
    this.launcher.setOpen(this.memory().open, false);
  }

  private handleWidgetLog = (event: CustomEvent<{ name?: string; data?: Record<string, unknown> }>) => {
    event.stopPropagation();
    emit(this, 'chatkit.log', { name: event.detail?.name ?? 'widget.log', data: event.detail?.data });
  };

  private handleCloseRequest = () => this.launcher.setOpen(false);

  /** Entity citations go to the host's `entities.onClick` (ChatKit's entity callback). */
  private handleSourceClick = (event: CustomEvent<{ sources: { type: string }[] }>) => {
    const onClick = this.options.entities?.onClick;
    const entity = event.detail?.sources?.find((source) => source.type === 'entity');
    if (!onClick || !entity) return;
    event.stopPropagation();
    try {
      onClick(entity);
    } catch (error) {
      emit(this, 'chatkit.log', { name: 'entities.onClick.error', data: { message: String(error) } });
    }
  };

  /** @internal Launcher callback: focus follows the open state. */
  launcherToggled(open: boolean): void {
    this.memory().open = open;
    void this.updateComplete.then(() => (open ? this.focusComposer() : this.launcherButton?.focus()));
  }

  /** @internal Session callback: an answer ended. */
  answerFinished(item: ThreadItem | undefined): void {
    if (item?.type !== 'assistant_message') return;
    const text = item.content
      .map((part) => part.text)
      .join(' ')
      .trim();
    if (text) this.announcer.announce(this.appearance.strings.assistantSaid(text));
    this.launcher.noteAnswer();
  }

  private handlePanelKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && this.mode === 'launcher') {
      event.stopPropagation();
      this.launcher.setOpen(false);
    }
  };

  private setHistoryOpen(open: boolean, byUser: boolean) {
    if (this.historyOpen === open) return;
    this.historyOpen = open;
    if (byUser) emit(this, open ? 'chatkit.history.open' : 'chatkit.history.close', undefined);
    if (!open) void this.updateComplete.then(() => this.focusComposer());
  }

  private configCache?: { key: unknown[]; config: ResolvedConfig };

  /** The resolved configuration, recomputed only when one of its inputs changed (not on every delta). */
  private resolveConfig(): ResolvedConfig {
    const key = [this.options, this.appearance.branding, this.greeting, this.placeholder, this.mode];
    const cached = this.configCache;
    if (cached && cached.key.every((value, index) => Object.is(value, key[index]))) return cached.config;
    const config = resolveConfig(
      this.options,
      { greeting: this.greeting, placeholder: this.placeholder, mode: this.mode },
      this.appearance.branding,
    );
    this.configCache = { key, config };
    return config;
  }

  private readonly controller: ChatController = createChatController({
    element: this,
    sessions: this.sessions,
    options: () => this.options,
    colorScheme: () => this.appearance.colorScheme.scheme,
    locale: () => this.resolvedLocale,
    inferenceOptions: () => this.inferenceOptions(),
    setHistoryOpen: (open, byUser) => this.setHistoryOpen(open, byUser),
    setTool: (toolId) => (this.selectedTool = toolId),
    setModel: (modelId) => (this.selectedModel = modelId),
  });

  private async send(
    text: string,
    newThread = false,
    attachments: readonly Attachment[] = [],
    quotedText: string | null = null,
    content?: UserMessageContent[],
  ) {
    await this.sessions.session?.sendUserMessage({
      text,
      ...(content ? { content } : {}),
      inferenceOptions: this.inferenceOptions(),
      newThread,
      attachments,
      quotedText,
    });
  }

  /** The composer's tool and model choice, sent with every message. */
  private inferenceOptions(): InferenceOptions {
    const inference: InferenceOptions = {};
    if (this.selectedTool) inference.tool_choice = { id: this.selectedTool };
    const model = this.selectedModel ?? this.resolveConfig().models.find((m) => m.default)?.id;
    if (model) inference.model = model;
    return inference;
  }

  private buildContext(): ChatContextValue {
    const locale = this.resolvedLocale;
    return {
      view: toView(this.sessions.state),
      config: this.resolveConfig(),
      strings: this.appearance.strings,
      locale,
      dir: directionOf(locale),
      historyOpen: this.historyOpen,
      selectedTool: this.selectedTool,
      selectedModel: this.selectedModel,
      controller: this.controller,
    };
  }

  // ───────────── public API (ChatKit's methods) ─────────────

  /** Replaces the options (ChatKit's `ChatKitOptions` shape plus ours); the conversation is kept. */
  setOptions(options: ChatkitChatOptions): void {
    const previous = this.options;
    this.options = options ?? {};
    if (previous.locale !== this.options.locale) void this.appearance.applyLocale();
    if (previous.brandingUrl !== this.options.brandingUrl || previous.api?.fetch !== this.options.api?.fetch)
      void this.appearance.applyBranding();
    this.appearance.applyTheme();
    this.configureSession();
    if (this.options.mode && this.options.mode !== this.mode) this.mode = this.options.mode;
    this.requestUpdate();
  }

  /** Moves focus into the composer (opening the launcher panel first if needed). */
  focusComposer(): void {
    if (this.mode === 'launcher' && !this.launcher.open) this.launcher.setOpen(true, false);
    void this.updateComplete.then(() => this.composer?.focus());
  }

  /** Opens a thread by id, or an empty new chat with `null`. */
  async setThreadId(threadId: string | null): Promise<void> {
    const session = this.sessions.session;
    if (!session) return;
    await this.sessions.quietly(async () => {
      if (threadId) await this.sessions.load(threadId);
      else session.newThread();
    });
  }

  /** Sends a streaming custom action (`threads.custom_action`), queued behind a running answer. */
  async sendCustomAction(action: { type: string; payload?: unknown }, itemId?: string): Promise<void> {
    await this.sessions.session?.customAction(action as Action, itemId ?? null);
  }

  /**
   * Sends a user message as if typed. `reply` is quoted text shown above the message (ChatKit's reply-to);
   * `attachments` are already uploaded attachments; `newThread` starts a new conversation first.
   */
  async sendUserMessage(
    params: { text: string; reply?: string; attachments?: Attachment[]; newThread?: boolean } | string,
  ): Promise<void> {
    const { text, newThread, reply, attachments } = typeof params === 'string' ? { text: params } : params;
    await this.send(text, !!newThread, attachments ?? [], reply ?? null);
  }

  /** Puts text into the composer without sending it. */
  async setComposerValue(params: { text: string } | string): Promise<void> {
    await this.updateComplete;
    this.composer?.setValue(typeof params === 'string' ? params : (params?.text ?? ''));
  }

  /** Opens the history panel. */
  showHistory(): void {
    this.setHistoryOpen(true, false);
  }

  /** Closes the history panel. */
  hideHistory(): void {
    this.setHistoryOpen(false, false);
  }

  /** Re-reads the current thread from the server. */
  async fetchUpdates(): Promise<void> {
    await this.sessions.session?.fetchUpdates();
  }

  // ───────────── render ─────────────

  override render() {
    const launcher = this.mode === 'launcher';
    this.toggleAttribute('data-open', launcher && this.launcher.open);
    const layout = renderChatLayout(this.ctx, this.mode, this.announcement);
    if (!launcher) return html`<div part="panel" class="panel" id="panel">${layout}</div>`;
    return renderLauncher(this.ctx, layout, this.launcher, this.handlePanelKeyDown);
  }
}
