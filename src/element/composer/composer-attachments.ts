/**
 * The composer's attachment tray: picks files, uploads each at once (so sending is not delayed), shows
 * chips with progress/error and a remove button, and hands the uploaded attachments to the message.
 *
 * @internal
 * @module
 */
import { css, html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { ChatContextValue } from '../../context/chat-context.js';
import type { Attachment } from '../../protocol/types.js';
import { uiIcon } from '../shared/ui-icon.js';
import { adoptMoreStyles } from '../shared/shared.styles.js';
import { completeEnglish } from '../../i18n/strings-more.js';

// This module shows strings of the on-demand English table (see strings-more.ts).
completeEnglish();

/** The tray's own styles (the chip and tray layout are the composer's, shared with the reply and tags). */
const attachmentStyles = css`
  .attach:focus-within {
    box-shadow: var(--chatkit-focus-ring);
  }
  .file[data-status='error'] {
    border-color: var(--chatkit-danger);
    color: var(--chatkit-danger);
  }
  .chip.file[data-status='error'] {
    border-color: var(--chatkit-danger);
  }
  .refusal {
    display: inline-flex;
    align-items: center;
    gap: var(--chatkit-spacing);
    color: var(--chatkit-danger);
  }
`;

type Refusal = { kind: 'type' } | { kind: 'size'; limit: number };

interface Entry {
  key: number;
  name: string;
  status: 'uploading' | 'done' | 'error';
  attachment?: Attachment;
  /** Why the file was refused before upload (shown in the chip, worded at render time in the current locale). */
  refusal?: Refusal;
}

/** Whether a MIME type matches a pattern: exact, `type/*`, or `*` / `*\/*` for anything. */
function mimeMatches(pattern: string, mime: string): boolean {
  const p = pattern.trim().toLowerCase();
  const m = mime.toLowerCase();
  if (p === '*' || p === '*/*') return true;
  if (p.endsWith('/*')) return m.startsWith(p.slice(0, -1));
  return p === m;
}

/** How specific a matching pattern is (exact beats `type/*` beats `*`). */
const specificity = (pattern: string) =>
  pattern.includes('*') ? (pattern.endsWith('/*') && pattern !== '*/*' ? 1 : 0) : 2;

/** The byte limit for a file: a number applies to all; a record's most specific matching pattern wins. */
export function sizeLimit(
  maxSize: number | Record<string, number> | undefined,
  mime: string,
): number | undefined {
  if (typeof maxSize === 'number') return maxSize;
  if (!maxSize || typeof maxSize !== 'object') return undefined;
  const matches = Object.entries(maxSize)
    .filter(([pattern, limit]) => typeof limit === 'number' && mimeMatches(pattern, mime))
    .sort(([a], [b]) => specificity(b) - specificity(a));
  return matches[0]?.[1];
}

/** Whether `accept` (MIME pattern → extensions, as ChatKit has it) lets a file in; no record allows all. */
export function accepted(
  accept: Record<string, string[]> | undefined,
  file: { name: string; type: string },
): boolean {
  if (!accept || typeof accept !== 'object' || !Object.keys(accept).length) return true;
  const name = file.name.toLowerCase();
  return Object.entries(accept).some(
    ([pattern, extensions]) =>
      (!!file.type && mimeMatches(pattern, file.type)) ||
      (Array.isArray(extensions) &&
        extensions.some((ext) => typeof ext === 'string' && name.endsWith(ext.toLowerCase()))),
  );
}

/** Bytes as "10 MB" / "512 kB" in the element's locale (decimal units, as file managers show them). */
function formatBytes(bytes: number, locale: string): string {
  const [value, unit] =
    bytes >= 1e6 ? [bytes / 1e6, 'megabyte'] : bytes >= 1e3 ? [bytes / 1e3, 'kilobyte'] : [bytes, 'byte'];
  try {
    return new Intl.NumberFormat(locale, { style: 'unit', unit, maximumFractionDigits: 1 }).format(value);
  } catch {
    return `${bytes} B`;
  }
}

export class ComposerAttachments implements ReactiveController {
  entries: Entry[] = [];
  private nextKey = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly ctx: () => ChatContextValue,
  ) {
    host.addController(this);
    adoptMoreStyles(host, attachmentStyles);
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
    const { maxCount = 10 } = config.attachments;
    for (const file of [...(files ?? [])].slice(0, Math.max(0, maxCount - this.entries.length))) {
      const key = this.nextKey++;
      this.entries = [...this.entries, { key, name: file.name, status: 'uploading' }];
      this.host.requestUpdate();
      const refusal = this.refusal(file);
      if (refusal) {
        this.update(key, { status: 'error', refusal });
        continue;
      }
      controller.uploadFile(file).then(
        (attachment) => this.update(key, { status: 'done', attachment }),
        () => this.update(key, { status: 'error' }),
      );
    }
  }

  /** Why a file may not be uploaded (type not accepted, over its size limit), or null. */
  private refusal(file: File): Refusal | null {
    const { config } = this.ctx();
    if (!accepted(config.attachments.accept, file)) return { kind: 'type' };
    const limit = sizeLimit(config.attachments.maxSize, file.type || 'application/octet-stream');
    if (limit !== undefined && file.size > limit) return { kind: 'size', limit };
    return null;
  }

  private describe(refusal: Refusal): string {
    const { strings, locale } = this.ctx();
    return refusal.kind === 'type'
      ? strings.fileTypeNotAllowed
      : strings.fileTooLarge(formatBytes(refusal.limit, locale));
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
                  ? html`<span role="alert" class="refusal"
                      >${uiIcon('alert-triangle', 14)}${
                        entry.refusal
                          ? html`<span class="message">${this.describe(entry.refusal)}</span>`
                          : html`<span class="sr-only">${strings.uploadFailed}</span>`
                      }</span
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
