import { expect } from '@open-wc/testing';
import { mount, until } from './helpers.js';
import { describe, it } from '../support/mocha.js';

const css = (el: Element | null) => getComputedStyle(el as Element);

describe('content widgets', () => {
  it('Badge: tone, variant, size, pill', async () => {
    const { root } = await mount({
      type: 'Card',
      children: [
        { type: 'Badge', label: 'New', color: 'success', variant: 'solid', size: 'lg', pill: true },
        { type: 'Badge', label: 'Beta', color: 'discovery' },
      ],
    });
    const [solid, soft] = Array.from(root.querySelectorAll('.badge'));
    expect(solid.textContent).to.equal('New');
    expect(css(solid).borderTopLeftRadius).to.equal('9999px');
    expect(css(solid).fontSize).to.equal('14px');
    // Solid: an opaque tone fill; soft: a translucent tint of its tone.
    expect(css(solid).backgroundColor).to.match(/^rgb\(/);
    expect(css(soft).backgroundColor).to.not.equal(css(solid).backgroundColor);
    expect(css(soft).backgroundColor).to.not.equal('rgba(0, 0, 0, 0)');
    expect(css(soft).color).to.not.equal(css(solid).color);
  });

  it('Icon: name, size and color', async () => {
    const { root } = await mount({
      type: 'Card',
      children: [{ type: 'Icon', name: 'star', size: '2xl', color: 'warning' }],
    });
    const svg = root.querySelector('.icon-node svg')!;
    expect(svg.getAttribute('data-icon')).to.equal('star');
    expect(svg.getAttribute('width')).to.equal('32');
    expect((root.querySelector('.icon-node') as HTMLElement).style.color).to.equal('var(--chatkit-warning)');
  });

  it('Image: fit, position, radius, frame, size; blocked hosts show a placeholder', async () => {
    const png =
      'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
    const { root } = await mount({
      type: 'Card',
      children: [
        {
          type: 'Image',
          src: png,
          alt: 'dot',
          fit: 'contain',
          position: 'top left',
          radius: 'md',
          frame: true,
          width: 80,
          height: 60,
        },
        { type: 'Image', src: 'https://blocked.example/cat.png', alt: 'A cat', size: 48 },
      ],
    });
    const img = root.querySelector('img.image') as HTMLImageElement;
    expect(img.alt).to.equal('dot');
    expect(css(img).objectFit).to.equal('contain');
    expect(css(img).objectPosition).to.equal('0% 0%');
    expect(css(img).width).to.equal('80px');
    expect(css(img).height).to.equal('60px');
    expect(css(img).borderTopWidth).to.equal('1px');
    expect(img.referrerPolicy).to.equal('no-referrer');
    const blocked = root.querySelector('.image-blocked')!;
    expect(blocked.getAttribute('aria-label')).to.equal('A cat');
    expect(css(blocked).width).to.equal('48px');
  });

  it('Chart: loads lazily and draws stacked bars, a line, axes and a legend', async () => {
    const { root } = await mount({
      type: 'Card',
      children: [
        {
          type: 'Chart',
          height: 220,
          showLegend: true,
          showYAxis: true,
          xAxis: { dataKey: 'm', labels: { a: 'Jan' } },
          data: [
            { m: 'a', x: 10, y: 5 },
            { m: 'b', x: 20, y: 15 },
          ],
          series: [
            { type: 'bar', label: 'X', dataKey: 'x', stack: 's' },
            { type: 'bar', label: 'Y', dataKey: 'y', stack: 's', color: 'orange' },
            { type: 'line', label: 'L', dataKey: 'x', curveType: 'monotone' },
            { type: 'area', label: 'A', dataKey: 'y' },
          ],
        },
      ],
    });
    const chart = root.querySelector('chatkit-widget-chart') as HTMLElement;
    await until(() => (chart.shadowRoot?.querySelectorAll('svg rect').length ?? 0) >= 4);
    const sr = chart.shadowRoot!;
    const bars = Array.from(sr.querySelectorAll('svg rect:not(.hover)')) as SVGRectElement[];
    expect(bars.length).to.equal(4);
    // Stacked: the second series' bar sits on top of the first in the same slot.
    expect(bars[2].getAttribute('x')).to.equal(bars[0].getAttribute('x'));
    expect(Number(bars[2].getAttribute('y')) + Number(bars[2].getAttribute('height'))).to.be.closeTo(
      Number(bars[0].getAttribute('y')),
      0.01,
    );
    expect(sr.querySelectorAll('path').length).to.equal(3);
    expect(Array.from(sr.querySelectorAll('text')).map((t) => t.textContent)).to.include.members([
      'Jan',
      'b',
    ]);
    expect(sr.querySelector('.legend')!.textContent).to.contain('Y');
    expect(chart.getBoundingClientRect().height).to.equal(220);
    // The unnamed line takes a palette color no other series chose explicitly (orange is taken).
    const fills = bars.map((b) => b.getAttribute('fill'));
    const line = sr.querySelectorAll('path')[0].getAttribute('stroke');
    expect(fills).to.not.include(line);
    // Tooltip on hover.
    const svg = sr.querySelector('svg')!;
    const box = svg.getBoundingClientRect();
    svg.dispatchEvent(
      new MouseEvent('mousemove', {
        clientX: box.left + box.width * 0.75,
        clientY: box.top + 20,
        bubbles: true,
      }),
    );
    await until(() => !!sr.querySelector('.tooltip'));
    expect(sr.querySelector('.tooltip')!.textContent).to.contain('b');
  });

  it('Table: header rows, spans, alignment, widths', async () => {
    const { root } = await mount({
      type: 'Card',
      children: [
        {
          type: 'Table',
          children: [
            {
              type: 'Table.Row',
              header: true,
              children: [
                { type: 'Table.Cell', value: 'Name', width: 120 },
                { type: 'Table.Cell', value: 'Qty', align: 'end' },
              ],
            },
            {
              type: 'Table.Row',
              children: [
                { type: 'Table.Cell', children: [{ type: 'Text', value: 'Paper' }] },
                { type: 'Table.Cell', value: 3, align: 'end' },
              ],
            },
            { type: 'Table.Row', children: [{ type: 'Table.Cell', value: 'Total', colSpan: 2 }] },
          ],
        },
      ],
    });
    const ths = root.querySelectorAll('th');
    expect(ths.length).to.equal(2);
    expect(css(ths[0]).width).to.equal('120px');
    expect(css(ths[1]).textAlign).to.equal('end');
    expect(root.querySelectorAll('td')[1].textContent).to.equal('3');
    expect((root.querySelectorAll('td')[2] as HTMLTableCellElement).colSpan).to.equal(2);
    expect(root.querySelector('td .text')!.textContent).to.equal('Paper');
  });
});
