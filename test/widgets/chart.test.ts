/**
 * Chart value axis: negative values are drawn below a zero line (bars, stacked bars, lines, areas) and the
 * y axis ticks extend below zero.
 */
import { expect } from '@open-wc/testing';
import type { WidgetNode } from '../../src/protocol/types.js';
import { stackExtents, valueScale } from '../../src/widgets/chart-scale.js';
import { mount, until } from './helpers.js';
import { describe, it } from '../support/mocha.js';

/** Mounts a Card with one Chart and waits for the lazily loaded chart to draw. */
async function chart(props: Record<string, unknown>) {
  const { root } = await mount({
    type: 'Card',
    children: [{ type: 'Chart', height: 240, showYAxis: true, xAxis: 'm', ...props } as WidgetNode],
  });
  const el = root.querySelector('chatkit-widget-chart') as HTMLElement;
  await until(() => !!el.shadowRoot?.querySelector('svg .zero'));
  const sr = el.shadowRoot!;
  const zero = Number(sr.querySelector('svg .zero')!.getAttribute('y1'));
  const bars = Array.from(sr.querySelectorAll<SVGRectElement>('svg rect:not(.hover)')).map((r) => ({
    top: Number(r.getAttribute('y')),
    bottom: Number(r.getAttribute('y')) + Number(r.getAttribute('height')),
    x: r.getAttribute('x'),
  }));
  const ticks = Array.from(sr.querySelectorAll('svg text.tick')).map((t) => Number(t.textContent));
  return { sr, zero, bars, ticks };
}

/** The y coordinates of an SVG path's commands (M/L/C end points and control points). */
function pathYs(d: string): number[] {
  return Array.from(d.matchAll(/-?[\d.]+,(-?[\d.]+)/g), (m) => Number(m[1]));
}

describe('Chart with negative values', () => {
  it('bars grow down from the zero line; ticks include negatives', async () => {
    const { zero, bars, ticks } = await chart({
      data: [
        { m: 'a', v: 10 },
        { m: 'b', v: -5 },
      ],
      series: [{ type: 'bar', dataKey: 'v' }],
    });
    expect(bars.length).to.equal(2);
    expect(bars[0].bottom).to.be.closeTo(zero, 0.01);
    expect(bars[0].top).to.be.lessThan(zero);
    expect(bars[1].top).to.be.closeTo(zero, 0.01);
    expect(bars[1].bottom - bars[1].top).to.be.closeTo((bars[0].bottom - bars[0].top) / 2, 0.01);
    expect(ticks).to.include(0);
    expect(Math.min(...ticks)).to.be.at.most(-5);
    expect(Math.max(...ticks)).to.be.at.least(10);
  });

  it('stacked bars pile positives up and negatives down separately', async () => {
    const { zero, bars } = await chart({
      data: [{ m: 'a', p: 6, n: -3, q: 2, r: -1 }],
      series: ['p', 'n', 'q', 'r'].map((k) => ({ type: 'bar', dataKey: k, stack: 's' })),
    });
    const [p, n, q, r] = bars;
    expect(new Set(bars.map((b) => b.x)).size).to.equal(1);
    expect(p.bottom).to.be.closeTo(zero, 0.01);
    expect(q.bottom).to.be.closeTo(p.top, 0.01);
    expect(n.top).to.be.closeTo(zero, 0.01);
    expect(r.top).to.be.closeTo(n.bottom, 0.01);
    expect(n.bottom).to.be.greaterThan(zero);
  });

  it('line and area series go below the zero line', async () => {
    const { sr, zero, ticks } = await chart({
      data: [
        { m: 'a', v: 4, w: 2 },
        { m: 'b', v: -8, w: -6 },
        { m: 'c', v: 2, w: 1 },
      ],
      series: [
        { type: 'line', dataKey: 'v' },
        { type: 'area', dataKey: 'w' },
      ],
    });
    const paths = Array.from(sr.querySelectorAll('svg path')).map((p) => p.getAttribute('d')!);
    expect(paths.length).to.equal(3);
    for (const d of paths) expect(Math.max(...pathYs(d))).to.be.greaterThan(zero + 10);
    expect(ticks.some((t) => t < 0)).to.equal(true);
  });

  it('all-positive data keeps zero at the bottom of the plot', async () => {
    const { zero, bars, ticks } = await chart({
      data: [{ m: 'a', v: 35 }],
      series: [{ type: 'bar', dataKey: 'v' }],
    });
    expect(Math.min(...ticks)).to.equal(0);
    expect(bars[0].bottom).to.be.closeTo(zero, 0.01);
  });
});

describe('chart-scale', () => {
  it('valueScale spans min(0, data) to max(0, data) in nice steps with zero as a tick', () => {
    expect(valueScale([-3, 7])).to.deep.equal({
      min: -5,
      max: 7.5,
      step: 2.5,
      ticks: [-5, -2.5, 0, 2.5, 5, 7.5],
    });
    expect(valueScale([-10, -2]).ticks).to.deep.equal([-10, -7.5, -5, -2.5, 0]);
    expect(valueScale([0.1, 0.3]).ticks).to.deep.equal([0, 0.1, 0.2, 0.3]);
    expect(valueScale([])).to.deep.include({ min: 0, max: 1 });
  });

  it('stackExtents splits stacked bars by sign and sums stacked areas', () => {
    const data = [{ a: 5, b: -2, c: 3 }];
    const bars = stackExtents(
      ['a', 'b', 'c'].map((k) => ({ type: 'bar', dataKey: k, stack: 's' })),
      data,
    );
    expect(bars).to.deep.equal([
      { lows: [0], highs: [5] },
      { lows: [0], highs: [-2] },
      { lows: [5], highs: [8] },
    ]);
    const areas = stackExtents(
      ['a', 'b'].map((k) => ({ type: 'area', dataKey: k, stack: 's' })),
      data,
    );
    expect(areas[1]).to.deep.equal({ lows: [5], highs: [3] });
  });
});
