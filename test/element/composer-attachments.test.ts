/** Per-MIME `composer.attachments.maxSize` and `accept` records: refused files never upload, the chip says why. */
import { expect, oneEvent } from '@open-wc/testing';
import { describe, it } from '../support/mocha.js';
import { API_URL, deep, deepAll, mount, settle, until } from './helpers.js';
import type { ChatkitChat } from '../../src/element/chatkit-chat/chatkit-chat.component.js';
import { accepted, sizeLimit } from '../../src/element/composer/composer-attachments.js';

/** Picks files in the composer's file input, once the attachment code (loaded on demand) has rendered it. */
async function pick(el: ChatkitChat, files: File[]): Promise<void> {
  await until(() => deep(el, 'chatkit-composer', 'input[type="file"]'), 'file input');
  const input = deep<HTMLInputElement>(el, 'chatkit-composer', 'input[type="file"]')!;
  const data = new DataTransfer();
  for (const file of files) data.items.add(file);
  input.files = data.files;
  input.dispatchEvent(new Event('change'));
}

const MB = 1_000_000;

describe('composer attachment limits', () => {
  it('an 11 MB PNG is refused against {"image/*": 10 MB} with a visible reason; a small one uploads', async () => {
    const { el, server } = await mount({
      composer: { attachments: { enabled: true, maxSize: { 'image/*': 10 * MB, '*': 20 * MB } } },
    });
    await pick(el, [
      new File([new Uint8Array(11 * MB)], 'big.png', { type: 'image/png' }),
      new File([new Uint8Array(1000)], 'small.png', { type: 'image/png' }),
      new File([new Uint8Array(11 * MB)], 'big.pdf', { type: 'application/pdf' }),
    ]);
    await until(
      () => deepAll(el, 'chatkit-composer', '.file[data-status="done"]').length === 2,
      'uploads done',
    );
    await settle(el);
    const refused = deepAll(el, 'chatkit-composer', '.file[data-status="error"]');
    expect(refused).to.have.length(1);
    expect(refused[0].querySelector('.name')!.textContent).to.equal('big.png');
    expect(refused[0].querySelector('[role="alert"]')!.textContent!.trim()).to.equal('Too large (max 10 MB)');
    const created = server.requests.filter((r) => r.type === 'attachments.create').map((r) => r.params.name);
    expect(created).to.deep.equal(['small.png', 'big.pdf']);
  });

  it('accept records refuse other types, and the file picker offers only the accepted ones', async () => {
    const { el, server } = await mount({
      locale: 'de',
      composer: {
        attachments: { enabled: true, accept: { 'image/*': ['.png', '.jpg'], 'application/pdf': ['.pdf'] } },
      },
    });
    await until(() => deep(el, 'chatkit-composer', 'input[type="file"]'), 'file input (loaded on demand)');
    const input = deep<HTMLInputElement>(el, 'chatkit-composer', 'input[type="file"]')!;
    expect(input.accept).to.equal('image/*,.png,.jpg,application/pdf,.pdf');
    await pick(el, [
      new File(['x'], 'notes.txt', { type: 'text/plain' }),
      new File(['%PDF'], 'doc.pdf', { type: 'application/pdf' }),
    ]);
    await until(() => deep(el, 'chatkit-composer', '.file[data-status="done"]'), 'pdf uploaded');
    await until(
      () =>
        deep(el, 'chatkit-composer', '.file[data-status="error"] [role="alert"]')?.textContent?.trim() ===
        'Dateityp nicht erlaubt',
      'German refusal',
    );
    const created = server.requests.filter((r) => r.type === 'attachments.create').map((r) => r.params.name);
    expect(created).to.deep.equal(['doc.pdf']);
  });

  it('attachments enabled by setOptions after ready: the tray loads then, and a sent file travels', async () => {
    const { el, server } = await mount();
    await until(() => (el as unknown as { ready: boolean }).ready, 'ready');
    await settle(el);
    expect(deep(el, 'chatkit-composer', '.attach'), 'no paperclip without the option').to.equal(null);
    el.setOptions({
      api: { url: API_URL, fetch: server.fetch },
      composer: { attachments: { enabled: true } },
    });
    await until(() => deep(el, 'chatkit-composer', 'label.attach input[type="file"]'), 'file input');
    await pick(el, [new File(['hello'], 'notes.txt', { type: 'text/plain' })]);
    await until(() => deep(el, 'chatkit-composer', '.file[data-status="done"]'), 'uploaded');
    await el.setComposerValue('see the file');
    await settle(el);
    const ended = oneEvent(el, 'chatkit.response.end');
    deep<HTMLButtonElement>(el, 'chatkit-composer', 'button.send')!.click();
    await ended;
    expect(server.lastRequest('threads.create')!.params.input.attachments).to.have.length(1);
    await settle(el);
    expect(deep(el, 'chatkit-thread', '.attachment')!.textContent).to.contain('notes.txt');
  });

  it('setComposerValue with files loads the tray even when attachments are not enabled', async () => {
    const { el } = await mount();
    await el.setComposerValue({ files: [new File(['x'], 'a.txt', { type: 'text/plain' })] });
    // The promise resolves with the chip on screen (the tray's code was fetched first).
    expect(deepAll(el, 'chatkit-composer', '.file .name').map((n) => n.textContent)).to.deep.equal(['a.txt']);
  });

  it('the most specific MIME pattern decides the limit', () => {
    const limits = { '*': 5, 'image/*': 10, 'image/gif': 1 };
    expect(sizeLimit(limits, 'image/gif')).to.equal(1);
    expect(sizeLimit(limits, 'image/png')).to.equal(10);
    expect(sizeLimit(limits, 'text/plain')).to.equal(5);
    expect(sizeLimit({ 'image/*': 10 }, 'text/plain')).to.equal(undefined);
    expect(sizeLimit(7, 'text/plain')).to.equal(7);
    expect(accepted({ 'image/*': [] }, { name: 'a.PNG', type: '' })).to.equal(false);
    expect(accepted({ 'image/*': ['.png'] }, { name: 'a.PNG', type: '' })).to.equal(true);
    expect(accepted(undefined, { name: 'a.exe', type: 'application/x-msdownload' })).to.equal(true);
  });
});
