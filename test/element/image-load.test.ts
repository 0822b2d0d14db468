/**
 * Images the policy refuses (issue 11 item 8): without a proxy they show a "Load image from <host>" button
 * that loads that one image on click (markdown images, widget `Image.src`, `Card.status.favicon`, generated
 * images); with `images.proxyUrl` (or the `image-proxy` attribute) they load through the proxy, while allowed
 * hosts still load directly.
 */
import { expect, html } from '@open-wc/testing';
import { describe, it } from '../support/mocha.js';
import { deep, mount, settle, textbox, until } from './helpers.js';
import type { ThreadItem } from '../../src/protocol/types.js';
import type { ChatkitChat } from '../../src/index.js';
import type { InPageChatKit } from '../support/in-page-chatkit.js';

const T = '2026-01-01T00:00:00';
const THIRD = 'https://pixel.third.example/t.png';
const ICON = 'https://icons.third.example/favicon.png';
const WIDGET_IMG = 'https://cdn.third.example/photo.jpg';
const OWN = 'https://api.test/files/a.png';
const PROXY = 'https://proxy.test/image-proxy';
const via = (url: string) => `${PROXY}?url=${encodeURIComponent(url)}`;

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
      id: 'm_1',
      thread_id: threadId,
      created_at: T,
      type: 'assistant_message',
      content: [
        { type: 'output_text', text: `Look ![a pixel](${THIRD}) and ![own](${OWN}) end`, annotations: [] },
      ],
    },
    {
      id: 'w_1',
      thread_id: threadId,
      created_at: T,
      type: 'widget',
      widget: {
        type: 'Card',
        status: { text: 'From the web', favicon: ICON },
        children: [{ type: 'Image', src: WIDGET_IMG, alt: 'A photo', width: 120, height: 80 }],
      },
    },
  ] as ThreadItem[];
}

const markdown = (el: ChatkitChat) => deep(el, 'chatkit-thread', '[data-item-id="m_1"] chatkit-markdown')!;
const widget = (el: ChatkitChat) => deep(el, 'chatkit-thread', '[data-item-id="w_1"] chatkit-widget')!;

async function open(el: ChatkitChat, server: InPageChatKit) {
  server.addThread('thr_l', 'Images', items('thr_l'));
  await el.setThreadId('thr_l');
  await settle(el);
  await until(() => markdown(el)?.shadowRoot?.textContent?.includes('end'), 'markdown rendered');
  await until(() => widget(el)?.shadowRoot?.querySelector('.status'), 'widget rendered');
  await until(
    () =>
      deep(el, 'chatkit-thread', '[data-item-id="g_third"] img, [data-item-id="g_third"] .image-placeholder'),
    'generated image rendered',
  );
  await settle(el);
}

function srcs(root: ParentNode | null | undefined): string[] {
  return [...(root?.querySelectorAll('img') ?? [])].map((img) => img.getAttribute('src')!);
}

