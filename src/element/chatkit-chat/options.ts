/**
 * The options object of `setOptions()`: the shape of OpenAI ChatKit's `ChatKitOptions` (`@openai/chatkit`
 * 1.9.0, declared here on our own and kept structurally compatible by test/types/chatkit-compat.test-d.ts),
 * plus our additions (`mode`, `persist`, `brandingUrl`, `threadItemActions.copy`, `thread.metadata`, header
 * action `label`). Attributes are shortcuts for the common fields; an option set through `setOptions` wins
 * over the attribute.
 *
 * Callback parameters use exactly ChatKit's shapes (a host's handler typed against ChatKit must accept what
 * we pass); everything else is at least as wide as ChatKit's (any ChatKit value is accepted).
 *
 * @module
 */
import type { ThemeOption } from '../../theme/theme-option.js';

/** A Lucide icon, `lucide:<icon-name>`. */
export type LucideIcon = `lucide:${string}`;

/** ChatKit's built-in icon names (`ChatKitIcon`) or a Lucide icon. */
// prettier-ignore
export type ChatKitIcon =
  | 'agent'
  | 'analytics'
  | 'atom'
  | 'batch'
  | 'bolt'
  | 'book-open'
  | 'book-closed'
  | 'book-clock'
  | 'bug'
  | 'calendar'
  | 'chart'
  | 'check'
  | 'check-circle'
  | 'check-circle-filled'
  | 'chevron-left'
  | 'chevron-right'
  | 'circle-question'
  | 'clock'
  | 'compass'
  | 'confetti'
  | 'cube'
  | 'desktop'
  | 'document'
  | 'dots-horizontal'
  | 'dots-vertical'
  | 'empty-circle'
  | 'external-link'
  | 'globe'
  | 'keys'
  | 'lab'
  | 'images'
  | 'info'
  | 'lifesaver'
  | 'lightbulb'
  | 'mail'
  | 'map-pin'
  | 'maps'
  | 'mobile'
  | 'name'
  | 'notebook'
  | 'notebook-pencil'
  | 'page-blank'
  | 'phone'
  | 'play'
  | 'plus'
  | 'profile'
  | 'profile-card'
  | 'reload'
  | 'star'
  | 'star-filled'
  | 'search'
  | 'sparkle'
  | 'sparkle-double'
  | 'square-code'
  | 'square-image'
  | 'square-text'
  | 'suitcase'
  | 'settings-slider'
  | 'user'
  | 'wreath'
  | 'write'
  | 'write-alt'
  | 'write-alt2'
  | LucideIcon;

/** ChatKit's header icon names (`HeaderIcon`). */
// prettier-ignore
export type HeaderIcon =
  | 'sidebar-left'
  | 'sidebar-right'
  | 'sidebar-open-left'
  | 'sidebar-open-right'
  | 'sidebar-open-left-alt'
  | 'sidebar-open-right-alt'
  | 'sidebar-floating-left'
  | 'sidebar-floating-right'
  | 'sidebar-floating-open-left'
  | 'sidebar-floating-open-right'
  | 'sidebar-collapse-left'
  | 'sidebar-collapse-right'
  | 'collapse-left'
  | 'collapse-right'
  | 'open-left'
  | 'open-right'
  | 'double-chevron-left'
  | 'double-chevron-right'
  | 'home'
  | 'home-alt'
  | 'back-small'
  | 'back-large'
  | 'expand-large'
  | 'collapse-large'
  | 'expand-small'
  | 'collapse-small'
  | 'star'
  | 'star-filled'
  | 'bug'
  | 'chat-temporary'
  | 'settings-cog'
  | 'grid'
  | 'dots-horizontal'
  | 'dots-vertical'
  | 'dots-horizontal-circle'
  | 'dots-vertical-circle'
  | 'menu'
  | 'menu-inverted'
  | 'hamburger'
  | 'history'
  | 'book-open'
  | 'compose'
  | 'share'
  | 'light-mode'
  | 'dark-mode'
  | 'close';

