/**
 * The contract every {@link Store} must pass. Each store's test file calls {@link runStoreContract}.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store, StoredAttachment } from '../../../server/stores/store.js';
import { NotFoundError } from '../../../server/stores/store.js';
import type { ThreadItem, ThreadMetadata } from '../../../src/protocol/types.js';

const alice = { userId: 'alice' };
const bob = { userId: 'bob' };

const at = (second: number, ms = 0) => new Date(Date.UTC(2026, 4, 19, 14, 0, second, ms)).toISOString();

function thread(id: string, second = 0): ThreadMetadata {
  return { id, created_at: at(second), status: { type: 'active' }, metadata: { secret: id } };
}

function message(id: string, threadId: string, createdAt: string, text = id): ThreadItem {
  return {
    id,
    thread_id: threadId,
    created_at: createdAt,
    type: 'assistant_message',
    content: [{ type: 'output_text', text, annotations: [] }],
  };
}

function attachment(id: string): StoredAttachment {
  return { id, type: 'file', name: `${id}.txt`, mime_type: 'text/plain', metadata: { size: 3 } };
}

const ids = (page: { data: { id: string }[] }) => page.data.map((item) => item.id);

/** Registers the contract tests for one store. `makeStore` returns a fresh, empty store. */
export function runStoreContract(name: string, makeStore: () => Promise<Store> | Store): void {
  describe(`${name} store contract`, () => {
    let store: Store;

    beforeEach(async () => {
      store = await makeStore();
    });
    afterEach(async () => {
      await store.close?.();
    });

    describe('threads', () => {
      it('saves, loads, updates and deletes a thread with its private metadata', async () => {
        await store.saveThread(thread('thr_1'), alice);
        expect(await store.loadThread('thr_1', alice)).toEqual(thread('thr_1'));
        await store.saveThread(
          { ...thread('thr_1'), title: 'Renamed', status: { type: 'locked', reason: 'x' } },
          alice,
        );
        expect(await store.loadThread('thr_1', alice)).toMatchObject({
          title: 'Renamed',
          status: { type: 'locked' },
        });
        await store.deleteThread('thr_1', alice);
        await expect(store.loadThread('thr_1', alice)).rejects.toBeInstanceOf(NotFoundError);
        await expect(store.deleteThread('thr_1', alice)).rejects.toBeInstanceOf(NotFoundError);
      });

      it('pages threads by created_at in both orders with after cursors, ties by insertion order', async () => {
        await store.saveThread(thread('thr_b', 2), alice);
        await store.saveThread(thread('thr_a', 1), alice);
        await store.saveThread(thread('thr_c1', 3), alice);
        await store.saveThread(thread('thr_c2', 3), alice);
        await store.saveThread(thread('thr_d', 4), alice);
        const first = await store.loadThreads({ limit: 2, order: 'asc' }, alice);
        expect(ids(first)).toEqual(['thr_a', 'thr_b']);
        expect(first).toMatchObject({ has_more: true, after: 'thr_b' });
        const second = await store.loadThreads({ limit: 2, order: 'asc', after: first.after }, alice);
        expect(ids(second)).toEqual(['thr_c1', 'thr_c2']);
        const third = await store.loadThreads({ limit: 2, order: 'asc', after: second.after }, alice);
        expect(ids(third)).toEqual(['thr_d']);
        expect(third.has_more).toBe(false);
        expect(third.after ?? undefined).toBeUndefined();
        const desc = await store.loadThreads({ limit: 3, order: 'desc' }, alice);
        expect(ids(desc)).toEqual(['thr_d', 'thr_c2', 'thr_c1']);
        const descNext = await store.loadThreads({ limit: 3, order: 'desc', after: desc.after }, alice);
        expect(ids(descNext)).toEqual(['thr_b', 'thr_a']);
      });

      it('keeps the position of a thread when it is saved again', async () => {
        await store.saveThread(thread('thr_1', 1), alice);
        await store.saveThread(thread('thr_2', 1), alice);
        await store.saveThread({ ...thread('thr_1', 1), title: 'again' }, alice);
        expect(ids(await store.loadThreads({ limit: 10, order: 'asc' }, alice))).toEqual(['thr_1', 'thr_2']);
      });
    });

    describe('items', () => {
      beforeEach(async () => {
        await store.saveThread(thread('thr_1'), alice);
      });

      it('adds, loads, upserts and deletes items', async () => {
        const item = message('msg_1', 'thr_1', at(1));
        await store.addThreadItem('thr_1', item, alice);
        expect(await store.loadItem('thr_1', 'msg_1', alice)).toEqual(item);
        const changed = message('msg_1', 'thr_1', at(1), 'changed');
        await store.saveItem('thr_1', changed, alice);
        expect(await store.loadItem('thr_1', 'msg_1', alice)).toEqual(changed);
        await store.deleteThreadItem('thr_1', 'msg_1', alice);
        await expect(store.loadItem('thr_1', 'msg_1', alice)).rejects.toBeInstanceOf(NotFoundError);
        // Deleting a missing item is not an error.
        await store.deleteThreadItem('thr_1', 'msg_1', alice);
      });

      it('returns copies: mutating a loaded item does not change the stored one', async () => {
        await store.addThreadItem('thr_1', message('msg_1', 'thr_1', at(1)), alice);
        const loaded = await store.loadItem('thr_1', 'msg_1', alice);
        (loaded as { content: unknown[] }).content.length = 0;
        expect(await store.loadItem('thr_1', 'msg_1', alice)).toEqual(message('msg_1', 'thr_1', at(1)));
      });

      it('pages items asc and desc with after cursors; same-millisecond items keep insertion order', async () => {
        const same = at(5, 123);
        for (const id of ['msg_1', 'msg_2', 'msg_3', 'msg_4', 'msg_5']) {
          await store.addThreadItem('thr_1', message(id, 'thr_1', same), alice);
        }
        // Different timestamp shapes of the same instant sort by instant, not by string.
        await store.addThreadItem('thr_1', message('msg_0', 'thr_1', at(4)), alice);
        const asc = [];
        let after: string | null | undefined;
        do {
          const page = await store.loadThreadItems('thr_1', { limit: 2, order: 'asc', after }, alice);
          asc.push(...ids(page));
          expect(page.data.length).toBeLessThanOrEqual(2);
          after = page.has_more ? page.after : null;
        } while (after);
        expect(asc).toEqual(['msg_0', 'msg_1', 'msg_2', 'msg_3', 'msg_4', 'msg_5']);
        const desc = await store.loadThreadItems('thr_1', { limit: 4, order: 'desc' }, alice);
        expect(ids(desc)).toEqual(['msg_5', 'msg_4', 'msg_3', 'msg_2']);
        expect(desc).toMatchObject({ has_more: true, after: 'msg_2' });
        const rest = await store.loadThreadItems(
          'thr_1',
          { limit: 4, order: 'desc', after: desc.after },
          alice,
        );
        expect(ids(rest)).toEqual(['msg_1', 'msg_0']);
        expect(rest.has_more).toBe(false);
      });

      it('keeps the position of an upserted item', async () => {
        for (const id of ['msg_1', 'msg_2', 'msg_3']) {
          await store.addThreadItem('thr_1', message(id, 'thr_1', at(1)), alice);
        }
        await store.saveItem('thr_1', message('msg_2', 'thr_1', at(1), 'replaced'), alice);
        const page = await store.loadThreadItems('thr_1', { limit: 10, order: 'asc' }, alice);
        expect(ids(page)).toEqual(['msg_1', 'msg_2', 'msg_3']);
        expect(page.data[1]).toEqual(message('msg_2', 'thr_1', at(1), 'replaced'));
      });

      it('stores hidden items and returns them (the server filters them)', async () => {
        await store.addThreadItem('thr_1', message('msg_1', 'thr_1', at(1)), alice);
        const hidden: ThreadItem = {
          id: 'shcx_1',
          thread_id: 'thr_1',
          created_at: at(2),
          type: 'sdk_hidden_context',
          content: 'note',
        };
        await store.addThreadItem('thr_1', hidden, alice);
        const page = await store.loadThreadItems('thr_1', { limit: 10, order: 'asc' }, alice);
        expect(page.data).toEqual([message('msg_1', 'thr_1', at(1)), hidden]);
      });

      it('deleting a thread deletes its items', async () => {
        await store.addThreadItem('thr_1', message('msg_1', 'thr_1', at(1)), alice);
        await store.deleteThread('thr_1', alice);
        await store.saveThread(thread('thr_1'), alice);
        expect((await store.loadThreadItems('thr_1', { limit: 10, order: 'asc' }, alice)).data).toEqual([]);
        await expect(store.loadItem('thr_1', 'msg_1', alice)).rejects.toBeInstanceOf(NotFoundError);
      });
    });

    describe('attachments', () => {
      it('saves, updates, loads and deletes attachment records', async () => {
        await store.saveAttachment(attachment('atc_1'), alice);
        expect(await store.loadAttachment('atc_1', alice)).toEqual(attachment('atc_1'));
        await store.saveAttachment({ ...attachment('atc_1'), thread_id: 'thr_1' }, alice);
        expect(await store.loadAttachment('atc_1', alice)).toMatchObject({ thread_id: 'thr_1' });
        await store.deleteAttachment('atc_1', alice);
        await expect(store.loadAttachment('atc_1', alice)).rejects.toBeInstanceOf(NotFoundError);
        await expect(store.deleteAttachment('atc_1', alice)).rejects.toBeInstanceOf(NotFoundError);
      });
    });

    describe('cross-user isolation', () => {
      beforeEach(async () => {
        await store.saveThread(thread('thr_a'), alice);
        await store.addThreadItem('thr_a', message('msg_a', 'thr_a', at(1)), alice);
        await store.saveAttachment(attachment('atc_a'), alice);
      });

      const notFound = (promise: Promise<unknown>) => expect(promise).rejects.toBeInstanceOf(NotFoundError);

      it('hides every record of another user on every method', async () => {
        await notFound(store.loadThread('thr_a', bob));
        await notFound(store.saveThread({ ...thread('thr_a'), title: 'stolen' }, bob));
        expect((await store.loadThreads({ limit: 10, order: 'desc' }, bob)).data).toEqual([]);
        await notFound(store.loadThreads({ limit: 10, order: 'desc', after: 'thr_a' }, bob));
        await notFound(store.deleteThread('thr_a', bob));
        await notFound(store.loadThreadItems('thr_a', { limit: 10, order: 'asc' }, bob));
        await notFound(store.addThreadItem('thr_a', message('msg_b', 'thr_a', at(2)), bob));
        await notFound(store.saveItem('thr_a', message('msg_a', 'thr_a', at(1), 'stolen'), bob));
        await notFound(store.loadItem('thr_a', 'msg_a', bob));
        await notFound(store.deleteThreadItem('thr_a', 'msg_a', bob));
        await notFound(store.saveAttachment({ ...attachment('atc_a'), name: 'stolen' }, bob));
        await notFound(store.loadAttachment('atc_a', bob));
        await notFound(store.deleteAttachment('atc_a', bob));
        // Alice's data is untouched.
        expect(await store.loadThread('thr_a', alice)).toEqual(thread('thr_a'));
        expect(await store.loadItem('thr_a', 'msg_a', alice)).toEqual(message('msg_a', 'thr_a', at(1)));
        expect(ids(await store.loadThreadItems('thr_a', { limit: 10, order: 'asc' }, alice))).toEqual([
          'msg_a',
        ]);
        expect(await store.loadAttachment('atc_a', alice)).toEqual(attachment('atc_a'));
      });
    });
  });
}
