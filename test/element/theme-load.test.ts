/**
 * The theme compiler loads on demand (src/theme/theme-sheet.ts). A page that gives a theme object before the
 * element's first paint must never see the default theme: until the tokens are in the sheet the element is
 * hidden, and `chatkit.ready` comes with them. This file must be the page's first theme object (each test
 * file runs in its own page), so the compiler is not loaded yet when it starts.
 */
import { expect, oneEvent } from '@open-wc/testing';
import { describe, it } from '../support/mocha.js';
import { API_URL, InPageChatKit, deep } from './helpers.js';
import type { ChatkitChat } from '../../src/element/chatkit-chat/chatkit-chat.component.js';
import '../../src/define.js';

describe('theme option loaded on demand', () => {
  it('a theme that only names the color scheme needs no compiler and shows at once', async () => {
    const server = new InPageChatKit();
    const el = document.createElement('chatkit-chat') as ChatkitChat;
    el.setAttribute('persist', 'none');
    el.setOptions({ api: { url: API_URL, fetch: server.fetch }, theme: { colorScheme: 'dark' } });
    document.body.append(el);
    try {
      // Checked right after the first render, before any chunk could have arrived.
      await el.updateComplete;
      expect(el.getAttribute('data-color-scheme')).to.equal('dark');
      expect(getComputedStyle(el).visibility).to.equal('visible');
    } finally {
      el.remove();
    }
  });

  it('a theme object set before the first paint hides the element until its tokens apply, then ready', async () => {
    const server = new InPageChatKit();
    const el = document.createElement('chatkit-chat') as ChatkitChat;
    el.setAttribute('persist', 'none');
    el.setAttribute('locale', 'en');
    el.setOptions({
      api: { url: API_URL, fetch: server.fetch },
      theme: { radius: 'sharp', color: { accent: { primary: '#ff0000' } } },
    });
    const ready = oneEvent(el, 'chatkit.ready');
    let readyFired = false;
    void ready.then(() => (readyFired = true));
    document.body.append(el);
    try {
      // Every state the page could paint before ready: hidden, or already themed (never the default look).
      const seen: string[] = [];
      const sample = () => {
        const style = getComputedStyle(el);
        const themed = style.getPropertyValue('--chatkit-radius').trim() === '2px';
        seen.push(`${style.visibility}/${themed ? 'themed' : 'default'}`);
        return themed;
      };
      await el.updateComplete;
      expect(deep(el, '.panel'), 'the first render is done').to.not.equal(null);
      while (!readyFired) {
        sample();
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      expect(seen.length).to.be.greaterThan(0);
      expect(seen.filter((state) => state === 'visible/default')).to.deep.equal([]);
      expect(seen[0], 'hidden while the compiler loads').to.equal('hidden/default');
      // At ready the tokens are in place and the element shows.
      const style = getComputedStyle(el);
      expect(style.visibility).to.equal('visible');
      expect(style.getPropertyValue('--chatkit-radius').trim()).to.equal('2px');
      expect(style.getPropertyValue('--chatkit-accent').trim()).to.equal('#ff0000');

      // Once the compiler is loaded, a new theme applies in the same call (no hidden state after the paint).
      el.setOptions({
        api: { url: API_URL, fetch: server.fetch },
        theme: { radius: 'pill' },
      });
      expect(getComputedStyle(el).getPropertyValue('--chatkit-radius').trim()).to.equal('20px');
      expect(getComputedStyle(el).visibility).to.equal('visible');
    } finally {
      el.remove();
    }
  });
});
