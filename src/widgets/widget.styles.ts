/**
 * Styles of `<chatkit-widget>`: layout, text and content. Colors, radii and fonts come only from the
 * `--chatkit-*` tokens, inherited from `<chatkit-chat>` through the shadow boundary; a standalone widget (or a
 * root whose `theme` differs from the chat's) declares the token set itself (`data-own-tokens`).
 *
 * @module
 */
import { css, unsafeCSS } from 'lit';
import { tokenStyles } from '../theme/tokens.js';
import { buttonStyles } from './button.styles.js';
import { contentStyles } from './content.styles.js';
import { controlStyles } from './controls.styles.js';

// Why derived from tokenStyles: one source of truth for the light/dark values, scoped to `data-own-tokens`.
const ownTokens = unsafeCSS(
  tokenStyles.cssText
    .replace(/:host\(/g, ':host([data-own-tokens]')
    .replace(/:host(\s*\{)/g, ':host([data-own-tokens])$1'),
);

const base = css`
  :host {
    display: block;
    font-family: var(--chatkit-font-family);
    font-size: var(--chatkit-font-size);
    line-height: var(--chatkit-line-height);
    color: var(--chatkit-text);
    --ck-gap: calc(var(--chatkit-spacing) * 3);
    --ck-pad: calc(var(--chatkit-spacing) * 4);
  }
  * {
    box-sizing: border-box;
  }
  .widget {
    transition: opacity 0.15s ease;
  }
  .widget.busy {
    opacity: 0.55;
    cursor: progress;
  }

  /* Roots */
  .card,
  .list-view {
    background: var(--chatkit-widget-surface);
    border: 1px solid var(--chatkit-widget-border);
    border-radius: var(--chatkit-radius-lg);
    box-shadow: 0 1px 2px color-mix(in srgb, var(--chatkit-text) 6%, transparent);
    overflow: hidden;
    max-width: 100%;
  }
  /* Why max-width and not width: a fixed width would force its size on narrow, intrinsically sized layouts. */
  .card {
    padding: var(--ck-pad);
    width: 100%;
  }
  .card.size-sm {
    max-width: 360px;
  }
  .card.size-md {
    max-width: 480px;
  }
  .card.size-lg {
    max-width: 640px;
  }
  .card-body {
    display: flex;
    flex-direction: column;
    gap: var(--ck-gap);
  }
  .card-form {
    display: contents;
  }
  .card-footer {
    display: flex;
    justify-content: flex-end;
    flex-wrap: wrap;
    gap: calc(var(--chatkit-spacing) * 2);
    margin-top: calc(var(--chatkit-spacing) * 5);
  }
  .status {
    display: flex;
    align-items: center;
    gap: calc(var(--chatkit-spacing) * 1.5);
    font-size: 13px;
    font-weight: 500;
    color: var(--chatkit-text-secondary);
    margin-bottom: var(--ck-gap);
  }
  .card.collapsed .status {
    margin-bottom: 0;
  }
  .list-view .status {
    padding: calc(var(--chatkit-spacing) * 3) var(--ck-pad) 0;
    margin-bottom: calc(var(--chatkit-spacing) * 1);
  }
  .status-text {
    flex: 1;
    min-width: 0;
  }
  .favicon {
    width: 16px;
    height: 16px;
    border-radius: 4px;
  }
  .favicon.frame {
    border: 1px solid var(--chatkit-border);
    padding: 1px;
  }
  .card-toggle {
    display: inline-flex;
    border: 0;
    background: none;
    color: inherit;
    padding: 4px;
    border-radius: var(--chatkit-radius-sm);
    cursor: pointer;
  }
  .list-items {
    display: flex;
    flex-direction: column;
  }
  .list-item {
    display: flex;
    align-items: center;
    gap: calc(var(--chatkit-spacing) * 3);
    padding: calc(var(--chatkit-spacing) * 3) var(--ck-pad);
    min-width: 0;
  }
  .list-item + .list-item {
    border-top: 1px solid var(--chatkit-border-subtle);
  }
  .list-item.clickable {
    padding: 0;
  }
  .list-item-hit {
    display: flex;
    align-items: center;
    gap: calc(var(--chatkit-spacing) * 3);
    flex: 1;
    min-width: 0;
    padding: calc(var(--chatkit-spacing) * 3) var(--ck-pad);
    cursor: pointer;
    outline: none;
    transition: background 0.12s ease;
  }
  .list-item-hit:hover {
    background: var(--chatkit-surface-secondary);
  }
  .list-item:focus-visible,
  .list-item-hit:focus-visible {
    outline: none;
    box-shadow: inset 0 0 0 2px var(--chatkit-accent);
  }
  .list-item-hit.loading {
    opacity: 0.6;
    cursor: progress;
  }
  .show-more {
    display: flex;
    width: 100%;
    align-items: center;
    justify-content: center;
    gap: 4px;
    border: 0;
    border-top: 1px solid var(--chatkit-border-subtle);
    background: none;
    padding: calc(var(--chatkit-spacing) * 2.5);
    color: var(--chatkit-text-secondary);
    font: inherit;
    font-size: 13px;
    font-weight: 500;
    cursor: pointer;
  }
  .show-more:hover {
    color: var(--chatkit-text);
    background: var(--chatkit-surface-secondary);
  }

  /* Layout */
  .box {
    display: flex;
    min-width: 0;
  }
  .box > *,
  .card-body > * {
    min-width: 0;
  }
  .spacer {
    flex: 1 1 auto;
  }
  .divider {
    border: 0;
    border-top: 1px solid var(--chatkit-border-subtle);
    margin: calc(var(--chatkit-spacing) * 1) 0;
    align-self: stretch;
  }
  .divider.flush,
  .image.flush {
    margin-left: calc(-1 * var(--ck-pad-left, var(--ck-pad)));
    margin-right: calc(-1 * var(--ck-pad-right, var(--ck-pad)));
  }
  .image.flush {
    max-width: none;
    width: calc(100% + var(--ck-pad-left, var(--ck-pad)) + var(--ck-pad-right, var(--ck-pad)));
    border-radius: 0;
  }
  .transition-item {
    animation: ck-enter 0.22s ease-out;
  }
  @keyframes ck-enter {
    from {
      opacity: 0;
      transform: translateY(4px);
    }
  }

  /* Text */
  .text,
  .title,
  .caption {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .text {
    white-space: pre-wrap;
  }
  .title {
    font-size: 17px;
    font-weight: 600;
    line-height: 1.3;
    letter-spacing: -0.01em;
  }
  .caption {
    font-size: 13px;
    color: var(--chatkit-text-secondary);
  }
  .label {
    display: block;
    font-size: 13px;
    font-weight: 500;
    color: var(--chatkit-text-secondary);
    margin-bottom: calc(var(--chatkit-spacing) * -1.5);
  }
  .truncate {
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .clamp {
    display: -webkit-box;
    -webkit-box-orient: vertical;
    overflow: hidden;
  }
  .caret {
    display: inline-block;
    width: 0.45em;
    height: 1em;
    margin-left: 2px;
    vertical-align: -0.12em;
    border-radius: 1px;
    background: currentColor;
    animation: ck-blink 1s steps(2, start) infinite;
  }
  @keyframes ck-blink {
    to {
      visibility: hidden;
    }
  }
  .markdown {
    display: block;
  }

  @media (prefers-reduced-motion: reduce) {
    .transition-item,
    .caret,
    .widget {
      animation: none;
      transition: none;
    }
  }
`;

/** Every stylesheet of `<chatkit-widget>`. */
export const widgetStyles = [ownTokens, base, contentStyles, controlStyles, buttonStyles];
