/**
 * The few words the widget renderer itself shows (everything else comes from the server's widget tree).
 * English defaults; the root element may pass translations through {@link WidgetHost.strings}.
 *
 * @module
 */

/** Renderer strings. */
export interface WidgetStrings {
  /** ListView button that reveals the rows beyond `limit`. */
  showMore: string;
  /** Select placeholder when the widget gives none. */
  selectPlaceholder: string;
  /** Search box of a searchable Select (placeholder and accessible name). */
  searchOptions: string;
  /** Clear button of clearable Select/DatePicker. */
  clear: string;
  /** Toggle of a collapsed Card: expand / collapse. */
  showDetails: string;
  hideDetails: string;
  /** Accessible name of an image the policy did not allow. */
  imageBlocked: string;
  /** Button of an image the policy did not allow, which loads it on click; `{host}` is the image's host. */
  loadImage: string;
  /** Fallback box for an unknown component type; `{type}` is replaced by the type name. */
  unsupported: string;
}

/** The English strings. */
export const DEFAULT_WIDGET_STRINGS: Readonly<WidgetStrings> = Object.freeze({
  showMore: 'Show more',
  selectPlaceholder: 'Select…',
  searchOptions: 'Search…',
  clear: 'Clear',
  showDetails: 'Show details',
  hideDetails: 'Hide details',
  imageBlocked: 'Image not shown',
  loadImage: 'Load image from {host}',
  unsupported: 'Unsupported widget component: {type}',
});
