/**
 * The scripted responder through the real ChatKitServer (memory store): event order, deltas that add up to
 * the answer, rich markdown, the title after the first exchange, and a prompt stop on abort.
 */
import { describe, expect, it } from 'vitest';
import type { ThreadStreamEvent } from '../../../src/protocol/types.js';
import { ChatKitServer } from '../../../server/chatkit/server.js';
import { createScriptedResponder } from '../../support/scripted-responder.js';
import { scriptedAnswer, splitIntoDeltas, titleFromPrompt } from '../../support/scripted-answers.js';
import { MemoryStore } from '../../../server/stores/memory-store.js';

const input = (text: string) => ({
  content: [{ type: 'input_text', text }],
  attachments: [],
  inference_options: {},
});

async function collect(
  events: AsyncIterable<ThreadStreamEvent>,
  stopAfterDeltas = Infinity,
  abort?: () => void,
) {
  const out: ThreadStreamEvent[] = [];
  let deltas = 0;
  for await (const event of events) {
    out.push(event);
    if (
      event.type === 'thread.item.updated' &&
      event.update.type.endsWith('text_delta') &&
      ++deltas === stopAfterDeltas
    ) {
      abort?.();
    }
  }
  return out;
}

describe('scripted answers', () => {
  it('splitIntoDeltas keeps every character', () => {
    for (const text of ['', 'one', '  lead and trail  ', 'a\n\nb\tc  d', scriptedAnswer('markdown')]) {
      expect(splitIntoDeltas(text, 3).join('')).toBe(text);
    }
    expect(splitIntoDeltas('one two three four five six seven', 3)).toEqual([
      'one two three',
      ' four five six',
      ' seven',
    ]);
  });

  it('the showcase has a heading, a list, a code block and a table', () => {
    const text = scriptedAnswer('show me some markdown');
    expect(text).toMatch(/^## /m);
    expect(text).toMatch(/^- /m);
    expect(text).toMatch(/^```ts$/m);
    expect(text).toMatch(/^\| --- \| --- \|$/m);
  });

  it('answers deterministically and echoes unknown prompts as a quote', () => {
    expect(scriptedAnswer('compare plans in a table')).toBe(scriptedAnswer('compare plans in a table'));
    expect(scriptedAnswer('zebra?\nsecond line')).toContain('> zebra?\n> second line');
  });

  it('titles come from the first words of the prompt', () => {
    expect(titleFromPrompt('what is the weather like in Paris today, and tomorrow?')).toBe(
      'What is the weather like in Paris today',
    );
    expect(titleFromPrompt('   ')).toBe('New chat');
    expect(titleFromPrompt('x'.repeat(100))).toHaveLength(48);
  });
});

describe('createScriptedResponder', () => {
  it('streams added → part added → deltas → part done → done, then titles the thread', async () => {
    const server = new ChatKitServer({
      store: new MemoryStore(),
      respond: createScriptedResponder({ delayMs: 0 }),
    });
    const result = await server.process(
      { type: 'threads.create', params: { input: input('a table please') } },
      { userId: 'u1' },
    );
    if (result.kind !== 'stream') throw new Error('expected a stream');
    const events = await collect(result.events);
    const kinds = events.map((event) =>
      event.type === 'thread.item.updated' ? event.update.type : event.type,
    );
    const answerStart = kinds.indexOf('thread.item.added');
    expect(kinds.slice(answerStart, answerStart + 2)).toEqual([
      'thread.item.added',
      'assistant_message.content_part.added',
    ]);
    expect(kinds.slice(-3)).toEqual([
      'assistant_message.content_part.done',
      'thread.item.done',
      'thread.updated',
    ]);
    const text = events
      .flatMap((event) =>
        event.type === 'thread.item.updated' &&
        event.update.type === 'assistant_message.content_part.text_delta'
          ? [event.update.delta]
          : [],
      )
      .join('');
    expect(text).toBe(scriptedAnswer('a table please'));
    expect(events.at(-1)).toMatchObject({ thread: { title: 'A table please' } });
  });

  it('stops within one delay after the signal aborts', async () => {
    const controller = new AbortController();
    const server = new ChatKitServer({
      store: new MemoryStore(),
      respond: createScriptedResponder({ delayMs: 5 }),
    });
    const result = await server.process(
      { type: 'threads.create', params: { input: input('a long story') } },
      { userId: 'u1', signal: controller.signal },
    );
    if (result.kind !== 'stream') throw new Error('expected a stream');
    const events = await collect(result.events, 3, () => controller.abort());
    const deltas = events.filter(
      (event) => event.type === 'thread.item.updated' && event.update.type.endsWith('text_delta'),
    );
    expect(deltas.length).toBe(3);
    expect(
      events.some((event) => event.type === 'thread.item.done' && event.item.type === 'assistant_message'),
    ).toBe(false);
  });
});
