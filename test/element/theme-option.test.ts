import { expect, html } from '@open-wc/testing';
import { describe, it } from '../support/mocha.js';
import { API_URL, deep, mount, sendAndWait, until } from './helpers.js';
import { compileTheme, themeCss } from '../../src/theme/theme-option.js';

describe('theme option', () => {
  it('compiles to tokens without remounting the conversation', async () => {
    const { el, server } = await mount();
    await sendAndWait(el, 'keep');
    const thread = deep(el, 'chatkit-thread');
    el.setOptions({
      api: { url: API_URL, fetch: server.fetch },
      theme: {
        colorScheme: 'dark',
        radius: 'sharp',
        density: 'compact',
        color: { accent: { primary: '#ff0000', level: 2 }, grayscale: { hue: 30, tint: 6 } },
        typography: { baseSize: 18, fontFamily: 'Georgia, serif' },
      },
    });
    await el.updateComplete;
    expect(deep(el, 'chatkit-thread')).to.equal(thread);
    expect(el.getAttribute('data-color-scheme')).to.equal('dark');
    const style = getComputedStyle(el);
    // The first theme object of the page waits for the compiler (loaded on demand); later ones apply at once.
    await until(() => style.getPropertyValue('--chatkit-radius').trim() === '2px', 'theme compiled');
    expect(style.getPropertyValue('--chatkit-radius').trim()).to.equal('2px');
    expect(style.getPropertyValue('--chatkit-spacing').trim()).to.equal('3px');
    expect(style.fontSize).to.equal('18px');
    expect(style.fontFamily).to.equal('Georgia, serif');
    const panel = getComputedStyle(deep(el, '.panel')!);
    // Tinted dark grays: hue 30 → a warm dark surface (red channel above blue).
    const [r, , b] = panel.backgroundColor.match(/\d+/g)!.map(Number);
    expect(r).to.be.greaterThan(b);
    // The custom property's computed value (var() resolved), independent of the button's color transition.
    expect(style.getPropertyValue('--chatkit-accent').trim()).to.equal('#ff0000');
  });

  it('CSS variables set by the page win over the theme option', async () => {
    const { el, server } = await mount(
      {},
      html`<chatkit-chat persist="none" style="--chatkit-accent: rgb(0, 128, 0)"></chatkit-chat>`,
    );
    el.setOptions({
      api: { url: API_URL, fetch: server.fetch },
      theme: { color: { accent: { primary: '#ff0000' } } },
    });
    await el.updateComplete;
    expect(getComputedStyle(el).getPropertyValue('--chatkit-accent').trim()).to.equal('rgb(0, 128, 0)');
  });

  it('registers font sources through the FontFace API', async () => {
    const { el, server } = await mount();
    el.setOptions({
      api: { url: API_URL, fetch: server.fetch },
      theme: {
        typography: {
          fontFamily: 'Brand Sans',
          fontSources: [{ family: 'Brand Sans', src: 'https://fonts.test/brand.woff2', weight: 400 }],
        },
      },
    });
    await el.updateComplete;
    expect([...document.fonts].some((face) => face.family.replace(/"/g, '') === 'Brand Sans')).to.equal(true);
  });

  it('drops values that could escape their declaration', () => {
    const compiled = compileTheme({
      color: {
        accent: { primary: 'red; } :host { display: none' },
        surface: { background: 'url(x)', foreground: '#000' },
      },
      typography: { fontFamily: 'x} body{color:red', fontFamilyMono: 'Menlo' },
    });
    const css = themeCss(compiled);
    expect(css).to.not.contain('display: none');
    expect(css).to.not.contain('url(');
    expect(css).to.not.contain('body{');
    expect(css).to.contain('--chatkit-font-family-mono: Menlo;');
  });
});
