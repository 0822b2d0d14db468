/**
 * `api.uploadStrategy: {type: 'direct', uploadUrl}` (ChatKit's direct upload): a picked file is POSTed as
 * `multipart/form-data` (`file` field) to `uploadUrl` through the host's `api.fetch`, the answer is the
 * attachment the message references; no `attachments.create` and no second upload. Two-phase stays the
 * default.
 */
import { expect, oneEvent } from '@open-wc/testing';
import { describe, it } from '../support/mocha.js';
import { deep, deepAll, mount, sendAndWait, settle, until } from './helpers.js';
import type { ChatkitChat } from '../../src/element/chatkit-chat/chatkit-chat.component.js';

/** Picks files in the composer's file input, once the attachment code (loaded on demand) has rendered it. */
async function pick(el: ChatkitChat, files: File[]): Promise<void> {
  await until(() => deep(el, 'chatkit-composer', 'input[type="file"]'), 'file input');
  const input = deep<HTMLInputElement>(el, 'chatkit-composer', 'input[type="file"]')!;
  const data = new DataTransfer();
  for (const file of files) data.items.add(file);
  input.files = data.files;
  input.dispatchEvent(new Event('change'));
}

const UPLOAD_URL = 'https://api.test/chatkit/upload';

describe('direct upload strategy', () => {
  it('POSTs the file as multipart to uploadUrl and sends the returned attachment with the message', async () => {
    const { el, server } = await mount({
      api: { uploadStrategy: { type: 'direct', uploadUrl: UPLOAD_URL } },
      composer: { attachments: { enabled: true } },
    });
    await pick(el, [new File([new Uint8Array(1234)], 'photo.png', { type: 'image/png' })]);
    await until(() => deep(el, 'chatkit-composer', '.file[data-status="done"]'), 'upload done');

    expect(server.directUploads).to.have.length(1);
    const [upload] = server.directUploads;
    expect(upload!.url).to.equal(UPLOAD_URL);
    expect(upload).to.include({ name: 'photo.png', type: 'image/png', size: 1234 });
    // Through the session's transport: the same identity and language headers as every ChatKit request.
    expect(upload!.headers['accept-language']).to.equal('en');
    expect(upload!.headers['content-type']).to.equal(undefined);
    // No two-phase traffic.
    expect(server.requests.filter((r) => r.type === 'attachments.create')).to.have.length(0);
    expect(server.uploads).to.have.length(0);

    const box = deep<HTMLTextAreaElement>(el, 'chatkit-composer', 'textarea')!;
    box.value = 'see attached';
    box.dispatchEvent(new Event('input'));
    await settle(el);
    const ended = oneEvent(el, 'chatkit.response.end');
    deep<HTMLButtonElement>(el, 'chatkit-composer', 'button[part="send-button"]')!.click();
    await ended;
    const sent = server.requests.find((r) => r.type === 'threads.create')!;
    // The message references the attachment the upload answered (by id, §2.2), which the server stored.
    expect(sent.params.input.attachments).to.have.length(1);
    const stored = await server.store.loadAttachment(sent.params.input.attachments[0], {
      userId: 'user_in_page',
    });
    expect(stored).to.include({ name: 'photo.png', mime_type: 'image/png' });
  });

  it('a relative uploadUrl resolves against the page; a refused upload shows in the chip and as chatkit.error', async () => {
    const { el, server } = await mount({
      api: { uploadStrategy: { type: 'direct', uploadUrl: '/files/upload' } },
      composer: { attachments: { enabled: true } },
    });
    server.directUploadError = { status: 415, code: 'content_mismatch', message: 'upload refused: not PNG' };
    const error = oneEvent(el, 'chatkit.error');
    await pick(el, [new File(['<html>'], 'fake.png', { type: 'image/png' })]);
    const { detail } = await error;
    expect(detail.error.code).to.equal('content_mismatch');
    await until(() => deep(el, 'chatkit-composer', '.file[data-status="error"]'), 'chip shows the failure');
    expect(server.directUploads[0]!.url).to.equal(new URL('/files/upload', document.baseURI).href);
    await settle(el);
    expect(deepAll(el, 'chatkit-composer', '.file[data-status="done"]')).to.have.length(0);
  });

  it('direct without an uploadUrl fails the upload with a chatkit.log naming the option', async () => {
    const { el, server } = await mount({
      api: { uploadStrategy: { type: 'direct' } as any },
      composer: { attachments: { enabled: true } },
    });
    const logs: any[] = [];
    el.addEventListener('chatkit.log', (event) => logs.push((event as CustomEvent).detail));
    await pick(el, [new File(['hello'], 'a.txt', { type: 'text/plain' })]);
    await until(() => deep(el, 'chatkit-composer', '.file[data-status="error"]'), 'chip shows the failure');
    expect(logs.some((log) => log.data?.option === 'api.uploadStrategy.uploadUrl')).to.equal(true);
    expect(server.directUploads).to.have.length(0);
    expect(server.uploads).to.have.length(0);
  });

  it('two-phase stays the default', async () => {
    const { el, server } = await mount({ composer: { attachments: { enabled: true } } });
    await pick(el, [new File(['hello'], 'a.txt', { type: 'text/plain' })]);
    await until(() => deep(el, 'chatkit-composer', '.file[data-status="done"]'), 'upload done');
    expect(server.requests.filter((r) => r.type === 'attachments.create')).to.have.length(1);
    expect(server.uploads).to.have.length(1);
    expect(server.directUploads).to.have.length(0);
    await sendAndWait(el, 'with the file');
  });
});
