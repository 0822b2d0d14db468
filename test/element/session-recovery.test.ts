/**
 * Recovering from failures without losing the user's work: a thread whose load failed stays remembered
 * (Retry / New chat), and a message the server never stored goes back into the composer.
 */
import { expect, html, oneEvent } from '@open-wc/testing';
import { describe, it } from '../support/mocha.js';
import {
  deep,
  deepAll,
  InPageChatKit,
  mount,
  sendAndWait,
  settle,
  textbox,
  uniqueApiUrl,
  until,
} from './helpers.js';

const NOW = '2026-01-01T00:00:00';

function serverWithThread(id: string): InPageChatKit {
  const server = new InPageChatKit();
  server.addThread(id, 'Saved', [
    {
      id: 'u1',
      thread_id: id,
      created_at: NOW,
      type: 'user_message',
      content: [{ type: 'input_text', text: 'saved question' }],
      attachments: [],
      inference_options: {},
    },
    {
      id: 'a1',
      thread_id: id,
      created_at: NOW,
      type: 'assistant_message',
      content: [{ type: 'output_text', text: 'saved answer', annotations: [] }],
    },
  ]);
  return server;
}

/** A fetch that answers every ChatKit request with 503 while `down()` is true. */
function flaky(server: InPageChatKit, down: () => boolean): typeof fetch {
  return async (input, init) => {
    if (down() && !String(input).endsWith('/api/branding'))
      return Response.json({ error: { code: 'unavailable', message: 'Try later.' } }, { status: 503 });
    return server.fetch(input, init);
  };
}

const tpl = html`<chatkit-chat persist="local" locale="en"></chatkit-chat>`;

describe('recovering from failures', () => {
  it('a failed load of the saved thread keeps its id and shows the error; Retry loads it', async () => {
    const url = uniqueApiUrl();
    const key = `chatkit-chat:thread:${url}`;
    localStorage.setItem(key, 'thr_saved');
    const server = serverWithThread('thr_saved');
    let down = true;
    const { el } = await mount({ api: { url, fetch: flaky(server, () => down) } }, tpl);
    await until(() => deep(el, 'chatkit-thread', '[role="alert"]'), 'load error shown');
    expect(localStorage.getItem(key)).to.equal('thr_saved');
    expect(deep(el, 'chatkit-start-screen')).to.equal(null);
    down = false;
    const retry = deepAll<HTMLButtonElement>(el, 'chatkit-thread', '[role="alert"] button')[0]!;
    retry.click();
    await until(
      () => deepAll(el, 'chatkit-thread', '[part~="user-message"]').length === 1,
      'thread loaded on Retry',
    );
    await settle(el);
    expect(deep(el, 'chatkit-thread', '[role="alert"]')).to.equal(null);
    expect(localStorage.getItem(key)).to.equal('thr_saved');
    localStorage.removeItem(key);
  });

  it('after a failed load, New chat forgets the saved thread; a not-found forgets it at once', async () => {
    const url = uniqueApiUrl();
    const key = `chatkit-chat:thread:${url}`;
    localStorage.setItem(key, 'thr_saved');
    const server = serverWithThread('thr_saved');
    const { el } = await mount({ api: { url, fetch: flaky(server, () => true) } }, tpl);
    await until(() => deep(el, 'chatkit-thread', '[role="alert"]'), 'load error shown');
    deep<HTMLButtonElement>(el, 'chatkit-header', `button[aria-label="New chat"]`)!.click();
    await until(() => deep(el, 'chatkit-start-screen'), 'start screen');
    expect(localStorage.getItem(key)).to.equal(null);
    el.remove();

    localStorage.setItem(key, 'thr_gone');
    const second = await mount({ api: { url, fetch: server.fetch } }, tpl);
    await until(() => server.lastRequest('items.list')?.params.thread_id === 'thr_gone', 'load tried');
    await until(() => localStorage.getItem(key) === null, 'deleted thread forgotten');
    await settle(second.el);
    expect(deep(second.el, 'chatkit-start-screen')).to.not.equal(null);
  });

  it('a send that fails before the server stores it gives the text back to the composer', async () => {
    const server = new InPageChatKit();
    let down = false;
    const { el } = await mount({ api: { fetch: flaky(server, () => down) } });
    await sendAndWait(el, 'first');
    down = true;
    const input = textbox(el);
    input.value = 'do not lose this';
    input.dispatchEvent(new Event('input'));
    const failed = oneEvent(el, 'chatkit.response.end');
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    await failed;
    await settle(el);
    expect(textbox(el).value).to.equal('do not lose this');
    expect(deepAll(el, 'chatkit-thread', '[part~="user-message"]')).to.have.length(1);
  });

  it('a send to a thread deleted elsewhere starts a new chat with the text kept', async () => {
    const server = new InPageChatKit();
    const url = uniqueApiUrl();
    const key = `chatkit-chat:thread:${url}`;
    const { el } = await mount({ api: { url, fetch: server.fetch } }, tpl);
    await sendAndWait(el, 'first');
    const threadId = server.threadIds[0]!;
    expect(localStorage.getItem(key)).to.equal(threadId);
    await server.deleteThread(threadId);
    const changed = oneEvent(el, 'chatkit.thread.change');
    const input = textbox(el);
    input.value = 'are you there?';
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    expect((await changed).detail.threadId).to.equal(null);
    await until(() => deep(el, 'chatkit-start-screen'), 'new chat');
    await settle(el);
    expect(textbox(el).value).to.equal('are you there?');
    expect(localStorage.getItem(key)).to.equal(null);
    // Sending again works: it creates a new thread.
    await sendAndWait(el, 'are you there?');
    expect(server.lastRequest('threads.create')).to.not.equal(undefined);
  });
});
