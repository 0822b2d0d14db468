/**
 * The value axis of `<chatkit-widget-chart>`: stacking of series into low/high extents per category, and a
 * "nice" value range with ticks that always spans zero (negative values grow down from the zero line).
 *
 * @module
 */

/** The part of a Chart series that stacking needs. */
export type StackableSeries = { type: string; dataKey: string; stack?: unknown };

/** Where one series' shape starts (`lows`) and ends (`highs`) for each category, in data units. */
export type Extent = { lows: number[]; highs: number[] };

/** A value axis: the domain `[min, max]` (both multiples of `step`, `min ≤ 0 ≤ max`) and its ticks. */
export type ValueScale = { min: number; max: number; step: number; ticks: number[] };

/** A finite number from a data cell (numbers or numeric strings), else 0. */
export function num(v: unknown): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : 0;
}

/**
 * Stacks series per category. Unstacked series (and every line) span 0 → value. Stacked bars keep two
 * accumulators per stack group: positives pile up from zero and negatives pile down from zero, so a
 * negative segment never hides inside the positive column. Stacked areas accumulate the signed sum instead:
 * why — an area is one band across categories, and splitting by sign would twist the band into a bow tie
 * where a series crosses zero.
 */
export function stackExtents(series: StackableSeries[], data: Record<string, unknown>[]): Extent[] {
  const pos = new Map<string, number[]>();
  const neg = new Map<string, number[]>();
  const zeros = () => data.map(() => 0);
  return series.map((s) => {
    const values = data.map((d) => num(d[s.dataKey]));
    const key = s.type !== 'line' && typeof s.stack === 'string' && s.stack ? `${s.type}:${s.stack}` : null;
    if (!key) return { lows: zeros(), highs: values };
    const up = pos.get(key) ?? zeros();
    const down = s.type === 'bar' ? (neg.get(key) ?? zeros()) : up;
    const lows = values.map((v, i) => (v < 0 ? down[i] : up[i]));
    const highs = values.map((v, i) => lows[i] + v);
    values.forEach((v, i) => (v < 0 ? (down[i] = highs[i]) : (up[i] = highs[i])));
    pos.set(key, up);
    neg.set(key, down);
    return { lows, highs };
  });
}

/** The smallest "nice" step (1, 2, 2.5 or 5 times a power of ten) at least `raw`. */
function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5]) if (m * power >= raw * (1 - 1e-9)) return m * power;
  return 10 * power;
}

/** Drops float noise (0.30000000000000004 → 0.3) so tick labels read cleanly. */
function clean(v: number): number {
  const r = Number(v.toPrecision(12));
  return Object.is(r, -0) ? 0 : r;
}

/**
 * A value axis covering `min(0, data min)` to `max(0, data max)` rounded out to nice steps, with about
 * `target` intervals. Zero is always a tick. All-zero or empty data gives `[0, 1]`.
 */
export function valueScale(values: number[], target = 4): ValueScale {
  const finite = values.filter((v) => Number.isFinite(v));
  const lo = Math.min(0, ...finite);
  const hi = Math.max(0, ...finite);
  if (hi - lo <= 0) return { min: 0, max: 1, step: 0.25, ticks: [0, 0.25, 0.5, 0.75, 1] };
  const step = niceStep((hi - lo) / target);
  const min = clean(Math.floor(lo / step + 1e-9) * step);
  const max = clean(Math.ceil(hi / step - 1e-9) * step);
  const ticks: number[] = [];
  for (let k = 0; min + k * step <= max + step / 2; k++) ticks.push(clean(min + k * step));
  return { min, max, step, ticks };
}