/** A header button supplied by the host page. */
export interface HeaderAction {
  icon: HeaderIcon | (string & {});
  /** Accessible name (our addition); by default it is derived from the icon. */
  label?: string;
  onClick: () => void;
}

/** Structured user input: text or an entity tag (ChatKit's `UserMessageContent`). */
export type UserMessageContent =
  | { type: 'input_text'; text: string }
  | {
      type: 'input_tag';
      text: string;
      id: string;
      group?: string;
      data?: Record<string, unknown>;
      interactive?: boolean;
    };

/** An already uploaded attachment (ChatKit's `Attachment`). */
export type Attachment =
  | { type: 'file'; id: string; name: string; mime_type: string }
  | { type: 'image'; id: string; preview_url: string; name: string; mime_type: string };

/** A starter prompt on the start screen. */
export interface StarterPrompt {
  label: string;
  /** Text, or structured content (e.g. prefilled tags). */
  prompt: string | UserMessageContent[];
  icon?: ChatKitIcon | (string & {});
}

/** A composer tool (sets `inference_options.tool_choice`). */
export interface ComposerTool {
  id: string;
  label: string;
  icon?: ChatKitIcon | (string & {});
  shortLabel?: string;
  placeholderOverride?: string;
  pinned?: boolean;
  /** Stays selected after a message is sent (ChatKit's default: cleared). */
  persistent?: boolean;
}

/** A model choice (sets `inference_options.model`). */
export interface ComposerModel {
  id: string;
  label: string;
  description?: string;
  default?: boolean;
  disabled?: boolean;
}

/** What `onClientTool` receives. */
export interface ClientToolCall {
  name: string;
  params: Record<string, unknown>;
}

/** A referenceable item (person, document, business object): ChatKit's `Entity`. */
export interface Entity {
  title: string;
  id: string;
  icon?: string;
  interactive?: boolean;
  group?: string;
  data?: Record<string, string>;
}

/** An entry of the "/" command menu (ChatKit's `Command`). */
export interface Command {
  id: string;
  label: string;
  description?: string;
  icon?: ChatKitIcon;
  group?: string;
}

/** What a selected command does next (ChatKit's `CommandSelection`). */
export type CommandSelection = { type: 'entity'; entity: Entity } | { type: 'menu'; commands: Command[] };

/** A widget tree as the host page sees it (`Card`, `ListView`, `Basic`); props are per component. */
export interface WidgetTree {
  type: string;
}

/** How composer attachments are uploaded (ChatKit's `FileUploadStrategy`). */
export type FileUploadStrategy = { type: 'two_phase' } | { type: 'direct'; uploadUrl: string };

/** The `api` option: a ChatKit endpoint (`url`), or ChatKit's hosted mode, which we report as unsupported. */
export interface ApiOption {
  /** The ChatKit endpoint (`POST`). */
  url?: string;
  /** Replaces `fetch` for every request (auth headers, credentials, proxies); a new closure is used at once. */
  fetch?: typeof fetch;
  /** Accepted for ChatKit compatibility; our server does not need a domain key. */
  domainKey?: string;
  /** How attachments are uploaded (default: the server's two-phase `attachments.create`). */
  uploadStrategy?: FileUploadStrategy;
  /**
   * ChatKit's hosted mode (OpenAI-hosted backend). Not supported: the element fires `chatkit.error` and shows
   * how to point `api.url` at a ChatKit server instead.
   */
  getClientSecret?: (currentClientSecret: string | null) => Promise<string>;
}

