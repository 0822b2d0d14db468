/**
 * Styles of the composer's suggestion menus ("/" commands, "@" entities): adopted by the composer's shadow root
 * when the list's code loads (composer-suggest.ts), not shipped with the element. @module
 */
import { css } from 'lit';

export const suggestStyles = css`
  .suggest {
    position: absolute;
    inset-inline: 0;
    inset-block-end: calc(100% + var(--chatkit-spacing));
    z-index: 3;
    display: flex;
    flex-direction: column;
    max-block-size: min(20em, 50vh);
    padding: var(--chatkit-spacing);
    border: 1px solid var(--chatkit-border);
    border-radius: var(--chatkit-radius);
    background: var(--chatkit-surface-elevated, var(--chatkit-surface));
    color: var(--chatkit-text);
    box-shadow: var(--chatkit-shadow);
  }
  .suggest-list,
  .suggest-group {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .suggest-list {
    overflow-y: auto;
    overscroll-behavior: contain;
  }
  .suggest-heading,
  .suggest-group-label {
    padding: calc(var(--chatkit-spacing) * 1.5) calc(var(--chatkit-spacing) * 3) var(--chatkit-spacing);
    color: var(--chatkit-text-tertiary);
    font-size: 0.8em;
    font-weight: 600;
  }
  .suggest-option {
    display: flex;
    align-items: flex-start;
    gap: calc(var(--chatkit-spacing) * 2);
    padding: calc(var(--chatkit-spacing) * 2) calc(var(--chatkit-spacing) * 3);
    border-radius: var(--chatkit-radius-sm);
    cursor: pointer;
    text-align: start;
  }
  .suggest-option svg {
    flex: none;
    margin-block-start: 0.15em;
    color: var(--chatkit-text-secondary);
  }
  .suggest-option[aria-selected='true'] {
    background: var(--chatkit-surface-tertiary);
  }
  .suggest-text {
    display: flex;
    flex: 1;
    min-inline-size: 0;
    flex-direction: column;
    gap: 0.1em;
  }
  .suggest-description {
    color: var(--chatkit-text-secondary);
    font-size: 0.88em;
  }
  .suggest-empty {
    margin: 0;
    padding: calc(var(--chatkit-spacing) * 2) calc(var(--chatkit-spacing) * 3);
    color: var(--chatkit-text-secondary);
    font-size: 0.9em;
  }
`;
