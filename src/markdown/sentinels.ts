/**
 * The part of citations (citations.ts) every rendering needs, with or without annotations: the private-use
 * sentinels that stand for markers in markdown source, their neutralising in server text and their removal where
 * a marker cannot be shown, and the text of a marker. Building groups from annotations, placing sentinels and the
 * sources list are in citations.ts, which `<chatkit-markdown>` loads only for a message that has annotations.
 *
 * @module
 */
import type { Source } from '../protocol/types.js';
import { stripBidiControls } from '../internal/url.js';

export const OPEN = '\uE000';
export const CLOSE = '\uE001';

/**
 * A sentinel as it appears in markdown source or token text; group 1 is the group number. Not frozen:
 * `String.prototype.replace` writes `lastIndex` of a global expression, which throws on a frozen object.
 */
const MARKER_PATTERN = /\uE000(\d{1,4})\uE001/g;

/** Any sentinel character, for neutralising server text and stripping leftovers. */
const SENTINEL_CHARS = /[\uE000\uE001]/g;

/** One inline marker: the annotations that share an `index`. */
export interface CitationGroup {
  /** Character offset (code points) in the message text, as sent. */
  index: number;
  /** 1-based numbers of the group's sources in the message's source list (citations.ts). */
  numbers: number[];
  /** The group's distinct sources. */
  sources: Source[];
}

/**
 * Replaces private-use sentinel characters in server text with U+FFFD (same UTF-16 length).
 *
 * @param text - untrusted message text.
 */
export function neutraliseSentinels(text: string): string {
  return text.replace(SENTINEL_CHARS, '\uFFFD');
}

/**
 * Removes every marker sentinel (used where a marker cannot be shown: code blocks, attribute values).
 *
 * @param text - text that may contain sentinels.
 */
export function stripMarkers(text: string): string {
  return text.replace(MARKER_PATTERN, '').replace(SENTINEL_CHARS, '');
}

/**
 * A sentinel in a URL in any encoding: raw, percent-encoded (`%EE%80%80`, as marked's URL encoding leaves it
 * when an autolinked URL swallows a marker), or percent-encoded again any number of times (`%25EE%2580%2580`).
 */
const URL_MARKER_PATTERN =
  /(?:\uE000|%(?:25)*EE%(?:25)*80%(?:25)*80)\d{1,4}(?:\uE001|%(?:25)*EE%(?:25)*80%(?:25)*81)|[\uE000\uE001]|%(?:25)*EE%(?:25)*80%(?:25)*8[01]/gi;

/**
 * Removes every marker sentinel from a URL, in every encoding (see {@link stripMarkers} for plain text).
 *
 * @param url - an attribute value that holds a URL.
 */
export function stripUrlMarkers(url: string): string {
  return url.replace(URL_MARKER_PATTERN, '');
}

/** Labels a marker needs. */
export interface CitationLabels {
  /** Accessible name prefix, e.g. "Sources". */
  sources: string;
}

/** Text shown for a marker: an entity's `inline_label` when the group is one entity, else the numbers. */
export function markerText(group: CitationGroup): string {
  const first = group.sources[0];
  // Bidi controls are removed from labels and titles: they sit next to links and must read as they are.
  if (group.sources.length === 1 && first?.type === 'entity' && first.inline_label)
    return stripBidiControls(String(first.inline_label));
  return group.numbers.join(',');
}

/** A readable title listing the group's sources. */
export function markerTitle(group: CitationGroup): string {
  return stripBidiControls(
    group.sources.map((s) => s.title || (s.type === 'file' ? s.filename : '')).join('; '),
  );
}

/**
 * Normalises untrusted markdown before lexing: line endings to `\n` (marked does the same, and block offsets
 * must agree with it) and private-use citation sentinels neutralised.
 *
 * @param text - untrusted markdown.
 */
export function normaliseMarkdown(text: string): string {
  return neutraliseSentinels(typeof text === 'string' ? text : '').replace(/\r\n?/g, '\n');
}
