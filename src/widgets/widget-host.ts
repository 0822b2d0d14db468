/**
 * The contract between `<chatkit-chat>` and the widget renderer (`<chatkit-widget>`). The root element
 * implements {@link WidgetHost} and passes it to every widget; the renderer never talks to the network itself.
 *
 * @module
 */
import type { ActionConfig, WidgetItem } from '../protocol/types.js';
import type { ImageDecision } from '../internal/url.js';
import type { Strings } from '../i18n/strings.js';
import type { WidgetStrings } from './widget-strings.js';

/** Where an action's loading state is shown (§7.3, after resolving `auto` for the binding site). */
export type ResolvedLoadingBehavior = 'self' | 'container' | 'none';

/** An action fired inside a widget, with form values already merged into `payload` (§7.4). */
export interface WidgetActionRequest {
  /** The action with defaults applied (`handler`, `loadingBehavior`, `streaming`) and the merged payload. */
  action: Required<Pick<ActionConfig, 'type' | 'handler' | 'loadingBehavior' | 'streaming'>> & {
    payload: any;
  };
  /** The widget item that fired it (its id is the `item_id` of `threads.custom_action`). */
  item: WidgetItem;
  /** The element that triggered the action (button, list row, select…). */
  source: HTMLElement;
  /** Where the renderer shows the loading state while the returned promise is pending. */
  loading: ResolvedLoadingBehavior;
}

/**
 * What the root element provides to the widget renderer. The renderer re-renders when its `item` or `host`
 * property changes, and when the `data-color-scheme` attribute of the nearest ancestor carrying one changes
 * (so a stable host object with a `colorScheme` getter works).
 */
export interface WidgetHost {
  /**
   * Routes an action: `server` + streaming → `threads.custom_action` (queued behind a running stream),
   * `server` + `streaming: false` → `threads.sync_custom_action`, `client` → the host's `widgets.onAction`
   * callback and a cancelable `chatkit.widget.action` DOM event. Resolves when the action has settled
   * (stream ended / JSON answered / callback returned); rejects on failure (the renderer clears its loading state
   * either way).
   */
  dispatchAction(request: WidgetActionRequest): Promise<void>;
  /** Whether an image URL may be loaded (URL allowlist plus the thread's `allowed_image_domains`). */
  isImageAllowed(url: string): boolean;
  /**
   * How an image loads under the element's policy: directly, through the image proxy, or blocked behind a
   * "Load image from …" button. Optional: absent means {@link isImageAllowed} decides and nothing is proxied.
   */
  resolveImage?(url: string): ImageDecision | null;
  /** The user chose to load this blocked image (the URL of a `blocked` decision); the host remembers it. */
  approveImage?(url: string): void;
  /** The image proxy, passed to `<chatkit-markdown>` inside widgets; `null`/absent = none. */
  imageProxyUrl?: string | null;
  /**
   * The thread's `allowed_image_domains` (§6.5), passed to `<chatkit-markdown>` inside widgets so markdown
   * images follow the same policy as `isImageAllowed`. Optional: absent means the client default.
   */
  allowedImageDomains?: readonly string[] | null;
  /** The resolved color scheme, for `ThemeColor` values and `theme` props. */
  colorScheme: 'light' | 'dark';
  /** BCP 47 locale for dates and numbers. */
  locale: string;
  /**
   * Translations of the renderer's own words (placeholders, popover labels, validation messages, markdown
   * buttons); missing keys fall back to English. `<chatkit-chat>` fills it from its locale table and hands
   * widgets a new host when the language changes. Optional.
   */
  strings?: Partial<WidgetStrings>;
}

/** The renderer's words from the element's string table (`widgetStringsOf`), once handed over. */
let toWidgetStrings: ((strings: Strings) => Readonly<WidgetStrings>) | undefined;

/**
 * Hands over the mapping from the element's string table to the renderer's words: widget-strings.ts does when
 * it is evaluated, which is before any renderer reads a host's `strings` (every reader imports it). So the
 * mapping loads with the widget renderer, not with the drop-in file.
 */
export function provideWidgetStrings(map: (strings: Strings) => Readonly<WidgetStrings>): void {
  toWidgetStrings = map;
}

/** The renderer's words in the language of `strings` for a host's `strings`; `undefined` before the hand-over. */
export function widgetStringsFor(strings: Strings): Readonly<WidgetStrings> | undefined {
  return toWidgetStrings?.(strings);
}
