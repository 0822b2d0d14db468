/**
 * In-page delta feeder of the render bench: the same deltas for every contestant, each delivered in its own
 * task (full speed: a MessageChannel hop, as fast as the page takes them; paced: one per 16 ms).
 */
import { answerDone, answerHead, textDelta } from './stream-events.js';

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

const encoder = new TextEncoder();
const event = (e) => encoder.encode(`data: ${JSON.stringify(e)}\n\n`);

/** A ChatKit endpoint for `<chatkit-chat>`'s `api.fetch`: `threads.create` streams the answer as SSE. */
async function fetchLike(_input, init) {
  const body = JSON.parse(String(init?.body ?? '{}'));
  if (body.type !== 'threads.create') return Response.json({ data: [], has_more: false, after: null });
  const text = deltas.join('');
  const stream = new ReadableStream({
    async start(controller) {
      for (const e of answerHead(body.params?.input?.content ?? [])) controller.enqueue(event(e));
      await drive((delta) => controller.enqueue(event(textDelta(delta))));
      controller.enqueue(event(answerDone(text)));
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
