/**
 * Styles of the content components (Icon, Badge, Image, Chart host, fallback box) and of Table.
 *
 * @module
 */
import { css } from 'lit';

export const contentStyles = css`
  /* Content */
  .icon-node {
    display: inline-flex;
    flex: none;
    line-height: 0;
  }
  .badge {
    display: inline-flex;
    align-items: center;
    width: fit-content;
    flex: none;
    gap: 4px;
    border-radius: 6px;
    font-weight: 500;
    white-space: nowrap;
    border: 1px solid transparent;
    --tone: var(--chatkit-text-secondary);
  }
  .badge.size-sm {
    font-size: 12px;
    padding: 0 6px;
    line-height: 20px;
  }
  .badge.size-md {
    font-size: 13px;
    padding: 1px 8px;
    line-height: 22px;
  }
  .badge.size-lg {
    font-size: 14px;
    padding: 2px 10px;
    line-height: 24px;
  }
  .badge.pill {
    border-radius: 9999px;
  }
  .badge.variant-soft {
    /* Why mixed with the text color: a pure tone on its own tint misses 4.5:1 at badge sizes. */
    color: color-mix(in srgb, var(--tone) 78%, var(--chatkit-text));
    background: color-mix(in srgb, var(--tone) 13%, transparent);
  }
  .badge.variant-solid {
    color: var(--chatkit-widget-surface);
    background: var(--tone);
  }
  .badge.variant-outline {
    color: color-mix(in srgb, var(--tone) 78%, var(--chatkit-text));
    border-color: color-mix(in srgb, var(--tone) 45%, transparent);
  }
  .image {
    display: block;
    max-width: 100%;
  }
  .image.failed {
    background: var(--chatkit-surface-tertiary);
  }
  .image.frame {
    border: 1px solid var(--chatkit-border);
  }
  .image-blocked {
    display: flex;
    align-items: center;
    justify-content: center;
    min-width: 40px;
    min-height: 40px;
    background: var(--chatkit-surface-tertiary);
    color: var(--chatkit-text-tertiary);
  }
  .image-load {
    display: inline-flex;
    align-items: center;
    gap: calc(var(--chatkit-spacing) * 1);
    max-width: 100%;
    padding: calc(var(--chatkit-spacing) * 1) calc(var(--chatkit-spacing) * 2);
    border: 1px dashed var(--chatkit-border-strong);
    border-radius: var(--chatkit-radius-sm);
    background: var(--chatkit-surface);
    color: var(--chatkit-text-secondary);
    font: inherit;
    font-size: 12px;
    cursor: pointer;
  }
  .image-load:hover {
    color: var(--chatkit-text);
  }
  .image-load:focus-visible {
    outline: none;
    box-shadow: var(--chatkit-focus-ring);
  }
  .image-load-label {
    min-width: 0;
    overflow-wrap: anywhere;
    text-align: start;
    unicode-bidi: isolate;
  }
  /* A favicon's button stays icon-sized: the accessible name and the tooltip say where it loads from. */
  .favicon-load {
    padding: 2px;
    border-style: solid;
  }
  .favicon-load .image-load-label {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
  }
  .chart {
    display: block;
    width: 100%;
  }
  .fallback {
    padding: calc(var(--chatkit-spacing) * 2) calc(var(--chatkit-spacing) * 3);
    border: 1px dashed var(--chatkit-border-strong);
    border-radius: var(--chatkit-radius-sm);
    color: var(--chatkit-text-tertiary);
    font-family: var(--chatkit-font-family-mono);
    font-size: 12px;
    overflow-wrap: anywhere;
  }

  /* Table */
  .table-wrap {
    overflow-x: auto;
  }
  .table {
    border-collapse: collapse;
    width: 100%;
    font-size: 14px;
  }
  .table th,
  .table td {
    padding: calc(var(--chatkit-spacing) * 2) calc(var(--chatkit-spacing) * 3);
    border-bottom: 1px solid var(--chatkit-border-subtle);
    text-align: start;
    vertical-align: top;
  }
  .table th {
    font-weight: 600;
    font-size: 13px;
    color: var(--chatkit-text-secondary);
    background: var(--chatkit-surface-secondary);
  }
`;
