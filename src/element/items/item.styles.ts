/** Styles of messages and widget items (the rarer item types bring theirs: on-demand.styles.ts). @module */
import { css } from 'lit';

export const itemStyles = css`
  .message {
    display: flex;
    flex-direction: column;
    gap: calc(var(--chatkit-spacing) * 1.5);
    min-inline-size: 0;
  }
  .message.user {
    align-items: flex-end;
  }
  .user .bubble {
    max-inline-size: 85%;
    padding: calc(var(--chatkit-spacing) * 2.5) calc(var(--chatkit-spacing) * 4);
    border-radius: var(--chatkit-radius-lg);
    background: var(--chatkit-user-bubble-background);
    color: var(--chatkit-user-bubble-text);
    overflow-wrap: anywhere;
  }
  .user .text {
    white-space: pre-wrap;
    /* The user's own text sets its direction (dir="auto" for a run). */
    unicode-bidi: plaintext;
  }
  .tag {
    display: inline-block;
    padding: 0 calc(var(--chatkit-spacing) * 1.5);
    margin-inline-end: var(--chatkit-spacing);
    border-radius: var(--chatkit-radius-sm);
    background: var(--chatkit-surface-tertiary);
    /* Body text, not the accent: the accent on this background is below 4.5:1 in the light theme. */
    color: var(--chatkit-text);
    font-weight: 500;
  }
  .tag--interactive {
    border: 0;
    font: inherit;
    font-weight: 500;
    line-height: inherit;
    text-decoration: underline dotted var(--chatkit-accent);
    text-underline-offset: 0.2em;
  }
  .tag--interactive:hover {
    text-decoration-style: solid;
  }
  .quote {
    max-inline-size: 85%;
    margin: 0;
    padding-inline-start: calc(var(--chatkit-spacing) * 3);
    border-inline-start: 3px solid var(--chatkit-border-strong);
    color: var(--chatkit-text-secondary);
    font-size: 0.9em;
    white-space: pre-wrap;
  }
  .attachments {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: calc(var(--chatkit-spacing) * 2);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .attachment {
    display: inline-flex;
    align-items: center;
    gap: var(--chatkit-spacing);
    padding: calc(var(--chatkit-spacing) * 1.5) calc(var(--chatkit-spacing) * 2.5);
    border: 1px solid var(--chatkit-border);
    border-radius: var(--chatkit-radius-sm);
    background: var(--chatkit-surface-secondary);
    font-size: 0.85em;
  }
  .attachment img {
    display: block;
    max-inline-size: 160px;
    max-block-size: 120px;
    border-radius: var(--chatkit-radius-sm);
  }
  .assistant .markdown {
    display: block;
    padding: calc(var(--chatkit-spacing) * 0.5) 0;
    border-radius: var(--chatkit-radius);
    background: var(--chatkit-assistant-bubble-background);
    color: var(--chatkit-assistant-bubble-text);
    overflow-wrap: anywhere;
  }
  chatkit-markdown:not(:defined) {
    white-space: pre-wrap;
  }
  .actions {
    display: flex;
    align-items: center;
    gap: calc(var(--chatkit-spacing) * 0.5);
    margin-inline-start: calc(var(--chatkit-spacing) * -1.5);
  }
  .thanks {
    margin-inline-start: calc(var(--chatkit-spacing) * 2);
    color: var(--chatkit-text-tertiary);
    font-size: 0.85em;
  }
  .widget-item {
    display: flex;
    flex-direction: column;
    gap: calc(var(--chatkit-spacing) * 1.5);
  }
`;
