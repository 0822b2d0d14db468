/**
 * The composer's dictation without a microphone: where the transcript goes (cursor, selection, spacing),
 * the elapsed-time format, and when the button is offered (the option, then the server's answer to the
 * empty-audio probe). Recording itself is tested end to end with Chromium's fake device
 * (test/e2e/dictation.test.ts).
 */
import { expect } from '@open-wc/testing';
import { describe, it } from '../support/mocha.js';
import { deep, mount, settle, until } from './helpers.js';
import { formatElapsed, insertAtCursor } from '../../src/element/composer/dictation.js';
import type { ChatKitServer } from '../../server/chatkit/server.js';

describe('dictation', () => {
  it('puts the transcript at the cursor or over the selection, with spaces only where needed', () => {
    expect(insertAtCursor('', 0, 0, ' Hello. ')).to.deep.equal({ value: 'Hello.', caret: 6 });
    expect(insertAtCursor('Note: thanks', 5, 5, 'call Bob')).to.deep.equal({
      value: 'Note: call Bob thanks',
      caret: 14,
    });
    expect(insertAtCursor('Say hi', 6, 6, 'there')).to.deep.equal({ value: 'Say hi there', caret: 12 });
    expect(insertAtCursor('Say XXX now', 4, 7, 'hello')).to.deep.equal({ value: 'Say hello now', caret: 9 });
    // Out-of-range positions are clamped.
    expect(insertAtCursor('abc', 10, 20, 'x')).to.deep.equal({ value: 'abc x', caret: 5 });
    expect(formatElapsed(0)).to.equal('0:00');
    expect(formatElapsed(7_900)).to.equal('0:07');
    expect(formatElapsed(125_000)).to.equal('2:05');
  });

  it('offers the microphone only with the option and a server that transcribes', async () => {
    const { el, server } = await mount({ composer: { dictation: { enabled: true } } });
    // The in-page server has no transcriber: the probe is answered 400 feature_unavailable…
    await until(() => server.requests.some((r) => r.type === 'input.transcribe'), 'probe sent');
    const probe = server.requests.find((r) => r.type === 'input.transcribe')!;
    expect(probe.params).to.deep.equal({ audio_base64: '', mime_type: 'audio/webm' });
    await settle(el);
    expect(deep(el, 'chatkit-composer', '[part="dictation-button"]')).to.equal(null);

    // …one that transcribes gets the button (a new endpoint is a new session, asked anew).
    (server.server as ChatKitServer<any>).transcribe = async () => ({ text: '' });
    el.setOptions({
      api: { url: 'https://api.test/other/chatkit', fetch: server.fetch },
      composer: { dictation: { enabled: true } },
    });
    await until(() => deep(el, 'chatkit-composer', '[part="dictation-button"]'), 'microphone shown');
    const button = deep<HTMLButtonElement>(el, 'chatkit-composer', '[part="dictation-button"]')!;
    expect(button.getAttribute('aria-label')).to.equal('Dictate');
    expect(button.getAttribute('aria-pressed')).to.equal('false');

    // Without the option: no button and no probe.
    const plain = await mount({});
    await settle(plain.el);
    expect(deep(plain.el, 'chatkit-composer', '[part="dictation-button"]')).to.equal(null);
    expect(plain.server.requests.some((r) => r.type === 'input.transcribe')).to.equal(false);
  });
});
