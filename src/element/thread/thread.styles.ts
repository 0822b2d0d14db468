/** Styles of `<chatkit-thread>`: the scroller, status lines, notices, errors. @module */
import { css } from 'lit';

export const threadStyles = css`
  :host {
    position: relative;
    display: flex;
    flex-direction: column;
    flex: 1;
    min-block-size: 0;
  }
  .scroller {
    flex: 1;
    min-block-size: 0;
    overflow-y: auto;
    overscroll-behavior: contain;
    /* We anchor ourselves (prepend and follow-the-bottom); the browser's anchoring would fight us. */
    overflow-anchor: none;
  }
  .scroller:focus-visible {
    box-shadow: inset 0 0 0 2px var(--chatkit-accent);
  }
  .content {
    display: flex;
    flex-direction: column;
    gap: calc(var(--chatkit-spacing) * 4);
    max-inline-size: 48rem;
    margin-inline: auto;
    padding: calc(var(--chatkit-spacing) * 4);
  }
  .older {
    align-self: center;
    color: var(--chatkit-text-tertiary);
    font-size: 0.85em;
  }
  .progress {
    display: flex;
    align-items: center;
    gap: calc(var(--chatkit-spacing) * 2);
    color: var(--chatkit-text-secondary);
    font-size: 0.9em;
  }
  .typing {
    gap: var(--chatkit-spacing);
    block-size: 1.5em;
  }
  .typing span {
    inline-size: 6px;
    block-size: 6px;
    border-radius: 50%;
    background: var(--chatkit-text-tertiary);
    animation: chatkit-pulse 1.2s ease-in-out infinite;
  }
  .typing span:nth-child(2) {
    animation-delay: 0.15s;
  }
  .typing span:nth-child(3) {
    animation-delay: 0.3s;
  }
  @keyframes chatkit-pulse {
    0%,
    100% {
      opacity: 0.3;
    }
    50% {
      opacity: 1;
    }
  }
  .notice,
  .error {
    display: flex;
    align-items: flex-start;
    gap: calc(var(--chatkit-spacing) * 2);
    padding: calc(var(--chatkit-spacing) * 3);
    border: 1px solid var(--chatkit-border);
    border-inline-start: 3px solid var(--level-color, var(--chatkit-info));
    border-radius: var(--chatkit-radius-sm);
    background: var(--chatkit-surface-secondary);
    color: var(--chatkit-text);
  }
  .notice[data-level='warning'] {
    --level-color: var(--chatkit-warning);
  }
  .notice[data-level='danger'],
  .error {
    --level-color: var(--chatkit-danger);
  }
  .notice-body {
    flex: 1;
  }
  /* Server-written text takes its direction from its content, like markdown blocks. */
  .notice-body strong,
  .error > span,
  .progress-text {
    unicode-bidi: plaintext;
  }
  .error {
    align-items: center;
  }
  .error > span {
    flex: 1;
  }
  .jump {
    position: absolute;
    inset-block-end: calc(var(--chatkit-spacing) * 3);
    inset-inline-start: 50%;
    transform: translateX(-50%);
    border: 1px solid var(--chatkit-border);
    border-radius: 999px;
    background: var(--chatkit-surface-elevated);
    box-shadow: var(--chatkit-shadow);
  }
  :host(:dir(rtl)) .jump {
    transform: translateX(50%);
  }
`;
