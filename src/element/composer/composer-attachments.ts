/**
 * The composer's attachment tray: picks files, uploads each at once (so sending is not delayed), shows
 * chips with progress/error and a remove button, and hands the uploaded attachments to the message.
 *
 * @internal
 * @module
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { ChatContextValue } from '../../context/chat-context.js';
import type { Attachment } from '../../protocol/types.js';
import { uiIcon } from '../shared/ui-icon.js';

interface Entry {
  key: number;
  name: string;
  status: 'uploading' | 'done' | 'error';
  attachment?: Attachment;
}

export class ComposerAttachments implements ReactiveController {
  entries: Entry[] = [];
  private nextKey = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly ctx: () => ChatContextValue,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Uploads are still running (Send waits for them). */
  get busy(): boolean {
    return this.entries.some((entry) => entry.status === 'uploading');
  }

  /** Uploaded attachments, in the order they were picked. */
  get ready(): Attachment[] {
    return this.entries.flatMap((entry) =>
      entry.status === 'done' && entry.attachment ? [entry.attachment] : [],
    );
  }

  /** Forgets the tray after a send (the message owns the attachments now). */
  clear(): void {
    this.entries = [];
    this.host.requestUpdate();
  }

  /** Replaces the tray with already uploaded attachments (`setComposerValue({attachments})`). */
  set(attachments: readonly Attachment[]): void {
    this.entries = attachments.map((attachment) => ({
      key: this.nextKey++,
      name: attachment.name,
      status: 'done',
      attachment,
    }));
    this.host.requestUpdate();
  }

  /** Uploads files and adds them to the tray (`setComposerValue({files})`). */
  addFiles(files: readonly File[]): void {
    void this.add(files);
  }

  private update(key: number, patch: Partial<Entry>) {
    this.entries = this.entries.map((entry) => (entry.key === key ? { ...entry, ...patch } : entry));
    this.host.requestUpdate();
  }

  private async add(files: FileList | readonly File[] | null) {
    const { config, controller } = this.ctx();
    const { maxCount = 10, maxSize } = config.attachments;
    for (const file of [...(files ?? [])].slice(0, Math.max(0, maxCount - this.entries.length))) {
      const key = this.nextKey++;
      this.entries = [...this.entries, { key, name: file.name, status: 'uploading' }];
      this.host.requestUpdate();
      if (typeof maxSize === 'number' && file.size > maxSize) {
        this.update(key, { status: 'error' });
        continue;
      }
      controller.uploadFile(file).then(
        (attachment) => this.update(key, { status: 'done', attachment }),
        () => this.update(key, { status: 'error' }),
      );
    }
  }

  private remove(entry: Entry) {
    this.entries = this.entries.filter((e) => e.key !== entry.key);
    if (entry.attachment) this.ctx().controller.removeAttachment(entry.attachment.id);
    this.host.requestUpdate();
  }

  /** The paperclip button with its hidden file input. */
  renderButton() {
    const { config, strings } = this.ctx();
    if (!config.attachments.enabled) return nothing;
    const accept = Object.entries(config.attachments.accept ?? {})
      .flatMap(([mime, extensions]) => [mime, ...extensions])
      .join(',');
    return html`<label class="attach icon-button" title=${strings.attach}>
      <input
        class="sr-only"
        type="file"
        multiple
        accept=${accept || nothing}
        aria-label=${strings.attach}
        @change=${(e: Event) => {
          const input = e.target as HTMLInputElement;
          void this.add(input.files);
          input.value = '';
        }}
      />
      ${uiIcon('paperclip', 18)}
    </label>`;
  }

  /** The chips of picked files. */
  renderTray() {
    if (!this.entries.length) return nothing;
    const { strings } = this.ctx();
    return html`<ul class="tray" part="attachments">
      ${this.entries.map(
        (entry) =>
          html`<li class="chip file" data-status=${entry.status}>
            ${
              entry.status === 'uploading'
                ? html`<span class="spin" aria-hidden="true">${uiIcon('loader', 14)}</span>`
                : entry.status === 'error'
                  ? html`<span role="alert"
                      >${uiIcon('alert-triangle', 14)}<span class="sr-only"
                        >${strings.uploadFailed}</span
                      ></span
                    >`
                  : uiIcon('paperclip', 14)
            }
            <span class="name">${entry.name}</span>
            <button
              class="remove"
              type="button"
              aria-label=${strings.removeAttachment(entry.name)}
              @click=${() => this.remove(entry)}
            >
              ${uiIcon('x', 12)}
            </button>
          </li>`,
      )}
    </ul>`;
  }
}
