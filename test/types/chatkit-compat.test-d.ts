/**
 * Compile-time proof that a site typed against OpenAI's published `@openai/chatkit` (1.9.0) moves to
 * `<chatkit-chat>` without a type error: (a) a maximal `ChatKitOptions` goes to our `setOptions`, (b) our
 * element is an `OpenAIChatKit`, (c) every method takes ChatKit's parameter types and every `chatkit.*` event
 * takes ChatKit's handler types. Checked by `npm run typecheck` (this file is in tsconfig's `include`); it is
 * never run. `@openai/chatkit` is a devDependency used only here and in the README table check.
 */
import type {
  Attachment,
  ChatKitEvents,
  ChatKitOptions,
  Command,
  CommandSelection,
  Entity,
  EventHandler,
  OpenAIChatKit,
  ToolChoice,
  UserMessageContent,
  Widgets,
} from '@openai/chatkit';
import type { ChatkitChat } from '../../src/index.js';
import { type ChatkitChatOptions } from '../../src/index.js';

declare const chat: ChatkitChat;

const entity: Entity = {
  id: 'e1',
  title: 'Claim #A-1023',
  icon: 'document',
  interactive: true,
  group: 'Claims',
  data: { k: 'v' },
};
const command: Command = { id: 'c1', label: 'Summarize', description: 'd', icon: 'sparkle', group: 'g' };
const preview: Widgets.BasicRoot = { type: 'Basic', children: [] };
const content: UserMessageContent[] = [
  { type: 'input_text', text: 'hello ' },
  { type: 'input_tag', text: 'Claim', id: 'e1', group: 'Claims', data: { a: 1 }, interactive: true },
];
const attachments: Attachment[] = [
  { type: 'file', id: 'f1', name: 'a.pdf', mime_type: 'application/pdf' },
  { type: 'image', id: 'i1', name: 'b.png', mime_type: 'image/png', preview_url: 'https://x/b.png' },
];
const toolChoice: ToolChoice = { id: 'search' };

// (a) Every option of ChatKitOptions, nested, with ChatKit's own callback parameter types.
const options: ChatKitOptions = {
  api: {
    url: 'https://api.example.com/chatkit',
    domainKey: 'domain_pk_x',
    fetch: (input: RequestInfo | URL, init?: RequestInit) => fetch(input, init),
    uploadStrategy: { type: 'direct', uploadUrl: 'https://api.example.com/upload' },
  },
  locale: 'de-DE',
  theme: {
    colorScheme: 'dark',
    radius: 'round',
    density: 'compact',
    typography: {
      baseSize: 16,
      fontFamily: 'Inter',
      fontFamilyMono: 'Mono',
      fontSources: [
        {
          family: 'Inter',
          src: 'https://x/i.woff2',
          weight: 400,
          style: 'normal',
          display: 'swap',
          unicodeRange: 'U+0000-00FF',
        },
      ],
    },
    color: {
      grayscale: { hue: 220, tint: 6, shade: -1 },
      accent: { primary: '#0f62fe', level: 2 },
      surface: { background: '#fff', foreground: '#000' },
    },
  },
  frameTitle: 'Support chat',
  initialThread: null,
  onClientTool: async (toolCall: { name: string; params: Record<string, unknown> }) => ({
    ok: toolCall.name,
  }),
  header: {
    enabled: true,
    title: { enabled: true, text: 'Support' },
    leftAction: { icon: 'sidebar-open-left', onClick: () => undefined },
    rightAction: { icon: 'close', onClick: () => undefined },
  },
  history: { enabled: true, showDelete: true, showRename: true },
  startScreen: {
    greeting: 'Hi',
    prompts: [
      { label: 'Plain', prompt: 'Hello', icon: 'sparkle' },
      { label: 'Rich', prompt: content, icon: 'lucide:rocket' },
    ],
  },
  threadItemActions: { feedback: true, retry: true },
  composer: {
    placeholder: 'Ask',
    attachments: {
      enabled: true,
      maxSize: { 'image/*': 10 * 1024 * 1024, '*': 1024 },
      maxCount: 3,
      accept: { 'image/*': ['.png', '.jpg'] },
    },
    tools: [
      {
        id: 'search',
        label: 'Search',
        icon: 'globe',
        shortLabel: 'Web',
        placeholderOverride: 'Search the web',
        pinned: true,
        persistent: true,
      },
    ],
    models: [{ id: 'm1', label: 'Fast', description: 'quick', disabled: false, default: true }],
    dictation: { enabled: true },
  },
  disclaimer: { text: '*AI* may err', highContrast: true },
  entities: {
    onTagSearch: async (query: string): Promise<Entity[]> => [{ ...entity, title: query }],
    showComposerMenu: true,
    onClick: (e: Entity) => void e.id,
    onRequestPreview: async (e: Entity): Promise<{ preview: Widgets.BasicRoot | null }> => ({
      preview: e.interactive ? preview : null,
    }),
  },
  commands: {
    enabled: true,
    onSearch: async (query: string): Promise<Command[]> => [{ ...command, label: query }],
    onSelect: async (c: Command): Promise<void | CommandSelection> =>
      c.id === 'menu' ? { type: 'menu', commands: [command] } : { type: 'entity', entity },
  },
  widgets: {
    onAction: async (
      action: { type: string; payload?: Record<string, unknown> },
      widgetItem: { id: string; widget: Widgets.Card | Widgets.ListView | Widgets.BasicRoot },
    ) => void [action.type, widgetItem.id, widgetItem.widget.type],
  },
  thread: { autoScroll: true },
};
chat.setOptions(options);

