/**
 * The one context the root `<chatkit-chat>` provides to its internal `chatkit-*` elements: an immutable
 * snapshot of the conversation ({@link ChatView}), the resolved configuration, the strings of the current
 * language, and the {@link ChatController} through which sub-elements ask for things to happen. A new
 * value object is provided on every change, so consumers re-render by `Object.is`.
 *
 * @module
 */
import { createContext } from '@lit/context';
import type {
  Attachment,
  Page,
  StructuredInputSubmission,
  Thread,
  ThreadItem,
  ThreadMetadata,
  ThreadStatus,
  UserMessageContent,
} from '../protocol/types.js';
import type { ThreadNotice } from '../protocol/thread-state.js';
import type { Strings } from '../i18n/strings.js';
import type { WidgetHost } from '../widgets/widget-host.js';
import type {
  ComposerModel,
  ComposerTool,
  HeaderAction,
  StarterPrompt,
} from '../element/chatkit-chat/options.js';

/** What the UI shows of the conversation. */
export interface ChatView {
  threadId: string | null;
  title: string | null;
  threadStatus: ThreadStatus;
  allowedImageDomains: readonly string[] | null;
  /** Visible items in display order (hidden items never appear). */
  items: readonly ThreadItem[];
  /** Ids of items added but not yet done in the current stream. */
  pending: ReadonlySet<string>;
  status: 'idle' | 'loading' | 'streaming' | 'cancelling' | 'error';
  allowCancel: boolean;
  progress: { text: string; icon?: string | null } | null;
  notices: readonly ThreadNotice[];
  error: { code: string; message?: string | null; allowRetry: boolean } | null;
  hasMoreBefore: boolean;
  loadingOlder: boolean;
  /** Progress (0..1) of images still being generated, by item id. */
  imageProgress: Readonly<Record<string, number>>;
}

/** An empty conversation (the start screen). */
export const EMPTY_VIEW: ChatView = Object.freeze({
  threadId: null,
  title: null,
  threadStatus: { type: 'active' },
  allowedImageDomains: null,
  items: [],
  pending: new Set<string>(),
  status: 'idle',
  allowCancel: false,
  progress: null,
  notices: [],
  error: null,
  hasMoreBefore: false,
  loadingOlder: false,
  imageProgress: {},
}) as ChatView;

/** Options after defaults, attributes and branding were merged. */
export interface ResolvedConfig {
  headerEnabled: boolean;
  headerTitle: string | null;
  showTitle: boolean;
  leftAction?: HeaderAction;
  rightAction?: HeaderAction;
  historyEnabled: boolean;
  showDelete: boolean;
  showRename: boolean;
  greeting: string | null;
  prompts: StarterPrompt[];
  placeholder: string | null;
  tools: ComposerTool[];
  attachments: {
    enabled: boolean;
    maxSize?: number | Record<string, number>;
    maxCount?: number;
    accept?: Record<string, string[]>;
  };
  models: ComposerModel[];
  /** The composer's microphone (`composer.dictation.enabled`; shown only if the server transcribes). */
  dictation: boolean;
  itemActions: { feedback: boolean; retry: boolean; copy: boolean };
  /** Follow a streaming answer while the reader is at the bottom (`thread.autoScroll`). */
  autoScroll: boolean;
  /** The element's accessible name (`frameTitle`). */
  frameTitle: string | null;
  /** A configuration problem shown instead of the conversation (hosted mode, no endpoint). */
  configError: string | null;
  disclaimer: { text: string; highContrast?: boolean } | null;
  /** The host's entity search for @-mentions (`entities.onTagSearch`). */
  onTagSearch?: (query: string) => Promise<unknown[]>;
  brandName: string | null;
  /** The branding tagline, shown under the brand name in the header. */
  brandTagline: string | null;
  logoUrl: string | null;
  mode: 'inline' | 'launcher' | 'fullscreen';
}

/** Intents sub-elements call; the root implements them on top of the protocol session. */
export interface ChatController {
  sendMessage(
    text: string,
    attachments?: readonly Attachment[],
    content?: UserMessageContent[],
    quotedText?: string | null,
  ): void;
  /** Uploads a file for the composer (`api.uploadStrategy`: two-phase, or a direct multipart POST). */
  uploadFile(file: File): Promise<Attachment>;
  /** `input.transcribe`: the text of a recording (rejects with the server's error). */
  transcribe(audio: Blob): Promise<string>;
  /**
   * Whether the server transcribes: asks once per session (empty audio; a server without a transcriber
   * answers `feature_unavailable`) and remembers the answer. Unclear answers count as yes.
   */
  dictationAvailable(): Promise<boolean>;
  /** Deletes an uploaded attachment the user removed before sending. */
  removeAttachment(attachmentId: string): void;
  cancel(): void;
  retry(itemId?: string): void;
  feedback(itemId: string, kind: 'positive' | 'negative'): Promise<void>;
  loadOlder(): Promise<void>;
  submitStructuredInput(itemId: string, input: StructuredInputSubmission): void;
  newChat(): void;
  setHistoryOpen(open: boolean): void;
  openThread(threadId: string): void;
  listThreads(after?: string | null): Promise<Page<Thread | ThreadMetadata>>;
  renameThread(threadId: string, title: string): Promise<void>;
  deleteThread(threadId: string): Promise<void>;
  dismissNotice(noticeId: number): void;
  selectTool(toolId: string | null): void;
  selectModel(modelId: string | null): void;
  /** Reports a user-facing log line as `chatkit.log`. */
  log(name: string, data?: Record<string, unknown>): void;
  widgetHost: WidgetHost;
}

/** The provided value. */
export interface ChatContextValue {
  view: ChatView;
  config: ResolvedConfig;
  strings: Strings;
  locale: string;
  dir: 'ltr' | 'rtl';
  historyOpen: boolean;
  selectedTool: string | null;
  selectedModel: string | null;
  controller: ChatController;
}

/** The context key (a private symbol: two copies of the element on one page never share it). */
export const chatContext = createContext<ChatContextValue>(Symbol('chatkit-chat'));
