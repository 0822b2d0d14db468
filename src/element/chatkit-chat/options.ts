/**
 * The options object of `setOptions()`: the shape of OpenAI ChatKit's `ChatKitOptions`, plus our additions
 * (`mode`, `persist`, `brandingUrl`, `threadItemActions.copy`). Attributes are shortcuts for the common
 * fields; an option set through `setOptions` wins over the attribute.
 *
 * @module
 */
import type { ThemeOption } from '../../theme/theme-option.js';

/** A header button supplied by the host page. */
export interface HeaderAction {
  icon: string;
  /** Accessible name; ChatKit derives it from the icon, we let the host say it. */
  label?: string;
  onClick: () => void;
}

/** A starter prompt on the start screen. */
export interface StarterPrompt {
  label: string;
  prompt: string;
  icon?: string;
}

/** A composer tool (sets `inference_options.tool_choice`). */
export interface ComposerTool {
  id: string;
  label: string;
  icon?: string;
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

/** Options accepted by `setOptions` (all optional; unknown keys are ignored). */
export interface ChatkitChatOptions {
  api?: {
    url?: string;
    /** Replaces `fetch` for every request (auth headers, credentials, proxies). */
    fetch?: typeof fetch;
    /** Accepted for ChatKit compatibility; our server does not need a domain key. */
    domainKey?: string;
  };
  theme?: 'light' | 'dark' | 'auto' | ThemeOption;
  locale?: string;
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
  };
  threadItemActions?: { feedback?: boolean; retry?: boolean; copy?: boolean };
  disclaimer?: { text: string; highContrast?: boolean };
  entities?: {
    onTagSearch?: (query: string) => Promise<unknown[]>;
    onClick?: (entity: unknown) => void;
    onRequestPreview?: (entity: unknown) => Promise<unknown>;
  };
  widgets?: {
    onAction?: (action: { type: string; payload?: unknown }, widgetItem: unknown) => void | Promise<void>;
  };
  onClientTool?: (toolCall: ClientToolCall) => unknown | Promise<unknown>;
  /** Per-request metadata merged into every request body (ChatKit's `thread.metadata`-style extension). */
  thread?: { metadata?: Record<string, unknown> };
  /** Our additions. */
  mode?: 'inline' | 'launcher' | 'fullscreen';
  persist?: 'local' | 'session' | 'none';
  brandingUrl?: string;
}

/** Defaults of the per-item actions (copy is ours; ChatKit has feedback and retry). */
export const DEFAULT_ITEM_ACTIONS = { feedback: true, retry: true, copy: true } as const;
