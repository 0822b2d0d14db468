/**
 * The lexer's rules for constructs a typical answer does not contain: raw HTML blocks and inline tags, `<…>`
 * autolinks, link reference definitions and e-mail autolinks; and the DOM of images (dom-image.ts). lexer.ts loads
 * this module the first time its text may hold one of them (a line starting with `<` and a letter, `/`, `!` or
 * `?`; an inline `<` before a character that may start a tag or an autolink; a line starting with `[` with `]:`
 * after it; an `@` close ahead; an image), and until it is here reports the load (`TokensList.wait`) so the
 * incremental renderer shows nothing it would have to take back. render.ts imports it statically for its
 * synchronous renderers.
 *
 * @module
 */
import { autolinkTok, type Links, type Token } from './lexer.js';

export { image } from './dom-image.js';

const HTML_TAGS =
  'address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|meta|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul';
const ATTR = `[ \\t]+[a-zA-Z:_][\\w.:-]*(?:[ \\t]*=[ \\t]*"[^"\\n]*"|[ \\t]*=[ \\t]*'[^'\\n]*'|[ \\t]*=[ \\t]*[^\\s"'=<>\`]+)?`;
/** HTML block starts that may interrupt a paragraph (CommonMark kinds 1 to 6). */
export const HTML_START = new RegExp(
  `^ {0,3}(?:</?(?:${HTML_TAGS})(?:[ \\t]|/?>|$)|<(?:script|pre|style|textarea)(?:[\\s>]|$)|<!--|<\\?|<![A-Za-z]|<!\\[CDATA\\[)`,
  'i',
);
/** Kind 7: a lone complete open or closing tag (cannot interrupt a paragraph). */
export const HTML_START7 = new RegExp(
  `^ {0,3}(?:<(?!(?:script|pre|style|textarea)\\b)[a-z][a-z0-9-]*(?:${ATTR})*?[ \\t]*/?>|</[a-z][a-z0-9-]*\\s*>)[ \\t]*$`,
  'i',
);
const HTML_END: [RegExp, RegExp][] = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?:[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
];
const DEF =
  /^ {0,3}\[((?!\s*\])(?:\\[\s\S]|[^[\]\\])+)\]: *(?:\n[ \t]*)?([^<\s][^\s]*|<(?:\\.|[^\n<>\\])*>)(?:(?: +(?:\n[ \t]*)?| *\n[ \t]*)("(?:\\[\s\S]|[^"\\])*"|'(?:\\[\s\S]|[^'\\\n]|\n(?!\n))*'|\((?:\\[\s\S]|[^()\\])*\)))? *(?:\n|$)/;
