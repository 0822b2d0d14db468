/**
 * The check every theme and branding value passes before it is written into a declaration. Its own module so
 * that branding (in the drop-in file) can use it without the theme compiler, which loads on demand.
 *
 * @module
 */

/** Characters that could end a declaration or open a new rule; values containing them are dropped. */
const UNSAFE_VALUE = /[;{}<>\\]|url\s*\(|expression\s*\(|\/\*/i;

/** Whether a value may be written into a declaration (and, in a browser, is a valid color when asked). */
export function isSafeCssValue(value: unknown, kind?: 'color'): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 200 || UNSAFE_VALUE.test(value)) {
    return false;
  }
  if (kind === 'color' && typeof CSS !== 'undefined' && typeof CSS.supports === 'function') {
    return CSS.supports('color', value);
  }
  return true;
}
