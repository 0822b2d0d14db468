/** Every ChatKit `HeaderIcon` name draws a real glyph and gets a translated accessible name. */
import { expect, fixture } from '@open-wc/testing';
import { html, render } from 'lit';
import { describe, it } from '../support/mocha.js';
import { deep, mount, settle, until } from './helpers.js';
import { icon } from '../../src/internal/icons.js';
import { HEADER_ICONS, headerIcon } from '../../src/element/header/header-icons.js';
import { en } from '../../src/i18n/strings.js';
import de from '../../src/i18n/locales/de.js';

/** The 46 `HeaderIcon` names of @openai/chatkit 1.9.0 (types/index.d.ts). */
// prettier-ignore
const CHATKIT_HEADER_ICONS = [
  'sidebar-left', 'sidebar-right', 'sidebar-open-left', 'sidebar-open-right', 'sidebar-open-left-alt',
  'sidebar-open-right-alt', 'sidebar-floating-left', 'sidebar-floating-right', 'sidebar-floating-open-left',
  'sidebar-floating-open-right', 'sidebar-collapse-left', 'sidebar-collapse-right', 'collapse-left',
  'collapse-right', 'open-left', 'open-right', 'double-chevron-left', 'double-chevron-right', 'home', 'home-alt',
  'back-small', 'back-large', 'expand-large', 'collapse-large', 'expand-small', 'collapse-small', 'star',
  'star-filled', 'bug', 'chat-temporary', 'settings-cog', 'grid', 'dots-horizontal', 'dots-vertical',
  'dots-horizontal-circle', 'dots-vertical-circle', 'menu', 'menu-inverted', 'hamburger', 'history', 'book-open',
  'compose', 'share', 'light-mode', 'dark-mode', 'close',
];

/** Whether a rendered svg holds the neutral fallback dot instead of a glyph. */
const isFallback = (svg: SVGElement) => !!svg.querySelector('circle[r="4"][opacity]');

describe('header icons', () => {
  it('maps all 46 ChatKit header icon names, each to a glyph that renders', async () => {
    expect(CHATKIT_HEADER_ICONS).to.have.length(46);
    expect(Object.keys(HEADER_ICONS).sort()).to.deep.equal([...CHATKIT_HEADER_ICONS].sort());
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    render(
      html`${CHATKIT_HEADER_ICONS.map((name) => html`<span data-name=${name}>${icon(headerIcon(name, en).icon)}</span>`)}`,
      host,
    );
    // Glyphs outside the eager set arrive with the lazily loaded lucide chunk.
    await until(
      () => [...host.querySelectorAll('svg')].every((svg) => svg.childElementCount > 0),
      'every header icon drawn',
    );
    const drawn = [...host.querySelectorAll<HTMLElement>('span')].filter(
      (span) => !isFallback(span.querySelector('svg')!),
    );
    expect(drawn.map((s) => s.dataset.name)).to.deep.equal(CHATKIT_HEADER_ICONS);
  });

  it('names every header icon in every shipped language, never by the raw icon name', () => {
    for (const name of CHATKIT_HEADER_ICONS) {
      const label = headerIcon(name, en).label;
      expect(label, name).to.be.a('string').and.not.equal(name);
      expect(label.length, name).to.be.greaterThan(0);
      const german = headerIcon(name, { ...en, ...de }).label;
      expect(Object.values(de), `${name} has a German label`).to.include(german);
    }
    expect(headerIcon('sidebar-left', en).label).to.equal('Toggle sidebar');
    expect(headerIcon('compose', en).label).to.equal(en.newChat);
  });

  it('header actions show the glyph and the translated name; a host label wins', async () => {
    const clicks: string[] = [];
    const { el } = await mount({
      locale: 'de',
      header: {
        leftAction: { icon: 'sidebar-open-left', onClick: () => clicks.push('left') },
        rightAction: { icon: 'settings-cog', label: 'Konto', onClick: () => clicks.push('right') },
      },
    });
    await settle(el);
    await until(
      () =>
        deep(el, 'chatkit-header', '[data-icon-name="sidebar-open-left"]')?.getAttribute('aria-label') ===
        'Seitenleiste umschalten',
      'German label',
    );
    const left = deep<HTMLButtonElement>(el, 'chatkit-header', '[data-icon-name="sidebar-open-left"]')!;
    const right = deep<HTMLButtonElement>(el, 'chatkit-header', '[data-icon-name="settings-cog"]')!;
    expect(right.getAttribute('aria-label')).to.equal('Konto');
    await until(() => left.querySelector('svg path, svg rect'), 'left glyph loaded');
    expect(isFallback(left.querySelector('svg')!)).to.equal(false);
    left.click();
    right.click();
    expect(clicks).to.deep.equal(['left', 'right']);
  });
});
