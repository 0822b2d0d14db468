/**
 * Styles of Button (and the Card footer buttons): variants × tones, sizes, pill, uniform, block, focus,
 * disabled and the `self` loading spinner.
 *
 * @module
 */
import { css } from 'lit';

export const buttonStyles = css`
  .btn {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 6px;
    flex: none;
    height: var(--h);
    padding: 0 var(--px);
    font: inherit;
    font-size: var(--fs);
    font-weight: 500;
    line-height: 1;
    white-space: nowrap;
    border: 1px solid transparent;
    border-radius: var(--chatkit-radius-sm);
    cursor: pointer;
    transition:
      background 0.12s ease,
      border-color 0.12s ease,
      color 0.12s ease;
  }
  .btn.pill {
    border-radius: 9999px;
  }
  .btn.uniform {
    width: var(--h);
    padding: 0;
  }
  .btn.block {
    display: flex;
    /* Full width in a column; in a row, block buttons shrink equally and share it. */
    flex: 1 1 auto;
    width: 100%;
  }
  .btn.variant-solid {
    background: var(--tone);
    color: var(--tone-contrast);
  }
  .btn.variant-solid:hover:not(:disabled) {
    background: color-mix(in srgb, var(--tone) 86%, var(--chatkit-text));
  }
  .btn.variant-soft {
    background: color-mix(in srgb, var(--tone) 12%, transparent);
    color: color-mix(in srgb, var(--tone) 82%, var(--chatkit-text));
  }
  .btn.variant-soft:hover:not(:disabled),
  .btn.variant-ghost:hover:not(:disabled) {
    background: color-mix(in srgb, var(--tone) 18%, transparent);
  }
  .btn.variant-outline {
    background: transparent;
    color: var(--tone);
    border-color: color-mix(in srgb, var(--tone) 40%, transparent);
  }
  .btn.variant-outline:hover:not(:disabled) {
    background: color-mix(in srgb, var(--tone) 8%, transparent);
  }
  .btn.variant-ghost {
    background: transparent;
    color: var(--tone);
  }
  /* Neutral buttons read as text on a quiet surface, not as a grey brand color. */
  .btn.tone-secondary.variant-solid {
    background: var(--chatkit-surface-tertiary);
    color: var(--chatkit-text);
  }
  .btn.tone-secondary.variant-outline {
    color: var(--chatkit-text);
    border-color: var(--chatkit-border);
  }
  .btn.tone-secondary.variant-soft,
  .btn.tone-secondary.variant-ghost {
    color: var(--chatkit-text);
  }
  .btn:disabled {
    opacity: 0.5;
    cursor: not-allowed;
  }
  .btn:focus-visible,
  .field:focus-visible,
  .clear:focus-visible,
  .show-more:focus-visible,
  .card-toggle:focus-visible {
    outline: none;
    box-shadow: var(--chatkit-focus-ring);
  }
  .loading {
    cursor: progress;
  }
  .btn.loading {
    opacity: 0.85;
  }
  .btn.loading::after,
  .list-item-hit.loading::after {
    content: '';
    width: 0.9em;
    height: 0.9em;
    flex: none;
    border: 2px solid currentColor;
    border-right-color: transparent;
    border-radius: 50%;
    animation: ck-spin 0.7s linear infinite;
  }
  @keyframes ck-spin {
    to {
      transform: rotate(360deg);
    }
  }
`;
