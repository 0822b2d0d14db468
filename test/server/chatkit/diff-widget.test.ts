import { describe, expect, it } from 'vitest';
import { diffWidget } from '../../../server/chatkit/diff-widget.js';
import { streamWidget } from '../../../server/chatkit/stream-widget.js';
import { sequentialIdGenerator } from '../../../src/protocol/ids.js';
import type { ThreadStreamEvent, WidgetNode, WidgetRoot } from '../../../src/protocol/types.js';

const card = (
  value: string,
  extra: Record<string, unknown> = {},
  text: Record<string, unknown> = {},
): WidgetRoot => ({
  type: 'Card',
  ...extra,
  children: [
    { type: 'Title', value: 'Order' },
    { type: 'Text', id: 'summary', value, streaming: true, ...text },
    { type: 'Markdown', value: `md ${value}` },
  ],
});

describe('diffWidget (§7.7)', () => {
  it('identical versions produce nothing', () => {
    expect(diffWidget(card('a'), card('a'))).toEqual([]);
  });

  it('a grown id-bearing Text value is one value_delta; id-less growth is silent', () => {
    expect(diffWidget(card('Your'), card('Your order'))).toEqual([
      { type: 'widget.streaming_text.value_delta', component_id: 'summary', delta: ' order', done: false },
    ]);
  });

  it('done is true when the new node is not streaming... but toggling streaming forces a replace', () => {
    const after = card('Your order', {}, { streaming: false });
    expect(diffWidget(card('Your'), after)).toEqual([{ type: 'widget.root.updated', widget: after }]);
    const neverStreaming = (value: string): WidgetRoot => ({
      type: 'Card',
      children: [{ type: 'Markdown', id: 'm', value }],
    });
    expect(diffWidget(neverStreaming('a'), neverStreaming('ab'))).toEqual([
      { type: 'widget.streaming_text.value_delta', component_id: 'm', delta: 'b', done: true },
    ]);
  });

  it.each([
    ['a value that does not extend the old one', card('abc'), card('abd')],
    ['a changed prop', card('a'), card('a', { size: 'lg' })],
    ['a removed prop', card('a', { size: 'lg' }), card('a')],
    ['a changed type', card('a'), { ...card('a'), type: 'ListView' } as WidgetRoot],
    ['a changed key', card('a'), { ...card('a'), key: 'k' } as WidgetRoot],
    [
      'a child list of another length',
      card('a'),
      { type: 'Card', children: [{ type: 'Title', value: 'Order' }] } as WidgetRoot,
    ],
    ['a nested object prop', card('a', { padding: { x: 1 } }), card('a', { padding: { x: 2 } })],
    [
      'a changed child id',
      card('a'),
      {
        ...card('a'),
        children: [
          { type: 'Title', value: 'Order' },
          { type: 'Text', id: 'other', value: 'a', streaming: true },
          { type: 'Markdown', value: 'md a' },
        ],
      } as WidgetRoot,
    ],
  ])('%s is a full replace', (_title, before, after) => {
    expect(diffWidget(before, after)).toEqual([{ type: 'widget.root.updated', widget: after }]);
  });

  it('treats null and absent props alike (the wire drops nulls)', () => {
    expect(diffWidget(card('a', { size: null }), card('a'))).toEqual([]);
  });

  it('never emits widget.component.updated', () => {
    const updates = [diffWidget(card('a'), card('ab')), diffWidget(card('a'), card('b'))].flat();
    expect(updates.map((update) => update.type)).not.toContain('widget.component.updated');
  });
});

describe('streamWidget', () => {
  const options = {
    generateId: sequentialIdGenerator(),
    clock: () => Date.UTC(2026, 4, 19),
    copyText: 'copy',
  };
  const collect = async (iterable: AsyncIterable<ThreadStreamEvent>) => {
    const events = [];
    for await (const event of iterable) events.push(event);
    return events;
  };

  it('a static widget is one thread.item.done', async () => {
    const events = await collect(streamWidget({ id: 'thr_1' }, card('a'), options));
    expect(events).toEqual([
      {
        type: 'thread.item.done',
        item: {
          id: 'msg_00000001',
          thread_id: 'thr_1',
          created_at: '2026-05-19T00:00:00.000Z',
          type: 'widget',
          widget: card('a'),
          copy_text: 'copy',
        },
      },
    ]);
  });

  it('versions become added, diffs, then done with the same id and created_at; mutation-safe', async () => {
    const shared = card('');
    const versions = async function* () {
      yield shared;
      ((shared as WidgetNode).children[1] as { value: string }).value = 'Hel';
      yield shared;
      ((shared as WidgetNode).children[1] as { value: string }).value = 'Hello';
      yield shared;
    };
    const events = await collect(
      streamWidget({ id: 'thr_1' }, versions(), { ...options, id: 'msg_w', createdAt: 't0' }),
    );
    expect(events.map((event) => event.type)).toEqual([
      'thread.item.added',
      'thread.item.updated',
      'thread.item.updated',
      'thread.item.done',
    ]);
    const summary = (event: ThreadStreamEvent) => (event as any).item.widget.children[1].value;
    expect(events[0]).toMatchObject({ item: { id: 'msg_w', created_at: 't0' } });
    expect(summary(events[0])).toBe('');
    expect(events.slice(1, 3).map((event) => event.type === 'thread.item.updated' && event.update)).toEqual([
      { type: 'widget.streaming_text.value_delta', component_id: 'summary', delta: 'Hel', done: false },
      { type: 'widget.streaming_text.value_delta', component_id: 'summary', delta: 'lo', done: false },
    ]);
    expect(events[3]).toMatchObject({ item: { id: 'msg_w', created_at: 't0' } });
    expect(summary(events[3])).toBe('Hello');
  });
});
