/**
 * The ChatKit stream events of the benches' scripted answer (thread `thr_1`, assistant message `msg_1`), as
 * plain data: shared by the in-page delta feeder (feed.mjs; harness.js serves this file next to it) and by
 * benches in Node (bench/delta-path.bench.ts). No imports, no globals: it runs in both.
 */
const NOW = '2026-05-19T14:03:10.257063';
const ID = 'msg_1';

/**
 * The events before the first delta: the thread, the server's copy of the user message with `content`
 * (§8.2: without it the client reports "not accepted" at the end), the assistant message and its text part.
 */
export function answerHead(content) {
  return [
    {
      type: 'thread.created',
      thread: {
        id: 'thr_1',
        title: null,
        created_at: NOW,
        status: { type: 'active' },
        metadata: {},
        items: { data: [], has_more: false },
      },
    },
    {
      type: 'thread.item.done',
      item: {
        id: 'msg_user',
        thread_id: 'thr_1',
        created_at: NOW,
        type: 'user_message',
        content,
        attachments: [],
        inference_options: {},
      },
    },
    {
      type: 'thread.item.added',
      item: { id: ID, thread_id: 'thr_1', created_at: NOW, type: 'assistant_message', content: [] },
    },
    {
      type: 'thread.item.updated',
      item_id: ID,
      update: {
        type: 'assistant_message.content_part.added',
        content_index: 0,
        content: { type: 'output_text', text: '', annotations: [] },
      },
    },
  ];
}

/** One text delta of the assistant message. */
export function textDelta(delta) {
  return {
    type: 'thread.item.updated',
    item_id: ID,
    update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta },
  };
}

/** The assistant message done, with its whole `text`. */
export function answerDone(text) {
  return {
    type: 'thread.item.done',
    item: {
      id: ID,
      thread_id: 'thr_1',
      created_at: NOW,
      type: 'assistant_message',
      content: [{ type: 'output_text', text, annotations: [] }],
    },
  };
}
