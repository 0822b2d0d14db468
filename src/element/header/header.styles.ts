/** Styles of `<chatkit-header>`. @module */
import { css } from 'lit';

export const headerStyles = css`
  :host {
    display: block;
  }
  header {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: calc(var(--chatkit-spacing) * 2);
    min-block-size: calc(var(--chatkit-spacing) * 13);
    padding-block: calc(var(--chatkit-spacing) * 2);
    padding-inline: calc(var(--chatkit-spacing) * 3);
    border-block-end: 1px solid var(--chatkit-border-subtle);
    background: var(--chatkit-surface);
  }
  .start,
  .end {
    display: flex;
    align-items: center;
    gap: var(--chatkit-spacing);
    min-inline-size: 0;
  }
  .titles {
    display: flex;
    flex-direction: column;
    min-inline-size: 0;
    margin-inline-start: var(--chatkit-spacing);
  }
  .tagline {
    margin: 0;
    font-size: 0.8125em;
    color: var(--chatkit-text-secondary);
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .title {
    margin: 0;
    font-size: 1em;
    font-weight: 600;
    color: var(--chatkit-text);
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .logo {
    inline-size: calc(var(--chatkit-spacing) * 6);
    block-size: calc(var(--chatkit-spacing) * 6);
    border-radius: var(--chatkit-radius-sm);
    object-fit: cover;
  }
  /* The launcher button closes the panel on wide screens; on narrow ones the full-screen panel hides it, so
     the header's own close button takes over (one "Close chat" control at a time). */
  @media (min-width: 601px) {
    .close {
      display: none;
    }
  }
`;
