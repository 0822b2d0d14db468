/**
 * Styles every internal element adopts: box sizing, the icon button, visible focus through
 * `--chatkit-focus-ring`, the visually hidden helper, and reduced motion. Colors come from tokens only. Also
 * {@link adoptMoreStyles}, for the styles of parts whose code loads on demand.
 *
 * @module
 */
import { css, type CSSResult } from 'lit';

/**
 * Appends `styles` to a component's adopted sheets (once), after its static styles: the styles of parts whose
 * code loads on demand (menus, suggestion lists) come with that code instead of with the element.
 * Constructable sheets, so strict-CSP pages accept them like the static styles. Lives here, in the drop-in
 * file, so the lazy chunks share it without a chunk of its own.
 */
export function adoptMoreStyles(host: object, styles: CSSResult): void {
  const root = (host as { renderRoot?: unknown }).renderRoot;
  const sheet = styles.styleSheet;
  if (!(root instanceof ShadowRoot) || !sheet || root.adoptedStyleSheets.includes(sheet)) return;
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}

export const sharedStyles = css`
  :host {
    box-sizing: border-box;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  button {
    font: inherit;
    color: inherit;
    cursor: pointer;
  }
  button:disabled {
    cursor: default;
  }
  :focus-visible {
    outline: none;
    box-shadow: var(--chatkit-focus-ring);
  }
  .icon-button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    inline-size: calc(var(--chatkit-spacing) * 8);
    block-size: calc(var(--chatkit-spacing) * 8);
    padding: 0;
    border: 0;
    border-radius: var(--chatkit-radius-sm);
    background: transparent;
    color: var(--chatkit-text-secondary);
    transition: background-color 120ms ease;
  }
  .icon-button:hover:not(:disabled) {
    background: var(--chatkit-surface-tertiary);
    color: var(--chatkit-text);
  }
  .icon-button[aria-pressed='true'] {
    color: var(--chatkit-accent);
  }
  .text-button {
    display: inline-flex;
    align-items: center;
    gap: calc(var(--chatkit-spacing) * 1.5);
    padding: calc(var(--chatkit-spacing) * 1.5) calc(var(--chatkit-spacing) * 3);
    border: 1px solid var(--chatkit-border);
    border-radius: var(--chatkit-radius-sm);
    background: var(--chatkit-surface);
    color: var(--chatkit-text);
    font-size: 0.9em;
  }
  .text-button:hover:not(:disabled) {
    background: var(--chatkit-surface-secondary);
  }
  .text-button.primary {
    background: var(--chatkit-accent);
    border-color: var(--chatkit-accent);
    color: var(--chatkit-accent-contrast);
  }
  .text-button.primary:hover:not(:disabled) {
    background: var(--chatkit-accent-hover);
  }
  .text-button.danger {
    background: var(--chatkit-danger);
    border-color: var(--chatkit-danger);
    color: var(--chatkit-surface);
  }
  .sr-only {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  .spin {
    animation: chatkit-spin 1s linear infinite;
  }
  @keyframes chatkit-spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation-duration: 0.001ms !important;
      animation-iteration-count: 1 !important;
      transition-duration: 0.001ms !important;
      scroll-behavior: auto !important;
    }
  }
`;
