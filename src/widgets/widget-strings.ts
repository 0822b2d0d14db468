/**
 * The words the widget renderer itself shows (everything else comes from the server's widget tree). English
 * defaults; `<chatkit-chat>` passes the translations of its locale through {@link WidgetHost.strings}
 * ({@link widgetStringsOf} maps its locale table onto these keys).
 *
 * @module
 */
import { en, type Strings } from '../i18n/strings.js';
import { provideWidgetStrings } from './widget-host.js';

/** Renderer strings. */
export interface WidgetStrings {
  /** ListView button that reveals the rows beyond `limit`. */
  showMore: string;
  /** Select placeholder when the widget gives none. */
  selectPlaceholder: string;
  /** Search box of a searchable Select (placeholder and accessible name). */
  searchOptions: string;
  /** A searchable Select whose filter matches no option. */
  noOptions: string;
  /** Clear button of clearable Select/DatePicker. */
  clear: string;
  /** A required Select left empty (validation message). */
  selectRequired: string;
  /** DatePicker placeholder when the widget gives none, and the calendar dialog's name. */
  chooseDate: string;
  /** Calendar navigation buttons. */
  previousMonth: string;
  nextMonth: string;
  /** A required DatePicker left empty (validation message). */
  dateRequired: string;
  /** A DatePicker value outside `min`/`max` (validation message). */
  dateOutOfRange: string;
  /** Form validation of native fields: an empty required field, a pattern mismatch, any other invalid value. */
  fieldRequired: string;
  fieldPattern: string;
  fieldInvalid: string;
  /** Toggle of a collapsed Card: expand / collapse. */
  showDetails: string;
  hideDetails: string;
  /** Accessible name of an image the policy did not allow. */
  imageBlocked: string;
  /** Button of an image the policy did not allow, which loads it on click; `{host}` is the image's host. */
  loadImage: string;
  /** Fallback box for an unknown component type; `{type}` is replaced by the type name. */
  unsupported: string;
  /** Markdown inside widgets: a code block's copy button, its confirmation, the sources list title. */
  copyCode: string;
  copied: string;
  sources: string;
  /** Markdown inside widgets: note under text that went past the renderer's limits. */
  truncated: string;
}

/** Renderer keys that have the same name in the element's string table. */
const SHARED_KEYS = [
  'showMore',
  'selectPlaceholder',
  'searchOptions',
  'noOptions',
  'clear',
  'selectRequired',
  'chooseDate',
  'previousMonth',
  'nextMonth',
  'dateRequired',
  'dateOutOfRange',
  'fieldRequired',
  'fieldPattern',
  'fieldInvalid',
  'showDetails',
  'hideDetails',
  'copyCode',
  'copied',
  'sources',
] as const satisfies readonly (keyof WidgetStrings & keyof Strings)[];

const cache = new WeakMap<Strings, Readonly<WidgetStrings>>();

/** The widget renderer's strings taken from the element's locale table (one object per table). */
export function widgetStringsOf(strings: Strings): Readonly<WidgetStrings> {
  let out = cache.get(strings);
  if (!out) {
    out = Object.freeze({
      ...(Object.fromEntries(SHARED_KEYS.map((key) => [key, strings[key]])) as Pick<
        WidgetStrings,
        (typeof SHARED_KEYS)[number]
      >),
      imageBlocked: strings.widgetImageBlocked,
      loadImage: strings.loadImageFrom('{host}'),
      unsupported: strings.unsupportedWidget('{type}'),
      truncated: strings.markdownTruncated,
    });
    cache.set(strings, out);
  }
  return out;
}

/**
 * The English strings: the element's English table, so the words are written once (the widget chunk shares
 * them with the drop-in file instead of carrying a copy).
 */
export const DEFAULT_WIDGET_STRINGS: Readonly<WidgetStrings> = widgetStringsOf(en);

// The element's widget host translates through this module once a renderer has loaded it (widget-host.ts).
provideWidgetStrings(widgetStringsOf);
