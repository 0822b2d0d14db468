/**
 * Test harness: the real ChatKitServer over a real SQLite file in a temp dir, with the agent hooks from
 * createDemoHooks (domain tables in the same file), driven through `process()`. `restart()` builds a
 * new server and new hooks over the same file, as a process restart would.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Action, ThreadItem, ThreadStreamEvent, UserMessageInput } from '../../../src/protocol/types.js';
import type { AgentConfig, AgentHookOptions } from '../../../server/agent/create-responder.js';
import { ChatKitServer } from '../../../server/chatkit/server.js';
import type { ProcessResult } from '../../../server/chatkit/types.js';
import { SqliteStore } from '../../../server/stores/sqlite-store.js';
import type { RequestContext } from '../../../server/stores/store.js';
import { createDemoHooks, type DemoOptions } from '../../../server/use-cases/demo.js';

/** A user-message input. */
export function input(text: string, inference: UserMessageInput['inference_options'] = {}): UserMessageInput {
  return { content: [{ type: 'input_text', text }], attachments: [], inference_options: inference };
}

/** Collects a stream result. */
export async function collect(result: ProcessResult): Promise<ThreadStreamEvent[]> {
  if (result.kind !== 'stream') throw new Error(`expected a stream, got ${JSON.stringify(result.body)}`);
  const events: ThreadStreamEvent[] = [];
  for await (const event of result.events) events.push(event);
  return events;
}

/** Items finished in a stream (`thread.item.done`). */
export function doneItems(events: ThreadStreamEvent[]): ThreadItem[] {
  return events.flatMap((event) => (event.type === 'thread.item.done' ? [event.item] : []));
}

/** The full text of the assistant messages finished in a stream. */
export function assistantText(events: ThreadStreamEvent[]): string {
  return doneItems(events)
    .flatMap((item) => (item.type === 'assistant_message' ? item.content.map((part) => part.text) : []))
    .join('\n');
}

/** A running harness. */
export class AgentHarness {
  readonly dir = mkdtempSync(join(tmpdir(), 'chatkit-agent-'));
  readonly dbPath = join(this.dir, 'chatkit.db');
  context: RequestContext = { userId: 'user_a' };
  server!: ChatKitServer;
  store!: SqliteStore;
  hooks!: ReturnType<typeof createDemoHooks>;

  constructor(
    private readonly config: AgentConfig,
    private readonly options: AgentHookOptions & DemoOptions = {},
  ) {
    this.open();
  }

  private open(): void {
    this.store = new SqliteStore({ path: this.dbPath });
    this.hooks = createDemoHooks(this.config, this.dbPath, { offline: { pace: null }, ...this.options });
    this.server = new ChatKitServer({
      store: this.store,
      respond: this.hooks.respond,
      action: this.hooks.action,
      syncAction: this.hooks.syncAction,
      logger: { error: (details) => console.error(details), warn: () => {}, debug: () => {} },
    });
  }

  /** Closes the server's resources and opens new ones over the same database file. */
  async restart(): Promise<void> {
    await this.store.close();
    this.hooks.close();
    this.open();
  }

  async stream(body: unknown, context = this.context): Promise<ThreadStreamEvent[]> {
    return collect(await this.server.process(body, context));
  }

  async json(body: unknown, context = this.context): Promise<any> {
    const result = await this.server.process(body, context);
    if (result.kind !== 'json') throw new Error('expected JSON');
    return result.body;
  }

  /** Creates a thread with a first message; returns the events and the thread id. */
  async create(text: string, inference: UserMessageInput['inference_options'] = {}, context = this.context) {
    const events = await this.stream(
      { type: 'threads.create', params: { input: input(text, inference) } },
      context,
    );
    const created = events.find((event) => event.type === 'thread.created');
    if (!created || created.type !== 'thread.created') throw new Error('no thread.created');
    return { events, threadId: created.thread.id };
  }

  send(threadId: string, text: string, inference: UserMessageInput['inference_options'] = {}) {
    return this.stream({
      type: 'threads.add_user_message',
      params: { thread_id: threadId, input: input(text, inference) },
    });
  }

  action(threadId: string, itemId: string | null, action: Action) {
    return this.stream({
      type: 'threads.custom_action',
      params: { thread_id: threadId, item_id: itemId, action },
    });
  }

  /** Every stored item of a thread, oldest first (hidden ones excluded, as clients see them). */
  async items(threadId: string): Promise<ThreadItem[]> {
    const page = await this.json({
      type: 'items.list',
      params: { thread_id: threadId, limit: 100, order: 'asc' },
    });
    return page.data as ThreadItem[];
  }

  async close(): Promise<void> {
    await this.store.close();
    this.hooks.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
