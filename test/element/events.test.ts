import { expect, oneEvent } from '@open-wc/testing';
import { describe, it } from '../support/mocha.js';
import {
  deep,
  deepAll,
  deepText,
  echoScript,
  InPageChatKit,
  mount,
  sendAndWait,
  settle,
  textbox,
  until,
  cardWithButton,
  widgetButton,
} from './helpers.js';
import { CHATKIT_EVENTS } from '../../src/events.js';
import type { ThreadStreamEvent } from '../../src/protocol/types.js';

/** Records every chatkit.* event fired on the element. */
function record(el: HTMLElement): { name: string; detail: any; bubbles: boolean; composed: boolean }[] {
  const seen: { name: string; detail: any; bubbles: boolean; composed: boolean }[] = [];
  for (const name of CHATKIT_EVENTS) {
    el.addEventListener(name, (event) => {
      const e = event as CustomEvent;
      seen.push({ name, detail: e.detail, bubbles: e.bubbles, composed: e.composed });
    });
  }
  return seen;
}

describe('chatkit.* events', () => {
  it('chatkit.ready fires once after the first render', async () => {
    const { el } = await mount();
    // ready may already have fired during mount; a fresh element proves it fires.
    const fresh = document.createElement('chatkit-chat');
    const ready = oneEvent(fresh, 'chatkit.ready');
    document.body.append(fresh);
    const event = await ready;
    expect(event.bubbles && event.composed).to.equal(true);
    fresh.remove();
    el.remove();
  });

  it('a send fires thread.change, response.start and response.end (bubbling, composed)', async () => {
    const { el, server } = await mount();
    const seen = record(el);
    await sendAndWait(el, 'hi');
    const names = seen.map((e) => e.name);
    expect(names).to.include.members([
      'chatkit.thread.change',
      'chatkit.response.start',
      'chatkit.response.end',
    ]);
    expect(names.indexOf('chatkit.response.start')).to.be.lessThan(names.indexOf('chatkit.response.end'));
    const change = seen.find((e) => e.name === 'chatkit.thread.change')!;
    expect(change.detail.threadId).to.equal(server.threadIds[0]!);
    expect(seen.every((e) => e.bubbles && e.composed)).to.equal(true);
  });

  it('thread.load.start / load.end fire around loading a thread; setThreadId fires thread.change (as ChatKit)', async () => {
    const { el, server } = await mount();
    server.addThread('thr_x', 'X');
    const seen = record(el);
    await el.setThreadId('thr_x');
    const names = seen.map((e) => e.name);
    expect(names).to.deep.equal([
      'chatkit.thread.load.start',
      'chatkit.thread.change',
      'chatkit.thread.load.end',
    ]);
    expect(seen[0].detail).to.deep.equal({ threadId: 'thr_x' });
  });

  it('New chat by the user fires chatkit.thread.change with null', async () => {
    const { el } = await mount();
    await sendAndWait(el, 'first thread');
    const change = oneEvent(el, 'chatkit.thread.change');
    deep(el, 'chatkit-header', 'button[aria-label="New chat"]')!.click();
    expect((await change).detail).to.deep.equal({ threadId: null });
    await settle(el);
    expect(deep(el, 'chatkit-start-screen')).to.not.equal(null);
  });

  it('opening a thread from history fires thread.change, history.open and history.close', async () => {
    const { el, server } = await mount();
    server.addThread('thr_h', 'From history');
    const seen = record(el);
    deep(el, 'chatkit-header', 'button[aria-label="History"]')!.click();
    await until(() => deep(el, 'chatkit-history', '.row .open'), 'history row');
    deep(el, 'chatkit-history', '.row .open')!.click();
    await until(() => seen.some((e) => e.name === 'chatkit.thread.load.end'), 'loaded');
    const names = seen.map((e) => e.name);
    expect(names[0]).to.equal('chatkit.history.open');
    expect(names).to.include('chatkit.history.close');
    expect(seen.find((e) => e.name === 'chatkit.thread.change')!.detail).to.deep.equal({ threadId: 'thr_h' });
  });

  it('chatkit.effect carries a client_effect; chatkit.log reports unknown event types', async () => {
    const server = new InPageChatKit();
    server.script = ({ threadId, nextId }) =>
      [
        { type: 'client_effect', name: 'confetti', data: { count: 3 } },
        { type: 'totally.unknown', foo: 1 },
        {
          type: 'thread.item.done',
          item: {
            id: nextId('msg'),
            thread_id: threadId,
            created_at: '2026-01-01T00:00:00',
            type: 'assistant_message',
            content: [{ type: 'output_text', text: 'ok', annotations: [] }],
          },
        },
      ] as unknown as ThreadStreamEvent[];
    const { el } = await mount({}, undefined, server);
    const seen = record(el);
    await sendAndWait(el, 'party');
    expect(seen.find((e) => e.name === 'chatkit.effect')!.detail).to.deep.equal({
      name: 'confetti',
      data: { count: 3 },
    });
    expect(seen.some((e) => e.name === 'chatkit.log')).to.equal(true);
  });

  it('chatkit.error fires once and the error shows inline with Retry when allowed', async () => {
    const server = new InPageChatKit();
    server.script = () => [{ type: 'error', code: 'stream.error', allow_retry: true }] as ThreadStreamEvent[];
    const { el } = await mount({}, undefined, server);
    const seen = record(el);
    await sendAndWait(el, 'fail please');
    const alert = deep(el, 'chatkit-thread', '.error[role="alert"]')!;
    expect(alert.textContent).to.contain('Something went wrong');
    // The stream error is shown inline; a retry re-sends after the user message.
    server.script = echoScript;
    const ended = oneEvent(el, 'chatkit.response.end');
    deep(el, 'chatkit-thread', '.error button')!.click();
    await ended;
    await settle(el);
    expect(server.lastRequest('threads.retry_after_item')).to.not.equal(undefined);
    expect(deep(el, 'chatkit-thread', '.error')).to.equal(null);
    expect(seen.filter((e) => e.name === 'chatkit.error').length).to.be.at.most(1);
  });

  it('a malformed event surfaces one error, keeps the thread and the rest of the stream', async () => {
    const server = new InPageChatKit();
    const normal = server.script;
    server.script = (ctx) => [
      { __raw: 'data: {"type": "thread.item.added", broken\n\n' } as any,
      ...normal(ctx),
    ];
    const { el } = await mount({}, undefined, server);
    const seen = record(el);
    await sendAndWait(el, 'survive this');
    expect(seen.filter((e) => e.name === 'chatkit.error').length).to.equal(1);
    await until(
      () =>
        deepText(deep(el, 'chatkit-thread', '[part~="assistant-message"]')).includes(
          'You said: survive this',
        ),
      'answer after the broken event',
    );
    expect(deep(el, 'chatkit-thread', '[part~="user-message"]')).to.not.equal(null);
  });

  it('a failing request fires chatkit.error with an Error', async () => {
    const { el } = await mount({
      api: { url: 'https://api.test/chatkit', fetch: async () => new Response('nope', { status: 500 }) },
    });
    const error = oneEvent(el, 'chatkit.error');
    void el.sendUserMessage('boom');
    const event = await error;
    expect(event.detail.error).to.be.instanceOf(Error);
  });

  it('chatkit.tool.change fires when the user picks a composer tool', async () => {
    const { el, server } = await mount({
      composer: { tools: [{ id: 'search', label: 'Search the web', shortLabel: 'Search', pinned: true }] },
    });
    const change = oneEvent(el, 'chatkit.tool.change');
    await until(() => deep(el, 'chatkit-composer', '.chip'), 'tool chip (loaded on demand)');
    deep(el, 'chatkit-composer', '.chip')!.click();
    expect((await change).detail).to.deep.equal({ toolId: 'search' });
    await sendAndWait(el, 'look it up');
    expect(server.requests[0].params.input.inference_options).to.deep.equal({
      tool_choice: { id: 'search' },
    });
  });
});

