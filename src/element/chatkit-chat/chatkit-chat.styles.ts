/** Styles of the root `<chatkit-chat>`: layout per mode, the launcher button and panel. @module */
import { css } from 'lit';

export const chatStyles = css`
  :host {
    display: block;
    position: relative;
    block-size: 600px;
    font-family: var(--chatkit-font-family);
    font-size: var(--chatkit-font-size);
    line-height: var(--chatkit-line-height);
    color: var(--chatkit-text);
    -webkit-font-smoothing: antialiased;
  }
  :host([hidden]) {
    display: none;
  }
  :host([mode='fullscreen']) {
    position: fixed;
    inset: 0;
    block-size: auto;
    z-index: 2147483000;
  }
  :host([mode='launcher']) {
    position: fixed;
    inset-block-end: calc(var(--chatkit-spacing) * 5);
    inset-inline-end: calc(var(--chatkit-spacing) * 5);
    block-size: auto;
    z-index: 2147483000;
  }
  .panel {
    position: relative;
    display: flex;
    flex-direction: column;
    block-size: 100%;
    overflow: hidden;
    border: 1px solid var(--chatkit-border);
    border-radius: var(--chatkit-radius-lg);
    background: var(--chatkit-surface);
    color: var(--chatkit-text);
  }
  :host([mode='fullscreen']) .panel {
    border: 0;
    border-radius: 0;
  }
  :host([mode='launcher']) .panel {
    position: absolute;
    inset-block-end: calc(100% + var(--chatkit-spacing) * 3);
    inset-inline-end: 0;
    inline-size: min(400px, calc(100vw - var(--chatkit-spacing) * 10));
    block-size: min(640px, calc(100vh - var(--chatkit-spacing) * 30));
    box-shadow: var(--chatkit-shadow);
    transform-origin: bottom right;
    animation: chatkit-pop 160ms ease-out;
  }
  :host([mode='launcher']) .panel[hidden] {
    display: none;
  }
  @keyframes chatkit-pop {
    from {
      opacity: 0;
      transform: translateY(8px) scale(0.98);
    }
  }
  @media (max-width: 600px) {
    :host([mode='launcher']) .panel {
      position: fixed;
      inset: var(--_ck-viewport-top, 0) 0 auto 0;
      inline-size: 100vw;
      block-size: var(--_ck-viewport-height, 100dvh);
      border: 0;
      border-radius: 0;
    }
    :host([mode='launcher'][data-open]) .launcher {
      display: none;
    }
  }
  .main {
    position: relative;
    display: flex;
    flex-direction: column;
    flex: 1;
    min-block-size: 0;
  }
  chatkit-history {
    position: absolute;
    inset-block: 0;
    inset-inline-start: 0;
    z-index: 2;
    inline-size: min(320px, 88%);
    border-inline-end: 1px solid var(--chatkit-border);
    box-shadow: var(--chatkit-shadow);
  }
  .disclaimer {
    padding: 0 calc(var(--chatkit-spacing) * 4) calc(var(--chatkit-spacing) * 2);
    color: var(--chatkit-text-tertiary);
    font-size: 0.8em;
    text-align: center;
  }
  .config-error {
    margin: calc(var(--chatkit-spacing) * 3);
    padding: calc(var(--chatkit-spacing) * 3);
    border: 1px solid var(--chatkit-danger);
    border-radius: var(--chatkit-radius-sm);
    color: var(--chatkit-text);
    background: var(--chatkit-surface-secondary);
    font-size: 0.9em;
  }
  .disclaimer.high-contrast {
    color: var(--chatkit-text-secondary);
  }
  .launcher {
    position: relative;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    inline-size: calc(var(--chatkit-spacing) * 14);
    block-size: calc(var(--chatkit-spacing) * 14);
    border: 0;
    border-radius: 999px;
    background: var(--chatkit-accent);
    color: var(--chatkit-accent-contrast);
    box-shadow: var(--chatkit-shadow);
    transition:
      transform 120ms ease,
      background-color 120ms ease;
  }
  .launcher:hover {
    background: var(--chatkit-accent-hover);
    transform: scale(1.04);
  }
  .badge {
    position: absolute;
    inset-block-start: -2px;
    inset-inline-end: -2px;
    min-inline-size: 20px;
    block-size: 20px;
    padding: 0 5px;
    border: 2px solid var(--chatkit-surface);
    border-radius: 999px;
    background: var(--chatkit-danger);
    color: var(--chatkit-surface);
    font-size: 11px;
    font-weight: 700;
    line-height: 16px;
    text-align: center;
  }
`;