// Hosted mode is accepted by the types (at run time it reports a clear error).
const hosted: ChatKitOptions = {
  api: { getClientSecret: async (current: string | null) => current ?? 'cs' },
};
chat.setOptions(hosted);

// A plain color scheme as theme.
chat.setOptions({ api: { url: '/chatkit', domainKey: 'k' }, theme: 'light' } satisfies ChatKitOptions);

// Our superset stays.
const ours: ChatkitChatOptions = {
  ...options,
  mode: 'launcher',
  persist: 'session',
  brandingUrl: '/api/branding',
  threadItemActions: { feedback: false, retry: false, copy: true },
};
chat.setOptions(ours);

// (b) Our element is an OpenAIChatKit.
const asOpenAI: OpenAIChatKit = chat;
void asOpenAI;

// (c) Every method with ChatKit's parameter types…
type P<M extends keyof OpenAIChatKit> = OpenAIChatKit[M] extends (...args: infer A) => unknown ? A : never;
declare const sendParams: P<'sendUserMessage'>[0];
declare const composerParams: P<'setComposerValue'>[0];
declare const customAction: P<'sendCustomAction'>[0];
const calls: Promise<void>[] = [
  chat.focusComposer(),
  chat.setThreadId('thr_1'),
  chat.setThreadId(null),
  chat.sendCustomAction(customAction, 'item_1'),
  chat.sendCustomAction({ type: 'x', payload: { a: 1 } }),
  chat.sendUserMessage(sendParams),
  chat.sendUserMessage({
    text: 'hi',
    content,
    reply: 'quoted',
    attachments,
    newThread: true,
    toolChoice,
    model: 'm1',
  }),
  chat.setComposerValue(composerParams),
  chat.setComposerValue({
    text: 'draft',
    content,
    reply: 'quoted',
    attachments,
    files: [new File(['x'], 'x.txt', { type: 'text/plain' })],
    selectedToolId: null,
    selectedModelId: 'm1',
  }),
  chat.showHistory(),
  chat.hideHistory(),
  chat.fetchUpdates(),
];
void calls;

// …and every event with ChatKit's handler types.
function listen<K extends keyof ChatKitEvents>(type: K, handler: EventHandler<K>) {
  chat.addEventListener(type, handler);
  chat.removeEventListener(type, handler);
}
const handlers: { [K in keyof ChatKitEvents]: EventHandler<K> } = {
  'chatkit.ready': (e) => void e,
  'chatkit.error': (e) => void e.detail.error.message,
  'chatkit.effect': (e) => void [e.detail.name, e.detail.data],
  'chatkit.deeplink': (e) => void [e.detail.name, e.detail.data],
  'chatkit.response.start': (e) => void e,
  'chatkit.response.end': (e) => void e,
  'chatkit.history.open': (e) => void e,
  'chatkit.history.close': (e) => void e,
  'chatkit.thread.change': (e) => void e.detail.threadId,
  'chatkit.thread.load.start': (e) => void e.detail.threadId,
  'chatkit.thread.load.end': (e) => void e.detail.threadId,
  'chatkit.tool.change': (e) => void e.detail.toolId,
  'chatkit.log': (e) => void [e.detail.name, e.detail.data],
};
for (const type of Object.keys(handlers) as (keyof ChatKitEvents)[]) {
  listen(type, handlers[type] as EventHandler<typeof type>);
}
chat.addEventListener('chatkit.error', handlers['chatkit.error']);
chat.addEventListener('chatkit.thread.change', handlers['chatkit.thread.change']);
chat.addEventListener('chatkit.deeplink', handlers['chatkit.deeplink']);
chat.addEventListener('chatkit.log', (event: ChatKitEvents['chatkit.log']) => void event.detail.name);
