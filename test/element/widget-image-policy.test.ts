/**
 * The element's widget host answers image decisions with the code the widget renderer brings (image-policy.ts,
 * handed over with `provideImagePolicy`): the drop-in file does not ship it. The widget arrives in the answer to
 * a first message, so no thread load has prefetched the other on-demand item renderers, which hand it over too.
 */
import { expect } from '@open-wc/testing';
import { describe, it } from '../support/mocha.js';
import { deep, mount, sendAndWait, settle, until } from './helpers.js';
import { InPageChatKit } from '../support/in-page-chatkit.js';

const OWN = 'https://api.test/files/photo.jpg';
const THIRD = 'https://cdn.third.example/photo.jpg';

describe('widget images through the element', () => {
  it('loads an allowed host and blocks another in a streamed widget', async () => {
    const server = new InPageChatKit();
    server.script = ({ threadId, nextId }) => [
      {
        type: 'thread.item.done',
        item: {
          id: nextId('w'),
          thread_id: threadId,
          created_at: '2026-01-01T00:00:00',
          type: 'widget',
          widget: {
            type: 'Card',
            children: [
              { type: 'Image', src: OWN, alt: 'Own', width: 120, height: 80 },
              { type: 'Image', src: THIRD, alt: 'Third', width: 120, height: 80 },
            ],
          },
        },
      },
    ];
    const { el } = await mount({}, undefined, server);
    await sendAndWait(el, 'show me photos');
    const widget = () => deep(el, 'chatkit-thread', 'chatkit-widget');
    await until(() => widget()?.shadowRoot?.querySelector('img, .image-load'), 'widget images rendered');
    await settle(el);
    const srcs = [...widget()!.shadowRoot!.querySelectorAll('img')].map((img) => img.getAttribute('src'));
    // The API's host is the default allowance; the third-party host waits for a click.
    expect(srcs).to.deep.equal([OWN]);
  });
});
