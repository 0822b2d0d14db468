/**
 * `<chatkit-widget-chart>`: the `Chart` component (§7.5) as SVG: bar, line and area series, stack groups,
 * axes, legend and tooltip. Loaded lazily (dynamic import) the first time a widget contains a chart.
 *
 * @module
 */
import { html, LitElement, nothing, svg, type PropertyDeclarations } from 'lit';
import { cssProps } from '../internal/css-props.js';
import type { WidgetNode } from '../protocol/types.js';
import { stackExtents, valueScale } from './chart-scale.js';
import { chartStyles } from './chart.styles.js';
import { color, type Scheme } from './values.js';

type Series = {
  type: 'bar' | 'line' | 'area';
  label?: string | null;
  dataKey: string;
  stack?: string;
  color?: unknown;
  curveType?: string;
};
type Point = [x: number, y: number];

const PALETTE = ['blue', 'purple', 'orange', 'green', 'red', 'yellow', 'pink'];
const PAD = { top: 10, right: 8, bottom: 24, left: 8 };

/** An SVG path through points; smooth curve types use a monotone-safe Catmull-Rom, step types steps. */
function linePath(points: Point[], curve = 'linear'): string {
  if (points.length === 0) return '';
  if (curve.startsWith('step')) {
    return points
      .map(([x, y], i) => {
        if (i === 0) return `M${x},${y}`;
        const [px, py] = points[i - 1];
        const mid = curve === 'stepBefore' ? px : curve === 'stepAfter' ? x : (px + x) / 2;
        return `H${mid}V${y}H${x}` + (py === y ? '' : '');
      })
      .join('');
  }
  if (curve === 'linear' || curve === 'linearClosed' || points.length < 3) {
    return points.map(([x, y], i) => `${i ? 'L' : 'M'}${x},${y}`).join('');
  }
  let d = `M${points[0][0]},${points[0][1]}`;
  for (let i = 0; i < points.length - 1; i++) {
    const [p0, p1, p2, p3] = [
      points[i - 1] ?? points[i],
      points[i],
      points[i + 1],
      points[i + 2] ?? points[i + 1],
    ];
    const c1y = Math.min(
      Math.max(p1[1] + (p2[1] - p0[1]) / 6, Math.min(p1[1], p2[1])),
      Math.max(p1[1], p2[1]),
    );
    const c2y = Math.min(
      Math.max(p2[1] - (p3[1] - p1[1]) / 6, Math.min(p1[1], p2[1])),
      Math.max(p1[1], p2[1]),
    );
    d += `C${p1[0] + (p2[0] - p0[0]) / 6},${c1y},${p2[0] - (p3[0] - p1[0]) / 6},${c2y},${p2[0]},${p2[1]}`;
  }
  return d;
}

/**
 * Renders a Chart node.
 *
 * @internal
 */
export class ChatkitWidgetChart extends LitElement {
  static override styles = chartStyles;
  /**
   * The reactive properties, as `@property`/`@state` declared them (no decorator helpers in the bundle). The
   * fields below stay plain: `useDefineForClassFields: false` (tsconfig.json) compiles them to assignments,
   * which go through Lit's accessors.
   */
  static override properties: PropertyDeclarations = {
    width: { state: true, attribute: false },
    hover: { state: true, attribute: false },
    node: { attribute: false },
    locale: {},
    scheme: { attribute: false },
  };

  private observer?: ResizeObserver;

  private width = 480;
  private hover = -1;

  /** The Chart node. */
  node?: WidgetNode;

  /** BCP 47 locale of tick labels and tooltip values (`Intl.NumberFormat`); empty = the browser's. */
  locale = '';

  private numberFormat?: { locale: string; format: Intl.NumberFormat };

