/**
 * POST /chatkit non-streaming request types against the real server: every JSON operation, attachment upload
 * and preview, transcription.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ThreadItem, UserMessageItem } from '../../../src/protocol/types.js';
import { createThread, doneItems, richTestHooks } from '../../support/rich-test-responder.js';
import { startTestServer, textInput, type TestServer } from '../../support/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ hooks: richTestHooks });
});
afterAll(async () => {
  await server.close();
});

describe('non-streaming requests', () => {
  it('threads.get_by_id, threads.list, threads.update, items.list, items.feedback and threads.delete', async () => {
    const user = server.newUser();
    const { threadId } = await createThread(server, 'hello there', user);

    const thread = await server.json({ type: 'threads.get_by_id', params: { thread_id: threadId } }, user);
    expect(thread).toMatchObject({ id: threadId, status: { type: 'active' }, metadata: {} });
    expect(thread.items.data.map((item: ThreadItem) => item.type)).toEqual([
      'user_message',
      'assistant_message',
    ]);

    const list = await server.json({ type: 'threads.list', params: {} }, user);
    expect(list).toMatchObject({
      data: [{ id: threadId, items: { data: [], has_more: false } }],
      has_more: false,
    });

    const renamed = await server.json(
      { type: 'threads.update', params: { thread_id: threadId, title: 'Renamed' } },
      user,
    );
    expect(renamed).toMatchObject({ id: threadId, title: 'Renamed', items: { data: [], has_more: false } });

    const page = await server.json({ type: 'items.list', params: { thread_id: threadId, limit: 1 } }, user);
    expect(page.data).toHaveLength(1);
    expect(page.data[0].type).toBe('assistant_message');
    expect(page.has_more).toBe(true);
    expect(page.after).toBe(page.data[0].id);

    const feedback = {
      type: 'items.feedback',
      params: { thread_id: threadId, item_ids: [page.data[0].id], kind: 'positive' },
    };
    expect(await server.json(feedback, user)).toEqual({});
    expect(await server.json({ type: 'threads.delete', params: { thread_id: threadId } }, user)).toEqual({});

    const gone = await server.post({ type: 'threads.get_by_id', params: { thread_id: threadId } }, { user });
    expect(gone.status).toBe(404);
    expect(await gone.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('attachments.create, the upload PUT, the preview GET and attachments.delete', async () => {
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
    const attachment = await server.json({
      type: 'attachments.create',
      params: { name: 'dot.png', size: bytes.byteLength, mime_type: 'image/png' },
    });
    expect(attachment).toMatchObject({
      type: 'image',
      name: 'dot.png',
      upload_descriptor: { method: 'PUT', headers: {} },
    });
    expect(attachment.metadata).toBeUndefined();
    expect(attachment.upload_descriptor.url).toMatch(
      new RegExp(`^${server.url}/chatkit/uploads/${attachment.id}\\?t=`),
    );

    const upload = await fetch(attachment.upload_descriptor.url, { method: 'PUT', body: bytes });
    expect(upload.status).toBe(200);
    expect(await upload.json()).toMatchObject({ id: attachment.id, type: 'image' });

    const preview = await fetch(attachment.preview_url);
    expect(preview.status).toBe(200);
    expect(preview.headers.get('content-type')).toBe('image/png');
    expect(preview.headers.get('x-content-type-options')).toBe('nosniff');
    expect(new Uint8Array(await preview.arrayBuffer())).toEqual(bytes);

    const forged = await fetch(attachment.preview_url.replace(/t=.{6}/, 't=AAAAAA'));
    expect(forged.status).toBe(403);
    expect(await forged.json()).toMatchObject({ error: { code: 'invalid_token' } });

    // The uploaded image can be sent with a message; the stored message embeds the full attachment.
    const events = await server.stream({
      type: 'threads.create',
      params: { input: { ...textInput('look'), attachments: [attachment.id] } },
    });
    const message = doneItems(events)[0] as UserMessageItem;
    expect(message.attachments[0]).toMatchObject({ id: attachment.id, type: 'image' });

    expect(
      await server.json({ type: 'attachments.delete', params: { attachment_id: attachment.id } }),
    ).toEqual({});
    expect((await fetch(attachment.preview_url)).status).toBe(404);
  });

  it('input.transcribe hands the decoded audio to the hook', async () => {
    const audio = Buffer.from('fake-audio').toString('base64');
    const result = await server.json({
      type: 'input.transcribe',
      params: { audio_base64: audio, mime_type: 'audio/webm;codecs=opus' },
    });
    expect(result).toEqual({ text: 'heard 10 bytes of audio/webm' });
  });
});
