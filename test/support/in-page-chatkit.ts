/**
 * The real ChatKit server in the test page: {@link ChatKitServer} over a {@link MemoryStore}, plugged into
 * the element through its `api.fetch` option. Requests go through the server's own parsing, dispatch,
 * response phase and persistence; only the network is simulated (a `Response` whose body is the SSE
 * stream, pulled as the element reads it). Tests script what the responder says ({@link script}), seed
 * threads, hold a stream open ({@link hold}) and read the requests the element sent.
 *
 * It runs in the browser because the server core uses only web-standard APIs (`crypto.getRandomValues`,
 * `atob`, `structuredClone`); the Node-only parts (Express adapter, SQLite/PostgreSQL stores, the disk
 * attachment store) are not imported.
 */
import { ChatKitServer } from '../../server/chatkit/server.js';
import type { AttachmentStore } from '../../server/chatkit/attachment-store.js';
import { HttpError } from '../../server/chatkit/errors.js';
import type { ResponseContext } from '../../server/chatkit/types.js';
import { MemoryStore } from '../../server/stores/memory-store.js';
import type { RequestContext, StoredAttachment } from '../../server/stores/store.js';
import { encodeSSE } from '../../src/protocol/sse.js';
import type {
  AssistantMessageItem,
  ThreadItem,
  ThreadStreamEvent,
  UserMessageItem,
} from '../../src/protocol/types.js';

/** What the responder says after the user message (defaults: "You said: …" streamed as markdown). */
export type Script = (ctx: {
  threadId: string;
  text: string;
  nextId: (kind: string) => string;
  /** The server's clock as a wire timestamp: items must be newer than the user message they answer. */
  now: () => string;
}) => ThreadStreamEvent[];

/** A scripted event that is written to the stream as it is (malformed SSE), not as an event. */
export interface RawFrame {
  __raw: string;
}

const NOW = '2026-05-19T14:03:10.257063';
const RAW = 'test.raw_frame';
/** The user every request of the page belongs to. */
const CONTEXT_USER = 'user_in_page';

interface PageContext extends RequestContext {
  /** The text the script answers to when the request has no user message (tool output, structured input). */
  scriptText?: string;
}

/**
 * An assistant message streamed as the server sends one: `thread.item.added` (empty), `content_part.added`,
 * one `text_delta` per entry of `deltas`, then `thread.item.done` with the whole text.
 */
export function streamedAnswer(
  { threadId, nextId, now }: Pick<Parameters<Script>[0], 'threadId' | 'nextId' | 'now'>,
  deltas: readonly string[],
): ThreadStreamEvent[] {
  const id = nextId('msg');
  const createdAt = now();
  const item = (content: string): AssistantMessageItem => ({
    id,
    thread_id: threadId,
    created_at: createdAt,
    type: 'assistant_message',
    content: content ? [{ type: 'output_text', text: content, annotations: [] }] : [],
  });
  return [
    { type: 'thread.item.added', item: item('') },
    {
      type: 'thread.item.updated',
      item_id: id,
      update: {
        type: 'assistant_message.content_part.added',
        content_index: 0,
        content: { type: 'output_text', text: '', annotations: [] },
      },
    },
    ...deltas.map((delta): ThreadStreamEvent => ({
      type: 'thread.item.updated',
      item_id: id,
      update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta },
    })),
    { type: 'thread.item.done', item: item(deltas.join('')) },
  ];
}

/** The default answer: `You said: <text>`, streamed in two deltas. */
export const echoScript: Script = (ctx) => streamedAnswer(ctx, ['You said: ', ctx.text]);

/** Keeps attachment records only; the bytes PUT to the upload URL are counted in `uploads`. */
class PageAttachmentStore implements AttachmentStore<RequestContext> {
  async createAttachment(input: {
    id: string;
    name: string;
    size?: number;
    mime_type: string;
  }): Promise<StoredAttachment> {
    const url = `https://api.test/chatkit/uploads/${input.id}`;
    return {
      id: input.id,
      type: input.mime_type.startsWith('image/') ? 'image' : 'file',
      name: input.name,
      mime_type: input.mime_type,
      upload_descriptor: { url, method: 'PUT', headers: {} },
      ...(input.mime_type.startsWith('image/')
        ? { preview_url: `https://api.test/chatkit/files/${input.id}` }
        : {}),
    } as StoredAttachment;
  }
  async deleteAttachment(): Promise<void> {}
}

