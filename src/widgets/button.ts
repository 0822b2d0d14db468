/**
 * `Button` (§7.5): label, iconStart/iconEnd, color × variant × size, pill, uniform, block, disabled, submit
 * and the legacy `style` prop. Also the control-size scale shared with the form controls.
 *
 * @module
 */
import { html, nothing } from 'lit';
import { icon } from '../internal/icons.js';
import type { Renderer, RendererTable } from './render-context.js';
import { oneOf } from './values.js';

/** Control sizes (§7.2 ControlSize), smallest first. */
export const CONTROL_SIZES = ['3xs', '2xs', 'xs', 'sm', 'md', 'lg', 'xl', '2xl', '3xl'] as const;

/** A ControlSize, defaulting to `md`. */
export function controlSize(value: unknown): (typeof CONTROL_SIZES)[number] {
  return oneOf(value, CONTROL_SIZES) ?? 'md';
}

const COLORS = [
  'primary',
  'secondary',
  'info',
  'discovery',
  'success',
  'caution',
  'warning',
  'danger',
] as const;
const VARIANTS = ['solid', 'soft', 'outline', 'ghost'] as const;
const ICON_SIZES: Record<string, number> = { sm: 14, md: 16, lg: 18, xl: 20, '2xl': 24 };

const button: Renderer = (node, ctx) => {
  // Why: `style` predates `color`/`variant`; `secondary` was an outlined neutral button.
  const legacy = node.style === 'secondary' ? 'secondary' : undefined;
  const tone = oneOf(node.color, COLORS) ?? legacy ?? 'primary';
  const variant = oneOf(node.variant, VARIANTS) ?? (legacy ? 'outline' : 'solid');
  const label = typeof node.label === 'string' ? node.label : '';
  const px =
    typeof node.iconSize === 'string' && Object.hasOwn(ICON_SIZES, node.iconSize)
      ? ICON_SIZES[node.iconSize]
      : 16;
  const iconName = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  const start = iconName(node.iconStart);
  const end = iconName(node.iconEnd);
  const cls = [
    'btn',
    `tone-${tone}`,
    `variant-${variant}`,
    `size-${controlSize(node.size)}`,
    node.pill ? 'pill' : '',
    node.uniform ? 'uniform' : '',
    node.block ? 'block' : '',
  ].join(' ');
  return html`<button
    type="button"
    class=${cls}
    ?disabled=${node.disabled === true}
    aria-label=${!label && (start ?? end) ? (start ?? end)! : nothing}
    @click=${(ev: MouseEvent) => {
      const el = ev.currentTarget as HTMLButtonElement;
      if (node.submit === true) ctx.submit(el, node.onClickAction);
      else ctx.fire(node.onClickAction, 'click', el);
    }}
  >
    ${start ? icon(start, { size: px }) : nothing}${label ? html`<span class="btn-label">${label}</span>` : nothing}${
      end ? icon(end, { size: px }) : nothing
    }
  </button>`;
};

/** Button renderer by type. */
export const buttonRenderers = { Button: button } satisfies RendererTable;
