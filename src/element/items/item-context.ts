/**
 * What every item renderer receives besides its item: the shared context value and per-thread UI state
 * kept by `<chatkit-thread>` (feedback given, copied flash, expanded workflows).
 *
 * @internal
 * @module
 */
import type { ChatContextValue } from '../../context/chat-context.js';
import type { CSSResult } from 'lit';
import type { ThreadItem } from '../../protocol/types.js';

export interface ItemRenderContext {
  ctx: ChatContextValue;
  /** Whether the item is still streaming (added but not done). */
  pending: boolean;
  /** Whether this item ends its turn (the next visible item is a user message, or there is none). */
  endsTurn: boolean;
  /** The user message that started this item's turn (the retry target), if any. */
  turnUserMessageId: string | null;
  feedback: ReadonlyMap<string, 'positive' | 'negative'>;
  copiedId: string | null;
  isExpanded(itemId: string, defaultValue: boolean): boolean;
  toggleExpanded(itemId: string, defaultValue: boolean): void;
  copy(item: ThreadItem, text: string): void;
  giveFeedback(itemId: string, kind: 'positive' | 'negative'): void;
  /** Renders the log again (a renderer loaded on demand has arrived). */
  rerender(): void;
  /** Adds the styles of a renderer loaded on demand to the log's shadow root (once). */
  adoptStyles(styles: CSSResult): void;
}
