import { expect, html } from '@open-wc/testing';
import { describe, it, withMedia } from '../support/mocha.js';
import { deep, mount, sendAndWait, settle, until } from './helpers.js';
import { en, type Strings } from '../../src/i18n/strings.js';
import { completeEnglish } from '../../src/i18n/strings-more.js';
import ar from '../../src/i18n/locales/ar.js';
import de from '../../src/i18n/locales/de.js';
import es from '../../src/i18n/locales/es.js';
import fr from '../../src/i18n/locales/fr.js';
import ja from '../../src/i18n/locales/ja.js';
import { loadStrings, resolveLanguage, SUPPORTED_LANGUAGES } from '../../src/i18n/localize.js';

// The whole English table, including the strings only on-demand parts show.
completeEnglish();

describe('accessibility', () => {
  it('a conversation passes axe', async () => {
    const { el } = await mount();
    await sendAndWait(el, 'check me');
    await until(
      () => deep(el, 'chatkit-thread', 'chatkit-markdown')?.shadowRoot?.childElementCount,
      'markdown',
    );
    await expect(el).to.be.accessible();
  });

  it('the start screen and the open launcher pass axe', async () => {
    const { el } = await mount(
      { startScreen: { greeting: 'Hi', prompts: [{ label: 'One', prompt: 'one' }] } },
      html`<chatkit-chat persist="none" mode="launcher" locale="en"></chatkit-chat>`,
    );
    deep<HTMLButtonElement>(el, '[part="launcher"]')!.click();
    await settle(el);
    await expect(el).to.be.accessible();
  });

  it('honours prefers-reduced-motion', async () => {
    await withMedia({ reducedMotion: 'reduce' }, async () => {
      const { el } = await mount(
        {},
        html`<chatkit-chat persist="none" mode="launcher" locale="en"></chatkit-chat>`,
      );
      deep<HTMLButtonElement>(el, '[part="launcher"]')!.click();
      await settle(el);
      const panel = getComputedStyle(deep(el, '[part="panel"]')!);
      expect(parseFloat(panel.animationDuration)).to.be.lessThan(0.01);
      const send = getComputedStyle(deep(el, 'chatkit-composer', '.send')!);
      expect(parseFloat(send.transitionDuration)).to.be.lessThan(0.01);
    });
  });
});

describe('languages', () => {
  // Each locale's own table, not what loadStrings returns: that is merged over English, so a missing key
  // would pass as its English fallback.
  const tables: Record<string, Partial<Strings>> = { en, de, fr, es, ja, ar };

  for (const language of SUPPORTED_LANGUAGES) {
    it(`${language}: every string is translated and of the right kind`, async () => {
      const table = tables[language] as Record<string, unknown> | undefined;
      expect(table, `a table for ${language}`).to.be.an('object');
      for (const [key, value] of Object.entries(en)) {
        expect(Object.hasOwn(table!, key), `${language}.${key}`).to.equal(true);
        const translated = table![key];
        expect(typeof translated, `${language}.${key}`).to.equal(typeof value);
        if (typeof value === 'function') expect((translated as (n: number) => string)(2)).to.be.a('string');
      }
      // The loader serves this table.
      expect((await loadStrings(language)).send).to.equal(table!.send);
      if (language !== 'en') expect(table!.send).to.not.equal(en.send);
    });
  }

  it('resolves tags to shipped languages and falls back to English', () => {
    expect(resolveLanguage('de-CH')).to.equal('de');
    expect(resolveLanguage('pt-BR')).to.equal('en');
    expect(resolveLanguage('AR')).to.equal('ar');
  });
});
