/**
 * Adds style sheets to a component's shadow root after its first render: the styles of parts whose code loads
 * on demand (menus, suggestion lists) come with that code instead of with the element. Constructable
 * stylesheets, so strict-CSP pages accept them like the static styles.
 *
 * @internal
 * @module
 */
import type { CSSResult } from 'lit';

/** Appends `styles` to the host's adopted sheets (once), after its static styles. */
export function adoptMoreStyles(host: object, styles: CSSResult): void {
  const root = (host as { renderRoot?: unknown }).renderRoot;
  const sheet = styles.styleSheet;
  if (!(root instanceof ShadowRoot) || !sheet || root.adoptedStyleSheets.includes(sheet)) return;
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}
