/**
 * The offline demo model on its own (no use case): it follows whatever intent table it is given, corrects
 * typos of the table's words, only calls offered tools, answers what it cannot place briefly with
 * suggestions, streams at its configured pace and stops mid-answer on abort (stepped through an injected
 * wait, no timers).
 */
import { describe, expect, it } from 'vitest';
import type { ModelEvent, ModelRequest } from '../../../server/agent/chat-model.js';
import {
  chunkText,
  DEFAULT_OFFLINE_PACE,
  OFFLINE_NOTE,
  OfflineDemoModel,
} from '../../../server/agent/offline-demo-model.js';
import {
  editDistance,
  matchIntent,
  normalizeRequest,
  type OfflineIntent,
} from '../../../server/agent/offline-intents.js';
import { SUGGEST_TOOL } from '../../../server/agent/suggestions.js';
import { TITLE_INSTRUCTIONS } from '../../../server/agent/thread-title.js';

/** A tiny use case: a note-taking table. */
const NOTE_INTENTS: OfflineIntent[] = [
  {
    id: 'note.save',
    tools: ['save_note'],
    vocabulary: ['note', 'save', 'remember'],
    patterns: [/^(?:save|remember) (?:a )?note:? (?<text>.+)$/i],
    decide: ({ text }) => ({ calls: [{ name: 'save_note', arguments: { text } }] }),
  },
  {
    id: 'note.catch-all',
    tools: ['save_note'],
    priority: -1,
    patterns: [/^note (?<text>.+)$/i],
    decide: ({ text }) =>
      text === 'nothing' ? null : { calls: [{ name: 'save_note', arguments: { text } }] },
  },
  {
    id: 'note.urgent',
    tools: ['save_note'],
    priority: 5,
    when: (request) => request.instructions.includes('URGENT MODE'),
    patterns: [/^(?<text>.+)$/],
    decide: ({ text }) => ({ calls: [{ name: 'save_note', arguments: { text, urgent: true } }] }),
  },
];

const tool = (name: string) => ({ type: 'function' as const, function: { name, parameters: {} } });
const TOOLS = new Set(['save_note', SUGGEST_TOOL]);

function model(options: ConstructorParameters<typeof OfflineDemoModel>[0] = {}) {
  return new OfflineDemoModel({
    pace: null,
    behaviours: [
      { intents: NOTE_INTENTS, suggestions: [{ label: 'Save a note', prompt: 'save note: call Bob' }] },
    ],
    ...options,
  });
}

async function collect(m: OfflineDemoModel, request: ModelRequest, signal = new AbortController().signal) {
  const events: ModelEvent[] = [];
  for await (const event of m.stream(request, signal)) events.push(event);
  return events;
}
const textOf = (events: ModelEvent[]) => events.map((e) => (e.type === 'text_delta' ? e.delta : '')).join('');

describe('intent matcher', () => {
  it('matches by table, corrects typos of the vocabulary and keeps the typed words in arguments', () => {
    expect(matchIntent(NOTE_INTENTS, 'Save note: Call Bob.', TOOLS)).toEqual({
      intent: 'note.save',
      decision: { calls: [{ name: 'save_note', arguments: { text: 'Call Bob' } }] },
    });
    // "svae" and "ntoe" are one transposition away from the vocabulary; the argument is left as typed.
    expect(matchIntent(NOTE_INTENTS, 'svae ntoe: by mlik', TOOLS)?.decision.calls?.[0].arguments).toEqual({
      text: 'by mlik',
    });
  });

  it('tries intents by priority, skips declined ones, and honours conditions and offered tools', () => {
    expect(matchIntent(NOTE_INTENTS, 'note nothing', TOOLS)).toBeNull();
    expect(matchIntent(NOTE_INTENTS, 'note milk', TOOLS)?.intent).toBe('note.catch-all');
    expect(matchIntent(NOTE_INTENTS, 'note milk', TOOLS, 'URGENT MODE')?.intent).toBe('note.urgent');
    expect(matchIntent(NOTE_INTENTS, 'save note: x', new Set(['other']))).toBeNull();
  });

  it('edit distance and normalisation', () => {
    expect(editDistance('teh', 'the')).toBe(1);
    expect(editDistance('delte', 'delete')).toBe(1);
    expect(editDistance('abc', 'xyzw', 1)).toBe(2);
    const normalized = normalizeRequest('plese remeber Milk', ['please', 'remember']);
    expect(normalized.text).toBe('please remember Milk');
    expect(normalized.original(16, 20)).toBe('Milk');
    expect(normalized.original(0, 6)).toBe('plese');
    // Real words one edit from a command word are not "corrected".
    expect(normalizeRequest('I lost it', ['list']).text).toBe('I lost it');
  });
});

