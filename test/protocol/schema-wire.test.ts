import { describe, expect, it } from 'vitest';
import { toWire } from '../../src/protocol/wire.js';

describe('toWire (§0, §3, §6.6)', () => {
  it('drops null and undefined members recursively but keeps array slots and empty objects', () => {
    expect(toWire({ a: null, b: undefined, c: { d: null, e: 1, f: {} }, g: [1, null, { h: null }] })).toEqual(
      {
        c: { e: 1, f: {} },
        g: [1, null, {}],
      },
    );
  });

  it('strips attachment metadata and forces thread metadata to {}', () => {
    const thread = {
      id: 'thr_1',
      created_at: '2026-05-19T14:00:00Z',
      status: { type: 'active' },
      metadata: { secret: 1 },
      title: null,
      items: {
        data: [
          {
            id: 'msg_1',
            type: 'user_message',
            attachments: [
              { id: 'atc_1', type: 'file', name: 'a', mime_type: 'text/plain', metadata: { key: 's3://x' } },
            ],
          },
        ],
        has_more: false,
      },
    };
    const wire = toWire(thread);
    expect(wire.metadata).toEqual({});
    expect('title' in wire).toBe(false);
    expect(wire.items.data[0].attachments[0]).toEqual({
      id: 'atc_1',
      type: 'file',
      name: 'a',
      mime_type: 'text/plain',
    });
    expect(toWire({ id: 'thr_2', created_at: 'x', status: { type: 'closed' } })).toEqual({
      id: 'thr_2',
      created_at: 'x',
      status: { type: 'closed' },
      metadata: {},
    });
  });

  it('leaves other objects with metadata alone and never mutates the input', () => {
    const value = { type: 'client_effect', name: 'x', data: { metadata: { kept: true } } };
    const copy = structuredClone(value);
    expect(toWire(value)).toEqual(value);
    expect(value).toEqual(copy);
  });
});

describe('toWire applies the thread and attachment rules only where the protocol puts them', () => {
  it('forces metadata on thread events and thread pages, not on look-alikes in free-form data', () => {
    const lookAlike = { id: 'x', created_at: 'y', status: { type: 'active' }, metadata: { kept: true } };
    const event = {
      type: 'thread.updated',
      thread: {
        id: 'thr_1',
        created_at: 't',
        status: { type: 'active' },
        metadata: { secret: 1 },
        items: { data: [], has_more: false },
      },
    };
    expect(toWire(event).thread.metadata).toEqual({});
    const page = { data: [{ ...lookAlike, metadata: { secret: 1 } }], has_more: false };
    expect(toWire(page).data[0].metadata).toEqual({});
    const effect = { type: 'client_effect', name: 'n', data: { row: lookAlike } };
    expect(toWire(effect)).toEqual(effect);
    const call = {
      type: 'client_tool_call',
      arguments: { file: { type: 'file', mime_type: 'x', metadata: { kept: 1 } } },
    };
    expect(toWire(call)).toEqual(call);
  });
});
