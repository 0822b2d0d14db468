/**
 * HTML's named character references that src/markdown/entities.ts resolves beyond the common few: Latin-1 and
 * Greek letters and symbols, typographic punctuation and spaces, arrows and the common maths symbols. Loaded on
 * the first name a message uses that entities.ts does not know by itself (and statically by the one-shot
 * renderers of render.ts, which are synchronous).
 *
 * @module
 */

/** Latin-1 names, U+00A0 to U+00FF in order. */
const LATIN1 =
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 ' +
  'acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml ' +
  'Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde ' +
  'Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ' +
  'ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide ' +
  'oslash ugrave uacute ucirc uuml yacute thorn yuml';

/** Greek letters from U+0391 (`_` marks the unassigned U+03A2) and from U+03B1. */
const GREEK =
  'Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa Lambda Mu Nu Xi Omicron Pi Rho _ Sigma Tau Upsilon Phi Chi Psi Omega';

/** Other names as `name:hex` pairs: typographic punctuation, spaces, arrows, common maths symbols. */
const OTHER =
  'quot:22 amp:26 apos:27 lt:3c gt:3e ensp:2002 emsp:2003 thinsp:2009 zwnj:200c zwj:200d lrm:200e rlm:200f ' +
  'ndash:2013 mdash:2014 lsquo:2018 rsquo:2019 sbquo:201a ldquo:201c rdquo:201d bdquo:201e dagger:2020 ' +
  'Dagger:2021 bull:2022 hellip:2026 permil:2030 prime:2032 Prime:2033 lsaquo:2039 rsaquo:203a euro:20ac ' +
  'trade:2122 larr:2190 uarr:2191 rarr:2192 darr:2193 harr:2194 lArr:21d0 uArr:21d1 rArr:21d2 dArr:21d3 ' +
  'hArr:21d4 sum:2211 minus:2212 radic:221a infin:221e asymp:2248 ne:2260 equiv:2261 le:2264 ge:2265 ' +
  'sdot:22c5 check:2713 sigmaf:3c2';

let table: Map<string, string> | undefined;

/** The name → character table, built on first use. */
export function names(): ReadonlyMap<string, string> {
  if (table) return table;
  const map = new Map<string, string>();
  LATIN1.split(' ').forEach((name, i) => map.set(name, String.fromCharCode(0xa0 + i)));
  GREEK.split(' ').forEach((name, i) => {
    if (name === '_') return;
    map.set(name, String.fromCharCode(0x391 + i));
    map.set(name.toLowerCase(), String.fromCharCode(0x3b1 + i));
  });
  for (const pair of OTHER.split(' ')) {
    const [name, hex] = pair.split(':') as [string, string];
    map.set(name, String.fromCharCode(parseInt(hex, 16)));
  }
  return (table = map);
}
