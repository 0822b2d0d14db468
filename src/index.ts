/**
 * The public door of the browser package: the element class, its option and event types, the theme
 * compiler and the token list. Importing this module registers nothing; import `chatkit-chat/define`
 * (src/define.ts) for that.
 *
 * @module
 */
export { ChatkitChat } from './element/chatkit-chat/chatkit-chat.component.js';
export type {
  ChatkitChatOptions,
  ClientToolCall,
  ComposerModel,
  ComposerTool,
  HeaderAction,
  StarterPrompt,
} from './element/chatkit-chat/options.js';
export { CHATKIT_EVENTS, type ChatkitEvent, type ChatkitEventMap, type ChatkitEventName } from './events.js';
export { compileTheme, type FontSource, type ThemeOption } from './theme/theme-option.js';
export { TOKENS, type TokenName } from './theme/tokens.js';
export { SUPPORTED_LANGUAGES, type SupportedLanguage } from './i18n/localize.js';
export type { Strings } from './i18n/strings.js';
