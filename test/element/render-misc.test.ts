import { expect } from '@open-wc/testing';
import { describe, it } from '../support/mocha.js';
import { deep, deepAll, deepText, mount, sendAndWait, settle, until } from './helpers.js';
import type { ThreadItem, ThreadStreamEvent } from '../../src/protocol/types.js';

const T = '2026-01-01T00:00:00';
const SVG_URL = `data:image/svg+xml;base64,${btoa('<svg xmlns="http://www.w3.org/2000/svg"/>')}`;
// A 1×1 transparent PNG: a raster data URL the element accepts.
const PNG_URL =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

function image(id: string, threadId: string, url: string | null): ThreadItem {
  return {
    id,
    thread_id: threadId,
    created_at: T,
    type: 'generated_image',
    image: url === null ? null : { id: `img_${id}`, url },
  };
}

describe('generated images', () => {
  it('a finished image whose URL is refused shows a blocked note, not an endless spinner', async () => {
    const { el, server } = await mount();
    server.script = ({ threadId, nextId }) => {
      const id = nextId('img');
      return [
        { type: 'thread.item.added', item: image(id, threadId, null) },
        { type: 'thread.item.done', item: image(id, threadId, SVG_URL) },
      ] as ThreadStreamEvent[];
    };
    await sendAndWait(el, 'draw a circle');
    // Generated images render with code loaded on demand.
    await until(() => deep(el, 'chatkit-thread', '.generated-image'), 'image item rendered');
    const figure = deep(el, 'chatkit-thread', '.generated-image')!;
    expect(figure.hasAttribute('data-pending')).to.equal(false);
    expect(figure.querySelector('img') === null).to.equal(true);
    expect(figure.querySelector('.spin') === null, 'no spinner').to.equal(true);
    const note = figure.querySelector('.image-placeholder.unavailable');
    expect(note !== null, 'blocked note').to.equal(true);
    expect(note!.getAttribute('data-reason')).to.equal('blocked');
    expect(deepText(note)).to.contain('Image blocked');
    expect(deepText(figure)).to.not.contain('Generating image');
  });

  it('stored images: a missing one says unavailable, an allowed one renders', async () => {
    const { el, server } = await mount();
    server.addThread('thr_img', 'Images', [
      image('i_missing', 'thr_img', null),
      image('i_ok', 'thr_img', PNG_URL),
    ]);
    await el.setThreadId('thr_img');
    await settle(el);
    await until(() => deep(el, 'chatkit-thread', '[data-item-id="i_ok"] img'), 'allowed image');
    const missing = deep(el, 'chatkit-thread', '[data-item-id="i_missing"]')!;
    expect(missing.querySelector('.spin') === null, 'no spinner').to.equal(true);
    expect(missing.querySelector('.unavailable')!.getAttribute('data-reason')).to.equal('missing');
    expect(deepText(missing)).to.contain('Image unavailable');
  });
});

describe('turn-end actions', () => {
  function message(id: string, threadId: string, text: string): ThreadItem {
    return {
      id,
      thread_id: threadId,
      created_at: T,
      type: 'assistant_message',
      content: [{ type: 'output_text', text, annotations: [] }],
    };
  }

  it('a turn that ends with a generated image gets copy / feedback / retry after the image', async () => {
    const { el, server } = await mount({ threadItemActions: { feedback: true, retry: true } });
    server.script = ({ threadId, nextId }) => {
      const msg = message(nextId('msg'), threadId, 'Here is your circle');
      const img = image(nextId('img'), threadId, PNG_URL);
      return [
        { type: 'thread.item.added', item: { ...msg, content: [] } },
        { type: 'thread.item.done', item: msg },
        { type: 'thread.item.added', item: { ...img, image: null } },
        { type: 'thread.item.done', item: img },
      ] as ThreadStreamEvent[];
    };
    await sendAndWait(el, 'draw a circle');
    const rows = deepAll(el, 'chatkit-thread', '[part="item-actions"]');
    expect(rows.length, 'one actions row for the turn').to.equal(1);
    // The row follows the image (the last item of the turn), not the message before it.
    const row = rows[0];
    expect(row.previousElementSibling?.classList.contains('generated-image')).to.equal(true);
    const labels = [...row.querySelectorAll('button')].map((b) => b.getAttribute('aria-label'));
    expect(labels).to.deep.equal(['Copy', 'Good response', 'Bad response', 'Retry']);
    (row.querySelector('button[aria-label="Good response"]') as HTMLButtonElement).click();
    await until(() => server.lastRequest('items.feedback'), 'feedback sent');
    const imageId = row.previousElementSibling!.getAttribute('data-item-id');
    expect(server.lastRequest('items.feedback')!.params.item_ids).to.deep.equal([imageId]);
  });

  it('an end_of_turn marker after the answer does not take its actions away', async () => {
    const { el, server } = await mount();
    server.addThread('thr_eot', 'Marker', [
      {
        id: 'u1',
        thread_id: 'thr_eot',
        created_at: T,
        type: 'user_message',
        content: [{ type: 'input_text', text: 'hi' }],
        attachments: [],
        inference_options: {},
      },
      message('a1', 'thr_eot', 'Hello!'),
      { id: 'e1', thread_id: 'thr_eot', created_at: T, type: 'end_of_turn' },
    ]);
    await el.setThreadId('thr_eot');
    await settle(el);
    await until(() => deep(el, 'chatkit-thread', '[data-item-id="a1"]'), 'answer shown');
    expect(deep(el, 'chatkit-thread', '[data-item-id="a1"] [part="item-actions"]') !== null).to.equal(true);
  });
});

describe('direction from content', () => {
  it('tool call rows, workflow labels, task titles and answered questions take their direction from their text', async () => {
    const { el, server } = await mount();
    server.addThread('thr_bidi', 'Bidi', [
      {
        id: 'w1',
        thread_id: 'thr_bidi',
        created_at: T,
        type: 'workflow',
        workflow: {
          type: 'custom',
          summary: { title: 'بحث' },
          tasks: [{ type: 'custom', title: 'Searching the docs', status_indicator: 'complete' }],
          expanded: true,
        },
      },
      {
        id: 'c1',
        thread_id: 'thr_bidi',
        created_at: T,
        type: 'client_tool_call',
        status: 'completed',
        call_id: 'k',
        name: 'get_time',
        arguments: {},
      },
      {
        id: 's1',
        thread_id: 'thr_bidi',
        created_at: T,
        type: 'structured_input',
        status: 'answered',
        inputs: [{ id: 'q', type: 'text', question: 'ما اسمك؟', answer: { values: ['Sam'] } }],
      },
    ] as unknown as ThreadItem[]);
    await el.setThreadId('thr_bidi');
    await settle(el);
    await until(() => deep(el, 'chatkit-thread', '.structured-summary dt'), 'summary shown');
    for (const selector of [
      '.tool-label',
      '.task-title',
      '.workflow-summary .label',
      '.structured-summary dt',
    ]) {
      const node = deep(el, 'chatkit-thread', selector);
      expect(node !== null, selector).to.equal(true);
      expect(getComputedStyle(node!).unicodeBidi, selector).to.equal('plaintext');
    }
  });
});
