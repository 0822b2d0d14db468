/**
 * ChatKit's `HeaderIcon` names (`@openai/chatkit` 1.9.0, 46 names): the glyph each one draws and the
 * translated accessible name a header button with that icon gets. Glyphs already in the eager icon set are
 * used by name; the others come from the lazily loaded lucide chunk, so the drop-in bundle does not grow.
 *
 * @internal
 * @module
 */
import type { Strings } from '../../i18n/strings.js';
import { completeEnglish } from '../../i18n/strings-more.js';

// This module shows strings of the on-demand English table (see strings-more.ts).
completeEnglish();

/** The `Strings` keys that name header buttons. */
type LabelKey =
  | 'toggleSidebar'
  | 'collapse'
  | 'expand'
  | 'back'
  | 'forward'
  | 'home'
  | 'favorite'
  | 'reportBug'
  | 'temporaryChat'
  | 'settings'
  | 'apps'
  | 'moreOptions'
  | 'menu'
  | 'history'
  | 'documentation'
  | 'newChat'
  | 'share'
  | 'lightMode'
  | 'darkMode'
  | 'close';

/** Header icon name → [icon name for `icon()`, label key]. */
export const HEADER_ICONS: Readonly<Record<string, readonly [icon: string, label: LabelKey]>> = {
  'sidebar-left': ['lucide:panel-left', 'toggleSidebar'],
  'sidebar-right': ['lucide:panel-right', 'toggleSidebar'],
  'sidebar-open-left': ['lucide:panel-left-open', 'toggleSidebar'],
  'sidebar-open-right': ['lucide:panel-right-open', 'toggleSidebar'],
  'sidebar-open-left-alt': ['lucide:panel-left-dashed', 'toggleSidebar'],
  'sidebar-open-right-alt': ['lucide:panel-right-dashed', 'toggleSidebar'],
  'sidebar-floating-left': ['lucide:layout-panel-left', 'toggleSidebar'],
  'sidebar-floating-right': ['lucide:app-window', 'toggleSidebar'],
  'sidebar-floating-open-left': ['lucide:panel-left-open', 'toggleSidebar'],
  'sidebar-floating-open-right': ['lucide:panel-right-open', 'toggleSidebar'],
  'sidebar-collapse-left': ['lucide:panel-left-close', 'collapse'],
  'sidebar-collapse-right': ['lucide:panel-right-close', 'collapse'],
  'collapse-left': ['lucide:arrow-left-to-line', 'collapse'],
  'collapse-right': ['lucide:arrow-right-to-line', 'collapse'],
  'open-left': ['lucide:arrow-left-from-line', 'expand'],
  'open-right': ['lucide:arrow-right-from-line', 'expand'],
  'double-chevron-left': ['lucide:chevrons-left', 'back'],
  'double-chevron-right': ['lucide:chevrons-right', 'forward'],
  home: ['lucide:house', 'home'],
  'home-alt': ['lucide:house-plus', 'home'],
  'back-small': ['chevron-left', 'back'],
  'back-large': ['lucide:arrow-left', 'back'],
  'expand-large': ['lucide:maximize-2', 'expand'],
  'collapse-large': ['lucide:minimize-2', 'collapse'],
  'expand-small': ['lucide:expand', 'expand'],
  'collapse-small': ['lucide:shrink', 'collapse'],
  star: ['star', 'favorite'],
  'star-filled': ['star-filled', 'favorite'],
  bug: ['bug', 'reportBug'],
  'chat-temporary': ['lucide:message-circle-dashed', 'temporaryChat'],
  'settings-cog': ['lucide:settings', 'settings'],
  grid: ['lucide:layout-grid', 'apps'],
  'dots-horizontal': ['dots-horizontal', 'moreOptions'],
  'dots-vertical': ['dots-vertical', 'moreOptions'],
  'dots-horizontal-circle': ['lucide:circle-ellipsis', 'moreOptions'],
  'dots-vertical-circle': ['lucide:circle-ellipsis', 'moreOptions'],
  menu: ['menu', 'menu'],
  'menu-inverted': ['lucide:text-align-end', 'menu'],
  hamburger: ['menu', 'menu'],
  history: ['history', 'history'],
  'book-open': ['book-open', 'documentation'],
  compose: ['write-alt2', 'newChat'],
  share: ['lucide:share', 'share'],
  'light-mode': ['lucide:sun', 'lightMode'],
  'dark-mode': ['lucide:moon', 'darkMode'],
  close: ['x', 'close'],
};

/** The glyph and accessible name of a header button; unknown names keep their icon name and a generic label. */
export function headerIcon(name: string, strings: Strings): { icon: string; label: string } {
  const entry = Object.hasOwn(HEADER_ICONS, name) ? HEADER_ICONS[name] : undefined;
  if (!entry) return { icon: name, label: strings.moreOptions };
  return { icon: entry[0], label: strings[entry[1]] };
}
