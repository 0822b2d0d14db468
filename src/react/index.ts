/**
 * `chatkit-chat/react`: `ChatKit` and `useChatKit` with the signatures of `@openai/chatkit-react`, rendering
 * `<chatkit-chat>` instead of `<openai-chatkit>`, so a React app moves by changing the import path.
 *
 * A thin wrapper (no JSX, no dependency besides React, a peer): `useChatKit(options)` returns the element's
 * methods, a `ref` and a `control`; `<ChatKit control={control} />` renders the element, passes the options
 * with `setOptions` whenever they change and forwards `chatkit.*` events to the `on*` handlers (`onError`,
 * `onThreadChange`, …). Passing a new options object on every render is fine: the element keeps the
 * conversation unless `api.url` or the identity changes, and always calls the newest callbacks.
 *
 * Importing this module registers the elements (it imports `chatkit-chat/define`).
 *
 * @module
 */
import * as React from 'react';
import '../define.js';
import type { ChatkitChat } from '../element/chatkit-chat/chatkit-chat.component.js';
import type { ChatkitChatOptions } from '../element/chatkit-chat/options.js';
import type { ChatkitEventMap } from '../events.js';

/** `chatkit.thread.load.start` → `ThreadLoadStart`. */
type DotToCamelCase<S extends string> = S extends `${infer Head}.${infer Tail}`
  ? `${Head}${Capitalize<DotToCamelCase<Tail>>}`
  : S;
type HandlerKey<K extends string> = DotToCamelCase<K> extends `chatkit${infer Name}` ? `on${Name}` : never;

/** The event the React handlers cover (ChatKit's events; our `chatkit.widget.action` is not one). */
type HandledEvent = keyof ChatkitEventMap;

/** `onError`, `onThreadChange`, … : each receives the event's `detail`. */
export type ChatKitEventHandlers = Partial<{
  [K in HandledEvent as HandlerKey<K>]: ChatkitEventMap[K] extends undefined
    ? () => void
    : (event: ChatkitEventMap[K]) => void;
}>;

/** The options of `useChatKit`: the element options plus the event handlers. */
export type UseChatKitOptions = ChatkitChatOptions & ChatKitEventHandlers;

const METHOD_NAMES = [
  'focusComposer',
  'setThreadId',
  'sendUserMessage',
  'setComposerValue',
  'fetchUpdates',
  'sendCustomAction',
  'showHistory',
  'hideHistory',
] as const;
type ChatKitMethod = (typeof METHOD_NAMES)[number];
type ChatKitMethods = { [K in ChatKitMethod]: ChatkitChat[K] };

/** What `useChatKit` hands to `<ChatKit control>`. */
export interface ChatKitControl {
  setInstance: (instance: ChatkitChat | null) => void;
  options: ChatkitChatOptions;
  handlers: ChatKitEventHandlers;
}

/** What `useChatKit` returns. */
export type UseChatKitReturn = ChatKitMethods & {
  control: ChatKitControl;
  ref: React.RefObject<ChatkitChat | null>;
};

const EVENT_HANDLERS: Readonly<Record<HandledEvent, keyof ChatKitEventHandlers>> = {
  'chatkit.ready': 'onReady',
  'chatkit.error': 'onError',
  'chatkit.effect': 'onEffect',
  'chatkit.deeplink': 'onDeeplink',
  'chatkit.response.start': 'onResponseStart',
  'chatkit.response.end': 'onResponseEnd',
  'chatkit.thread.change': 'onThreadChange',
  'chatkit.thread.load.start': 'onThreadLoadStart',
  'chatkit.thread.load.end': 'onThreadLoadEnd',
  'chatkit.history.open': 'onHistoryOpen',
  'chatkit.history.close': 'onHistoryClose',
  'chatkit.tool.change': 'onToolChange',
  'chatkit.log': 'onLog',
};
const HANDLER_KEYS = new Set<string>(Object.values(EVENT_HANDLERS));

