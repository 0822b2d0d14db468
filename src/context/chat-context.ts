/**
 * The one context the root `<chatkit-chat>` provides to its internal `chatkit-*` elements: an immutable
 * snapshot of the conversation ({@link ChatView}), the resolved configuration, the strings of the current
 * language, and the {@link ChatController} through which sub-elements ask for things to happen. A new
 * value object is provided on every change, so consumers re-render by `Object.is`.
 *
 * @module
 */
import { ContextConsumer, createContext } from '@lit/context';
import type { ReactiveElement } from 'lit';
import type {
  Attachment,
  Page,
  StructuredInputSubmission,
  Thread,
  ThreadMetadata,
  ThreadStatus,
  UserMessageContent,
} from '../protocol/types.js';
import type { SessionState } from '../protocol/session-types.js';
import { initialThreadState } from '../protocol/thread-state.js';
import type { Strings } from '../i18n/strings.js';
import type { WidgetHost } from '../widgets/widget-host.js';
import type {
  ChatkitChatOptions,
  ComposerModel,
  ComposerTool,
  HeaderAction,
  StarterPrompt,
} from '../element/chatkit-chat/options.js';

/**
 * What the UI shows of the conversation: the session snapshot's fields the sub-elements read, plus the
 * current thread's metadata flattened. Built only by {@link toView}; its defaults are the session's.
 */
export interface ChatView extends Pick<
  SessionState,
  | 'items'
  | 'pending'
  | 'status'
  | 'allowCancel'
  | 'progress'
  | 'notices'
  | 'error'
  | 'hasMoreBefore'
  | 'loadingOlder'
  | 'imageProgress'
> {
  readonly threadId: string | null;
  readonly title: string | null;
  readonly threadStatus: ThreadStatus;
  readonly allowedImageDomains: readonly string[] | null;
}

/** The snapshot of a session that has not started (no `api-url` yet): an empty new chat. */
const NO_SESSION: SessionState = Object.freeze({
  ...initialThreadState(),
  status: 'idle',
  loadingOlder: false,
});

const views = new WeakMap<SessionState, ChatView>();

/**
 * The one mapping from a session snapshot to what the UI shows. `allowedImageDomains` is the image policy
 * in force (the thread's, else the element's; see `effectiveImageDomains`), the one field the snapshot
 * alone does not decide. The same snapshot with the same policy gives the same view object, so an update
 * that did not change the conversation (a theme or option change) keeps the view's identity.
 */
export function toView(
  state: SessionState = NO_SESSION,
  allowedImageDomains: readonly string[] | null = state.thread?.allowed_image_domains ?? null,
): ChatView {
  const known = views.get(state);
  if (known && sameList(known.allowedImageDomains, allowedImageDomains)) return known;
  const { thread } = state;
  const view: ChatView = Object.freeze({
    ...state,
    threadId: thread?.id ?? null,
    title: thread?.title ?? null,
    threadStatus: thread?.status ?? { type: 'active' as const },
    allowedImageDomains,
  });
  views.set(state, view);
  return view;
}

/**
 * Fields of the conversation that only `<chatkit-thread>` shows. A streamed delta changes nothing else: the
 * answer's item (a new object in a new `items` array of the same length), and maybe `pending`, `progress`,
 * `imageProgress` or `notices`.
 */
const THREAD_CONTENT: ReadonlySet<string> = new Set([
  'items',
  'pending',
  'progress',
  'imageProgress',
  'notices',
]);

/**
 * Whether `next` differs from `prev` (two session snapshots, or two views) only in what the thread alone
 * shows: the same items (by count, with the same newest item id and type, never a question set), every
 * other field identical. The root and the header/composer need not render for such a change.
 */
export function changesOnlyThreadContent<T extends Pick<SessionState, 'items'>>(prev: T, next: T): boolean {
  if (prev === next) return true;
  const keys = Object.keys(next);
  if (keys.length !== Object.keys(prev).length) return false;
  for (const key of keys) {
    if (THREAD_CONTENT.has(key)) continue;
    if (!Object.is((prev as Record<string, unknown>)[key], (next as Record<string, unknown>)[key]))
      return false;
  }
  const before = prev.items;
  const after = next.items;
  if (before.length !== after.length) return false;
  const a = before[before.length - 1];
  const b = after[after.length - 1];
  // The root shows a pending question set instead of the composer: any change to one is not "content".
  return a === b || (a?.id === b?.id && a?.type === b?.type && b?.type !== 'structured_input');
}

/**
 * For a consumer's `shouldUpdate`: `true` unless the only change is a new context value that differs from the
 * previous one in thread content only (see {@link changesOnlyThreadContent}), which the header and the
 * composer do not show. Their `ctx` property still holds the newest value, so event handlers read fresh state.
 */
export function showsChange(changed: ReadonlyMap<PropertyKey, unknown>, ctx: ChatContextValue): boolean {
  if (changed.size !== 1 || !changed.has('ctx')) return true;
  const prev = changed.get('ctx') as ChatContextValue | undefined;
  if (!prev || prev.view === ctx.view) return true;
  for (const key of Object.keys(ctx) as (keyof ChatContextValue)[]) {
    if (key !== 'view' && !Object.is(prev[key], ctx[key])) return true;
  }
  return !changesOnlyThreadContent(prev.view, ctx.view);
}

function sameList(a: readonly string[] | null, b: readonly string[] | null): boolean {
  if (a === b) return true;
  return !!a && !!b && a.length === b.length && a.every((entry, index) => entry === b[index]);
}

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
  /** The "/" command menu (`commands`), when enabled. */
  commands: ChatkitChatOptions['commands'] | null;
  /** The composer's "@" button (`entities.showComposerMenu`, only with `onTagSearch`). */
  showEntityMenu: boolean;
  /** Interactive entities (tags, citations) are clickable/previewable (`entities.onClick`/`onRequestPreview`). */
  entityActions: boolean;
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

/**
 * The context key: a registered symbol, so the on-demand chunks find the root's context even when they run in a
 * second copy of the drop-in module. That happens when a page loads `chatkit-chat.js` with a query string
 * (`?v=…`): the chunks import the file back by its plain URL, which the browser treats as another module.
 */
export const chatContext = createContext<ChatContextValue>(Symbol.for('chatkit-chat.context'));

/**
 * Subscribes `host` to the chat context, handing each value to `set` (what `@consume({ subscribe: true })`
 * does, without the decorator's code in the drop-in file).
 */
export function consumeChat(
  host: ReactiveElement,
  set: (value: ChatContextValue) => void,
): ContextConsumer<typeof chatContext, ReactiveElement> {
  return new ContextConsumer(host, { context: chatContext, subscribe: true, callback: set });
}
