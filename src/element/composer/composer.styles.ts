/** Styles of `<chatkit-composer>`. @module */
import { css } from 'lit';

export const composerStyles = css`
  :host {
    display: block;
    padding-inline: calc(var(--chatkit-spacing) * 3);
    padding-block: calc(var(--chatkit-spacing) * 2) calc(var(--chatkit-spacing) * 3);
  }
  .composer {
    max-inline-size: 48rem;
    margin-inline: auto;
    display: flex;
    flex-direction: column;
    gap: calc(var(--chatkit-spacing) * 1);
    padding: calc(var(--chatkit-spacing) * 2);
    padding-inline-start: calc(var(--chatkit-spacing) * 3);
    border: 1px solid var(--chatkit-border);
    border-radius: var(--chatkit-radius-lg);
    background: var(--chatkit-surface-elevated);
    box-shadow: var(--chatkit-shadow);
  }
  .composer:focus-within {
    border-color: var(--chatkit-border-strong);
  }
  textarea {
    display: block;
    flex: 1;
    min-inline-size: 0;
    align-self: center;
    min-block-size: calc(var(--chatkit-font-size) * var(--chatkit-line-height));
    margin: 0;
    padding: calc(var(--chatkit-spacing) * 1) 0;
    border: 0;
    outline: none;
    resize: none;
    overflow-y: hidden;
    background: transparent;
    color: var(--chatkit-text);
    font: inherit;
    line-height: var(--chatkit-line-height);
  }
  textarea:focus-visible {
    box-shadow: none;
  }
  textarea::placeholder {
    color: var(--chatkit-text-tertiary);
    /* A narrow composer (360 px with attach, "@", dictation and send) cut a wrapped placeholder to its first
       word; kept on one line it shows as much as fits (with an ellipsis where the browser supports one). */
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  textarea:disabled {
    cursor: not-allowed;
  }
  .row {
    display: flex;
    align-items: flex-end;
    gap: calc(var(--chatkit-spacing) * 2);
  }
  .chip {
    padding: calc(var(--chatkit-spacing) * 1) calc(var(--chatkit-spacing) * 2.5);
    border: 1px solid var(--chatkit-border);
    border-radius: 999px;
    background: transparent;
    color: var(--chatkit-text-secondary);
    font-size: 0.85em;
  }
  .send {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    flex: none;
    inline-size: calc(var(--chatkit-spacing) * 9);
    block-size: calc(var(--chatkit-spacing) * 9);
    border: 0;
    border-radius: 999px;
    background: var(--chatkit-accent);
    color: var(--chatkit-accent-contrast);
    transition:
      background-color 120ms ease,
      opacity 120ms ease;
  }
  .send:hover:not(:disabled) {
    background: var(--chatkit-accent-hover);
  }
  /* The paper plane points along the reading direction. */
  :host(:dir(rtl)) .send svg {
    transform: scaleX(-1);
  }
  .send:disabled {
    opacity: 0.4;
  }
  .attach {
    flex: none;
    position: relative;
    margin-inline-start: calc(var(--chatkit-spacing) * -1);
    cursor: pointer;
  }
  .tray {
    display: flex;
    flex-wrap: wrap;
    gap: var(--chatkit-spacing);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .file {
    display: inline-flex;
    align-items: center;
    gap: var(--chatkit-spacing);
    max-inline-size: 16em;
    color: var(--chatkit-text);
  }
  .file .name {
    overflow: hidden;
    white-space: nowrap;
    text-overflow: ellipsis;
  }
  .remove {
    display: inline-flex;
    padding: 2px;
    border: 0;
    border-radius: 999px;
    background: transparent;
    color: var(--chatkit-text-secondary);
  }
  .composer {
    position: relative;
  }
  .mention-button {
    flex: none;
    font-weight: 600;
  }
  .closed {
    padding: calc(var(--chatkit-spacing) * 3);
    border: 1px solid var(--chatkit-border);
    border-radius: var(--chatkit-radius);
    background: var(--chatkit-surface-secondary);
    color: var(--chatkit-text-secondary);
    text-align: center;
  }
`;
