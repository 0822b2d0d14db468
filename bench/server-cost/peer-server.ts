/**
 * A benchmark child: the peer, `chatkit-node-backend-sdk` (installed under bench/peer only), wired to
 * Express exactly as its README shows, with an in-memory store (the package ships none) and the same
 * scripted turn as ours. Its logger is silenced; its hard-coded `console.log` of every `threads.create`
 * goes to /dev/null.
 */
import express from 'express';
import type { AddressInfo } from 'node:net';
import { ChatKitServer, Store, NotFoundError } from 'chatkit-node-backend-sdk';
import { serveChild } from './child.js';
import { DELTA, DELTAS, FULL_TEXT, heldUntilReleased } from './turn.js';

type Row = { id: string; created_at: string; [key: string]: unknown };
type Page = { data: Row[]; has_more: boolean; after: string | null };

function page(rows: Row[], after: string | null, limit: number, order: 'asc' | 'desc'): Page {
  const sorted = order === 'asc' ? rows : [...rows].reverse();
  const start = after ? sorted.findIndex((row) => row.id === after) + 1 : 0;
  const data = sorted.slice(start, start + limit);
  return { data, has_more: start + limit < sorted.length, after: data.at(-1)?.id ?? null };
}

/** The plainest correct in-memory store for the peer (same work as our MemoryStore). */
class PeerMemoryStore extends Store {
  threads = new Map<string, Row>();
  items = new Map<string, Row[]>();
  attachments = new Map<string, Row>();
  async loadThread(id: string) {
    const thread = this.threads.get(id);
    if (!thread) throw new NotFoundError(`thread ${id}`);
    return structuredClone(thread);
  }
  async saveThread(thread: Row) {
    this.threads.set(thread.id, structuredClone(thread));
    if (!this.items.has(thread.id)) this.items.set(thread.id, []);
  }
  async deleteThread(id: string) {
    this.threads.delete(id);
    this.items.delete(id);
  }
  async loadThreads(limit: number, after: string | null, order: 'asc' | 'desc') {
    return page([...this.threads.values()], after, limit, order);
  }
  async loadThreadItems(threadId: string, after: string | null, limit: number, order: 'asc' | 'desc') {
    return page(this.items.get(threadId) ?? [], after, limit, order);
  }
  async addThreadItem(threadId: string, item: Row) {
    this.items.get(threadId)?.push(structuredClone(item));
  }
  async saveItem(threadId: string, item: Row) {
    const list = this.items.get(threadId) ?? [];
    const index = list.findIndex((row) => row.id === item.id);
    if (index >= 0) list[index] = structuredClone(item);
    else list.push(structuredClone(item));
    this.items.set(threadId, list);
  }
  async loadItem(threadId: string, itemId: string) {
    const item = this.items.get(threadId)?.find((row) => row.id === itemId);
    if (!item) throw new NotFoundError(`item ${itemId}`);
    return structuredClone(item);
  }
  async deleteThreadItem(threadId: string, itemId: string) {
    const list = this.items.get(threadId) ?? [];
    this.items.set(
      threadId,
      list.filter((row) => row.id !== itemId),
    );
  }
  async saveAttachment(attachment: Row) {
    this.attachments.set(attachment.id, structuredClone(attachment));
  }
  async loadAttachment(id: string) {
    const attachment = this.attachments.get(id);
    if (!attachment) throw new NotFoundError(`attachment ${id}`);
    return structuredClone(attachment);
  }
  async deleteAttachment(id: string) {
    this.attachments.delete(id);
  }
}

const silent = { info() {}, warn() {}, error() {}, debug() {} };

class BenchServer extends ChatKitServer {
  constructor(store: Store) {
    super(store, undefined, silent);
  }
  async *respond(thread: Row, input: { content: { type: string; text?: string }[] } | null) {
    const hold = input?.content.some((part) => part.type === 'input_text' && part.text?.includes('hold'));
    const id = (this as unknown as { store: Store }).store.generateItemId('message', thread, {});
    const message = {
      type: 'assistant_message',
      id,
      thread_id: thread.id,
      created_at: new Date().toISOString(),
      content: [{ type: 'output_text', text: '', annotations: [] }],
    };
    yield { type: 'thread.item.added', item: message };
    for (let i = 0; i < DELTAS; i++) {
      yield {
        type: 'thread.item.updated',
        item_id: id,
        update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta: DELTA },
      };
      if (hold && i === 0) await heldUntilReleased();
    }
    yield {
      type: 'thread.item.done',
      item: { ...message, content: [{ type: 'output_text', text: FULL_TEXT, annotations: [] }] },
    };
  }
}

const server = new BenchServer(new PeerMemoryStore());
const app = express();
app.use(express.json());
app.post('/chatkit', async (req, res) => {
  const context = { userId: req.headers['x-chatkit-user'] || 'anonymous' };
  const result = await server.process(JSON.stringify(req.body), context);
  if (result.isStreaming) {
    res.setHeader('Content-Type', 'text/event-stream');
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('Connection', 'keep-alive');
    for await (const chunk of result) res.write(chunk);
    res.end();
  } else {
    res.json(result.toJSON());
  }
});
const listener = app.listen(0, '127.0.0.1', () => {
  serveChild((listener.address() as AddressInfo).port, () => undefined);
});
