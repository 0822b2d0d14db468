/**
 * Attachment bytes: the `AttachmentStore` interface the ChatKit server calls for `attachments.create` /
 * `attachments.delete`, and {@link DiskAttachmentStore}, a disk-backed implementation.
 *
 * Design decision (PROTOCOL.md §10.2 leaves the upload body open): uploads are two-phase with
 * `upload_descriptor = { url, method: "PUT", headers: {} }` and the request body is the **raw bytes** of the
 * file, like a presigned object-storage URL. The integration decides the URL (`uploadUrl`) and routes the
 * PUT to {@link DiskAttachmentStore.writeUpload} after authenticating the caller; the same context
 * (user) that created the attachment must upload it. After a successful upload the record's
 * `upload_descriptor` is cleared (§6.6).
 *
 * @module
 */
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { join } from 'node:path';
import type { RequestContext, Store, StoredAttachment } from '../stores/store.js';
import { HttpError } from './errors.js';

/** What the client declared in `attachments.create`, plus the id the server chose. */
export interface AttachmentCreateInput {
  id: string;
  name: string;
  size: number;
  mime_type: string;
}

/**
 * Creates attachment records (with upload instructions) and deletes attachment bytes. The ChatKit server
 * saves the returned record in the {@link Store} itself and deletes the record after `deleteAttachment`.
 */
export interface AttachmentStore<C extends RequestContext = RequestContext> {
  /** Returns the record to store and send: normally with `upload_descriptor`; images need `preview_url`. */
  createAttachment(input: AttachmentCreateInput, context: C): Promise<StoredAttachment>;
  /** Deletes the bytes of an attachment (the record is deleted by the server afterwards). */
  deleteAttachment(attachmentId: string, context: C): Promise<void>;
}

/** Options of {@link DiskAttachmentStore}. */
export interface DiskAttachmentStoreOptions<C extends RequestContext> {
  /** Directory the bytes are written to (created on demand), e.g. `<CHATKIT_DATA_DIR>/attachments`. */
  directory: string;
  /** The record store, used to check ownership and declared size on upload. */
  store: Store<C>;
  /** Absolute URL the client PUTs the raw bytes to, e.g. `https://host/chatkit/uploads/<id>`. */
  uploadUrl: (attachmentId: string, context: C) => string;
  /** Absolute URL an image is previewed from, e.g. `https://host/chatkit/files/<id>`. */
  previewUrl: (attachmentId: string, context: C) => string;
  /** Largest accepted attachment in bytes (default 20 MiB). */
  maxBytes?: number;
}

const SAFE_ID = /^[A-Za-z0-9_-]{1,256}$/;

/** Stores attachment bytes as files named by attachment id under one directory. */
export class DiskAttachmentStore<C extends RequestContext = RequestContext> implements AttachmentStore<C> {
  readonly maxBytes: number;

  constructor(private readonly options: DiskAttachmentStoreOptions<C>) {
    this.maxBytes = options.maxBytes ?? 20 * 1024 * 1024;
  }

  /** Validates the declaration and returns a record with a PUT upload descriptor. */
  async createAttachment(input: AttachmentCreateInput, context: C): Promise<StoredAttachment> {
    if (input.size > this.maxBytes) {
      throw new HttpError(413, 'payload_too_large', `attachment larger than ${this.maxBytes} bytes`);
    }
    const base = {
      id: input.id,
      name: input.name,
      mime_type: input.mime_type,
      upload_descriptor: {
        url: this.options.uploadUrl(input.id, context),
        method: 'PUT' as const,
        headers: {},
      },
      metadata: { size: input.size },
    };
    return input.mime_type.startsWith('image/')
      ? { ...base, type: 'image', preview_url: this.options.previewUrl(input.id, context) }
      : { ...base, type: 'file' };
  }

  /**
   * Receives the raw bytes of an upload. Checks that the attachment is the caller's and that the body does
   * not exceed the declared size; writes to a temporary file and renames it so readers never see a partial
   * file. Returns the updated record (upload descriptor cleared).
   */
  async writeUpload(
    attachmentId: string,
    body: AsyncIterable<Uint8Array>,
    context: C,
  ): Promise<StoredAttachment> {
    const record = await this.options.store.loadAttachment(attachmentId, context);
    const declared = Number(record.metadata?.size ?? this.maxBytes);
    const limit = Math.min(Number.isFinite(declared) ? declared : this.maxBytes, this.maxBytes);
    await mkdir(this.options.directory, { recursive: true });
    const target = this.pathOf(attachmentId);
    const temporary = `${target}.${process.pid}.${Date.now()}.part`;
    const handle = await open(temporary, 'w');
    let written = 0;
    try {
      for await (const chunk of body) {
        written += chunk.byteLength;
        if (written > limit) {
          throw new HttpError(413, 'payload_too_large', `upload exceeds the declared ${limit} bytes`);
        }
        await handle.write(chunk);
      }
    } catch (error) {
      await handle.close();
      await rm(temporary, { force: true });
      throw error;
    }
    await handle.close();
    await rename(temporary, target);
    const updated: StoredAttachment = {
      ...record,
      upload_descriptor: null,
      metadata: { ...record.metadata, size: written },
    };
    await this.options.store.saveAttachment(updated, context);
    return updated;
  }

  /** Opens the bytes of one of the caller's attachments for reading (404 when absent or not uploaded). */
  async readFile(
    attachmentId: string,
    context: C,
  ): Promise<{ record: StoredAttachment; size: number; stream: Readable }> {
    const record = await this.options.store.loadAttachment(attachmentId, context);
    const path = this.pathOf(attachmentId);
    const info = await stat(path).catch(() => null);
    if (!info)
      throw new HttpError(404, 'not_found', `attachment ${JSON.stringify(attachmentId)} has no content`);
    return { record, size: info.size, stream: createReadStream(path) };
  }

  /** Deletes the bytes (missing bytes are fine: the upload may never have happened). */
  async deleteAttachment(attachmentId: string, _context: C): Promise<void> {
    await rm(this.pathOf(attachmentId), { force: true });
  }

  private pathOf(attachmentId: string): string {
    // Ids come from our own generator, but a hostile id must never escape the directory.
    if (!SAFE_ID.test(attachmentId)) throw new HttpError(400, 'invalid_request', 'invalid attachment id');
    return join(this.options.directory, attachmentId);
  }
}
