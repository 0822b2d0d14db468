/**
 * Styles of the composer's tool chips and its Tools and model menus: adopted by the composer's shadow root
 * when their code loads (composer-menu.ts), not shipped with the element. @module
 */
import { css } from 'lit';

export const menuStyles = css`
  .pickers {
    display: flex;
    flex-wrap: wrap;
    gap: var(--chatkit-spacing);
  }
  .pickers .chip {
    display: inline-flex;
    align-items: center;
    gap: var(--chatkit-spacing);
  }
  .pickers .spacer {
    flex: 1;
  }
  /* The model picker stays at the inline end, also when a narrow composer wraps it onto a row of its own. */
  .pickers .spacer + .menu-anchor {
    margin-inline-start: auto;
  }
  .chip[aria-pressed='true'] {
    border-color: var(--chatkit-accent);
    color: var(--chatkit-accent);
  }
  .menu-anchor {
    position: relative;
  }
  .chip[aria-expanded='true'] {
    background: var(--chatkit-surface-secondary);
    color: var(--chatkit-text);
  }
  .menu {
    position: absolute;
    inset-block-end: calc(100% + var(--chatkit-spacing));
    inset-inline-start: 0;
    z-index: 3;
    display: flex;
    flex-direction: column;
    min-inline-size: 14em;
    max-inline-size: min(22em, 80vw);
    max-block-size: 18em;
    overflow: auto;
    padding: var(--chatkit-spacing);
    border: 1px solid var(--chatkit-border);
    border-radius: var(--chatkit-radius);
    background: var(--chatkit-surface-elevated, var(--chatkit-surface));
    box-shadow: var(--chatkit-shadow);
  }
  .pickers .spacer + .menu-anchor .menu {
    inset-inline-start: auto;
    inset-inline-end: 0;
  }
  .menu-item {
    display: flex;
    align-items: flex-start;
    gap: calc(var(--chatkit-spacing) * 2);
    padding: calc(var(--chatkit-spacing) * 1.5) calc(var(--chatkit-spacing) * 2);
    border: 0;
    border-radius: var(--chatkit-radius-sm);
    background: transparent;
    color: var(--chatkit-text);
    font: inherit;
    font-size: 0.9em;
    text-align: start;
  }
  .menu-item svg {
    flex: none;
    margin-block-start: 0.15em;
  }
  .menu-item:hover:not(:disabled),
  .menu-item:focus-visible {
    background: var(--chatkit-surface-secondary);
    outline: none;
  }
  .menu-item:disabled {
    opacity: 0.5;
  }
  .menu-text {
    display: flex;
    flex: 1;
    flex-direction: column;
    gap: 0.1em;
  }
  .menu-description {
    color: var(--chatkit-text-secondary);
    font-size: 0.88em;
  }
  .menu-check {
    flex: none;
    inline-size: 14px;
    color: var(--chatkit-accent);
  }
`;
