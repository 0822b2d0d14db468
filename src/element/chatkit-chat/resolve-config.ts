/**
 * Merges options, attributes and branding into the configuration the sub-elements read. Precedence: an
 * option set through `setOptions` wins over the attribute, which wins over branding, which wins over the
 * built-in default.
 *
 * @internal
 * @module
 */
import type { ResolvedConfig } from '../../context/chat-context.js';
import type { Branding } from './branding.js';
import { DEFAULT_ITEM_ACTIONS, type ChatkitChatOptions } from './options.js';

/** The attributes that feed the configuration. */
export interface ConfigAttributes {
  greeting: string | null;
  placeholder: string | null;
  mode: ResolvedConfig['mode'];
}

/** Resolves the configuration. */
export function resolveConfig(
  o: ChatkitChatOptions,
  attrs: ConfigAttributes,
  b: Branding,
  configError: string | null = null,
): ResolvedConfig {
  return {
    headerEnabled: o.header?.enabled ?? true,
    headerTitle: o.header?.title?.text ?? null,
    showTitle: o.header?.title?.enabled ?? true,
    leftAction: o.header?.leftAction,
    rightAction: o.header?.rightAction,
    historyEnabled: o.history?.enabled ?? true,
    showDelete: o.history?.showDelete ?? true,
    showRename: o.history?.showRename ?? true,
    greeting: o.startScreen?.greeting ?? attrs.greeting ?? b.greeting ?? null,
    prompts: o.startScreen?.prompts ?? b.prompts ?? [],
    placeholder: o.composer?.placeholder ?? attrs.placeholder ?? null,
    tools: o.composer?.tools ?? [],
    attachments: { enabled: false, ...o.composer?.attachments },
    models: o.composer?.models ?? [],
    dictation: o.composer?.dictation?.enabled === true,
    itemActions: { ...DEFAULT_ITEM_ACTIONS, ...o.threadItemActions },
    // Deliberately on by default (ChatKit: off): a reader at the bottom keeps seeing the answer grow.
    autoScroll: o.thread?.autoScroll ?? true,
    frameTitle: o.frameTitle ?? null,
    configError,
    disclaimer: o.disclaimer ?? null,
    onTagSearch: o.entities?.onTagSearch,
    commands: o.commands?.enabled ? o.commands : null,
    showEntityMenu: !!(o.entities?.showComposerMenu && o.entities.onTagSearch),
    entityActions: !!(o.entities?.onClick || o.entities?.onRequestPreview),
    brandName: b.name ?? null,
    brandTagline: b.tagline ?? null,
    logoUrl: b.logoUrl ?? null,
    mode: o.mode ?? attrs.mode,
  };
}
