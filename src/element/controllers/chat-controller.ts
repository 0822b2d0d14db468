/**
 * The {@link ChatController} the root element provides to its sub-elements, and the {@link WidgetHost} it
 * gives the widget renderer: both translate UI intents into protocol-session calls. Kept out of the root
 * class so that file stays about the element's public surface.
 *
 * @internal
 * @module
 */
import type { ChatController } from '../../context/chat-context.js';
import { emit } from '../../events.js';
import { loadedImagePolicy, type ImagePolicy } from '../../internal/url.js';
import type { Strings } from '../../i18n/strings.js';
import type { Action, Attachment, InferenceOptions, UserMessageContent } from '../../protocol/types.js';
import { widgetStringsFor, type WidgetActionRequest, type WidgetHost } from '../../widgets/widget-host.js';
import type * as OnDemand from './on-demand-intents.js';
import type { ChatkitChatOptions } from '../chatkit-chat/options.js';
import type { SessionController } from './session-controller.js';

/** Threads per `threads.list` page of the history panel (it asks for the next page as the user scrolls). */
const HISTORY_PAGE_SIZE = 20;

/** What the controller needs from the root element. */
export interface ControllerRoot {
  readonly element: HTMLElement;
  readonly sessions: SessionController;
  options(): ChatkitChatOptions;
  colorScheme(): 'light' | 'dark';
  locale(): string;
  /** The strings of the element's current language. */
  strings(): Strings;
  /** Image domains in force: the thread's, else the element's setting; `null` = any host. */
  imageDomains(): readonly string[] | null;
  /** The whole image policy: domains, proxy, and the URLs the user chose to load. */
  imagePolicy(): ImagePolicy;
  /** Records that the user chose to load this (normalised) image URL, and re-renders. */
  approveImage(url: string): void;
  /** The composer's tool/model choice for the next message, unless the message names its own. */
  inferenceOptions(override?: MessageInference): InferenceOptions;
  /** A configuration problem that keeps the element from having a session (hosted mode). */
  configError(): string | null;
  setHistoryOpen(open: boolean): void;
  setTool(toolId: string | null): void;
  setModel(modelId: string | null): void;
}

/** A message's own tool/model choice (`sendUserMessage({ toolChoice, model })`); left out = the composer's. */
export interface MessageInference {
  toolChoice?: { id: string } | null;
  model?: string | null;
}

/** A user message on its way to the session, typed in the composer or given to `sendUserMessage`. */
export interface OutgoingMessage extends MessageInference {
  text: string;
  content?: UserMessageContent[];
  attachments?: readonly Attachment[];
  quotedText?: string | null;
  newThread?: boolean;
}

/**
 * The one way a user message reaches the session, whoever sends it (the composer, `sendUserMessage`).
 * Without a session, a configuration problem (hosted mode) is reported again as `chatkit.error` rather
 * than the send vanishing unseen.
 */
export async function sendMessage(root: ControllerRoot, message: OutgoingMessage): Promise<void> {
  const session = root.sessions.session;
  if (!session) {
    const problem = root.configError();
    if (problem) emit(root.element, 'chatkit.error', { error: new Error(problem) });
    return;
  }
  await session.sendUserMessage({
    text: message.text,
    ...(message.content?.length ? { content: message.content } : {}),
    inferenceOptions: root.inferenceOptions(message),
    newThread: !!message.newThread,
    attachments: message.attachments ?? [],
    quotedText: message.quotedText ?? null,
  });
}

/** Routes a widget action (§7.3): client actions to the host page, server ones to the session. */
async function dispatchWidgetAction(root: ControllerRoot, request: WidgetActionRequest): Promise<void> {
  const { action, item } = request;
  const wire: Action = { type: action.type, payload: action.payload };
  if (action.handler === 'client') {
    const event = new CustomEvent('chatkit.widget.action', {
      detail: { action: wire, item },
      bubbles: true,
      composed: true,
      cancelable: true,
    });
    // A host listener may take over by calling preventDefault().
    if (!root.element.dispatchEvent(event)) return;
    await root
      .options()
      .widgets?.onAction?.(
        { type: wire.type, ...(wire.payload ? { payload: wire.payload as Record<string, unknown> } : {}) },
        item,
      );
    return;
  }
  const session = root.sessions.session;
  if (!session) return;
  // A widget that is no item of the thread (an entity preview) names none: the app-initiated form (§ item_id).
  const itemId = session.getState().items.some((i) => i.id === item.id) ? item.id : null;
  if (action.streaming === false) await session.syncCustomAction(wire, itemId);
  else await session.customAction(wire, itemId);
}