export class InPageChatKit {
  /** Every ChatKit request the element sent, in order. */
  readonly requests: { type: string; params: any; headers: Record<string, string> }[] = [];
  /** Uploads the element PUT to an attachment's upload URL. */
  readonly uploads: { url: string; size: number }[] = [];
  /** Direct uploads (multipart POSTs to `…/upload`, ChatKit's `uploadStrategy: direct`). */
  readonly directUploads: {
    url: string;
    name: string;
    type: string;
    size: number;
    headers: Record<string, string>;
  }[] = [];
  /** Answers direct uploads with this HTTP error instead of the attachment, when set. */
  directUploadError: { status: number; code: string; message: string } | null = null;
  /** Ids of the threads that exist, oldest first (seeded or created by the element). */
  readonly threadIds: string[] = [];
  /** What the responder (and the action handler) streams. */
  script: Script = echoScript;
  /** Branding JSON served at `/api/branding`. */
  branding: Record<string, unknown> = {
    name: 'Acme Help',
    primaryColor: '#ff0066',
    greeting: 'Welcome to Acme',
    prompts: [{ label: 'Track order', prompt: 'Where is my order?' }],
  };
  readonly store = new MemoryStore<PageContext>();
  readonly server: ChatKitServer<PageContext>;

  private counter = 0;
  private gate: { promise: Promise<void>; release: () => void; after: number } | null = null;
  /** Seeding is queued so tests need not await it; every request waits for it first. */
  private seeded: Promise<void> = Promise.resolve();
  private readonly owner: PageContext = { userId: CONTEXT_USER };

  constructor() {
    const scripted = (threadId: string, text: string, ctx: ResponseContext<PageContext>) =>
      this.scripted(threadId, text, ctx);
    this.server = new ChatKitServer<PageContext>({
      store: this.store,
      attachmentStore: new PageAttachmentStore(),
      logger: { debug() {}, warn() {}, error: (...args: unknown[]) => console.error(...args) },
      async *respond(thread, input, ctx) {
        yield* scripted(thread.id, input ? textOf(input) : (ctx.context.scriptText ?? ''), ctx);
      },
      async *action(thread, action, _sender, ctx) {
        yield { type: 'client_effect', name: 'custom', data: { action } } as ThreadStreamEvent;
        yield* scripted(thread.id, action.type, ctx);
      },
      syncAction: async () => ({}),
      addFeedback: () => {},
    });
  }

