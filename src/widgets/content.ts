/**
 * Content components (§7.5): `Badge`, `Icon`, `Image`, and `Chart` (its element is a lazily loaded chunk).
 *
 * @module
 */
import { html, nothing, type TemplateResult } from 'lit';
import { cssProps } from '../internal/css-props.js';
import { ensureElement } from '../element/lazy-elements.js';
import { icon } from '../internal/icons.js';
import { sanitizeUrl, type ImageDecision } from '../internal/url.js';
import type { RenderContext, Renderer, RendererTable } from './render-context.js';
import { color, dimensions, oneOf, radius, spacing } from './values.js';

const ICON_SIZES: Record<string, number> = { xs: 12, sm: 14, md: 16, lg: 20, xl: 24, '2xl': 32, '3xl': 40 };

const badge: Renderer = (node) => {
  const tone = oneOf(node.color, ['secondary', 'success', 'danger', 'warning', 'info', 'discovery'] as const);
  const variant = oneOf(node.variant, ['solid', 'soft', 'outline'] as const) ?? 'soft';
  const sz = oneOf(node.size, ['sm', 'md', 'lg'] as const) ?? 'sm';
  return html`<span
    class="badge tone-${tone ?? 'secondary'} variant-${variant} size-${sz}${node.pill ? ' pill' : ''}"
    >${typeof node.label === 'string' ? node.label : ''}</span
  >`;
};

const iconNode: Renderer = (node, ctx) => {
  const px =
    typeof node.size === 'string' && Object.hasOwn(ICON_SIZES, node.size) ? ICON_SIZES[node.size] : 16;
  return html`<span class="icon-node" ${cssProps({ color: color(node.color, ctx.scheme) })}
    >${icon(typeof node.name === 'string' ? node.name : '', { size: px })}</span
  >`;
};

/** An image URL that passed the URL allowlist and the host's image policy, or `null`. */
export function allowedImage(src: unknown, ctx: RenderContext): string | null {
  const decision = imageDecision(src, ctx);
  return decision?.kind === 'load' ? decision.src : null;
}

/**
 * How an image is shown: loaded (directly or through the host's image proxy), blocked behind a click-to-load
 * button, or `null` when the URL is not a safe image URL at all.
 */
export function imageDecision(src: unknown, ctx: RenderContext): ImageDecision | null {
  const href = sanitizeUrl(src, { allowData: 'image', base: document.baseURI });
  if (href === null) return null;
  if (ctx.host.resolveImage) return ctx.host.resolveImage(href);
  return ctx.host.isImageAllowed(href)
    ? { kind: 'load', src: href, proxied: false }
    : { kind: 'blocked', url: href, host: new URL(href).host };
}

/**
 * The "Load image from <host>" button of a blocked image: a real button (keyboard reachable), shown only when
 * the host can approve images. One click loads that one image (the host remembers the URL).
 */
export function loadImageButton(
  decision: Extract<ImageDecision, { kind: 'blocked' }>,
  ctx: RenderContext,
  cls = 'image-load',
): TemplateResult | typeof nothing {
  const approve = ctx.host.approveImage;
  if (!approve) return nothing;
  const label = ctx.strings.loadImage.split('{host}').join(decision.host);
  return html`<button
    type="button"
    class=${cls}
    part="image-load"
    title=${label}
    aria-label=${label}
    @click=${() => {
      approve.call(ctx.host, decision.url);
      ctx.requestUpdate();
    }}
  >
    ${icon('square-image', { size: 16 })}<span class="image-load-label">${label}</span>
  </button>`;
}

const POSITIONS = [
  'top left',
  'top',
  'top right',
  'left',
  'center',
  'right',
  'bottom left',
  'bottom',
  'bottom right',
] as const;

const image: Renderer = (node, ctx) => {
  const decision = imageDecision(node.src, ctx);
  const href = decision?.kind === 'load' ? decision.src : null;
  const alt = typeof node.alt === 'string' ? node.alt : '';
  const style = {
    ...dimensions(node),
    ...spacing('margin', node.margin),
    'border-radius': radius(node.radius),
    background: color(node.background, ctx.scheme),
    'object-fit': oneOf(node.fit, ['cover', 'contain', 'fill', 'scale-down', 'none'] as const) ?? 'cover',
    'object-position': oneOf(node.position, POSITIONS),
  };
  const cls = `image${node.frame ? ' frame' : ''}${node.flush ? ' flush' : ''}`;
  if (href === null) {
    // Why a placeholder and not nothing: the layout keeps its shape and the user sees that something was held back.
    return html`<div
      class="${cls} image-blocked"
      role="img"
      aria-label=${alt || ctx.strings.imageBlocked}
      ${cssProps(style)}
    >
      ${decision?.kind === 'blocked' ? loadImageButton(decision, ctx) : icon('square-image', { size: 20 })}
    </div>`;
  }
  return html`<img
    class=${cls}
    src=${href}
    alt=${alt}
    loading="lazy"
    decoding="async"
    referrerpolicy="no-referrer"
    ${cssProps(style)}
    @error=${(ev: Event) => (ev.currentTarget as HTMLElement).classList.add('failed')}
  />`;
};

/** A Chart: the `<chatkit-widget-chart>` element is defined by a separate chunk, loaded on first use. */
const chart: Renderer = (node, ctx) => {
  void ensureElement('chatkit-widget-chart');
  return html`<chatkit-widget-chart
    class="chart"
    .node=${node}
    .scheme=${ctx.scheme}
    .locale=${ctx.host.locale ?? ''}
    ${cssProps(dimensions(node))}
    >${nothing}</chatkit-widget-chart
  >`;
};

/** Content renderers by type. */
export const contentRenderers = {
  Badge: badge,
  Icon: iconNode,
  Image: image,
  Chart: chart,
} satisfies RendererTable;
