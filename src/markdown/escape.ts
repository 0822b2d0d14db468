/**
 * HTML escaping for the few strings the markdown module assembles by hand (escaped raw HTML, citation
 * markers). Escapes all five characters so the result is safe in text and in quoted attribute values.
 *
 * @module
 */

const ESCAPES: Readonly<Record<string, string>> = Object.freeze({
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
});

/**
 * Escapes `& < > " '` so the string renders as literal text, in element content or in a quoted attribute.
 *
 * @param text - untrusted text.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}
