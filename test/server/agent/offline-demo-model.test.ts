import { describe, expect, it } from 'vitest';
import { decide, OFFLINE_NOTE, OfflineDemoModel } from '../../../server/agent/offline-demo-model.js';
import type { ModelEvent, ModelRequest } from '../../../server/agent/chat-model.js';

const ALL = new Set([
  'add_todo',
  'list_todos',
  'complete_todo',
  'delete_todo',
  'start_return',
  'select_return_option',
  'get_time',
]);

describe('offline demo model: intents → tool calls', () => {
  const cases: [string, unknown][] = [
    ['add buy milk', [{ name: 'add_todo', arguments: { title: 'buy milk' } }]],
    ['Add buy milk to my todos.', [{ name: 'add_todo', arguments: { title: 'buy milk' } }]],
    [
      'add eggs, bread and call mom',
      ['eggs', 'bread', 'call mom'].map((title) => ({ name: 'add_todo', arguments: { title } })),
    ],
    ['show my todos', [{ name: 'list_todos', arguments: {} }]],
    ['What are my tasks?', [{ name: 'list_todos', arguments: {} }]],
    ['complete buy milk', [{ name: 'complete_todo', arguments: { todo: 'buy milk' } }]],
    ['mark call mom as done', [{ name: 'complete_todo', arguments: { todo: 'call mom' } }]],
    ['delete buy milk from my todo list', [{ name: 'delete_todo', arguments: { todo: 'buy milk' } }]],
    ['I want to return something', [{ name: 'start_return', arguments: {} }]],
    ['what time is it in my browser?', [{ name: 'get_time', arguments: {} }]],
  ];
  for (const [text, calls] of cases) {
    it(text, () => expect(decide(text, ALL, 'instructions').calls).toEqual(calls));
  }

  it('while a return is open, answers go to the selection tool (even "drop off")', () => {
    const active = 'RETURN FLOW ACTIVE. Current step: shipping';
    expect(decide('drop off', ALL, active).calls).toEqual([
      { name: 'select_return_option', arguments: { choice: 'drop off' } },
    ]);
    expect(decide('full refund please', ALL, active).calls).toEqual([
      { name: 'select_return_option', arguments: { choice: 'full refund please' } },
    ]);
    expect(decide('add milk to my todos', ALL, active).calls).toEqual([
      { name: 'add_todo', arguments: { title: 'milk' } },
    ]);
  });

  it('only calls tools that are offered, else explains what it understands', () => {
    expect(decide('add buy milk', new Set(['start_return']), '').calls).toBeUndefined();
    expect(decide('tell me a joke', ALL, '').text).toMatch(/offline demo model/);
  });
});

describe('offline demo model: streaming', () => {
  const collect = async (request: ModelRequest) => {
    const events: ModelEvent[] = [];
    for await (const event of new OfflineDemoModel().stream(request, new AbortController().signal))
      events.push(event);
    return events;
  };
  const tools = [...ALL].map((name) => ({ type: 'function' as const, function: { name, parameters: {} } }));

  it('says it is the offline model in the first answer only', async () => {
    const first = await collect({
      messages: [
        { role: 'system', content: '' },
        { role: 'user', content: 'hello' },
      ],
      tools,
    });
    const text = first.map((e) => (e.type === 'text_delta' ? e.delta : '')).join('');
    expect(text).toContain(OFFLINE_NOTE);
    const later = await collect({
      messages: [
        { role: 'system', content: '' },
        { role: 'user', content: 'hello' },
        { role: 'assistant', content: 'Hi!' },
        { role: 'user', content: 'hello again' },
      ],
      tools,
    });
    expect(later.map((e) => (e.type === 'text_delta' ? e.delta : '')).join('')).not.toContain(OFFLINE_NOTE);
  });

  it('summarises tool results after a tool round', async () => {
    const events = await collect({
      messages: [
        { role: 'system', content: '' },
        { role: 'user', content: 'add a and b' },
        { role: 'assistant', content: null, tool_calls: [] as never },
        { role: 'tool', tool_call_id: '1', content: JSON.stringify({ summary: 'Added “a”.' }) },
        { role: 'tool', tool_call_id: '2', content: JSON.stringify({ summary: 'Added “b”.' }) },
      ],
      tools,
    });
    expect(events.map((e) => (e.type === 'text_delta' ? e.delta : '')).join('')).toMatch(
      /^Added “a”\. Added “b”\./,
    );
  });
});
