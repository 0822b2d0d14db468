import { describe, expect, it } from 'vitest';
import type { ThreadItem } from '../../../src/protocol/types.js';
import { threadItemsToMessages } from '../../../server/agent/thread-to-messages.js';

const base = { thread_id: 'thr_1', created_at: '2026-05-19T14:03:07Z' };

describe('thread items → model messages', () => {
  it('converts every item kind the model needs', () => {
    const items: ThreadItem[] = [
      { ...base, id: 'h0', type: 'hidden_context_item', content: 'before the window' },
      {
        ...base,
        id: 'u1',
        type: 'user_message',
        content: [
          { type: 'input_text', text: 'Compare ' },
          {
            type: 'input_tag',
            id: 'art_1',
            text: 'Solar report',
            data: { kind: 'article' },
            interactive: false,
          },
        ],
        quoted_text: 'line one\nline two',
        attachments: [
          {
            type: 'image',
            id: 'atc_1',
            name: 'chart.png',
            mime_type: 'image/png',
            preview_url: 'https://cdn.example.com/chart.png',
          },
          { type: 'file', id: 'atc_2', name: 'notes.pdf', mime_type: 'application/pdf' },
        ],
        inference_options: {},
      },
      {
        ...base,
        id: 'a1',
        type: 'assistant_message',
        content: [{ type: 'output_text', text: 'Sure.', annotations: [] }],
      },
      {
        ...base,
        id: 'w1',
        type: 'widget',
        widget: { type: 'Card', children: [{ type: 'Title', value: 'Totals' }] },
      },
      { ...base, id: 'w2', type: 'widget', widget: { type: 'Card', children: [] }, copy_text: 'Copied text' },
      { ...base, id: 'h1', type: 'hidden_context_item', content: { plan: 'pro' } },
      { ...base, id: 's1', type: 'sdk_hidden_context', content: 'The user cancelled the stream.' },
      {
        ...base,
        id: 't1',
        type: 'client_tool_call',
        status: 'completed',
        call_id: 'call_9',
        name: 'get_time',
        arguments: {},
        output: { time: 'now' },
      },
      {
        ...base,
        id: 't2',
        type: 'client_tool_call',
        status: 'pending',
        call_id: 'call_10',
        name: 'get_time',
        arguments: {},
      },
      { ...base, id: 'wf', type: 'workflow', workflow: { type: 'custom', tasks: [], expanded: false } },
    ];
    const messages = threadItemsToMessages(items);
    expect(messages).toHaveLength(8);
    const user = messages[0] as { role: string; content: any[] };
    expect(user.role).toBe('user');
    const text = user.content[0].text as string;
    expect(text).toContain('> line one\n> line two');
    expect(text).toContain('Compare @Solar report');
    expect(text).toContain('<entity id="art_1" label="Solar report">{"kind":"article"}</entity>');
    expect(text).toContain('notes.pdf (application/pdf, id atc_2)');
    expect(user.content[1]).toEqual({
      type: 'image_url',
      image_url: { url: 'https://cdn.example.com/chart.png' },
    });
    expect(messages[1]).toEqual({ role: 'assistant', content: 'Sure.' });
    expect(messages[2]).toEqual({
      role: 'assistant',
      content: '[Widget shown to the user (item w1)]: Totals',
    });
    expect(messages[3]).toEqual({
      role: 'assistant',
      content: '[Widget shown to the user (item w2)]: Copied text',
    });
    expect(messages[4]).toEqual({
      role: 'user',
      content: '<hidden_context>\n{"plan":"pro"}\n</hidden_context>',
    });
    expect(messages[5]).toEqual({
      role: 'user',
      content: '<hidden_context>\nThe user cancelled the stream.\n</hidden_context>',
    });
    expect(messages[6]).toMatchObject({
      role: 'assistant',
      tool_calls: [{ id: 'call_9', function: { name: 'get_time', arguments: '{}' } }],
    });
    expect(messages[7]).toEqual({ role: 'tool', tool_call_id: 'call_9', content: '{"time":"now"}' });
  });

  it('a plain user message is a string; the window starts at a user message', () => {
    const items: ThreadItem[] = [
      {
        ...base,
        id: 'a0',
        type: 'assistant_message',
        content: [{ type: 'output_text', text: 'cut off', annotations: [] }],
      },
      {
        ...base,
        id: 'u1',
        type: 'user_message',
        content: [{ type: 'input_text', text: 'hi' }],
        attachments: [],
        inference_options: {},
      },
    ];
    expect(threadItemsToMessages(items)).toEqual([{ role: 'user', content: 'hi' }]);
  });
});
