/**
 * The element's own image policy (issue 11 item 8): when the thread gives no `allowed_image_domains`, images
 * load only from the API's host (and raster `data:` URLs) unless the page widens it with the `images` option or
 * the `image-domains` attribute; the thread's list, when set, wins.
 */
import { expect, html } from '@open-wc/testing';
import { describe, it } from '../support/mocha.js';
import { deep, mount, settle, until } from './helpers.js';
import type { ThreadItem } from '../../src/protocol/types.js';
import type { ChatkitChat } from '../../src/index.js';
import type { InPageChatKit } from '../support/in-page-chatkit.js';

const T = '2026-01-01T00:00:00';
const THIRD = 'https://pixel.third.example/t.png';
const OWN = 'https://api.test/files/a.png';

function items(threadId: string): ThreadItem[] {
  return [
    {
      id: 'g_third',
      thread_id: threadId,
      created_at: T,
      type: 'generated_image',
      image: { id: 'i1', url: THIRD },
    },
    {
      id: 'g_own',
      thread_id: threadId,
      created_at: T,
      type: 'generated_image',
      image: { id: 'i2', url: OWN },
    },
    {
      id: 'm_1',
      thread_id: threadId,
      created_at: T,
      type: 'assistant_message',
      content: [{ type: 'output_text', text: `![pixel](${THIRD}) and ![own](${OWN})`, annotations: [] }],
    },
  ] as ThreadItem[];
}

async function open(el: ChatkitChat, server: InPageChatKit, domains?: string[] | null) {
  server.addThread('thr_p', 'Images', items('thr_p'));
  if (domains !== undefined) {
    // Why through the server's queue: the seeded thread is saved asynchronously; this re-saves it after.
    const seeded = server as unknown as { queue(task: () => Promise<void>): Promise<void>; owner: unknown };
    await seeded.queue(() =>
      server.store.saveThread(
        {
          id: 'thr_p',
          title: 'Images',
          created_at: T,
          status: { type: 'active' },
          metadata: {},
          allowed_image_domains: domains,
        } as never,
        seeded.owner as never,
      ),
    );
  }
  await el.setThreadId('thr_p');
  await settle(el);
  await until(
    () =>
      deep(el, 'chatkit-thread', '[data-item-id="m_1"] chatkit-markdown')?.shadowRoot?.textContent?.includes(
        'and',
      ),
    'markdown rendered',
  );
  // Generated images render through an on-demand chunk that may arrive after the markdown one.
  await until(
    () =>
      ['g_third', 'g_own'].every((id) =>
        deep(el, 'chatkit-thread', `[data-item-id="${id}"] img, [data-item-id="${id}"] .image-placeholder`),
      ),
    'generated images rendered',
  );
  await settle(el);
}

/** Image URLs the page would request: generated images and markdown images. */
function loaded(el: ChatkitChat): string[] {
  const out: string[] = [];
  for (const id of ['g_third', 'g_own']) {
    const img = deep<HTMLImageElement>(el, 'chatkit-thread', `[data-item-id="${id}"] img`);
    if (img) out.push(`${id}:${img.getAttribute('src')}`);
  }
  const md = deep(el, 'chatkit-thread', '[data-item-id="m_1"] chatkit-markdown')!;
  for (const img of Array.from(md.shadowRoot!.querySelectorAll('img')))
    out.push(`md:${img.getAttribute('src')}`);
  return out.sort();
}

describe('element image policy', () => {
  it('default: only the API host (no request to a third-party host without a click)', async () => {
    const { el, server } = await mount();
    await open(el, server);
    expect(loaded(el)).to.deep.equal([`g_own:${OWN}`, `md:${OWN}`]);
    const blocked = deep(el, 'chatkit-thread', '[data-item-id="g_third"] .image-placeholder')!;
    expect(blocked.getAttribute('data-reason')).to.equal('blocked');
  });

  it('image-domains="*" restores "any host"', async () => {
    const { el, server } = await mount(
      {},
      html`<chatkit-chat persist="none" theme="light" locale="en" image-domains="*"></chatkit-chat>`,
    );
    await open(el, server);
    expect(loaded(el)).to.deep.equal([`g_own:${OWN}`, `g_third:${THIRD}`, `md:${OWN}`, `md:${THIRD}`]);
  });

  it('the images option lists hosts (subdomains match), replacing the default', async () => {
    const { el, server } = await mount({ images: { allowedDomains: ['third.example'] } });
    await open(el, server);
    expect(loaded(el)).to.deep.equal([`g_third:${THIRD}`, `md:${THIRD}`]);
  });

  it("the thread's allowed_image_domains wins over the element's setting", async () => {
    const { el, server } = await mount({ images: { allowedDomains: '*' } });
    await open(el, server, ['api.test']);
    expect(loaded(el)).to.deep.equal([`g_own:${OWN}`, `md:${OWN}`]);
  });
});