  /** Formats a value in the chart's locale (cached per locale). */
  private formatNumber(value: number): string {
    if (this.numberFormat?.locale !== this.locale) {
      let format: Intl.NumberFormat;
      try {
        format = new Intl.NumberFormat(this.locale || undefined, { maximumFractionDigits: 2 });
      } catch {
        format = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });
      }
      this.numberFormat = { locale: this.locale, format };
    }
    return this.numberFormat.format.format(value);
  }

  /** Color scheme for `ThemeColor` series colors. */
  scheme: Scheme = 'light';

  override connectedCallback(): void {
    super.connectedCallback();
    this.observer = new ResizeObserver(([entry]) => {
      const w = Math.round(entry.contentRect.width);
      // Why deferred: updating layout inside the observer callback would re-enter it in the same frame.
      if (w > 0 && w !== this.width) setTimeout(() => (this.width = w));
    });
    this.observer.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.observer?.disconnect();
  }

  override render(): unknown {
    const node = this.node;
    if (!node) return nothing;
    const data: Record<string, unknown>[] = Array.isArray(node.data)
      ? node.data.filter((d: unknown) => d && typeof d === 'object')
      : [];
    const series: Series[] = (Array.isArray(node.series) ? node.series : []).filter(
      (s: Series) =>
        s &&
        typeof s === 'object' &&
        typeof s.dataKey === 'string' &&
        ['bar', 'line', 'area'].includes(s.type),
    );
    const xAxis = typeof node.xAxis === 'string' ? { dataKey: node.xAxis } : (node.xAxis ?? {});
    const labels: Record<string, string> =
      xAxis.labels && typeof xAxis.labels === 'object' ? xAxis.labels : {};
    // Default colors cycle through the palette, skipping the ones other series chose explicitly.
    const taken = new Set(series.map((sr) => sr.color).filter((c) => typeof c === 'string'));
    const free = PALETTE.filter((c) => !taken.has(c));
    let next = 0;
    const colors = series.map(
      (sr) =>
        color(sr.color as string, this.scheme) ??
        color(free[next++ % Math.max(1, free.length)] ?? 'blue', this.scheme)!,
    );
    // A numeric height is exact; a CSS height (string) is read from the laid-out host once it has one.
    const outer = typeof node.height === 'number' ? node.height : this.clientHeight || 200;
    const height = Math.max(80, outer) - (node.showLegend ? 26 : 0);
    const showY = node.showYAxis === true;
    const left = PAD.left + (showY ? 36 : 0);
    const bottom = xAxis.hide ? 6 : PAD.bottom;
    const plotW = Math.max(10, this.width - left - PAD.right);
    const plotH = Math.max(10, height - PAD.top - bottom);

    // Stack extents per category; the value axis spans zero and every extent, negatives included.
    const tops = stackExtents(series, data);
    const scale = valueScale(tops.flatMap((t) => [...t.lows, ...t.highs]));
    const y = (v: number) => PAD.top + plotH - ((v - scale.min) / (scale.max - scale.min)) * plotH;
    const band = plotW / Math.max(1, data.length);
    const cx = (i: number) => left + band * i + band / 2;

    // Bar slots: one per stack group or unstacked bar series.
    const slots: string[] = [];
    series.forEach((s, i) => {
      if (s.type !== 'bar') return;
      const slot = s.stack ? `s:${s.stack}` : `i:${i}`;
      if (!slots.includes(slot)) slots.push(slot);
    });
    const catGap = typeof node.barCategoryGap === 'number' ? node.barCategoryGap : band * 0.2;
    const barGap = typeof node.barGap === 'number' ? node.barGap : 4;
    const barW = Math.max(1, (band - catGap - barGap * (slots.length - 1)) / Math.max(1, slots.length));

    const shapes = series.map((s, si) => {
      const { lows, highs } = tops[si];
      const c = colors[si];
      if (s.type === 'bar') {
        const slot = slots.indexOf(s.stack ? `s:${s.stack}` : `i:${si}`);
        return data.map((_d, i) => {
          const x = left + band * i + catGap / 2 + slot * (barW + barGap);
          // Why min/abs: a negative bar grows down from its base, so its top edge is the base.
          const [y0, y1] = [y(lows[i]), y(highs[i])];
          return svg`<rect x=${x} y=${Math.min(y0, y1)} width=${barW} height=${Math.abs(y0 - y1)} rx="3" fill=${c}></rect>`;
        });
      }
      const top: Point[] = data.map((_d, i) => [cx(i), y(highs[i])]);
      const line = linePath(top, s.curveType);
      if (s.type === 'line') return svg`<path d=${line} fill="none" stroke=${c} stroke-width="2"></path>`;
      const bottomPts: Point[] = data.map((_d, i): Point => [cx(i), y(lows[i])]).reverse();
      const area = `${line}L${linePath(bottomPts, s.curveType).slice(1)}Z`;
      return svg`<path d=${area} fill=${c} fill-opacity="0.25" stroke="none"></path>
        <path d=${line} fill="none" stroke=${c} stroke-width="2"></path>`;
    });
    const xKey = typeof xAxis.dataKey === 'string' ? xAxis.dataKey : '';
    const category = (d: Record<string, unknown>) => {
      const raw = String(d[xKey] ?? '');
      return Object.hasOwn(labels, raw) ? String(labels[raw]) : raw;
    };
    const tooltipValue = (v: unknown) =>
      typeof v === 'number' && Number.isFinite(v) ? this.formatNumber(v) : String(v ?? '');
    const tooltipOn = node.showTooltip !== false && this.hover >= 0 && this.hover < data.length;
    return html`<svg
        width=${this.width}
        height=${height}
        role="img"
        aria-label=${series.map((s) => s.label ?? s.dataKey).join(', ')}
        @mousemove=${(ev: MouseEvent) => {
          const rect = (ev.currentTarget as SVGElement).getBoundingClientRect();
          const i = Math.floor((ev.clientX - rect.left - left) / band);
          this.hover = i >= 0 && i < data.length ? i : -1;
        }}
        @mouseleave=${() => (this.hover = -1)}
      >
        ${tooltipOn ? svg`<rect class="hover" x=${left + band * this.hover} y=${PAD.top} width=${band} height=${plotH}></rect>` : nothing}
        ${scale.ticks.map(
          (t) => svg`<line class="grid" x1=${left} x2=${left + plotW} y1=${y(t)} y2=${y(t)}></line>
            ${showY ? svg`<text class="axis tick" x=${left - 6} y=${y(t) + 4} text-anchor="end">${this.formatNumber(t)}</text>` : nothing}`,
        )}
        ${shapes}
        <line class="zero" x1=${left} x2=${left + plotW} y1=${y(0)} y2=${y(0)}></line>
        ${
          xAxis.hide
            ? nothing
            : data.map(
                (d, i) =>
                  svg`<text class="axis" x=${cx(i)} y=${height - 6} text-anchor="middle">${category(d)}</text>`,
              )
        }
      </svg>
      ${
        tooltipOn
          ? html`<div
              class="tooltip"
              ${cssProps({ left: `${Math.min(cx(this.hover) + 12, this.width - 140)}px` })}
            >
              <b>${category(data[this.hover])}</b>
              ${series.map(
                (s, i) =>
                  html`<div>
                    <span class="swatch" ${cssProps({ background: colors[i] })}></span
                    >${s.label ?? s.dataKey}: ${tooltipValue(data[this.hover][s.dataKey])}
                  </div>`,
              )}
            </div>`
          : nothing
      }
      ${
        node.showLegend
          ? html`<div class="legend">
              ${series.map(
                (s, i) =>
                  html`<span
                    ><span class="swatch" ${cssProps({ background: colors[i] })}></span
                    >${s.label ?? s.dataKey}</span
                  >`,
              )}
            </div>`
          : nothing
      }`;
  }
}
