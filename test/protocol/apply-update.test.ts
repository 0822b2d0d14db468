import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

import { applyItemUpdate } from '../../src/protocol/apply-update.js';
import type {
  AssistantMessageItem,
  GeneratedImageItem,
  ThreadItem,
  ThreadItemUpdate,
  WidgetItem,
  WidgetNode,
  WorkflowItem,
} from '../../src/protocol/types.js';

const EXAMPLES = new URL('../fixtures/protocol-examples', import.meta.url).pathname;
const load = <T>(path: string): T => JSON.parse(readFileSync(`${EXAMPLES}/${path}`, 'utf8')) as T;
const updateOf = (name: string): ThreadItemUpdate =>
  load<{ update: ThreadItemUpdate }>(`events/thread.item.updated.${name}.json`).update;

function assistant(content: AssistantMessageItem['content'] = []): AssistantMessageItem {
  return {
    id: 'msg_1',
    thread_id: 'thr_1',
    created_at: '2026-05-19T14:03:07',
    type: 'assistant_message',
    content,
  };
}

describe('applyItemUpdate', () => {
  describe('assistant message content (§5.1)', () => {
    it('pads content with empty output_text parts when a delta arrives before content_part.added', () => {
      const before = assistant();
      const after = applyItemUpdate(before, {
        type: 'assistant_message.content_part.text_delta',
        content_index: 2,
        delta: 'Hi',
      }) as AssistantMessageItem;
      expect(after.content).toEqual([
        { type: 'output_text', text: '', annotations: [] },
        { type: 'output_text', text: '', annotations: [] },
        { type: 'output_text', text: 'Hi', annotations: [] },
      ]);
      expect(before.content).toEqual([]);
    });

    it('applies the recorded added → text_delta → annotation_added → done updates', () => {
      let item: ThreadItem = assistant();
      item = applyItemUpdate(item, updateOf('assistant_message.content_part.added'));
      expect((item as AssistantMessageItem).content).toEqual([
        { type: 'output_text', text: '', annotations: [] },
      ]);
      item = applyItemUpdate(item, updateOf('assistant_message.content_part.text_delta'));
      expect((item as AssistantMessageItem).content[0]!.text).toBe('Remote work ');
      item = applyItemUpdate(item, updateOf('assistant_message.content_part.annotation_added'));
      expect((item as AssistantMessageItem).content[0]!.annotations).toHaveLength(1);
      const done = updateOf('assistant_message.content_part.done');
      item = applyItemUpdate(item, done);
      expect((item as AssistantMessageItem).content[0]).toEqual((done as { content: unknown }).content);
    });

    it('inserts annotations at annotation_index when in bounds and appends otherwise', () => {
      const a = (title: string) => ({
        type: 'annotation' as const,
        source: { type: 'url' as const, title, url: 'https://x.test/' },
      });
      let item: ThreadItem = assistant([
        { type: 'output_text', text: 't', annotations: [a('one'), a('two')] },
      ]);
      item = applyItemUpdate(item, {
        type: 'assistant_message.content_part.annotation_added',
        content_index: 0,
        annotation_index: 1,
        annotation: a('between'),
      });
      item = applyItemUpdate(item, {
        type: 'assistant_message.content_part.annotation_added',
        content_index: 0,
        annotation_index: 99,
        annotation: a('last'),
      });
      expect((item as AssistantMessageItem).content[0]!.annotations.map((x) => x.source.title)).toEqual([
        'one',
        'between',
        'two',
        'last',
      ]);
    });

    it('keeps untouched parts by identity and never mutates the input', () => {
      const first = { type: 'output_text' as const, text: 'a', annotations: [] };
      const second = { type: 'output_text' as const, text: 'b', annotations: [] };
      const before = assistant([first, second]);
      const frozen = JSON.stringify(before);
      const after = applyItemUpdate(before, {
        type: 'assistant_message.content_part.text_delta',
        content_index: 1,
        delta: 'c',
      }) as AssistantMessageItem;
      expect(after).not.toBe(before);
      expect(after.content[0]).toBe(first);
      expect(after.content[1]!.text).toBe('bc');
      expect(JSON.stringify(before)).toBe(frozen);
    });

    it('returns the same item for an update that does not fit the item type', () => {
      const item = load<WidgetItem>('items/widget.json');
      expect(applyItemUpdate(item, updateOf('assistant_message.content_part.text_delta'))).toBe(item);
      const message = assistant();
      expect(applyItemUpdate(message, updateOf('workflow.task.added'))).toBe(message);
    });
  });

  describe('widgets (§5.2)', () => {
    it('appends a streaming text delta to the node with that id and mirrors `done` into `streaming`', () => {
      const item = load<WidgetItem>('items/widget.json');
      const streaming = applyItemUpdate(item, {
        type: 'widget.streaming_text.value_delta',
        component_id: 'summary',
        delta: ' Thanks!',
        done: false,
      }) as WidgetItem;
      const node = (streaming.widget as WidgetNode).children[1];
      expect(node.value).toBe('Your last order was 3 reams on May 2. Thanks!');
      expect(node.streaming).toBe(true);
      expect((streaming.widget as WidgetNode).children[0]).toBe((item.widget as WidgetNode).children[0]);
      const done = applyItemUpdate(streaming, {
        type: 'widget.streaming_text.value_delta',
        component_id: 'summary',
        delta: '',
        done: true,
      }) as WidgetItem;
      expect((done.widget as WidgetNode).children[1].streaming).toBe(false);
    });

    it('finds component ids anywhere in the tree, including single-child containers', () => {
      const item: WidgetItem = {
        ...load<WidgetItem>('items/widget.json'),
        widget: {
          type: 'Basic',
          children: {
            type: 'Transition',
            children: {
              type: 'Col',
              children: [{ type: 'Row', children: [{ id: 'deep', type: 'Badge', label: 'x' }] }],
            },
          },
        },
      };
      const replaced = applyItemUpdate(item, {
        type: 'widget.component.updated',
        component_id: 'deep',
        component: { id: 'deep', type: 'Badge', label: 'y' },
      }) as WidgetItem;
      expect(JSON.stringify(replaced.widget)).toContain('"label":"y"');
      expect(JSON.stringify(item.widget)).toContain('"label":"x"');
    });

    it('replaces a component by id with the recorded widget.component.updated', () => {
      const item: WidgetItem = {
        ...load<WidgetItem>('items/widget.json'),
        widget: {
          type: 'Card',
          children: [{ type: 'Row', children: [{ id: 'order_status', type: 'Badge', label: 'Pending' }] }],
        },
      };
      const after = applyItemUpdate(item, updateOf('widget.component.updated')) as WidgetItem;
      expect((after.widget as WidgetNode).children[0].children[0]).toEqual({
        id: 'order_status',
        type: 'Badge',
        label: 'Shipped',
        color: 'success',
        pill: true,
      });
    });

    it('replaces the whole root with widget.root.updated and ignores unknown component ids', () => {
      const item = load<WidgetItem>('items/widget.json');
      const update = updateOf('widget.root.updated');
      const after = applyItemUpdate(item, update) as WidgetItem;
      expect(after.widget).toBe((update as { widget: unknown }).widget);
      const unchanged = applyItemUpdate(item, {
        type: 'widget.component.updated',
        component_id: 'nope',
        component: { type: 'Text', value: '' },
      });
      expect(unchanged).toBe(item);
    });
  });

  describe('workflows (§5.3)', () => {
    it('adds a task at task_index and replaces the full task on update', () => {
      const base = load<WorkflowItem>('items/workflow.json');
      const empty: WorkflowItem = { ...base, workflow: { ...base.workflow, tasks: [] } };
      const added = applyItemUpdate(empty, updateOf('workflow.task.added')) as WorkflowItem;
      expect(added.workflow.tasks).toEqual([
        { status_indicator: 'none', type: 'thought', content: 'The user wants' },
      ]);
      const updated = applyItemUpdate(added, updateOf('workflow.task.updated')) as WorkflowItem;
      expect(updated.workflow.tasks).toEqual([
        { status_indicator: 'none', type: 'thought', content: 'The user wants a logo; generate an image.' },
      ]);
      expect(empty.workflow.tasks).toEqual([]);
      const inserted = applyItemUpdate(updated, {
        type: 'workflow.task.added',
        task_index: 0,
        task: { type: 'image', status_indicator: 'loading' },
      }) as WorkflowItem;
      expect(inserted.workflow.tasks.map((t) => t.type)).toEqual(['image', 'thought']);
    });
  });

  describe('generated images (§5.4)', () => {
    it('sets the image', () => {
      const item: GeneratedImageItem = {
        ...load<GeneratedImageItem>('items/generated_image.json'),
        image: undefined,
      };
      const after = applyItemUpdate(item, updateOf('generated_image.updated')) as GeneratedImageItem;
      expect(after.image).toEqual({
        id: 'ig_0a7c2e94',
        url: 'https://files.example.com/images/ig_0a7c2e94-partial-0.png',
      });
    });
  });
});
