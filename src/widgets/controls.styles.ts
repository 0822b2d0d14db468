/**
 * Styles of the widget controls: tones shared by Button and Badge, button variants and sizes, text fields,
 * checkboxes, radios, validation messages and loading states.
 *
 * @module
 */
import { css } from 'lit';

export const controlStyles = css`
  .tone-primary {
    --tone: var(--chatkit-accent);
    --tone-contrast: var(--chatkit-accent-contrast);
  }
  .tone-secondary {
    --tone: var(--chatkit-text-secondary);
    --tone-contrast: var(--chatkit-widget-surface);
  }
  .tone-info {
    --tone: var(--chatkit-info);
    --tone-contrast: var(--chatkit-widget-surface);
  }
  .tone-discovery {
    --tone: var(--chatkit-discovery);
    --tone-contrast: var(--chatkit-widget-surface);
  }
  .tone-success {
    --tone: var(--chatkit-success);
    --tone-contrast: var(--chatkit-widget-surface);
  }
  .tone-caution,
  .tone-warning {
    --tone: var(--chatkit-warning);
    --tone-contrast: var(--chatkit-widget-surface);
  }
  .tone-danger {
    --tone: var(--chatkit-danger);
    --tone-contrast: var(--chatkit-widget-surface);
  }

  .size-3xs {
    --h: 22px;
    --fs: 12px;
    --px: 6px;
  }
  .size-2xs {
    --h: 24px;
    --fs: 12px;
    --px: 8px;
  }
  .size-xs {
    --h: 26px;
    --fs: 12px;
    --px: 8px;
  }
  .size-sm {
    --h: 30px;
    --fs: 13px;
    --px: 10px;
  }
  .size-md {
    --h: 36px;
    --fs: 14px;
    --px: 12px;
  }
  .size-lg {
    --h: 40px;
    --fs: 15px;
    --px: 14px;
  }
  .size-xl {
    --h: 44px;
    --fs: 16px;
    --px: 16px;
  }
  .size-2xl {
    --h: 48px;
    --fs: 17px;
    --px: 18px;
  }
  .size-3xl {
    --h: 56px;
    --fs: 18px;
    --px: 20px;
  }

  .control {
    display: inline-flex;
    flex-direction: column;
    gap: 4px;
    min-width: 0;
  }
  .control.block {
    display: flex;
  }
  .field-error {
    font-size: 12px;
    color: var(--chatkit-danger);
  }
  .field-error:empty {
    display: none;
  }
  .field {
    width: 100%;
    min-width: 0;
    height: var(--h);
    padding: 0 var(--px);
    font: inherit;
    font-size: var(--fs);
    color: var(--chatkit-text);
    background: var(--chatkit-widget-surface);
    border: 1px solid var(--chatkit-border);
    border-radius: var(--chatkit-radius-sm);
    transition: border-color 0.12s ease;
  }
  .field::placeholder {
    color: var(--chatkit-text-tertiary);
  }
  .field:hover:not(:disabled) {
    border-color: var(--chatkit-border-strong);
  }
  .field.variant-soft,
  .field.variant-solid {
    background: var(--chatkit-surface-secondary);
    border-color: transparent;
  }
  .field.variant-ghost {
    background: transparent;
    border-color: transparent;
  }
  .field.pill {
    border-radius: 9999px;
  }
  .field:disabled {
    opacity: 0.55;
  }
  .field[aria-invalid='true'],
  .radio-group[aria-invalid='true'] {
    border-color: var(--chatkit-danger);
  }
  .field.gutter-2xs {
    --px: 4px;
  }
  .field.gutter-xs {
    --px: 6px;
  }
  .field.gutter-sm {
    --px: 8px;
  }
  .field.gutter-md {
    --px: 12px;
  }
  .field.gutter-lg {
    --px: 16px;
  }
  .field.gutter-xl {
    --px: 20px;
  }
  .textarea {
    height: auto;
    padding: calc(var(--px) * 0.7) var(--px);
    line-height: 1.45;
    resize: vertical;
  }
  .textarea[data-autoresize] {
    resize: none;
    overflow-y: auto;
  }
  .text-editable {
    display: flex;
    flex-direction: column;
    gap: 4px;
  }
  .text.editable {
    font: inherit;
    color: inherit;
    width: 100%;
    margin: 0 -6px;
    padding: 2px 6px;
    border: 1px solid transparent;
    border-radius: 6px;
    background: transparent;
  }
  .text.editable:hover {
    border-color: var(--chatkit-border);
  }
  .text.editable:focus-visible {
    outline: none;
    border-color: var(--chatkit-accent);
  }
  .check {
    display: inline-flex;
    align-items: center;
    gap: 8px;
    font-size: 14px;
    cursor: pointer;
  }
  .check input {
    width: 16px;
    height: 16px;
    margin: 0;
    accent-color: var(--chatkit-accent);
  }
  .check:has(input:disabled) {
    opacity: 0.5;
    cursor: not-allowed;
  }
  .radio-group {
    display: flex;
    gap: 8px 16px;
    border: 1px solid transparent;
    border-radius: var(--chatkit-radius-sm);
  }
  .radio-group.dir-col {
    flex-direction: column;
  }
  .radio-group.dir-row {
    flex-wrap: wrap;
  }
`;
