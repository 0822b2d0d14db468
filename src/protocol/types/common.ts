/**
 * Shared value types of the wire protocol: timestamps, JSON values and icon names (§0, §6.7).
 *
 * @module
 */

/** An ISO-8601 timestamp string in any of the shapes of §0. */
export type Timestamp = string;

/** Any JSON value. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object with unknown members. */
export type JsonObject = Record<string, any>;

// ───────────────────────────── Icons (§6.7) ─────────────────────────────

/** The 64 built-in icon names. */
// prettier-ignore
export const ICON_NAMES = [
  'agent', 'analytics', 'atom', 'batch', 'bolt', 'book-open', 'book-closed', 'book-clock', 'bug', 'calendar',
  'chart', 'check', 'check-circle', 'check-circle-filled', 'chevron-left', 'chevron-right', 'circle-question',
  'clock', 'compass', 'confetti', 'cube', 'desktop', 'document', 'dot', 'dots-horizontal', 'dots-vertical',
  'empty-circle', 'external-link', 'globe', 'keys', 'lab', 'images', 'info', 'lifesaver', 'lightbulb', 'mail',
  'map-pin', 'maps', 'mobile', 'name', 'notebook', 'notebook-pencil', 'page-blank', 'phone', 'play', 'plus',
  'profile', 'profile-card', 'reload', 'star', 'star-filled', 'search', 'sparkle', 'sparkle-double',
  'square-code', 'square-image', 'square-text', 'suitcase', 'settings-slider', 'user', 'wreath', 'write',
  'write-alt', 'write-alt2',
] as const;

/** A built-in icon name, or a `vendor:`/`lucide:` prefixed name. */
export type IconName = (typeof ICON_NAMES)[number] | `vendor:${string}` | `lucide:${string}` | (string & {});
