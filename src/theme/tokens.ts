/**
 * The global `--chatkit-*` design tokens, declared on `:host` of `<chatkit-chat>` (never on `:root`, so
 * nothing leaks into the host page). Light values are the default; dark values apply when the host has
 * `data-color-scheme="dark"` (set from the `theme` attribute/option, or from `prefers-color-scheme` when the
 * theme is `auto`). Renaming a token is a breaking change.
 *
 * Internal elements (`chatkit-*`) and widgets read these tokens only; they never hard-code colors.
 *
 * @module
 */
import { css, unsafeCSS } from 'lit';

/** Token names, documented in the README and covered by the token test. */
export const TOKENS = [
  '--chatkit-accent',
  '--chatkit-accent-hover',
  '--chatkit-accent-contrast',
  '--chatkit-surface',
  '--chatkit-surface-secondary',
  '--chatkit-surface-tertiary',
  '--chatkit-surface-elevated',
  '--chatkit-text',
  '--chatkit-text-secondary',
  '--chatkit-text-tertiary',
  '--chatkit-border',
  '--chatkit-border-subtle',
  '--chatkit-border-strong',
  '--chatkit-radius',
  '--chatkit-radius-sm',
  '--chatkit-radius-lg',
  '--chatkit-font-family',
  '--chatkit-font-family-mono',
  '--chatkit-font-size',
  '--chatkit-line-height',
  '--chatkit-spacing',
  '--chatkit-user-bubble-background',
  '--chatkit-user-bubble-text',
  '--chatkit-assistant-bubble-background',
  '--chatkit-assistant-bubble-text',
  '--chatkit-widget-surface',
  '--chatkit-widget-border',
  '--chatkit-focus-ring',
  '--chatkit-shadow',
  '--chatkit-success',
  '--chatkit-warning',
  '--chatkit-danger',
  '--chatkit-info',
  '--chatkit-discovery',
] as const;

export type TokenName = (typeof TOKENS)[number];

/**
 * Token declarations. Each token has a private `--_ck-*` default per scheme so that a host page that sets
 * `--chatkit-accent` on the element (or an ancestor) always wins over our light/dark values. The light
 * palette's `--_ck-*` names are the ones exposed as tokens (`exposed`); the dark rule only overrides them.
 */
const palette = css`
  :host {
    --_ck-accent: #0d6efd;
    --_ck-accent-hover: #0b5ed7;
    --_ck-accent-contrast: #ffffff;
    --_ck-surface: #ffffff;
    --_ck-surface-secondary: #f6f7f9;
    --_ck-surface-tertiary: #eceef2;
    --_ck-surface-elevated: #ffffff;
    --_ck-text: #16181d;
    --_ck-text-secondary: #4a505c;
    --_ck-text-tertiary: #6b7280;
    --_ck-border: #dfe2e8;
    --_ck-border-subtle: #eceef2;
    --_ck-border-strong: #c4c9d2;
    --_ck-user-bubble-background: #eef2f8;
    --_ck-user-bubble-text: #16181d;
    --_ck-assistant-bubble-background: transparent;
    --_ck-assistant-bubble-text: #16181d;
    --_ck-widget-surface: #ffffff;
    --_ck-widget-border: #e3e6eb;
    --_ck-shadow: 0 1px 2px rgb(16 24 40 / 0.06), 0 4px 12px rgb(16 24 40 / 0.08);
    --_ck-success: #15803d;
    --_ck-warning: #b45309;
    --_ck-danger: #dc2626;
    --_ck-info: #0369a1;
    --_ck-discovery: #7c3aed;
  }
`;

/**
 * `--chatkit-NAME: var(--_ck-NAME)` for every `--_ck-*` declaration of `rule`, written out from the palette
 * rather than by hand: 25 lines that only repeat the palette's names (≈ 0.2 KB gzip of the drop-in file).
 */
const exposed = (rule: string) => rule.replace(/--_ck-([\w-]+)\s*:[^;}]*/g, '--chatkit-$1:var(--_ck-$1)');

const rest = css`
  :host {
    --chatkit-radius: 12px;
    --chatkit-radius-sm: 8px;
    --chatkit-radius-lg: 18px;
    --chatkit-font-family:
      ui-sans-serif, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif;
    --chatkit-font-family-mono: ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', monospace;
    --chatkit-font-size: 15px;
    --chatkit-line-height: 1.55;
    --chatkit-spacing: 4px;
    --chatkit-focus-ring: 0 0 0 2px var(--chatkit-surface), 0 0 0 4px var(--chatkit-accent);
    color-scheme: light;
  }

  :host([data-color-scheme='dark']) {
    --_ck-accent: #4c9aff;
    --_ck-accent-hover: #6aaeff;
    --_ck-accent-contrast: #0b1220;
    --_ck-surface: #17181c;
    --_ck-surface-secondary: #202227;
    --_ck-surface-tertiary: #2a2d33;
    --_ck-surface-elevated: #23252b;
    --_ck-text: #eceef2;
    --_ck-text-secondary: #b8bdc7;
    --_ck-text-tertiary: #8b919c;
    --_ck-border: #33363d;
    --_ck-border-subtle: #2a2d33;
    --_ck-border-strong: #4a4f58;
    --_ck-user-bubble-background: #2a2f3a;
    --_ck-user-bubble-text: #eceef2;
    --_ck-assistant-bubble-text: #eceef2;
    --_ck-widget-surface: #1e2025;
    --_ck-widget-border: #33363d;
    --_ck-shadow: 0 1px 2px rgb(0 0 0 / 0.4), 0 4px 16px rgb(0 0 0 / 0.35);
    --_ck-success: #4ade80;
    --_ck-warning: #fbbf24;
    --_ck-danger: #f87171;
    --_ck-info: #38bdf8;
    --_ck-discovery: #a78bfa;
    color-scheme: dark;
  }
`;

// One style sheet, as when it was one template: the palette, its `--chatkit-*` names, the other tokens and dark.
export const tokenStyles = unsafeCSS(palette.cssText + exposed(palette.cssText) + rest.cssText);