describe('offline demo model', () => {
  const system = { role: 'system' as const, content: '' };

  it('makes the tool calls its table decides, only for offered tools', async () => {
    const events = await collect(model(), {
      messages: [system, { role: 'user', content: 'save note: buy milk' }],
      tools: [tool('save_note')],
    });
    expect(events).toEqual([
      {
        type: 'tool_call',
        call: { id: 'call_offline_2_0', name: 'save_note', arguments: JSON.stringify({ text: 'buy milk' }) },
      },
    ]);
    expect(model().decide('save note: x', new Set(['other'])).calls).toBeUndefined();
  });

  it('answers what it cannot place briefly, with clickable suggestions when the tool is offered', async () => {
    const events = await collect(model(), {
      messages: [system, { role: 'user', content: 'tell me a joke' }],
      tools: [tool('save_note'), tool(SUGGEST_TOOL)],
    });
    const text = textOf(events);
    expect(text).toMatch(/^Sorry, I didn't catch that: /);
    expect(text.length).toBeLessThan(140);
    expect(events.at(-1)).toMatchObject({
      type: 'tool_call',
      call: { name: SUGGEST_TOOL, arguments: JSON.stringify({ prompts: ['save note: call Bob'] }) },
    });
    // Without the suggestion tool the prompts are named in the text, still short.
    const plain = textOf(
      await collect(model(), {
        messages: [system, { role: 'user', content: 'hello' }],
        tools: [tool('save_note')],
      }),
    );
    expect(plain).toMatch(/^Hello! .*“save note: call Bob”/);
    expect(plain).toContain(OFFLINE_NOTE);
  });

  it('says it is the offline model in the first answer only', async () => {
    const later = await collect(model(), {
      messages: [
        system,
        { role: 'user', content: 'hello' },
        { role: 'assistant', content: 'Hi!' },
        { role: 'user', content: 'hello again' },
      ],
      tools: [tool('save_note')],
    });
    expect(textOf(later)).not.toContain(OFFLINE_NOTE);
  });

  it('summarises tool results after a tool round; an empty summary says nothing', async () => {
    const events = await collect(model(), {
      messages: [
        system,
        { role: 'user', content: 'add a and b' },
        { role: 'assistant', content: null, tool_calls: [] as never },
        { role: 'tool', tool_call_id: '1', content: JSON.stringify({ summary: 'Added “a”.' }) },
        { role: 'tool', tool_call_id: '2', content: JSON.stringify({ summary: 'Added “b”.' }) },
      ],
      tools: [tool('save_note')],
    });
    expect(textOf(events)).toMatch(/^Added “a”\. Added “b”\./);
    const silent = await collect(model(), {
      messages: [
        system,
        { role: 'user', content: 'x' },
        { role: 'assistant', content: 'Try one of these:', tool_calls: [] as never },
        { role: 'tool', tool_call_id: '1', content: JSON.stringify({ summary: '' }) },
      ],
      tools: [tool('save_note')],
    });
    expect(silent).toEqual([]);
  });

  it('titles with the first words of the message', async () => {
    const events = await collect(model(), {
      messages: [
        { role: 'system', content: TITLE_INSTRUCTIONS },
        { role: 'user', content: 'Save note: a very long first message that goes on' },
      ],
      tools: [],
    });
    expect(textOf(events)).toBe('Save note: a very long first message tha');
  });
});

describe('offline demo model: pace and cancellation', () => {
  it('chunks text at about the pace size, cutting after spaces', () => {
    const text = 'The quick brown fox jumps over the lazy dog and keeps running through the field.';
    const chunks = chunkText(text, 20);
    expect(chunks.join('')).toBe(text);
    expect(chunks.every((chunk) => chunk.length <= 20)).toBe(true);
    expect(chunks.length).toBeGreaterThan(3);
    expect(DEFAULT_OFFLINE_PACE).toEqual({ chars: 40, intervalMs: 30 });
  });

  it('waits the configured interval between chunks and stops mid-answer on abort', async () => {
    const waits: number[] = [];
    let release: (() => void) | null = null;
    const controller = new AbortController();
    const m = model({
      pace: { chars: 10, intervalMs: 30 },
      // A gate: each wait resolves only when the test says so, and rejects on abort like a timer would.
      wait: (ms, signal) =>
        new Promise<void>((resolve, reject) => {
          waits.push(ms);
          release = resolve;
          signal.addEventListener('abort', () => reject(signal.reason), { once: true });
        }),
    });
    const stream = m.stream(
      {
        messages: [
          { role: 'system', content: '' },
          { role: 'user', content: 'what?' },
        ],
        tools: [tool('save_note')],
      },
      controller.signal,
    );
    const iterator = stream[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.value).toMatchObject({ type: 'text_delta' });
    const second = iterator.next();
    // The model is now waiting between chunks: let one through, then abort during the next wait.
    await Promise.resolve();
    (release as unknown as () => void)();
    expect((await second).value).toMatchObject({ type: 'text_delta' });
    const third = iterator.next();
    await Promise.resolve();
    controller.abort(new Error('stopped by the user'));
    await expect(third).rejects.toThrow('stopped by the user');
    expect(waits).toEqual([30, 30]);
  });
});
