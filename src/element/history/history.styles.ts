/** Styles of `<chatkit-history>`. @module */
import { css } from 'lit';

export const historyStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-block-size: 0;
    background: var(--chatkit-surface);
  }
  .history {
    display: flex;
    flex-direction: column;
    gap: calc(var(--chatkit-spacing) * 2);
    flex: 1;
    min-block-size: 0;
    overflow-y: auto;
    padding: calc(var(--chatkit-spacing) * 3);
  }
  .top {
    display: flex;
    align-items: center;
    justify-content: space-between;
  }
  h2 {
    margin: 0;
    font-size: 1em;
    font-weight: 600;
  }
  .new {
    align-self: stretch;
    justify-content: center;
  }
  .list {
    display: flex;
    flex-direction: column;
    gap: 2px;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .row {
    display: flex;
    align-items: center;
    gap: var(--chatkit-spacing);
    border-radius: var(--chatkit-radius-sm);
  }
  .row:hover,
  .row[data-current] {
    background: var(--chatkit-surface-secondary);
  }
  .open {
    display: flex;
    flex-direction: column;
    flex: 1;
    min-inline-size: 0;
    padding: calc(var(--chatkit-spacing) * 2) calc(var(--chatkit-spacing) * 2.5);
    border: 0;
    border-radius: var(--chatkit-radius-sm);
    background: transparent;
    text-align: start;
  }
  .title {
    overflow: hidden;
    white-space: nowrap;
    text-overflow: ellipsis;
    color: var(--chatkit-text);
  }
  .date {
    color: var(--chatkit-text-tertiary);
    font-size: 0.8em;
  }
  .editing form,
  .confirm-actions {
    display: flex;
    gap: var(--chatkit-spacing);
    inline-size: 100%;
    padding: var(--chatkit-spacing);
  }
  .confirming {
    flex-direction: column;
    align-items: stretch;
    padding: calc(var(--chatkit-spacing) * 2);
    background: var(--chatkit-surface-secondary);
  }
  .confirming p {
    margin: 0;
    font-size: 0.9em;
  }
  input {
    flex: 1;
    min-inline-size: 0;
    padding: calc(var(--chatkit-spacing) * 1.5) calc(var(--chatkit-spacing) * 2);
    border: 1px solid var(--chatkit-border-strong);
    border-radius: var(--chatkit-radius-sm);
    background: var(--chatkit-surface);
    color: var(--chatkit-text);
    font: inherit;
  }
  .empty {
    margin: 0;
    padding: calc(var(--chatkit-spacing) * 2);
    color: var(--chatkit-text-tertiary);
    font-size: 0.9em;
  }
  .more {
    align-self: center;
  }
`;