const TAG = new RegExp(
  `^(?:<!--(?:-?>|[\\s\\S]*?-->)|</[a-zA-Z][a-zA-Z0-9-]*\\s*>|<[a-zA-Z][a-zA-Z0-9-]*(?:\\s+[a-zA-Z:_][\\w.:-]*(?:\\s*=\\s*"[^"]*"|\\s*=\\s*'[^']*'|\\s*=\\s*[^\\s"'=<>\`]+)?)*?\\s*/?>|<\\?[\\s\\S]*?\\?>|<![a-zA-Z]+\\s[\\s\\S]*?>|<!\\[CDATA\\[[\\s\\S]*?\\]\\]>)`,
);
// Control characters end an autolink, as in CommonMark.
const AUTOLINK =
  // eslint-disable-next-line no-control-regex
  /^<([a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^\s\x00-\x1f<>]*|[a-zA-Z0-9.!#$%&'*+/=?_`{|}~-]+(@)[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+(?![-_]))>/;
const MAILTO = /^(?:mailto|xmpp):[A-Za-z0-9._+-]+@[a-zA-Z0-9-_]+(?:\.[a-zA-Z0-9-_]*[a-zA-Z0-9])+(?![\w-])/;
const EMAIL = /^[A-Za-z0-9._+-]{1,64}@[a-zA-Z0-9-_]+(?:\.[a-zA-Z0-9-_]*[a-zA-Z0-9])+(?![\w-])/;
const EMAIL_AHEAD = /^[A-Za-z0-9.!#$%&'*+/=?_`{|}~-]{1,64}@/;

/** Normalises a reference label (marked's rule). */
const normLabel = (label: string): string =>
  label.trim().replace(/\s+/g, ' ').toLowerCase().toUpperCase().toLowerCase();

const unescape = (s: string): string => s.replace(/\\([\p{P}\p{S}])/gu, '$1');

/** The line after the HTML block starting at line `i` (of `n`). */
export function htmlEnd(lines: string[], i: number, n: number): number {
  const line = lines[i]!;
  const ender = HTML_END.find(([open]) => open.test(line))?.[1];
  if (ender) {
    while (i < n && !ender.test(lines[i]!)) i++;
    return Math.min(i + 1, n);
  }
  while (i < n && !/^[ \t]*$/.test(lines[i]!)) i++;
  return i;
}

/** The link reference definition at the start of `src` (a few lines), with the number of lines it uses. */
export function def(src: string): { used: number; tag: string; href: string; title: string | null } | null {
  const d = DEF.exec(src);
  if (!d) return null;
  return {
    used: d[0].replace(/\n$/, '').split('\n').length,
    tag: normLabel(d[1]!),
    href: unescape(d[2]!.replace(/^<(.*)>$/, '$1')),
    title: d[3] ? unescape(d[3].slice(1, -1)) : null,
  };
}

/** The autolink (`<scheme:…>`, `<local@domain>`) or raw HTML tag at `src[i]` (a `<`), if there is one. */
export function angle(src: string, i: number): Token | null {
  const a = AUTOLINK.exec(src.slice(i, i + 2048));
  if (a) return autolinkTok(a[0], a[1]!, a[2] ? 'mailto:' + a[1] : a[1]!);
  const tag = TAG.exec(src.slice(i));
  return tag && { type: 'html', raw: tag[0], block: false, text: tag[0] };
}

/** Whether an e-mail local part and its `@` start at `src[i]` after `prev`, a character that cannot be in one. */
export const localAhead = (src: string, i: number, prev: string): boolean =>
  !/[A-Za-z0-9.!#$%&'*+/=?_`{|}~-]/.test(prev) && EMAIL_AHEAD.test(src.slice(i, i + 66));

/**
 * The literal `mailto:`/`xmpp:` or e-mail autolink at `src[i]` (where marked finds them: `head` is the next four
 * characters, lowercased; `boundary`: right after a token), if there is one.
 */
export function email(src: string, i: number, head: string, boundary: boolean): Token | null {
  const prev = src[i - 1] ?? ' ';
  const m =
    (head === 'mail' || head === 'xmpp') && !/[a-zA-Z0-9]/.test(prev) && MAILTO.exec(src.slice(i, i + 512));
  if (m) return { ...autolinkTok(m[0], m[0], m[0]), literal: true };
  const e = (boundary || !/[A-Za-z0-9._+-]/.test(prev)) && EMAIL.exec(src.slice(i, i + 512));
  return e ? { ...autolinkTok(e[0], e[0], 'mailto:' + e[0]), literal: true } : null;
}

/** A full (`[text][ref]`), collapsed (`[ref][]`) or shortcut (`[ref]`) reference after `]` at `at`. */
export function refTarget(
  src: string,
  at: number,
  label: string,
  links: Links,
): { href: string; title: string | null; end: number } | null {
  let ref = label;
  let end = at;
  const full = /^\[((?:\\[\s\S]|[^[\]\\]){0,999})\]/.exec(src.slice(at, at + 1024));
  if (full) {
    if (full[1]!.trim()) ref = full[1]!;
    end = at + full[0].length;
  }
  const key = normLabel(ref);
  const def = ref.trim() && Object.hasOwn(links, key) ? links[key] : undefined;
  if (!def || (!full && /^\s*$/.test(label))) return null;
  return { href: def.href ?? '', title: def.title, end };
}
