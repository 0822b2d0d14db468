/**
 * An in-page ChatKit server for element tests, plugged in through the element's `api.fetch` option. It
 * keeps threads in memory, answers JSON requests, and streams scripted SSE bodies (a real
 * `ReadableStream` per response, so the element's real transport, SSE decoder, reducer and session run).
 * Streams can be held open with {@link FakeChatKit.hold} to test Stop and the streaming UI.
 */
import type { Thread, ThreadItem, ThreadStreamEvent } from '../../src/protocol/types.js';

/** What a scripted reply emits after the user message (defaults: a short markdown answer). */
export type Script = (ctx: {
  threadId: string;
  text: string;
  nextId: (kind: string) => string;
}) => ThreadStreamEvent[];

interface StoredThread {
  thread: Omit<Thread, 'items'>;
  items: ThreadItem[];
}

const NOW = '2026-05-19T14:03:10.257063';

export class FakeChatKit {
  requests: { type: string; params: any; headers: Record<string, string> }[] = [];
  threads = new Map<string, StoredThread>();
  script: Script = ({ threadId, text, nextId }) => {
    const id = nextId('msg');
    return [
      { type: 'stream_options', stream_options: { allow_cancel: true } },
      {
        type: 'thread.item.added',
        item: { id, thread_id: threadId, created_at: NOW, type: 'assistant_message', content: [] },
      },
      {
        type: 'thread.item.updated',
        item_id: id,
        update: {
          type: 'assistant_message.content_part.added',
          content_index: 0,
          content: { type: 'output_text', text: '', annotations: [] },
        },
      },
      {
        type: 'thread.item.updated',
        item_id: id,
        update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta: 'You said: ' },
      },
      {
        type: 'thread.item.updated',
        item_id: id,
        update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta: text },
      },
      {
        type: 'thread.item.done',
        item: {
          id,
          thread_id: threadId,
          created_at: NOW,
          type: 'assistant_message',
          content: [{ type: 'output_text', text: `You said: ${text}`, annotations: [] }],
        },
      },
    ] as ThreadStreamEvent[];
  };
  /** Branding JSON served at `/api/branding`. */
  branding: Record<string, unknown> = {
    name: 'Acme Help',
    primaryColor: '#ff0066',
    greeting: 'Welcome to Acme',
    prompts: [{ label: 'Track order', prompt: 'Where is my order?' }],
  };

  uploads: { url: string; size: number }[] = [];

  private counter = 0;
  private gate: { promise: Promise<void>; release: () => void } | null = null;
  private afterIndex = 0;

  /** The `fetch` to give the element (`setOptions({ api: { url, fetch } })`). */
  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = String(input);
    if (url.endsWith('/api/branding')) return Response.json(this.branding);
    if (init?.method === 'PUT') {
      const bytes = await new Response(init.body as BodyInit).arrayBuffer();
      this.uploads.push({ url, size: bytes.byteLength });
      return new Response(null, { status: 204 });
    }
    const body = JSON.parse(String(init?.body ?? '{}'));
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    this.requests.push({ type: body.type, params: body.params, headers });
    return this.handle(body, init?.signal ?? undefined);
  };

  nextId = (kind: string) => `${kind}_${++this.counter}`;

  /** Holds streams after `afterEvents` events until {@link release}. */
  hold(afterEvents = 3): void {
    let release!: () => void;
    const promise = new Promise<void>((resolve) => (release = resolve));
    this.gate = { promise, release };
    this.afterIndex = afterEvents;
  }

  release(): void {
    this.gate?.release();
    this.gate = null;
  }

  /** Adds a stored thread (history and reload tests). */
  addThread(id: string, title: string, items: ThreadItem[] = []): void {
    this.threads.set(id, {
      thread: { id, title, created_at: NOW, status: { type: 'active' }, metadata: {} },
      items,
    });
  }

  lastRequest(type: string) {
    return [...this.requests].reverse().find((r) => r.type === type);
  }

  private wire(stored: StoredThread): Thread {
    return { ...stored.thread, items: { data: stored.items, has_more: false } };
  }

  private async handle(body: any, signal?: AbortSignal): Promise<Response> {
    const p = body.params ?? {};
    switch (body.type) {
      case 'threads.create': {
        const id = this.nextId('thr');
        this.addThread(id, 'New chat');
        const created: ThreadStreamEvent = {
          type: 'thread.created',
          thread: this.wire(this.threads.get(id)!),
        };
        return this.stream(id, p.input, [created], signal);
      }
      case 'threads.add_user_message':
        if (!this.threads.has(p.thread_id))
          return Response.json({ error: { code: 'not_found', message: 'no' } }, { status: 404 });
        return this.stream(p.thread_id, p.input, [], signal);
      case 'threads.retry_after_item': {
        const stored = this.threads.get(p.thread_id)!;
        const index = stored.items.findIndex((i) => i.id === p.item_id);
        stored.items = stored.items.slice(0, index + 1);
        const user = stored.items[index] as any;
        return this.sse(this.reply(p.thread_id, user?.content?.[0]?.text ?? ''), signal);
      }
      case 'threads.custom_action':
        return this.sse(
          [
            { type: 'client_effect', name: 'custom', data: { action: p.action } } as ThreadStreamEvent,
            ...this.reply(p.thread_id, p.action.type),
          ],
          signal,
        );
      case 'threads.add_client_tool_output':
      case 'threads.add_structured_input':
        return this.sse(this.reply(p.thread_id, JSON.stringify(p.result ?? p.input)), signal);
      case 'threads.get_by_id': {
        const stored = this.threads.get(p.thread_id);
        if (!stored)
          return Response.json({ error: { code: 'thread.not_found', message: 'no' } }, { status: 404 });
        return Response.json(this.wire(stored));
      }
      case 'items.list': {
        const stored = this.threads.get(p.thread_id);
        if (!stored)
          return Response.json({ error: { code: 'thread.not_found', message: 'no' } }, { status: 404 });
        const desc = [...stored.items].reverse();
        const start = p.after ? desc.findIndex((i) => i.id === p.after) + 1 : 0;
        const limit = p.limit ?? 20;
        const data = desc.slice(start, start + limit);
        const hasMore = start + limit < desc.length;
        return Response.json({
          data: p.order === 'asc' ? data.reverse() : data,
          has_more: hasMore,
          after: hasMore ? data.at(-1)?.id : null,
        });
      }
      case 'threads.list': {
        const all = [...this.threads.values()]
          .reverse()
          .map((t) => ({ ...t.thread, items: { data: [], has_more: false } }));
        const start = p.after ? all.findIndex((t) => t.id === p.after) + 1 : 0;
        const limit = p.limit ?? 20;
        const data = all.slice(start, start + limit);
        const hasMore = start + limit < all.length;
        return Response.json({ data, has_more: hasMore, after: hasMore ? data.at(-1)?.id : null });
      }
      case 'threads.update': {
        const stored = this.threads.get(p.thread_id)!;
        stored.thread.title = p.title;
        return Response.json(this.wire(stored));
      }
      case 'threads.delete':
        this.threads.delete(p.thread_id);
        return Response.json({});
      case 'attachments.create': {
        const id = this.nextId('att');
        return Response.json({
          id,
          type: 'file',
          name: p.name,
          mime_type: p.mime_type,
          upload_descriptor: { url: `https://api.test/chatkit/uploads/${id}`, method: 'PUT', headers: {} },
        });
      }
      case 'attachments.delete':
        return Response.json({});
      case 'items.feedback':
        return Response.json({});
      case 'threads.sync_custom_action':
        return Response.json({});
      default:
        return Response.json({ error: { code: 'request.invalid', message: body.type } }, { status: 400 });
    }
  }

  private reply(threadId: string, text: string): ThreadStreamEvent[] {
    const events = this.script({ threadId, text, nextId: this.nextId });
    const stored = this.threads.get(threadId);
    for (const event of events) {
      if (event.type === 'thread.item.done' && stored) stored.items.push(event.item);
    }
    return events;
  }

  private stream(threadId: string, input: any, head: ThreadStreamEvent[], signal?: AbortSignal): Response {
    const stored = this.threads.get(threadId)!;
    const text = input?.content?.map((c: any) => c.text).join('') ?? '';
    const user: ThreadItem = {
      id: this.nextId('msg'),
      thread_id: threadId,
      created_at: NOW,
      type: 'user_message',
      content: input?.content ?? [],
      attachments: (input?.attachments ?? []).map((id: string) => ({
        id,
        type: 'file',
        name: `${id}.txt`,
        mime_type: 'text/plain',
      })),
      inference_options: input?.inference_options ?? {},
    };
    stored.items.push(user);
    const userDone: ThreadStreamEvent = { type: 'thread.item.done', item: user };
    return this.sse([...head, userDone, ...this.reply(threadId, text)], signal);
  }

  private sse(events: ThreadStreamEvent[], signal?: AbortSignal): Response {
    const encoder = new TextEncoder();
    const gate = this.gate;
    const holdAt = this.afterIndex;
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        for (let i = 0; i < events.length; i++) {
          if (gate && i === holdAt) {
            await Promise.race([gate.promise, new Promise((r) => signal?.addEventListener('abort', r))]);
          }
          if (signal?.aborted) {
            controller.error(signal.reason ?? new DOMException('Aborted', 'AbortError'));
            return;
          }
          const raw = (events[i] as { __raw?: string }).__raw;
          controller.enqueue(encoder.encode(raw ?? `data: ${JSON.stringify(events[i])}\n\n`));
          await Promise.resolve();
        }
        controller.close();
      },
    });
    return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
  }
}
