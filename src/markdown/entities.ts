/**
 * Character references in markdown text. marked leaves references such as `&copy;` or `&amp;` in its tokens
 * (its HTML renderer relies on the browser's HTML parser to resolve them); we build DOM from the tokens, so
 * we resolve them here, and only into text: the result goes into text nodes and attribute values, never
 * through an HTML parser.
 *
 * Numeric references are resolved as HTML does (zero, surrogates and values past U+10FFFF become U+FFFD).
 * Named references: the Latin-1 and Greek letters and symbols, typographic punctuation and spaces, arrows
 * and the common maths symbols (entity-names.ts); HTML's full table has over 2,000 names and would cost more
 * than the rest of this module, so a rarer name stays as its literal text (`&frac78;`, as HTML shows an
 * unknown name).
 *
 * Only the names a plain answer commonly holds are built in here (`&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`,
 * `&nbsp;`); the table loads with the first other name met. Until it is here such a name stays literal and
 * {@link entityNamesLoading} returns the load, so `<chatkit-markdown>` renders again once it has arrived.
 *
 * @module
 */

/** The names resolved without entity-names.ts. */
const CORE = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
  ['nbsp', '\u00a0'],
]);

let table: ReadonlyMap<string, string> | undefined;
let loading: Promise<void> | undefined;

/**
 * Gives the full name table (entity-names.ts) to {@link decodeEntities}; render.ts does this for its synchronous
 * one-shot renderers.
 */
export function installEntityNames(names: ReadonlyMap<string, string>): void {
  table = names;
}

/** The load of the name table that a name {@link decodeEntities} met started, while it is under way. */
export function entityNamesLoading(): Promise<void> | undefined {
  return table ? undefined : loading;
}

function resolveName(whole: string, name: string): string {
  const known = CORE.get(name) ?? table?.get(name);
  if (known !== undefined || table) return known ?? whole;
  loading ??= import('./entity-names.js').then((m) => installEntityNames(m.names()));
  return whole;
}

/** A reference as marked leaves it in its tokens: `&#123;`, `&#x1F;` or `&name;`. */
const REFERENCE = /&(?:#(\d{1,7})|#[xX]([\dA-Fa-f]{1,6})|(\w+));/g;

/**
 * Resolves character references to the characters they stand for. The result is plain text.
 *
 * @param text - text from a marked token that HTML would have resolved references in.
 */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(REFERENCE, (whole, dec?: string, hex?: string, name?: string) => {
    if (name !== undefined) return resolveName(whole, name);
    const code = dec === undefined ? parseInt(hex!, 16) : parseInt(dec, 10);
    return code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)
      ? '\uFFFD'
      : String.fromCodePoint(code);
  });
}
