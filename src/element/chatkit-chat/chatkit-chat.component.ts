import { effectiveImageDomains, parseImageDomains } from '../../internal/url.js';
import { LitElement, html, nothing, type PropertyValues, type PropertyDeclarations } from 'lit';
import { ContextProvider } from '@lit/context';
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
  Attachment as WireAttachment,
  InferenceOptions,
  ThreadItem,
} from '../../protocol/types.js';
import { tokenStyles } from '../../theme/tokens.js';
import { chatStyles } from './chatkit-chat.styles.js';
import { AppearanceController, type AppearanceInputs } from '../controllers/appearance-controller.js';
import type { ChatComposerHandle } from '../composer/composer-handle.js';
import type { ChatkitComposer } from '../composer/composer.component.js';
import { LauncherController } from '../controllers/launcher-controller.js';
import { ensureElement } from '../lazy-elements.js';
import { warmUp } from './warm-up.js';
import { renderChatLayout, renderLauncher } from './chat-layout.js';
import type { ChatkitChatOptions, SendUserMessageParams, SetComposerValueParams } from './options.js';
import { validateOptions } from './validate-options.js';
import { toWireContent } from './user-content.js';
import type { ChatkitEvent, ChatkitEventMap } from '../../events.js';
import {
  createChatController,
  sendMessage,
  type ControllerRoot,
  type MessageInference,
} from '../controllers/chat-controller.js';
import { resolveConfig } from './resolve-config.js';
import { SessionController } from '../controllers/session-controller.js';
import { sharedStyles } from '../shared/shared.styles.js';
import type { EntityPreviewController } from '../composer/entity-preview.js';
import { ENTITY_EVENTS } from '../composer/entity-events.js';

