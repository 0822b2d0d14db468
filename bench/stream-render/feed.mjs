/**
 * In-page delta feeder of the render bench: the same deltas for every contestant, each delivered in its own
 * task (full speed: a MessageChannel hop, as fast as the page takes them; paced: one per 16 ms).
 */
let deltas = [];
let paced = false;
const channel = new MessageChannel();
const queue = [];
channel.port1.onmessage = () => queue.shift()?.();
const nextTask = () =>
  new Promise((resolve) => {
    if (paced) setTimeout(resolve, 16);
    else {
      queue.push(resolve);
      channel.port2.postMessage(0);
    }
  });

async function drive(onDelta) {
  for (const d of deltas) {
    await nextTask();
    onDelta(d);
  }
}

const NOW = '2026-05-19T14:03:10.257063';
const encoder = new TextEncoder();
const event = (e) => encoder.encode(`data: ${JSON.stringify(e)}\n\n`);

/** A ChatKit endpoint for `<chatkit-chat>`'s `api.fetch`: `threads.create` streams the answer as SSE. */
async function fetchLike(_input, init) {
  const body = JSON.parse(String(init?.body ?? '{}'));
  if (body.type !== 'threads.create') return Response.json({ data: [], has_more: false, after: null });
  const thread = {
    id: 'thr_1',
    title: null,
    created_at: NOW,
    status: { type: 'active' },
    metadata: {},
    items: { data: [], has_more: false },
  };
  const id = 'msg_1';
  const text = deltas.join('');
  const stream = new ReadableStream({
    async start(controller) {
      controller.enqueue(event({ type: 'thread.created', thread }));
      // The server's copy of the message (§8.2): without it the client reports "not accepted" at the end.
      controller.enqueue(
        event({
          type: 'thread.item.done',
          item: {
            id: 'msg_user',
            thread_id: 'thr_1',
            created_at: NOW,
            type: 'user_message',
            content: body.params?.input?.content ?? [],
            attachments: [],
            inference_options: {},
          },
        }),
      );
      controller.enqueue(
        event({
          type: 'thread.item.added',
          item: { id, thread_id: 'thr_1', created_at: NOW, type: 'assistant_message', content: [] },
        }),
      );
      controller.enqueue(
        event({
          type: 'thread.item.updated',
          item_id: id,
          update: {
            type: 'assistant_message.content_part.added',
            content_index: 0,
            content: { type: 'output_text', text: '', annotations: [] },
          },
        }),
      );
      await drive((delta) =>
        controller.enqueue(
          event({
            type: 'thread.item.updated',
            item_id: id,
            update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta },
          }),
        ),
      );
      controller.enqueue(
        event({
          type: 'thread.item.done',
          item: {
            id,
            thread_id: 'thr_1',
            created_at: NOW,
            type: 'assistant_message',
            content: [{ type: 'output_text', text, annotations: [] }],
          },
        }),
      );
      controller.close();
    },
  });
  return new Response(stream, { headers: { 'content-type': 'text/event-stream' } });
}

window.__feed = { drive, fetch: fetchLike };
window.__setFeed = (d, p) => {
  deltas = d;
  paced = p;
};
window.__feedReady = true;
