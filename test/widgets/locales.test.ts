/**
 * Translations of the widget renderer's (and every other) UI string: each shipped locale has exactly the keys
 * of English, each of the same kind (this file reads the locale modules themselves, so the English fallback
 * of `loadStrings` cannot hide a missing key); `<chatkit-chat>` hands its locale's words to the widgets it
 * renders (`WidgetHost.strings`), and follows a language switch; chart ticks use the locale's numbers.
 */
import { expect } from '@open-wc/testing';
import { html } from 'lit';
import ar from '../../src/i18n/locales/ar.js';
import de from '../../src/i18n/locales/de.js';
import es from '../../src/i18n/locales/es.js';
import fr from '../../src/i18n/locales/fr.js';
import ja from '../../src/i18n/locales/ja.js';
import { SUPPORTED_LANGUAGES } from '../../src/i18n/localize.js';
import { en, type Strings } from '../../src/i18n/strings.js';
import { completeEnglish } from '../../src/i18n/strings-more.js';
import type { ThreadStreamEvent, WidgetItem } from '../../src/protocol/types.js';
import { DEFAULT_WIDGET_STRINGS, widgetStringsOf } from '../../src/widgets/widget-strings.js';
import { deep, InPageChatKit, mount as mountChat, sendAndWait, until } from '../element/helpers.js';
import { mount, RecordingHost, settle } from './helpers.js';
import { describe, it } from '../support/mocha.js';

// The whole English table, including the strings only on-demand parts show.
completeEnglish();

const LOCALES: Record<string, Partial<Strings>> = { de, fr, es, ja, ar };

describe('locale key parity', () => {
  it('ships a table for every supported language', () => {
    expect(['en', ...Object.keys(LOCALES)].sort()).to.deep.equal([...SUPPORTED_LANGUAGES].sort());
  });

  for (const [language, table] of Object.entries(LOCALES)) {
    it(`${language} has every English key, of the same kind, and no other`, () => {
      const missing = Object.keys(en).filter((key) => !Object.hasOwn(table, key));
      const extra = Object.keys(table).filter((key) => !Object.hasOwn(en, key));
      expect(missing, `${language} is missing`).to.deep.equal([]);
      expect(extra, `${language} has keys English lacks`).to.deep.equal([]);
      for (const [key, value] of Object.entries(table)) {
        const english = (en as unknown as Record<string, unknown>)[key];
        expect(typeof value, key).to.equal(typeof english);
        if (typeof value === 'function') {
          const text = (value as (arg: never) => unknown)('X' as never);
          expect(text, key).to.be.a('string').and.not.equal('');
        } else expect(value, key).to.be.a('string').and.not.equal('');
      }
    });
  }

  it('the widget renderer takes every word it shows from the tables', () => {
    for (const table of [en, ...Object.values(LOCALES).map((t) => ({ ...en, ...t }) as Strings)]) {
      const words = widgetStringsOf(table);
      expect(Object.keys(words).sort()).to.deep.equal(Object.keys(DEFAULT_WIDGET_STRINGS).sort());
      expect(words.unsupported).to.contain('{type}');
    }
    expect(widgetStringsOf(en)).to.deep.equal(DEFAULT_WIDGET_STRINGS);
    expect(widgetStringsOf({ ...en, ...de } as Strings).selectPlaceholder).to.equal('Auswählen…');
  });
});

function selectWidget(threadId: string, id: string): WidgetItem {
  return {
    id,
    thread_id: threadId,
    created_at: '2026-01-01T00:00:00',
    type: 'widget',
    widget: {
      type: 'Card',
      children: [
        { type: 'Select', name: 'size', options: [{ value: 's', label: 'S' }] },
        { type: 'DatePicker', name: 'day' },
        {
          type: 'ListView',
          limit: 1,
          children: [
            { type: 'ListViewItem', children: [] },
            { type: 'ListViewItem', children: [] },
          ],
        },
      ],
    },
  } as unknown as WidgetItem;
}

describe('<chatkit-chat> translates its widgets', () => {
  it('wires WidgetHost.strings from the locale and follows a language switch', async () => {
    const server = new InPageChatKit();
    server.script = ({ threadId, nextId }) =>
      [{ type: 'thread.item.done', item: selectWidget(threadId, nextId('w')) }] as ThreadStreamEvent[];
    const { el } = await mountChat(
      {},
      html`<chatkit-chat persist="none" locale="de-DE"></chatkit-chat>`,
      server,
    );
    await sendAndWait(el, 'zeig mir ein Formular');
    const widget = () => deep(el, 'chatkit-thread', 'chatkit-widget')!;
    const text = (selector: string, inner?: string) => {
      const host = widget()?.shadowRoot?.querySelector(selector);
      const node = inner ? host?.shadowRoot?.querySelector(inner) : host;
      return node?.textContent?.trim();
    };
    await until(
      () => text('chatkit-widget-select', '#trigger') === 'Auswählen…',
      'German Select placeholder',
    );
    expect(text('chatkit-widget-date-picker', '#trigger')).to.equal('Datum wählen');
    expect(text('.show-more')).to.equal('Mehr anzeigen');
    el.locale = 'fr';
    await until(() => text('chatkit-widget-select', '#trigger') === 'Sélectionner…', 'French after a switch');
    expect(text('.show-more')).to.equal('Afficher plus');
  });
});

describe('widget Markdown', () => {
  it('labels its code copy button in the host language', async () => {
    const host = new RecordingHost();
    host.strings = widgetStringsOf({ ...en, ...de } as Strings);
    const { el, root } = await mount(
      { type: 'Card', children: [{ type: 'Markdown', value: '```js\nlet x = 1;\n```' }] },
      host,
    );
    await settle(el);
    const md = root.querySelector('chatkit-markdown')!;
    await until(() => md.shadowRoot?.querySelector('[part="copy-button"]'), 'code block rendered');
    expect(md.shadowRoot!.querySelector('[part="copy-button"]')!.getAttribute('aria-label')).to.equal(
      'Code kopieren',
    );
  });
});

describe('chart ticks', () => {
  it('use Intl.NumberFormat of the locale', async () => {
    const chart = {
      type: 'Chart',
      showYAxis: true,
      data: [
        { x: 'a', y: 1500.5 },
        { x: 'b', y: 3000 },
      ],
      series: [{ type: 'bar', dataKey: 'y' }],
      xAxis: { dataKey: 'x' },
    };
    const ticks = async (locale: string) => {
      const host = new RecordingHost();
      host.locale = locale;
      const { el, root } = await mount({ type: 'Card', children: [chart] } as never, host);
      await settle(el);
      const c = root.querySelector('chatkit-widget-chart')!;
      await until(() => (c.shadowRoot?.querySelectorAll('text.tick').length ?? 0) > 0, 'ticks');
      return Array.from(c.shadowRoot!.querySelectorAll('text.tick')).map((t) => t.textContent);
    };
    const de = await ticks('de-DE');
    const us = await ticks('en-US');
    expect(us).to.include('3,000');
    expect(de).to.include('3.000');
    const ar = await ticks('ar-EG');
    expect(ar.some((t) => /[٠-٩]/.test(t ?? ''))).to.equal(true);
  });
});
