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
import { decideImage, isImageAllowed, type ImagePolicy } from '../../internal/url.js';
import type { Strings } from '../../i18n/strings.js';
import type { Action, Attachment, InferenceOptions, UserMessageContent } from '../../protocol/types.js';
import type { WidgetActionRequest, WidgetHost } from '../../widgets/widget-host.js';
import { widgetStringsOf } from '../../widgets/widget-strings.js';
import type { ChatkitChatOptions } from '../chatkit-chat/options.js';
import type { ChatSession } from '../../protocol/session-types.js';
import type { SessionController } from './session-controller.js';
import { uploadAttachment } from './upload.js';

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

/** The widget renderer's view of the root element, translated with `strings`. */
export function createWidgetHost(root: ControllerRoot, strings: Strings = root.strings()): WidgetHost {
  return {
    strings: widgetStringsOf(strings),
    dispatchAction: (request) => dispatchWidgetAction(root, request),
    isImageAllowed: (url) => isImageAllowed(url, root.imageDomains(), document.baseURI),
    resolveImage: (url) => decideImage(url, root.imagePolicy(), document.baseURI),
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

/** Base64 of a recording (chunked: `String.fromCharCode(...bytes)` overflows the stack on long audio). */
async function toBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** Error codes and statuses that mean "this server does not transcribe" (ours, ChatKit's, plain HTTP). */
const NO_DICTATION_CODES = new Set(['feature_unavailable', 'not_implemented']);
const NO_DICTATION_STATUSES = new Set([404, 405, 501]);

/** The dictation probe's answer per session (one request per endpoint and identity). */
const dictationProbes = new WeakMap<ChatSession, Promise<boolean>>();

function probeDictation(session: ChatSession): Promise<boolean> {
  let probe = dictationProbes.get(session);
  if (!probe) {
    // Straight to the transport: a "no" here is an answer, not an error to report as `chatkit.error`.
    probe = session.transport
      .request({ type: 'input.transcribe', params: { audio_base64: '', mime_type: 'audio/webm' } })
      .then(
        () => true,
        (error: unknown) => {
          const { code, status } = (error ?? {}) as { code?: unknown; status?: unknown };
          return !(
            (typeof code === 'string' && NO_DICTATION_CODES.has(code)) ||
            (typeof status === 'number' && NO_DICTATION_STATUSES.has(status))
          );
        },
      );
    dictationProbes.set(session, probe);
  }
  return probe;
}

/** The intents sub-elements call. */
export function createChatController(root: ControllerRoot): ChatController {
  const session = () => root.sessions.session;
  let widgetHost: { strings: Strings; host: WidgetHost } | undefined;
  return {
    sendMessage: (text, attachments = [], content, quotedText) =>
      void sendMessage(root, { text, attachments, content, quotedText }),
    uploadFile: async (file) => {
      const current = session();
      if (!current) throw new Error('No ChatKit endpoint configured');
      const strategy = root.options().api?.uploadStrategy;
      if (strategy?.type === 'direct') {
        if (typeof strategy.uploadUrl !== 'string' || !strategy.uploadUrl) {
          emit(root.element, 'chatkit.log', {
            name: 'options.invalid',
            data: { option: 'api.uploadStrategy.uploadUrl', problem: 'type', expected: 'string' },
          });
          throw new Error('api.uploadStrategy.uploadUrl is required for direct uploads');
        }
        return current.uploadAttachment(file, new URL(strategy.uploadUrl, document.baseURI).href);
      }
      return uploadAttachment(current, file, root.options().api?.fetch ?? fetch.bind(window));
    },
    transcribe: async (audio) => {
      const current = session();
      if (!current) throw new Error('No ChatKit endpoint configured');
      const mimeType = audio.type || 'audio/webm';
      const { text } = await current.transcribe(await toBase64(audio), mimeType);
      return typeof text === 'string' ? text : '';
    },
    dictationAvailable: async () => {
      const current = session();
      return current ? probeDictation(current) : false;
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
