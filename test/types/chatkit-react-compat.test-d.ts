/**
 * Compile-time proof that code written for `@openai/chatkit-react` (1.6.1) type-checks against
 * `chatkit-chat/react` by changing the import path: the same `useChatKit` options (every handler, with
 * ChatKit's handler types), the same returned methods, and `<ChatKit control>` with HTML props and a ref.
 */
import type { UseChatKitOptions as OpenAIUseChatKitOptions } from '@openai/chatkit-react';
import type { OpenAIChatKit } from '@openai/chatkit';
import * as React from 'react';
import { ChatKit, useChatKit, type UseChatKitReturn } from '../../src/react/index.js';

export function App(options: OpenAIUseChatKitOptions) {
  const chatkit: UseChatKitReturn = useChatKit({
    ...options,
    onReady: () => undefined,
    onError: ({ error }: { error: Error }) => void error.message,
    onEffect: ({ name, data }: { name: string; data?: Record<string, unknown> }) => void [name, data],
    onDeeplink: ({ name }: { name: string; data?: Record<string, unknown> }) => void name,
    onResponseStart: () => undefined,
    onResponseEnd: () => undefined,
    onThreadChange: ({ threadId }: { threadId: string | null }) => void threadId,
    onThreadLoadStart: ({ threadId }: { threadId: string }) => void threadId,
    onThreadLoadEnd: ({ threadId }: { threadId: string }) => void threadId,
    onHistoryOpen: () => undefined,
    onHistoryClose: () => undefined,
    onToolChange: ({ toolId }: { toolId: string | null }) => void toolId,
    onLog: ({ name, data }: { name: string; data?: Record<string, unknown> }) => void [name, data],
  });
  const calls: Promise<void>[] = [
    chatkit.focusComposer(),
    chatkit.setThreadId(null),
    chatkit.sendUserMessage({ text: 'hi', toolChoice: { id: 't' }, model: 'm' }),
    chatkit.setComposerValue({ text: 'x', selectedToolId: null }),
    chatkit.fetchUpdates(),
    chatkit.sendCustomAction({ type: 'a', payload: { b: 1 } }, 'item'),
    chatkit.showHistory(),
    chatkit.hideHistory(),
  ];
  void calls;
  const openaiRef = React.useRef<OpenAIChatKit | null>(null);
  openaiRef.current = chatkit.ref.current;
  return React.createElement(ChatKit, {
    control: chatkit.control,
    className: 'h-full',
    style: { height: 600 },
    ref: chatkit.ref,
  });
}