describe('blocked images: click to load', () => {
  it('markdown: a "Load image from <host>" button loads that one image, by click or keyboard', async () => {
    const { el, server } = await mount();
    await open(el, server);
    const md = markdown(el);
    expect(srcs(md.shadowRoot)).to.deep.equal([OWN]);
    const control = md.shadowRoot!.querySelector<HTMLAnchorElement>('.md-image-blocked .md-image-load')!;
    expect(control.getAttribute('role')).to.equal('button');
    expect(control.textContent).to.equal('Load image from pixel.third.example');
    expect(md.shadowRoot!.querySelector('.md-image-blocked')!.textContent).to.contain('a pixel');
    // Keyboard reachable: a link with an href is in the tab order; Space activates it like a button.
    expect(control.tabIndex).to.equal(0);
    control.focus();
    control.dispatchEvent(
      new KeyboardEvent('keydown', { key: ' ', bubbles: true, composed: true, cancelable: true }),
    );
    await until(() => srcs(md.shadowRoot).includes(THIRD), 'third-party image loaded after the click');
    expect(srcs(md.shadowRoot).sort()).to.deep.equal([OWN, THIRD].sort());
    expect(md.shadowRoot!.querySelector('.md-image-load')).to.equal(null);
    // One image only: the generated image and widget images from other hosts stay blocked.
    expect(srcs(deep(el, 'chatkit-thread', '[data-item-id="g_third"]'))).to.deep.equal([]);
  });

  it('generated image: the placeholder button loads it', async () => {
    const { el, server } = await mount();
    await open(el, server);
    const figure = () => deep(el, 'chatkit-thread', '[data-item-id="g_third"]')!;
    const button = figure().querySelector<HTMLButtonElement>('button.image-load')!;
    expect(button.textContent!.trim()).to.equal('Load image from pixel.third.example');
    button.click();
    await until(() => figure().querySelector('img'), 'generated image loaded');
    expect(figure().querySelector('img')!.getAttribute('src')).to.equal(THIRD);
    expect(figure().querySelector('img')!.getAttribute('referrerpolicy')).to.equal('no-referrer');
  });

  it('widget Image.src and Card.status.favicon: each button loads its own image', async () => {
    const { el, server } = await mount();
    await open(el, server);
    const root = widget(el).shadowRoot!;
    expect(srcs(root)).to.deep.equal([]);
    const buttons = [...root.querySelectorAll<HTMLButtonElement>('button.image-load')];
    expect(buttons.map((b) => b.getAttribute('aria-label'))).to.deep.equal([
      'Load image from icons.third.example',
      'Load image from cdn.third.example',
    ]);
    buttons[1]!.click();
    await until(() => srcs(root).includes(WIDGET_IMG), 'widget image loaded');
    expect(srcs(root)).to.deep.equal([WIDGET_IMG]);
    root.querySelector<HTMLButtonElement>('button.image-load')!.click();
    await until(() => srcs(root).includes(ICON), 'favicon loaded');
    expect(srcs(root).sort()).to.deep.equal([ICON, WIDGET_IMG].sort());
  });

  it('the button label is translated', async () => {
    const { el, server } = await mount(
      {},
      html`<chatkit-chat persist="none" theme="light" locale="de"></chatkit-chat>`,
    );
    // The German strings load on demand; widgets take the renderer's words when they render.
    await until(() => textbox(el)?.getAttribute('placeholder') === 'Frag mich etwas…', 'German strings');
    await open(el, server);
    await until(
      () =>
        markdown(el).shadowRoot!.querySelector('.md-image-load')?.textContent ===
        'Bild von pixel.third.example laden',
      'German label in markdown',
    );
    const button = deep(el, 'chatkit-thread', '[data-item-id="g_third"] button.image-load')!;
    expect(button.textContent!.trim()).to.equal('Bild von pixel.third.example laden');
    expect(widget(el).shadowRoot!.querySelector('button.image-load')!.getAttribute('aria-label')).to.equal(
      'Bild von icons.third.example laden',
    );
  });
});

describe('images.proxyUrl', () => {
  it('loads refused hosts through the proxy, allowed hosts directly (every image channel)', async () => {
    const { el, server } = await mount({ images: { proxyUrl: PROXY } });
    await open(el, server);
    expect(srcs(markdown(el).shadowRoot).sort()).to.deep.equal([OWN, via(THIRD)].sort());
    expect(srcs(deep(el, 'chatkit-thread', '[data-item-id="g_third"]'))).to.deep.equal([via(THIRD)]);
    expect(srcs(widget(el).shadowRoot).sort()).to.deep.equal([via(ICON), via(WIDGET_IMG)].sort());
    expect(widget(el).shadowRoot!.querySelector('button.image-load')).to.equal(null);
  });

  it('the image-proxy attribute does the same; a {url} placeholder is replaced', async () => {
    const { el, server } = await mount(
      {},
      html`<chatkit-chat
        persist="none"
        theme="light"
        locale="en"
        image-proxy="https://proxy.test/p/{url}/img"
      ></chatkit-chat>`,
    );
    await open(el, server);
    expect(srcs(deep(el, 'chatkit-thread', '[data-item-id="g_third"]'))).to.deep.equal([
      `https://proxy.test/p/${encodeURIComponent(THIRD)}/img`,
    ]);
  });

  it('an unsafe proxy URL is ignored: refused images stay blocked', async () => {
    const { el, server } = await mount({ images: { proxyUrl: 'javascript:alert(1)//' } });
    await open(el, server);
    expect(srcs(markdown(el).shadowRoot)).to.deep.equal([OWN]);
    expect(markdown(el).shadowRoot!.querySelector('.md-image-load')).not.to.equal(null);
  });
});

describe('images option validation', () => {
  it('images.proxyUrl is a known string option; a wrong type is a chatkit.log warning', async () => {
    const { el } = await mount();
    const logs: CustomEvent[] = [];
    el.addEventListener('chatkit.log', (e) => logs.push(e as CustomEvent));
    el.setOptions({
      api: { url: 'https://api.test/chatkit' },
      images: { proxyUrl: PROXY, allowedDomains: '*' },
    });
    el.setOptions({ api: { url: 'https://api.test/chatkit' }, images: { proxyUrl: 42 } } as never);
    await settle(el);
    const seen = logs.map((e) => [e.detail.name, e.detail.data?.option]);
    expect(seen).to.deep.equal([['options.invalid', 'images.proxyUrl']]);
  });
});
