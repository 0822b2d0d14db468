/**
 * The `chatkit.*` DOM events of `<chatkit-chat>` (the names and detail shapes of OpenAI ChatKit's events).
 * All are bubbling, composed `CustomEvent`s fired for user or server causes only, never because code set a
 * property.
 *
 * @module
 */

/** Event name → `detail` type. */
export interface ChatkitEventMap {
  'chatkit.ready': undefined;
  'chatkit.error': { error: Error };
  'chatkit.effect': { name: string; data: Record<string, unknown> };
  /** A `chatkit-link://<name>?<query>` link in an answer was clicked; `data` holds the query parameters. */
  'chatkit.deeplink': { name: string; data?: Record<string, unknown> };
  'chatkit.response.start': undefined;
  'chatkit.response.end': undefined;
  'chatkit.thread.change': { threadId: string | null };
  'chatkit.thread.load.start': { threadId: string };
  'chatkit.thread.load.end': { threadId: string };
  'chatkit.history.open': undefined;
  'chatkit.history.close': undefined;
  'chatkit.tool.change': { toolId: string | null };
  'chatkit.log': { name: string; data?: Record<string, unknown> };
}

/** Every event name, for docs and tests. */
export const CHATKIT_EVENTS = [
  'chatkit.ready',
  'chatkit.error',
  'chatkit.effect',
  'chatkit.deeplink',
  'chatkit.response.start',
  'chatkit.response.end',
  'chatkit.thread.change',
  'chatkit.thread.load.start',
  'chatkit.thread.load.end',
  'chatkit.history.open',
  'chatkit.history.close',
  'chatkit.tool.change',
  'chatkit.log',
] as const satisfies readonly (keyof ChatkitEventMap)[];

export type ChatkitEventName = keyof ChatkitEventMap;

/** A typed `chatkit.*` event. */
export type ChatkitEvent<K extends ChatkitEventName> = CustomEvent<ChatkitEventMap[K]>;

/** Dispatches a `chatkit.*` event from `target` (bubbling, composed, not cancelable). */
export function emit<K extends ChatkitEventName>(
  target: EventTarget,
  name: K,
  detail: ChatkitEventMap[K],
): boolean {
  return target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}

declare global {
  interface HTMLElementEventMap {
    'chatkit.ready': ChatkitEvent<'chatkit.ready'>;
    'chatkit.error': ChatkitEvent<'chatkit.error'>;
    'chatkit.effect': ChatkitEvent<'chatkit.effect'>;
    'chatkit.deeplink': ChatkitEvent<'chatkit.deeplink'>;
    'chatkit.response.start': ChatkitEvent<'chatkit.response.start'>;
    'chatkit.response.end': ChatkitEvent<'chatkit.response.end'>;
    'chatkit.thread.change': ChatkitEvent<'chatkit.thread.change'>;
    'chatkit.thread.load.start': ChatkitEvent<'chatkit.thread.load.start'>;
    'chatkit.thread.load.end': ChatkitEvent<'chatkit.thread.load.end'>;
    'chatkit.history.open': ChatkitEvent<'chatkit.history.open'>;
    'chatkit.history.close': ChatkitEvent<'chatkit.history.close'>;
    'chatkit.tool.change': ChatkitEvent<'chatkit.tool.change'>;
    'chatkit.log': ChatkitEvent<'chatkit.log'>;
    /** A widget action with `handler: "client"`; cancelable (then `widgets.onAction` is not called). */
    'chatkit.widget.action': CustomEvent<{ action: { type: string; payload?: unknown }; item: unknown }>;
  }
}
