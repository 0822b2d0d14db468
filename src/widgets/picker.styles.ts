/**
 * Styles of `<chatkit-widget-select>` and `<chatkit-widget-date-picker>`: the trigger (a `.field`, so it
 * matches the other controls), the clear button and the popover (listbox or calendar). Logical properties
 * throughout, so RTL mirrors without extra rules.
 *
 * @module
 */
import { css } from 'lit';
import { controlStyles } from './controls.styles.js';

const pickerBase = css`
  :host {
    display: inline-flex;
    min-width: 0;
    max-width: 100%;
    vertical-align: middle;
  }
  :host([block]) {
    display: flex;
  }
  * {
    box-sizing: border-box;
  }
  .row {
    position: relative;
    display: flex;
    align-items: center;
    flex: 1;
    min-width: 0;
  }
  .trigger {
    display: flex;
    align-items: center;
    gap: 8px;
    min-width: 10em;
    padding-inline-end: calc(var(--px) + 4px);
    text-align: start;
    cursor: pointer;
    user-select: none;
  }
  /* Room for the clear button, which sits between the value and the icon. */
  .trigger.has-clear .chevron {
    margin-inline-start: 24px;
  }
  .trigger:focus-visible,
  .clear:focus-visible,
  .nav:focus-visible,
  .search input:focus-visible {
    outline: none;
    box-shadow: var(--chatkit-focus-ring);
  }
  .trigger[aria-disabled='true'] {
    opacity: 0.55;
    cursor: not-allowed;
  }
  :host([aria-invalid='true']) .trigger {
    border-color: var(--chatkit-danger);
  }
  .value {
    flex: 1;
    min-width: 0;
    overflow: hidden;
    white-space: nowrap;
    text-overflow: ellipsis;
  }
  .placeholder {
    color: var(--chatkit-text-tertiary);
  }
  .chevron {
    display: inline-flex;
    color: var(--chatkit-text-secondary);
    flex: none;
  }
  .clear {
    position: absolute;
    /* Just before the chevron/calendar icon, which ends at the trigger's end padding. */
    inset-inline-end: calc(var(--px, 12px) + 26px);
    inset-inline-start: auto;
    display: inline-flex;
    padding: 3px;
    border: 0;
    border-radius: 50%;
    background: transparent;
    color: var(--chatkit-text-tertiary);
    cursor: pointer;
  }
  .clear:hover {
    color: var(--chatkit-text);
    background: var(--chatkit-surface-tertiary);
  }
  .popup {
    position: fixed;
    inset: auto;
    margin: 0;
    padding: 4px;
    min-width: var(--anchor-width, 12em);
    max-width: min(360px, calc(100vw - 16px));
    border: 1px solid var(--chatkit-border);
    border-radius: var(--chatkit-radius-md, 10px);
    background: var(--chatkit-widget-surface, var(--chatkit-surface));
    color: var(--chatkit-text);
    font-family: var(--chatkit-font-family);
    font-size: 14px;
    line-height: 1.4;
    box-shadow:
      0 8px 24px color-mix(in srgb, var(--chatkit-text) 14%, transparent),
      0 1px 3px color-mix(in srgb, var(--chatkit-text) 10%, transparent);
    overflow: hidden;
  }
  .popup:not(:popover-open):not([data-open]) {
    display: none;
  }
  @media (prefers-reduced-motion: no-preference) {
    .popup:popover-open {
      animation: ck-pop 0.12s ease-out;
    }
  }
  @keyframes ck-pop {
    from {
      opacity: 0;
      transform: scale(0.98);
    }
  }
`;

const selectPopup = css`
  .search {
    display: flex;
    align-items: center;
    gap: 6px;
    padding: 4px 8px 6px;
    margin-block-end: 4px;
    border-block-end: 1px solid var(--chatkit-border);
    color: var(--chatkit-text-tertiary);
  }
  .search input {
    flex: 1;
    min-width: 0;
    height: 28px;
    padding: 0 4px;
    border: 0;
    border-radius: var(--chatkit-radius-sm);
    background: transparent;
    color: var(--chatkit-text);
    font: inherit;
  }
  .search input::placeholder {
    color: var(--chatkit-text-tertiary);
  }
  [role='listbox'] {
    max-height: 280px;
    overflow-y: auto;
    overscroll-behavior: contain;
  }
  .option {
    display: flex;
    align-items: flex-start;
    gap: 8px;
    padding: 6px 8px;
    border-radius: var(--chatkit-radius-sm);
    cursor: pointer;
  }
  .option.active {
    background: var(--chatkit-surface-secondary);
  }
  .option[aria-disabled='true'] {
    opacity: 0.5;
    cursor: not-allowed;
  }
  .option .check {
    display: inline-flex;
    width: 16px;
    flex: none;
    padding-block-start: 2px;
    color: var(--chatkit-accent);
  }
  .option .text {
    display: flex;
    flex-direction: column;
    min-width: 0;
  }
  .option .description {
    font-size: 12px;
    color: var(--chatkit-text-secondary);
  }
  .empty {
    padding: 8px;
    color: var(--chatkit-text-secondary);
  }
`;

const calendar = css`
  .popup.calendar {
    min-width: 0;
    padding: 10px;
  }
  .cal-head {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 8px;
    margin-block-end: 6px;
  }
  .cal-title {
    margin: 0;
    font-size: 14px;
    font-weight: 600;
  }
  .nav {
    display: inline-flex;
    padding: 4px;
    border: 0;
    border-radius: var(--chatkit-radius-sm);
    background: transparent;
    color: var(--chatkit-text-secondary);
    cursor: pointer;
  }
  .nav:hover:not(:disabled) {
    background: var(--chatkit-surface-secondary);
    color: var(--chatkit-text);
  }
  .nav:disabled {
    opacity: 0.35;
    cursor: default;
  }
  :host(:dir(rtl)) .nav svg {
    transform: scaleX(-1);
  }
  table {
    border-collapse: separate;
    border-spacing: 2px;
  }
  th {
    padding: 2px 0 4px;
    font-size: 12px;
    font-weight: 500;
    color: var(--chatkit-text-tertiary);
  }
  td {
    width: 32px;
    height: 32px;
    padding: 0;
    text-align: center;
    vertical-align: middle;
    border-radius: var(--chatkit-radius-sm);
    font-variant-numeric: tabular-nums;
  }
  .day {
    cursor: pointer;
  }
  .day:hover:not([aria-disabled='true']) {
    background: var(--chatkit-surface-secondary);
  }
  .day:focus-visible {
    outline: none;
    box-shadow: var(--chatkit-focus-ring);
  }
  .day[aria-current='date'] {
    font-weight: 700;
    color: var(--chatkit-accent);
  }
  .day[aria-selected='true'] {
    background: var(--chatkit-accent);
    color: var(--chatkit-accent-contrast);
  }
  .day[aria-disabled='true'] {
    opacity: 0.35;
    cursor: not-allowed;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;

/** Styles of the widget Select. */
export const selectStyles = [controlStyles, pickerBase, selectPopup];
/** Styles of the widget DatePicker. */
export const datePickerStyles = [controlStyles, pickerBase, calendar];
