/**
 * Styles of the item types rendered by render-on-demand.ts (workflows, tasks, client tool calls, generated
 * images, answered questions): they join the thread's shadow root with that code.
 *
 * @internal
 * @module
 */
import { css } from 'lit';

export const onDemandItemStyles = css`
  .workflow {
    border: 1px solid var(--chatkit-border-subtle);
    border-radius: var(--chatkit-radius);
    background: var(--chatkit-surface-secondary);
  }
  .workflow-summary {
    display: flex;
    align-items: center;
    gap: calc(var(--chatkit-spacing) * 2);
    inline-size: 100%;
    padding: calc(var(--chatkit-spacing) * 2.5) calc(var(--chatkit-spacing) * 3);
    border: 0;
    border-radius: var(--chatkit-radius);
    background: transparent;
    color: var(--chatkit-text-secondary);
    text-align: start;
  }
  .workflow-summary .label {
    flex: 1;
    font-weight: 500;
  }
  .tasks {
    display: flex;
    flex-direction: column;
    gap: calc(var(--chatkit-spacing) * 2);
    margin: 0;
    padding: 0 calc(var(--chatkit-spacing) * 3) calc(var(--chatkit-spacing) * 3);
    list-style: none;
  }
  .tasks[hidden] {
    display: none;
  }
  .tasks.standalone {
    padding: 0;
  }
  .task {
    display: flex;
    gap: calc(var(--chatkit-spacing) * 2);
    color: var(--chatkit-text-secondary);
    font-size: 0.92em;
  }
  .task-main {
    flex: 1;
    min-inline-size: 0;
  }
  .task-title {
    color: var(--chatkit-text);
  }
  .indicator {
    display: inline-flex;
    flex: none;
    align-items: center;
    justify-content: center;
    inline-size: 16px;
    block-size: 1.5em;
  }
  .indicator.complete {
    color: var(--chatkit-success);
  }
  .indicator.dot::before {
    content: '';
    inline-size: 6px;
    block-size: 6px;
    border-radius: 50%;
    background: var(--chatkit-border-strong);
  }
  .task-sources {
    margin: var(--chatkit-spacing) 0 0;
    padding-inline-start: calc(var(--chatkit-spacing) * 4);
  }
  .task-sources a {
    color: var(--chatkit-accent);
  }
  .tool-call {
    display: flex;
    align-items: center;
    gap: calc(var(--chatkit-spacing) * 2);
    color: var(--chatkit-text-secondary);
    font-size: 0.9em;
  }
  .tool-call[data-status='completed'] {
    color: var(--chatkit-text-tertiary);
  }
  .generated-image {
    margin: 0;
  }
  .generated-image img {
    display: block;
    max-inline-size: min(100%, 420px);
    border-radius: var(--chatkit-radius);
  }
  .image-placeholder {
    display: flex;
    align-items: center;
    justify-content: center;
    gap: calc(var(--chatkit-spacing) * 2);
    inline-size: min(100%, 320px);
    aspect-ratio: 1;
    border-radius: var(--chatkit-radius);
    background: var(--chatkit-surface-tertiary);
    color: var(--chatkit-text-secondary);
  }
  .image-placeholder.unavailable {
    /* A still note, not a frame waiting for pixels: as tall as its text. */
    justify-content: flex-start;
    aspect-ratio: auto;
    padding: calc(var(--chatkit-spacing) * 3);
    border: 1px dashed var(--chatkit-border-strong);
    background: var(--chatkit-surface-secondary);
    font-size: 0.9em;
  }
  .image-placeholder.unavailable svg {
    flex: none;
  }
  .image-placeholder.unavailable:has(.image-load) {
    flex-wrap: wrap;
  }
  .image-placeholder .image-load {
    max-inline-size: 100%;
    overflow-wrap: anywhere;
    padding: calc(var(--chatkit-spacing) * 1) calc(var(--chatkit-spacing) * 2);
    border: 1px solid var(--chatkit-border-strong);
    border-radius: var(--chatkit-radius-sm);
    background: var(--chatkit-surface);
    color: var(--chatkit-text);
    font: inherit;
    cursor: pointer;
  }
  .image-placeholder .image-load:focus-visible {
    outline: none;
    box-shadow: var(--chatkit-focus-ring);
  }
  .structured-summary {
    display: grid;
    gap: var(--chatkit-spacing) calc(var(--chatkit-spacing) * 3);
    margin: 0;
    padding: calc(var(--chatkit-spacing) * 3);
    border: 1px solid var(--chatkit-border-subtle);
    border-radius: var(--chatkit-radius);
    font-size: 0.92em;
  }
  .structured-summary dt {
    color: var(--chatkit-text-secondary);
  }
  .structured-summary dd {
    margin: 0 0 calc(var(--chatkit-spacing) * 2);
    color: var(--chatkit-text);
  }
  /* Model- and user-written text takes its direction from its content (an English task title in an Arabic UI,
     an Arabic question in an English one), like user bubbles and markdown blocks. */
  .workflow-summary .label,
  .task-title,
  .tool-label,
  .image-placeholder.unavailable,
  .structured-summary dt,
  .structured-summary dd {
    unicode-bidi: plaintext;
  }
  .muted {
    color: var(--chatkit-text-tertiary);
  }
`;