/**
 * The intents a first answer never uses (uploads, dictation), loaded with the first of them
 * (`on-demand-intents.ts`). A failed chunk load (offline) may be retried by the next call.
 */
let onDemand: Promise<typeof OnDemand> | undefined;
function intents(): Promise<typeof OnDemand> {
  const load = (onDemand ??= import('./on-demand-intents.js'));
  load.catch(() => (onDemand = undefined));
  return load;
}

/** The widget renderer's view of the root element, translated with `strings`. */
export function createWidgetHost(root: ControllerRoot, strings: Strings = root.strings()): WidgetHost {
  return {
    // Mapped by the renderer's own module (widget-strings.ts), which every reader of `strings` imports.
    get strings() {
      return widgetStringsFor(strings);
    },
    dispatchAction: (request) => dispatchWidgetAction(root, request),
    // The decisions come with the parts that show remote images (see provideImagePolicy in url.ts); before
    // one of them has loaded nothing asks, and an image would be left out rather than loaded unchecked.
    isImageAllowed: (url) =>
      loadedImagePolicy()?.isImageAllowed(url, root.imageDomains(), document.baseURI) ?? false,
    resolveImage: (url) =>
      loadedImagePolicy()?.decideImage(url, root.imagePolicy(), document.baseURI) ?? null,
    approveImage: (url) => root.approveImage(url),
    get imageProxyUrl() {
      return root.imagePolicy().proxyUrl ?? null;
    },
    get allowedImageDomains() {
      return root.imageDomains();
    },
    get colorScheme() {
      return root.colorScheme();
    },
    get locale() {
      return root.locale();
    },
  };
}

/** The intents sub-elements call. */
export function createChatController(root: ControllerRoot): ChatController {
  const session = () => root.sessions.session;
  let widgetHost: { strings: Strings; host: WidgetHost } | undefined;
  return {
    sendMessage: (text, attachments = [], content, quotedText) =>
      void sendMessage(root, { text, attachments, content, quotedText }),
    uploadFile: (file) => intents().then((m) => m.uploadFile(root, file)),
    transcribe: (audio) => intents().then((m) => m.transcribe(root, audio)),
    dictationAvailable: async () => {
      const current = session();
      return current ? (await intents()).probeDictation(current) : false;
    },
    removeAttachment: (attachmentId) => {
      session()
        ?.deleteAttachment(attachmentId)
        .catch(() => undefined);
    },
    cancel: () => void session()?.cancel(),
    retry: (itemId) => void root.sessions.retry(itemId),
    feedback: async (itemId, kind) => {
      await session()?.feedback([itemId], kind);
    },
    loadOlder: async () => {
      await session()?.loadOlder();
    },
    submitStructuredInput: (itemId, input) => void session()?.addStructuredInput(itemId, input),
    newChat: () => {
      root.sessions.newChat();
      root.setHistoryOpen(false);
    },
    setHistoryOpen: (open) => root.setHistoryOpen(open),
    openThread: (threadId) => {
      root.setHistoryOpen(false);
      void root.sessions.load(threadId);
    },
    listThreads: async (after) => {
      const current = session();
      if (!current) return { data: [], has_more: false };
      return current.listThreads({ after: after ?? null, limit: HISTORY_PAGE_SIZE, order: 'desc' });
    },
    renameThread: async (threadId, title) => {
      await session()?.renameThread(threadId, title);
    },
    deleteThread: async (threadId) => {
      await session()?.deleteThread(threadId);
    },
    dismissNotice: (id) => session()?.dismissNotice(id),
    selectTool: (toolId) => {
      root.setTool(toolId);
      emit(root.element, 'chatkit.tool.change', { toolId });
    },
    selectModel: (modelId) => root.setModel(modelId),
    log: (name, data) => emit(root.element, 'chatkit.log', { name, data }),
    // Why a new host per language: `<chatkit-widget>` re-renders when its `host` changes, so widgets already
    // shown follow a language switch (or the translations arriving after the first render).
    get widgetHost() {
      const strings = root.strings();
      if (widgetHost?.strings !== strings) widgetHost = { strings, host: createWidgetHost(root, strings) };
      return widgetHost.host;
    },
  };
}