/** Options accepted by `setOptions` (all optional; unknown keys get a `chatkit.log` warning). */
export interface ChatkitChatOptions {
  api?: ApiOption;
  theme?: 'light' | 'dark' | 'auto' | ThemeOption;
  locale?: string;
  /** The element's accessible name. @defaultValue "Chat" */
  frameTitle?: string;
  initialThread?: string | null;
  header?: {
    enabled?: boolean;
    title?: { enabled?: boolean; text?: string };
    leftAction?: HeaderAction;
    rightAction?: HeaderAction;
  };
  history?: { enabled?: boolean; showDelete?: boolean; showRename?: boolean };
  startScreen?: { greeting?: string; prompts?: StarterPrompt[] };
  composer?: {
    placeholder?: string;
    tools?: ComposerTool[];
    models?: ComposerModel[];
    attachments?: {
      enabled?: boolean;
      /** Bytes, for every file or per MIME pattern (`{"image/*": 10e6, "*": 1e6}`). */
      maxSize?: number | Record<string, number>;
      maxCount?: number;
      accept?: Record<string, string[]>;
    };
    dictation?: { enabled: boolean };
  };
  /** Buttons under an answer. ChatKit's `feedback` and `retry` default to off; `copy` (ours) to on. */
  threadItemActions?: { feedback?: boolean; retry?: boolean; copy?: boolean };
  disclaimer?: { text: string; highContrast?: boolean };
  entities?: {
    onTagSearch?: (query: string) => Promise<Entity[]>;
    showComposerMenu?: boolean;
    onClick?: (entity: Entity) => void;
    onRequestPreview?(entity: Entity): Promise<{ preview: WidgetTree | null }>;
  };
  commands?: {
    enabled: boolean;
    onSearch?: (query: string) => Promise<Command[]>;
    onSelect?: (command: Command) => Promise<void | CommandSelection>;
  };
  widgets?: {
    onAction?(
      action: { type: string; payload?: Record<string, unknown> },
      widgetItem: { id: string; widget: WidgetTree },
    ): void | Promise<void>;
  };
  onClientTool?: (toolCall: ClientToolCall) => unknown | Promise<unknown>;
  thread?: {
    /** Keep the newest message in view while an answer streams, if the reader is at the bottom. */
    autoScroll?: boolean;
    /** Per-request metadata merged into every request body (our extension). */
    metadata?: Record<string, unknown>;
  };
  /** Our additions. */
  /**
   * Image policy (markdown images, widget images, favicons, generated images). `allowedDomains`: hosts when
   * the thread gives no `allowed_image_domains`; default the API's host only, `'*'` allows any host
   * (ChatKit's behaviour). `proxyUrl`: an image proxy (e.g. the reference server's `/image-proxy`); a remote
   * image the domain list refuses loads through it (`proxyUrl?url=<encoded image URL>`, or `{url}` in
   * `proxyUrl` is replaced) instead of showing a "Load image from …" button.
   */
  images?: { allowedDomains?: string[] | '*'; proxyUrl?: string };
  mode?: 'inline' | 'launcher' | 'fullscreen';
  persist?: 'local' | 'session' | 'none';
  brandingUrl?: string;
}

/** The parameters of `sendUserMessage` (ChatKit's, plus a bare string). */
export interface SendUserMessageParams {
  text?: string;
  /** Structured content (text and tags); used instead of `text` when given. */
  content?: UserMessageContent[];
  /** Quoted text shown above the message (reply-to). */
  reply?: string;
  /** Already uploaded attachments. */
  attachments?: Attachment[];
  /** Start a new thread first. */
  newThread?: boolean;
  /** `inference_options.tool_choice` for this message only (the composer's selection is unchanged). */
  toolChoice?: { id: string };
  /** `inference_options.model` for this message only. */
  model?: string;
}

/** The parameters of `setComposerValue`. */
export interface SetComposerValueParams {
  text?: string;
  content?: UserMessageContent[];
  reply?: string;
  attachments?: Attachment[];
  /** Files to upload and attach. */
  files?: File[];
  /** Tool to select; `null` clears the selection. */
  selectedToolId?: string | null;
  selectedModelId?: string;
}

/** Defaults of the per-item actions: ChatKit's (feedback and retry off) plus our copy button (on). */
export const DEFAULT_ITEM_ACTIONS = { feedback: false, retry: false, copy: true } as const;
