/**
 * Styles of `<chatkit-widget-chart>`: axes, grid, legend and tooltip, from the `--chatkit-*` tokens.
 *
 * @module
 */
import { css } from 'lit';

export const chartStyles = css`
  :host {
    display: block;
    position: relative;
    /* Why: the SVG is sized from the host's width; containment stops that from feeding back into it. */
    contain: inline-size;
    min-height: 120px;
    font-size: 12px;
    color: var(--chatkit-text-secondary);
  }
  svg {
    display: block;
    overflow: visible;
  }
  .grid {
    stroke: var(--chatkit-border-subtle);
  }
  /* Why stronger than the grid: bars grow up and down from this line, so it is the chart's baseline. */
  .zero {
    stroke: var(--chatkit-border-strong);
    pointer-events: none;
  }
  .axis {
    fill: var(--chatkit-text-tertiary);
  }
  .hover {
    fill: var(--chatkit-surface-tertiary);
    opacity: 0.6;
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: 4px 14px;
    justify-content: center;
    margin-top: 6px;
  }
  .swatch {
    display: inline-block;
    width: 10px;
    height: 10px;
    border-radius: 3px;
    margin-right: 6px;
    vertical-align: -1px;
  }
  .tooltip {
    position: absolute;
    top: 0;
    pointer-events: none;
    background: var(--chatkit-surface-elevated);
    color: var(--chatkit-text);
    border: 1px solid var(--chatkit-border);
    border-radius: var(--chatkit-radius-sm);
    box-shadow: var(--chatkit-shadow);
    padding: 6px 10px;
    white-space: nowrap;
    z-index: 1;
  }
  .tooltip b {
    display: block;
    margin-bottom: 2px;
  }
`;