describe('conversation features', () => {
  it('Stop aborts the stream, keeps the partial answer and the composer is usable again', async () => {
    const { el, server } = await mount();
    server.hold(6);
    void el.sendUserMessage('long answer');
    await until(() => deep(el, 'chatkit-composer', '[part~="stop-button"]:not([disabled])'), 'stop enabled');
    const ended = oneEvent(el, 'chatkit.response.end');
    const stop = deep(el, 'chatkit-composer', '[part~="stop-button"]')!;
    expect(stop.getAttribute('aria-label')).to.equal('Stop');
    stop.click();
    await ended;
    server.release();
    await settle(el);
    expect(deep(el, 'chatkit-composer', '[part~="stop-button"]')).to.equal(null);
    const answer = deep(el, 'chatkit-thread', '[part~="assistant-message"] chatkit-markdown') as any;
    expect(answer.text).to.equal('You said: ');
    await sendAndWait(el, 'again');
    expect(deepAll(el, 'chatkit-thread', '[part~="user-message"]').length).to.equal(2);
  });

  it('feedback buttons send items.feedback; copy writes the answer to the clipboard', async () => {
    const { el, server } = await mount({ threadItemActions: { feedback: true, retry: true } });
    await sendAndWait(el, 'rate me');
    deep(el, 'chatkit-thread', 'button[aria-label="Good response"]')!.click();
    await until(() => server.lastRequest('items.feedback'), 'feedback sent');
    expect(server.lastRequest('items.feedback')!.params.kind).to.equal('positive');
    await settle(el);
    expect(
      deep(el, 'chatkit-thread', 'button[aria-label="Good response"]')!.getAttribute('aria-pressed'),
    ).to.equal('true');
    let copied = '';
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async (t: string) => void (copied = t) },
    });
    deep(el, 'chatkit-thread', 'button[aria-label="Copy"]')!.click();
    await until(() => copied, 'copied');
    expect(copied).to.equal('You said: rate me');
  });

  it('client tools: onClientTool result goes to threads.add_client_tool_output and the answer continues', async () => {
    const server = new InPageChatKit();
    let calls = 0;
    server.script = (ctx) => {
      const { threadId, nextId, now } = ctx;
      calls += 1;
      if (calls === 1) {
        return [
          {
            type: 'thread.item.done',
            item: {
              id: nextId('tool'),
              thread_id: threadId,
              created_at: now(),
              type: 'client_tool_call',
              status: 'pending',
              call_id: 'c1',
              name: 'get_time',
              arguments: { tz: 'UTC' },
            },
          },
        ] as ThreadStreamEvent[];
      }
      return echoScript(ctx);
    };
    const { el } = await mount(
      { onClientTool: async ({ name, params }) => ({ name, params, time: 'noon' }) },
      undefined,
      server,
    );
    await el.sendUserMessage('what time is it');
    await until(() => server.lastRequest('threads.add_client_tool_output'), 'tool output sent');
    expect(server.lastRequest('threads.add_client_tool_output')!.params.result).to.deep.equal({
      name: 'get_time',
      params: { tz: 'UTC' },
      time: 'noon',
    });
    await until(
      () => deepAll(el, 'chatkit-thread', '[part~="assistant-message"]').length === 1,
      'answer continues',
    );
    await until(() => deep(el, 'chatkit-thread', '.tool-call[data-status="completed"]'), 'tool completed');
  });

  it('structured input takes over the composer and submits answers', async () => {
    const server = new InPageChatKit();
    server.script = ({ threadId, nextId }) =>
      [
        {
          type: 'thread.item.done',
          item: {
            id: nextId('si'),
            thread_id: threadId,
            created_at: '2026-01-01T00:00:00',
            type: 'structured_input',
            status: 'pending',
            inputs: [
              {
                type: 'multiple_choice',
                id: 'size',
                question: 'Which size?',
                options: [{ value: 'S' }, { value: 'M' }],
                multiple: false,
              },
            ],
          },
        },
      ] as ThreadStreamEvent[];
    const { el } = await mount({}, undefined, server);
    await sendAndWait(el, 'order a shirt');
    await until(() => deep(el, 'chatkit-structured-input', 'input[type="radio"]'), 'question form');
    expect(deep(el, 'chatkit-composer')).to.equal(null);
    const radios = deepAll<HTMLInputElement>(el, 'chatkit-structured-input', 'input[type="radio"]');
    radios[1].click();
    server.script = echoScript;
    deep(el, 'chatkit-structured-input', 'button[type="submit"]')!.click();
    await until(() => server.lastRequest('threads.add_structured_input'), 'answer sent');
    expect(server.lastRequest('threads.add_structured_input')!.params.input).to.deep.equal({
      status: 'answered',
      answers: { size: { values: ['M'] } },
    });
  });

  it('history: rename and delete with confirmation', async () => {
    const { el, server } = await mount();
    server.addThread('thr_r', 'Old name');
    el.showHistory();
    await until(() => deep(el, 'chatkit-history', 'button[aria-label="Rename: Old name"]'), 'rename button');
    deep(el, 'chatkit-history', 'button[aria-label="Rename: Old name"]')!.click();
    await settle(el);
    const input = deep<HTMLInputElement>(el, 'chatkit-history', 'input[name="title"]')!;
    input.value = 'New name';
    deep(el, 'chatkit-history', '.editing button[type="submit"]')!.click();
    await until(() => server.lastRequest('threads.update'), 'renamed');
    expect(server.lastRequest('threads.update')!.params).to.deep.equal({
      thread_id: 'thr_r',
      title: 'New name',
    });
    await until(() => deep(el, 'chatkit-history', 'button[aria-label="Delete: New name"]'), 'delete button');
    deep(el, 'chatkit-history', 'button[aria-label="Delete: New name"]')!.click();
    await until(() => deep(el, 'chatkit-history', '[role="alertdialog"]'), 'confirmation');
    expect(server.lastRequest('threads.delete')).to.equal(undefined);
    deep(el, 'chatkit-history', '[role="alertdialog"] .danger')!.click();
    await until(() => server.lastRequest('threads.delete'), 'deleted');
    await until(() => deepAll(el, 'chatkit-history', '.row').length === 0, 'row removed');
  });

  it('attachments: picked files upload at once (two-phase) and travel with the message', async () => {
    const { el, server } = await mount({ composer: { attachments: { enabled: true } } });
    await until(() => deep(el, 'chatkit-composer', 'input[type="file"]'), 'file input (loaded on demand)');
    const input = deep<HTMLInputElement>(el, 'chatkit-composer', 'input[type="file"]')!;
    expect(input.getAttribute('aria-label')).to.equal('Attach files');
    const data = new DataTransfer();
    data.items.add(new File(['hello file'], 'notes.txt', { type: 'text/plain' }));
    input.files = data.files;
    input.dispatchEvent(new Event('change'));
    await until(() => deep(el, 'chatkit-composer', '.file[data-status="done"]'), 'uploaded');
    expect(server.lastRequest('attachments.create')!.params).to.deep.equal({
      name: 'notes.txt',
      size: 10,
      mime_type: 'text/plain',
    });
    // The server made the attachment id and the upload URL (the page's attachment store).
    const created = server.uploads[0]!.url.split('/').at(-1)!;
    expect(created).to.match(/^atc_[0-9a-f]{16}$/);
    expect(server.uploads).to.deep.equal([{ url: `https://api.test/chatkit/uploads/${created}`, size: 10 }]);
    await el.setComposerValue('see attached');
    await settle(el);
    const ended = oneEvent(el, 'chatkit.response.end');
    deep(el, 'chatkit-composer', '[part="send-button"]')!.click();
    await ended;
    expect(server.requests.find((r) => r.type === 'threads.create')!.params.input.attachments).to.deep.equal([
      created,
    ]);
    await settle(el);
    expect(deep(el, 'chatkit-composer', '.file')).to.equal(null);
    // The stored message carries the attachment record the server kept, name included.
    expect(deep(el, 'chatkit-thread', '.attachment')!.textContent).to.contain('notes.txt');
  });

  it('composer models: the chosen model travels in inference_options', async () => {
    const { el, server } = await mount({
      composer: {
        models: [
          { id: 'fast', label: 'Fast', default: true },
          { id: 'smart', label: 'Smart' },
        ],
      },
    });
    await sendAndWait(el, 'default model');
    expect(server.requests[0].params.input.inference_options).to.deep.equal({ model: 'fast' });
    await until(() => deep(el, 'chatkit-composer', '[part~="model-button"]'), 'the model menu rendered');
    deep(el, 'chatkit-composer', '[part~="model-button"]')!.click();
    await settle(el);
    deep(el, 'chatkit-composer', '[role="menuitemradio"][data-id="smart"]')!.click();
    await sendAndWait(el, 'smart model');
    expect(server.lastRequest('threads.add_user_message')!.params.input.inference_options).to.deep.equal({
      model: 'smart',
    });
  });

  it('client widget actions go to widgets.onAction after a cancelable chatkit.widget.action event', async () => {
    const server = new InPageChatKit();
    server.script = cardWithButton({
      label: 'Open cart',
      onClickAction: { type: 'cart.open', handler: 'client', payload: { n: 1 } },
    });
    const calls: unknown[] = [];
    const { el } = await mount(
      { widgets: { onAction: (action) => void calls.push(action) } },
      undefined,
      server,
    );
    await sendAndWait(el, 'cart');
    const { button } = await widgetButton(el);
    const event = oneEvent(el, 'chatkit.widget.action');
    button.click();
    expect((await event).detail.action).to.deep.equal({
      type: 'cart.open',
      payload: { n: 1 },
    });
    await until(() => calls.length === 1, 'onAction called');
    expect(server.lastRequest('threads.custom_action')).to.equal(undefined);
  });

  it('thread status: locked disables the composer with the reason; closed replaces it', async () => {
    const server = new InPageChatKit();
    server.script = ({ threadId }) =>
      [
        {
          type: 'thread.updated',
          thread: {
            id: threadId,
            title: 't',
            created_at: '2026-01-01T00:00:00',
            status: { type: 'locked', reason: 'Agent is busy' },
            metadata: {},
            items: { data: [], has_more: false },
          },
        },
      ] as ThreadStreamEvent[];
    const { el } = await mount({}, undefined, server);
    await sendAndWait(el, 'lock it');
    expect(textbox(el).disabled).to.equal(true);
    expect(textbox(el).placeholder).to.equal('Agent is busy');
  });
});
