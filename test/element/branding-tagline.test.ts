/**
 * Branding beyond the name: the tagline under the brand name in the header, and the favicon, which reaches the
 * host page only when the page opts in with `apply-favicon`.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { describe, it } from '../support/mocha.js';
import { API_URL, deep, InPageChatKit, until } from './helpers.js';
import type { ChatkitChat } from '../../src/element/chatkit-chat/chatkit-chat.component.js';

const BRANDING_URL = 'https://api.test/api/branding';

function server(): InPageChatKit {
  const fake = new InPageChatKit();
  fake.branding = { ...fake.branding, tagline: 'Here to help', faviconUrl: '/brand-icon.svg' };
  return fake;
}

describe('branding tagline and favicon', () => {
  it('shows the tagline under the brand name and leaves the page icon alone by default', async () => {
    const fake = server();
    const el = await fixture<ChatkitChat>(html`<chatkit-chat persist="none" locale="en"></chatkit-chat>`);
    el.setOptions({ api: { url: API_URL, fetch: fake.fetch }, brandingUrl: BRANDING_URL });
    await until(() => deep(el, 'chatkit-header', '[part="tagline"]'), 'tagline shown');
    expect(deep(el, 'chatkit-header', '[part="title"]')!.textContent).to.equal('Acme Help');
    expect(deep(el, 'chatkit-header', '[part="tagline"]')!.textContent).to.equal('Here to help');
    expect(document.head.querySelector('link[href*="brand-icon"]')).to.equal(null);
  });

  it('applies the favicon to the host page when the page opts in', async () => {
    const fake = server();
    const el = await fixture<ChatkitChat>(
      html`<chatkit-chat persist="none" locale="en" apply-favicon></chatkit-chat>`,
    );
    try {
      el.setOptions({ api: { url: API_URL, fetch: fake.fetch }, brandingUrl: BRANDING_URL });
      await until(() => document.head.querySelector('link[rel~="icon"]'), 'icon link added');
      const link = document.head.querySelector<HTMLLinkElement>('link[rel~="icon"]')!;
      // Relative to the branding server, not to the test page.
      expect(link.href).to.equal('https://api.test/brand-icon.svg');
    } finally {
      document.head.querySelector('link[rel~="icon"]')?.remove();
    }
  });
});