/**
 * A self-hosted ChatKit chat: threads, streaming answers, widgets, history, theming, i18n.
 *
 * @summary The drop-in chat element. Point `api-url` at any ChatKit-protocol endpoint.
 *
 * @event chatkit.ready - The element is ready (first render done, strings loaded).
 * @event chatkit.error - A request or stream failed. `detail: { error }`.
 * @event chatkit.effect - The server sent a `client_effect`. `detail: { name, data }`.
 * @event chatkit.deeplink - A `chatkit-link://name?k=v` link was clicked. `detail: { name, data }`.
 * @event chatkit.response.start - An answer started streaming.
 * @event chatkit.response.end - An answer finished (also after errors and Stop).
 * @event chatkit.thread.change - The current thread changed (user, server or `setThreadId`). `detail: { threadId }`.
 * @event chatkit.thread.load.start - A thread started loading. `detail: { threadId }`.
 * @event chatkit.thread.load.end - A thread finished loading. `detail: { threadId }`.
 * @event chatkit.history.open - The history panel opened (user or `showHistory`).
 * @event chatkit.history.close - The history panel closed (user or `hideHistory`).
 * @event chatkit.tool.change - The user picked a composer tool. `detail: { toolId }`.
 * @event chatkit.log - Diagnostics (unknown events, widget warnings). `detail: { name, data }`.
 * @event chatkit.widget.action - A client-handled widget action, before `widgets.onAction`; cancelable.
 *   `detail: { action: { type, payload }, item }`.
 *
 * @csspart panel - The chat surface (in launcher mode, the floating panel).
 * @csspart launcher - The floating launcher button (launcher mode).
 * @csspart header - The header bar.
 * @csspart title - The header title.
 * @csspart tagline - The branding tagline under the brand name in the header.
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
 * @csspart dictation-button - The composer's microphone (`composer.dictation`); pressed while recording.
 * @csspart dictation - The recording bar (level meter, elapsed time, cancel) or the "Transcribing…" status.
 * @csspart dictation-error - Why dictation failed (permission denied, no microphone, server error).
 * @csspart disclaimer - The disclaimer under the composer.
 * @csspart config-error - The notice shown when the options cannot work (ChatKit hosted mode).
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
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- typed listeners (interface below)
export class ChatkitChat extends LitElement {
  static override styles = [tokenStyles, sharedStyles, chatStyles];
  /**
   * The reactive properties, as `@property`/`@state` declared them (no decorator helpers in the bundle). The
   * fields below stay plain: `useDefineForClassFields: false` (tsconfig.json) compiles them to assignments,
   * which go through Lit's accessors.
   */
  static override properties: PropertyDeclarations = {
    historyOpen: { state: true, attribute: false },
    announcement: { state: true, attribute: false },
    selectedTool: { state: true, attribute: false },
    selectedModel: { state: true, attribute: false },
    apiUrl: { attribute: 'api-url', reflect: true },
    initialThread: { attribute: 'initial-thread' },
    theme: { reflect: true },
    mode: { reflect: true },
    locale: {},
    greeting: {},
    placeholder: {},
    brandingUrl: { attribute: 'branding-url' },
    imageDomains: { attribute: 'image-domains' },
    imageProxy: { attribute: 'image-proxy' },
    persist: {},
  };

  // First, as `@provide` made it: the provider exists before any other controller of this element.
  private readonly provider = new ContextProvider(this, { context: chatContext });

  private get composer(): ChatComposerHandle | undefined {
    return this.renderRoot?.querySelector<ChatComposerHandle & Element>('chatkit-composer') ?? undefined;
  }
  private get launcherButton(): HTMLButtonElement | undefined {
    return this.renderRoot?.querySelector<HTMLButtonElement>('.launcher') ?? undefined;
  }

  private historyOpen = false;
  private announcement = '';
  private selectedTool: string | null = null;
  private selectedModel: string | null = null;

  /** The ChatKit endpoint (`POST`). */
  apiUrl = '';
  /** A thread to open at start (otherwise the remembered one). */
  initialThread: string | null = null;
  /** `light`, `dark` or `auto` (follows the operating system). */
  theme: 'light' | 'dark' | 'auto' = 'light';
  /** `inline`, `launcher` (floating button and panel) or `fullscreen`. */
  mode: 'inline' | 'launcher' | 'fullscreen' = 'inline';
  /** BCP 47 language tag; defaults to `navigator.language`. */
  locale: string | null = null;
  /** Start screen greeting. */
  greeting: string | null = null;
  /** Composer placeholder. */
  placeholder: string | null = null;
  /**
   * URL of `/api/branding`-shaped JSON (name, tagline, logo, primary color, greeting, prompts). The page's
   * favicon follows the brand only when the element also has the boolean `apply-favicon` attribute.
   */
  brandingUrl: string | null = null;
  /**
   * Image hosts allowed when the thread gives no `allowed_image_domains`: space-separated hosts, or `*` for
   * any. Default (unset): the API's host only. The `images` option takes precedence.
   */
  imageDomains: string | null = null;
  /**
   * Image proxy URL: remote images the domain list refuses load through it (`?url=` + the encoded image URL
   * is appended, or `{url}` in the value is replaced) instead of showing a "Load image from …" button.
   * The `images.proxyUrl` option takes precedence.
   */
  imageProxy: string | null = null;
  /** Where the current thread id is remembered: `local`, `session` or `none`. */
  persist: PersistMode = 'local';

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
  /**
   * `entities.onClick` and `entities.onRequestPreview` for tags and entity citations, loaded on demand once
   * either option is set (see {@link loadEntityHandling}).
   */
  private entityPreview?: EntityPreviewController;
  private entityHandling?: Promise<EntityPreviewController>;
  private readonly announcer = new Announcer((text) => (this.announcement = text));
  private ready = false;
  private restoredOpenFor: string | null = null;

  // Not a reactive property: a streamed delta hands a new value to the consumers (threadContentChanged)
  // without rendering this element; every update of this element builds a fresh one (willUpdate).
  // (What `@provide` did: the value is the provider's, and setting it notifies the consumers when it changed.)
  private get ctx(): ChatContextValue {
    return this.provider.value;
  }
  private set ctx(value: ChatContextValue) {
    this.provider.setValue(value);
  }

  /** The BCP 47 locale in use. */
  get resolvedLocale(): string {
    return this.options.locale ?? this.locale ?? navigator.language ?? 'en';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('chatkit-widget-log', this.handleWidgetLog as EventListener);
    this.addEventListener('chatkit-close-request', this.handleCloseRequest);
    this.addEventListener('click', this.handleDeeplinkClick);
    for (const type of ENTITY_EVENTS) this.addEventListener(type, this.handleEntityEvent);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('chatkit-widget-log', this.handleWidgetLog as EventListener);
    this.removeEventListener('chatkit-close-request', this.handleCloseRequest);
    this.removeEventListener('click', this.handleDeeplinkClick);
    for (const type of ENTITY_EVENTS) this.removeEventListener(type, this.handleEntityEvent);
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
    this.loadEntityHandling();
    this.ctx = this.buildContext();
  }

  protected override firstUpdated(): void {
    // Ready once the strings and a theme object's tokens (their compiler loads on demand) are in place.
    const strings = Promise.all([this.appearance.applyLocale(), this.appearance.themeSettled()]);
    void strings.then(() => {
      if (!this.ready) {
        this.ready = true;
        emit(this, 'chatkit.ready', undefined);
      }
    });
    // Every answer needs the markdown renderer: fetch it while the start screen shows, but after `ready` (or a
    // failed strings load), so its bytes and parse do not delay the element becoming usable.
    const markdown = strings.catch(() => undefined).then(() => ensureElement('chatkit-markdown'));
    // Then, when the page is idle, rehearse a first exchange out of sight (see warm-up.ts).
    void markdown
      .then(() => new Promise((idle) => (window.requestIdleCallback ?? setTimeout)(idle)))
      .then(() => warmUp(this.renderRoot as ShadowRoot, this.ctx))
      .catch(() => undefined);
  }

  private memory(): ElementMemory {
    return new ElementMemory(this.options.persist ?? this.persist, this.options.api?.url ?? this.apiUrl);
  }

  private configureSession() {
    this.restoreLauncher();
    this.sessions.configure({
      url: this.options.api?.url ?? this.apiUrl,
      fetch: this.options.api?.fetch,
      domainKey: this.options.api?.domainKey,
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

  /**
   * `chatkit-link://<name>?<query>` links (in answers, widgets) are the host page's deeplinks: the click fires
   * `chatkit.deeplink` with the name and the query parameters instead of navigating.
   */
  private handleDeeplinkClick = (event: MouseEvent) => {
    const anchor = event
      .composedPath()
      .find((node): node is HTMLAnchorElement => node instanceof HTMLAnchorElement && !!node.href);
    const href = anchor?.getAttribute('href') ?? '';
    if (!/^chatkit-link:/i.test(href)) return;
    event.preventDefault();
    let url: URL;
    try {
      url = new URL(href);
    } catch {
      return;
    }
    const name = decodeURIComponent(`${url.host}${url.pathname}`.replace(/^\/+|\/+$/g, ''));
    const data: Record<string, unknown> = Object.fromEntries(url.searchParams);
    emit(this, 'chatkit.deeplink', Object.keys(data).length ? { name, data } : { name });
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

  /** @internal Session callback: only the thread's content changed (a streamed delta); it alone renders. */
  threadContentChanged(): void {
    if (!this.hasUpdated || this.isUpdatePending) return;
    this.ctx = { ...this.ctx, view: toView(this.sessions.state, this.ctx.view.allowedImageDomains) };
  }

  private handlePanelKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && this.mode === 'launcher') {
      event.stopPropagation();
      this.launcher.setOpen(false);
    }
  };

  private setHistoryOpen(open: boolean, focusComposer = true) {
    if (this.historyOpen === open) return;
    this.historyOpen = open;
    emit(this, open ? 'chatkit.history.open' : 'chatkit.history.close', undefined);
    if (!open && focusComposer) void this.updateComplete.then(() => this.focusComposer());
  }

  private configCache?: { key: unknown[]; config: ResolvedConfig };

  /** The resolved configuration, recomputed only when one of its inputs changed (not on every delta). */
  private resolveConfig(): ResolvedConfig {
    const key = [
      this.options,
      this.appearance.branding,
      this.greeting,
      this.placeholder,
      this.mode,
      this.configError,
    ];
    const cached = this.configCache;
    if (cached && cached.key.every((value, index) => Object.is(value, key[index]))) return cached.config;
    const config = resolveConfig(
      this.options,
      { greeting: this.greeting, placeholder: this.placeholder, mode: this.mode },
      this.appearance.branding,
      this.configError,
    );
    this.configCache = { key, config };
    return config;
  }

  /** What the intents (the sub-elements' and the public methods') need of this element. */
  private readonly controllerRoot: ControllerRoot = {
    element: this,
    sessions: this.sessions,
    options: () => this.options,
    colorScheme: () => this.appearance.colorScheme.scheme,
    locale: () => this.resolvedLocale,
    strings: () => this.appearance.strings,
    imageDomains: () => this.resolvedImageDomains(),
    imagePolicy: () => ({
      domains: this.resolvedImageDomains(),
      proxyUrl: this.resolvedImageProxy(),
      approved: this.approvedImages,
    }),
    approveImage: (url) => {
      this.approvedImages.add(url);
      this.requestUpdate();
    },
    inferenceOptions: (override) => this.inferenceOptions(override),
    configError: () => this.configError,
    setHistoryOpen: (open) => this.setHistoryOpen(open),
    setTool: (toolId) => (this.selectedTool = toolId),
    setModel: (modelId) => (this.selectedModel = modelId),
  };

  private readonly controller: ChatController = createChatController(this.controllerRoot);

  /** The composer's tool and model choice, unless this message names its own (`null` = none). */
  private inferenceOptions(override: MessageInference = {}): InferenceOptions {
    const inference: InferenceOptions = {};
    const tool =
      override.toolChoice !== undefined
        ? override.toolChoice
        : this.selectedTool
          ? { id: this.selectedTool }
          : null;
    if (tool) inference.tool_choice = tool;
    const model =
      override.model ?? this.selectedModel ?? this.resolveConfig().models.find((m) => m.default)?.id;
    if (model) inference.model = model;
    return inference;
  }

  /** The image domains in force (see effectiveImageDomains); `null` = any host. */
  private resolvedImageDomains(): readonly string[] | null {
    const own = { allowedDomains: parseImageDomains(this.imageDomains), ...this.options.images };
    return effectiveImageDomains(
      this.sessions.state?.thread?.allowed_image_domains,
      own,
      this.options.api?.url ?? this.apiUrl,
      document.baseURI,
    );
  }

  /** The image proxy in force (`images.proxyUrl`, else the `image-proxy` attribute), or `null`. */
  private resolvedImageProxy(): string | null {
    return this.options.images?.proxyUrl || this.imageProxy || null;
  }

  /** Image URLs the user chose to load despite the policy (click-to-load), for this element's lifetime. */
  private readonly approvedImages = new Set<string>();

  private buildContext(): ChatContextValue {
    const locale = this.resolvedLocale;
    return {
      view: toView(this.sessions.state, this.resolvedImageDomains()),
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

  /**
   * Replaces the options (ChatKit's `ChatKitOptions` shape plus ours). Like ChatKit, options are not merged:
   * pass the full set each time. The conversation is kept unless `api.url` or the identity (`domainKey`,
   * whether a host `fetch` is given) changes; a new `api.fetch` closure is used from the next request on.
   * Unknown options and values of the wrong type are dropped with a `chatkit.log` warning.
   */
  setOptions(options: ChatkitChatOptions): void {
    try {
      const { options: valid, warnings } = validateOptions(options);
      for (const warning of warnings) {
        emit(this, 'chatkit.log', {
          name: warning.problem === 'unknown' ? 'options.unknown' : 'options.invalid',
          data: { ...warning },
        });
      }
      const previous = this.options;
      this.options = valid;
      this.reportHostedMode();
      if (previous.locale !== this.options.locale) void this.appearance.applyLocale();
      // Branding is fetched again for a new URL, or when a host fetch appears or goes (not per closure).
      if (
        previous.brandingUrl !== this.options.brandingUrl ||
        !!previous.api?.fetch !== !!this.options.api?.fetch
      )
        void this.appearance.applyBranding();
      this.appearance.applyTheme();
      this.configureSession();
      if (this.options.mode && this.options.mode !== this.mode) this.mode = this.options.mode;
      this.requestUpdate();
    } catch (error) {
      emit(this, 'chatkit.log', { name: 'options.error', data: { message: String(error) } });
    }
  }

  /** Set while the options ask for ChatKit's hosted mode, which needs OpenAI's backend. */
  private configError: string | null = null;

  private reportHostedMode() {
    const api = this.options.api;
    const hosted = !!api?.getClientSecret && !api.url && !this.apiUrl;
    const message = hosted
      ? "ChatKit hosted mode (api.getClientSecret) is not supported by <chatkit-chat>: it needs OpenAI's " +
        'backend. Run a ChatKit server (chatkit-python, or `npx chatkit-chat-server`) and set api.url to ' +
        "its endpoint instead: `api: { url: 'https://your-server/chatkit' }`."
      : null;
    const changed = message !== this.configError;
    this.configError = message;
    if (message && changed) emit(this, 'chatkit.error', { error: new Error(message) });
  }

  /** Moves focus into the composer (opening the launcher panel first if needed). */
  async focusComposer(): Promise<void> {
    if (this.mode === 'launcher' && !this.launcher.open) this.launcher.setOpen(true, false);
    if (this.historyOpen) this.setHistoryOpen(false, false);
    await this.updateComplete;
    this.composer?.focus();
  }

  /** Opens a thread by id, or an empty new chat with `null`; fires `chatkit.thread.change` when it changes. */
  async setThreadId(threadId: string | null): Promise<void> {
    const session = this.sessions.session;
    if (!session) return;
    if (threadId) await this.sessions.load(threadId);
    else session.newThread();
  }

  /** Sends a streaming custom action (`threads.custom_action`), queued behind a running answer. */
  async sendCustomAction(
    action: { type: string; payload?: Record<string, unknown> },
    itemId?: string,
  ): Promise<void> {
    if (!action || typeof action.type !== 'string') {
      emit(this, 'chatkit.log', {
        name: 'sendCustomAction.invalid',
        data: { reason: 'action.type must be a string' },
      });
      return;
    }
    await this.sessions.session?.customAction(action as Action, itemId ?? null);
  }

  /**
   * Sends a user message as if typed: `text` and/or structured `content` (tags; used instead of `text`),
   * `reply` (quoted text shown above it), already uploaded `attachments`, `newThread` to start a new
   * conversation first, and `toolChoice`/`model` for this message only (the composer's selection stays).
   */
  async sendUserMessage(params: SendUserMessageParams | string): Promise<void> {
    const p: SendUserMessageParams =
      typeof params === 'string' ? { text: params } : params && typeof params === 'object' ? params : {};
    const content = toWireContent(p.content);
    const text = typeof p.text === 'string' ? p.text : '';
    if (!text.trim() && !content.length && !p.attachments?.length) {
      emit(this, 'chatkit.log', {
        name: 'sendUserMessage.empty',
        data: { reason: 'no text, content or attachments' },
      });
      return;
    }
    // ChatKit sends `text` as a text part after the tags when both are given.
    if (content.length && text && !content.some((part) => part.type === 'input_text')) {
      content.push({ type: 'input_text', text });
    }
    await sendMessage(this.controllerRoot, {
      text,
      content,
      newThread: !!p.newThread,
      attachments: Array.isArray(p.attachments) ? (p.attachments as WireAttachment[]) : [],
      quotedText: typeof p.reply === 'string' && p.reply ? p.reply : null,
      ...(p.toolChoice && typeof p.toolChoice.id === 'string' ? { toolChoice: { id: p.toolChoice.id } } : {}),
      ...(typeof p.model === 'string' ? { model: p.model } : {}),
    });
  }

  /**
   * Sets the composer's draft without sending: `text`, `content` (tags become chips, text parts the text),
   * `reply`, uploaded `attachments`, `files` to upload, `selectedToolId` (`null` clears) and
   * `selectedModelId`. Fields left out are kept as they are.
   */
  async setComposerValue(params: SetComposerValueParams | string): Promise<void> {
    const p: SetComposerValueParams =
      typeof params === 'string' ? { text: params } : params && typeof params === 'object' ? params : {};
    if ('selectedToolId' in p) {
      const toolId = p.selectedToolId ?? null;
      if (toolId !== this.selectedTool) {
        this.selectedTool = toolId;
        emit(this, 'chatkit.tool.change', { toolId });
      }
    }
    if (typeof p.selectedModelId === 'string') this.selectedModel = p.selectedModelId;
    if (this.mode === 'launcher' && !this.launcher.open) this.launcher.setOpen(true, false);
    await this.updateComplete;
    // The draft half loads with the first call; concurrent calls wait for the same module, in call order.
    const { setComposerDraft } = await import('./composer-value.js');
    const composer = this.composer;
    if (composer) await setComposerDraft(composer as ChatkitComposer, p);
  }

  /** Opens the history panel (fires `chatkit.history.open`). */
  async showHistory(): Promise<void> {
    if (this.mode === 'launcher' && !this.launcher.open) this.launcher.setOpen(true, false);
    this.setHistoryOpen(true);
    await this.updateComplete;
  }

  /** Closes the history panel (fires `chatkit.history.close`). */
  async hideHistory(): Promise<void> {
    this.setHistoryOpen(false, false);
    await this.updateComplete;
  }

  /** Re-reads the current thread from the server. */
  async fetchUpdates(): Promise<void> {
    await this.sessions.session?.fetchUpdates();
  }

  /** Loads the entity click/preview handling the first time `entities.onClick` or `onRequestPreview` is set. */
  private loadEntityHandling(): Promise<EntityPreviewController> | undefined {
    const entities = this.options.entities;
    if (!(entities?.onClick || entities?.onRequestPreview)) return undefined;
    this.entityHandling ??= import('../composer/entity-preview.js').then(({ EntityPreviewController }) => {
      this.entityPreview = new EntityPreviewController(
        this,
        () => this.options.entities,
        () => this.ctx,
      );
      this.requestUpdate();
      return this.entityPreview;
    });
    return this.entityHandling;
  }

  /** Entity clicks, hovers and citation clicks go to the entity handling, once its code has arrived. */
  private handleEntityEvent = (event: Event) => {
    const handling = this.loadEntityHandling();
    if (!handling) return;
    if (event.type !== 'chatkit-source-click') event.stopPropagation();
    void handling.then((controller) => controller.handle(event));
  };

  // ───────────── render ─────────────

  override render() {
    const launcher = this.mode === 'launcher';
    this.toggleAttribute('data-open', launcher && this.launcher.open);
    const preview = this.entityPreview;
    const layout = html`${renderChatLayout(this.ctx, this.mode, this.announcement)}${
      preview ? preview.render(this.ctx.controller.widgetHost) : nothing
    }`;
    if (!launcher) {
      const title = this.ctx.config.frameTitle ?? this.ctx.strings.conversation;
      return html`<div part="panel" class="panel" id="panel" role="group" aria-label=${title}>
        ${layout}
      </div>`;
    }
    return renderLauncher(this.ctx, layout, this.launcher, this.handlePanelKeyDown);
  }
}

/**
 * Typed `chatkit.*` listeners (ChatKit's `addEventListener` and `removeEventListener`), declared by merging
 * into the class's type: types only, so the element ships no method that would only call the inherited one.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- only overloads of inherited methods
export interface ChatkitChat {
  addEventListener<K extends keyof ChatkitEventMap>(
    type: K,
    listener: (this: ChatkitChat, event: ChatkitEvent<K>) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener<K extends keyof HTMLElementEventMap>(
    type: K,
    listener: (this: ChatkitChat, event: HTMLElementEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | AddEventListenerOptions,
  ): void;
  removeEventListener<K extends keyof ChatkitEventMap>(
    type: K,
    listener: (this: ChatkitChat, event: ChatkitEvent<K>) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener<K extends keyof HTMLElementEventMap>(
    type: K,
    listener: (this: ChatkitChat, event: HTMLElementEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | EventListenerOptions,
  ): void;
}