/**
 * Splits options from handlers and exposes the element's methods. Methods called before the element is
 * mounted wait for it (as ChatKit's do not, they would throw); they resolve once it has run.
 */
export function useChatKit(options: UseChatKitOptions): UseChatKitReturn {
  const ref = React.useRef<ChatkitChat | null>(null);
  const pending = React.useRef<((element: ChatkitChat) => void)[]>([]);
  const { elementOptions, handlers } = React.useMemo(() => {
    const elementOptions: Record<string, unknown> = {};
    const handlers: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(options)) {
      (HANDLER_KEYS.has(key) ? handlers : elementOptions)[key] = value;
    }
    return {
      elementOptions: elementOptions as ChatkitChatOptions,
      handlers: handlers as ChatKitEventHandlers,
    };
  }, [options]);

  const setInstance = React.useCallback((instance: ChatkitChat | null) => {
    ref.current = instance;
    if (!instance) return;
    const waiting = pending.current;
    pending.current = [];
    for (const run of waiting) run(instance);
  }, []);

  const methods = React.useMemo(() => {
    const call =
      <K extends ChatKitMethod>(name: K) =>
      (...args: Parameters<ChatkitChat[K]>): Promise<void> => {
        const invoke = (element: ChatkitChat) =>
          (element[name] as (...a: Parameters<ChatkitChat[K]>) => Promise<void>)(...args);
        if (ref.current) return invoke(ref.current);
        return new Promise<void>((resolve, reject) =>
          pending.current.push((element) => invoke(element).then(resolve, reject)),
        );
      };
    return Object.fromEntries(METHOD_NAMES.map((name) => [name, call(name)])) as unknown as ChatKitMethods;
  }, []);

  const control = React.useMemo<ChatKitControl>(
    () => ({ setInstance, options: elementOptions, handlers }),
    [setInstance, elementOptions, handlers],
  );
  return { ...methods, control, ref };
}

/** Props of `<ChatKit>`: any HTML attribute of the element, plus the `control` from `useChatKit`. */
export interface ChatKitProps extends React.HTMLAttributes<ChatkitChat> {
  control: ChatKitControl;
}

function ChatKitRender(
  { control, ...htmlProps }: ChatKitProps,
  forwardedRef: React.ForwardedRef<ChatkitChat>,
): React.ReactElement {
  const ref = React.useRef<ChatkitChat | null>(null);

  React.useLayoutEffect(() => {
    ref.current?.setOptions(control.options);
  }, [control.options]);

  // The newest handlers without re-subscribing: listeners read them through a ref.
  const handlers = React.useRef(control.handlers);
  handlers.current = control.handlers;
  React.useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const abort = new AbortController();
    for (const [name, key] of Object.entries(EVENT_HANDLERS)) {
      element.addEventListener(
        name,
        (event) => {
          const handler = handlers.current[key] as ((detail?: unknown) => void) | undefined;
          if (typeof handler === 'function') handler((event as CustomEvent).detail);
        },
        { signal: abort.signal },
      );
    }
    return () => abort.abort();
  }, []);

  const setRef = React.useCallback(
    (element: ChatkitChat | null) => {
      ref.current = element;
      control.setInstance(element);
      if (typeof forwardedRef === 'function') forwardedRef(element);
      else if (forwardedRef) forwardedRef.current = element;
    },
    [control.setInstance, forwardedRef],
  );

  return React.createElement('chatkit-chat', { ...htmlProps, ref: setRef });
}

/** Renders `<chatkit-chat>` driven by `useChatKit`'s `control`. */
export const ChatKit: React.ForwardRefExoticComponent<ChatKitProps & React.RefAttributes<ChatkitChat>> =
  React.forwardRef<ChatkitChat, ChatKitProps>(ChatKitRender);
ChatKit.displayName = 'ChatKit';