  /** The `fetch` to give the element (`setOptions({ api: { url, fetch } })`). */
  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = String(input);
    if (url.endsWith('/api/branding')) return Response.json(this.branding);
    if (init?.method === 'POST' && init.body instanceof FormData) return this.directUpload(url, init);
    if (init?.method === 'PUT') {
      const bytes = await new Response(init.body as BodyInit).arrayBuffer();
      this.uploads.push({ url, size: bytes.byteLength });
      return new Response(null, { status: 204 });
    }
    const text = await new Response(init?.body as BodyInit).text();
    let body: any;
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    this.requests.push({ type: body?.type, params: body?.params, headers });
    await this.seeded;
    const signal = init?.signal ?? undefined;
    signal?.throwIfAborted();
    const context: PageContext = { userId: CONTEXT_USER, ...(signal ? { signal } : {}) };
    if (body?.type === 'threads.add_client_tool_output')
      context.scriptText = JSON.stringify(body.params?.result);
    if (body?.type === 'threads.add_structured_input')
      context.scriptText = JSON.stringify(body.params?.input);
    try {
      const result = await this.server.process(body, context);
      if (result.kind === 'json') {
        if (body.type === 'threads.delete') this.forget(body.params.thread_id);
        return Response.json(result.body ?? {});
      }
      return this.sse(result.events, signal);
    } catch (error) {
      if (error instanceof HttpError)
        return Response.json(
          { error: { code: error.code, message: error.message } },
          { status: error.status },
        );
      console.error(error);
      return Response.json(
        { error: { code: 'internal_error', message: 'Internal server error' } },
        { status: 500 },
      );
    }
  };

  /** A direct upload: the `file` part becomes an attachment through `attachments.create`, already uploaded. */
  private async directUpload(url: string, init: RequestInit): Promise<Response> {
    const file = (init.body as FormData).get('file');
    if (!(file instanceof File)) {
      return Response.json({ error: { code: 'invalid_request', message: 'no file' } }, { status: 400 });
    }
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    this.directUploads.push({ url, name: file.name, type: file.type, size: file.size, headers });
    if (this.directUploadError) {
      const { status, code, message } = this.directUploadError;
      return Response.json({ error: { code, message } }, { status });
    }
    await this.seeded;
    const created = await this.server.process(
      { type: 'attachments.create', params: { name: file.name, size: file.size, mime_type: file.type } },
      { userId: CONTEXT_USER },
    );
    const { upload_descriptor: _done, ...attachment } = (created.kind === 'json' ? created.body : {}) as any;
    return Response.json(attachment);
  }

  /** Ids for scripted items: `<kind>_<n>`. */
  nextId = (kind: string) => `${kind}_${++this.counter}`;

  /**
   * Holds streams when they reach `afterEvents` SSE frames, until {@link release} (or the client aborts). A
   * stream already past that point goes on; `release()` then `hold(n)` holds a running stream a second time.
   */
  hold(afterEvents = 3): void {
    let release!: () => void;
    const promise = new Promise<void>((resolve) => (release = resolve));
    this.gate = { promise, release, after: afterEvents };
  }

  /** Lets held streams go on. */
  release(): void {
    this.gate?.release();
    this.gate = null;
  }

  /** Seeds a stored thread with items (history and reload tests). */
  addThread(id: string, title: string, items: ThreadItem[] = []): void {
    this.threadIds.push(id);
    this.queue(async () => {
      await this.store.saveThread(
        { id, title, created_at: NOW, status: { type: 'active' }, metadata: {} },
        this.owner,
      );
      for (const item of items) await this.store.addThreadItem(id, item, this.owner);
    });
  }

  /** Stores an item as if another tab or process had added it (the element learns of it by re-reading). */
  addItem(threadId: string, item: ThreadItem): Promise<void> {
    return this.queue(() => this.store.addThreadItem(threadId, item, this.owner));
  }

  /** Deletes a thread behind the element's back (as another tab would). */
  deleteThread(threadId: string): Promise<void> {
    this.forget(threadId);
    return this.queue(() => this.store.deleteThread(threadId, this.owner));
  }

  /** The stored items of a thread, oldest first. */
  async items(threadId: string): Promise<ThreadItem[]> {
    await this.seeded;
    return (await this.store.loadThreadItems(threadId, { limit: 1000, order: 'asc' }, this.owner)).data;
  }

  /** The newest request of a type. */
  lastRequest(type: string) {
    return [...this.requests].reverse().find((r) => r.type === type);
  }

  private queue(step: () => Promise<void>): Promise<void> {
    this.seeded = this.seeded.then(step);
    return this.seeded;
  }

  private forget(threadId: string): void {
    const index = this.threadIds.indexOf(threadId);
    if (index >= 0) this.threadIds.splice(index, 1);
  }

  /** The responder: the script's events (minus `stream_options`, which the server sends itself). */
  private async *scripted(
    threadId: string,
    text: string,
    ctx: ResponseContext<PageContext>,
  ): AsyncIterable<ThreadStreamEvent> {
    for (const event of this.script({ threadId, text, nextId: this.nextId, now: () => ctx.now() })) {
      if (event.type === 'stream_options') continue;
      const raw = (event as unknown as Partial<RawFrame>).__raw;
      yield raw === undefined ? event : ({ type: RAW, raw } as unknown as ThreadStreamEvent);
    }
  }

  /** The network: an SSE body pulled as the client reads, held at the gate, torn down on abort. */
  private sse(events: AsyncIterable<ThreadStreamEvent>, signal?: AbortSignal): Response {
    const encoder = new TextEncoder();
    const iterator = events[Symbol.asyncIterator]();
    const gate = () => this.gate;
    const threadIds = this.threadIds;
    let sent = 0;
    const aborted = new Promise<void>((resolve) => signal?.addEventListener('abort', () => resolve()));
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const held = gate();
        if (held && sent === held.after) await Promise.race([held.promise, aborted]);
        if (signal?.aborted) {
          void iterator.return?.();
          controller.error(signal.reason ?? new DOMException('Aborted', 'AbortError'));
          return;
        }
        const next = await Promise.race([iterator.next(), aborted.then(() => null)]);
        if (next === null) {
          // The server sees the same signal and cleans up (partial answer kept); do not wait for it here.
          void iterator.return?.();
          controller.error(signal?.reason ?? new DOMException('Aborted', 'AbortError'));
          return;
        }
        if (next.done) return controller.close();
        const event = next.value;
        if (event.type === 'thread.created') threadIds.push(event.thread.id);
        const raw =
          (event as { type: string; raw?: string }).type === RAW
            ? (event as { raw?: string }).raw
            : undefined;
        controller.enqueue(encoder.encode(raw ?? encodeSSE(event)));
        sent++;
      },
      async cancel() {
        await iterator.return?.();
      },
    });
    return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
  }
}

function textOf(message: UserMessageItem): string {
  return message.content.map((part) => ('text' in part ? part.text : '')).join('');
}
