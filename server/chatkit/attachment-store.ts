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
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
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
  /** Bytes one user may keep (announced and uploaded attachments; default 100 MiB; 0 = none). */
  quotaBytes?: number;
  /** Attachments one user may keep (default 200; 0 = none). */
  quotaFiles?: number;
  /**
   * Accepted MIME types, exact (`image/png`) or by family (`image/*`); default: any. The bytes must match
   * the declared type (see {@link sniffMismatch}).
   */
  allowedTypes?: readonly string[];
}

const SAFE_ID = /^[A-Za-z0-9_-]{1,256}$/;

/** Whether `mimeType` is on an allowlist of exact types and `family/*` entries. */
export function isAllowedType(mimeType: string, allowed: readonly string[] | undefined): boolean {
  if (!allowed) return true;
  const type = mimeType.trim().toLowerCase().split(';')[0]!.trim();
  return allowed.some(
    (entry) => entry === type || (entry.endsWith('/*') && type.startsWith(entry.slice(0, -1))),
  );
}

const latin1 = (bytes: Buffer, start: number, end: number) => bytes.toString('latin1', start, end);

/** Magic numbers of the binary types the element previews or that are commonly attached. */
const SIGNATURES: Record<string, (head: Buffer) => boolean> = {
  'image/png': (head) => latin1(head, 0, 8) === '\x89PNG\r\n\x1a\n',
  'image/jpeg': (head) => head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff,
  'image/gif': (head) => /^GIF8[79]a$/.test(latin1(head, 0, 6)),
  'image/webp': (head) => latin1(head, 0, 4) === 'RIFF' && latin1(head, 8, 12) === 'WEBP',
  'image/avif': (head) => latin1(head, 4, 8) === 'ftyp' && /^avi[fs]$/.test(latin1(head, 8, 12)),
  'application/pdf': (head) => latin1(head, 0, 5) === '%PDF-',
};

/** The WHATWG MIME sniffing patterns that make a browser treat bytes as HTML. */
const HTML_START =
  /^(<!doctype html|<html|<head|<script|<iframe|<h1|<div|<font|<table|<a|<style|<title|<b|<body|<br|<p|<!--)[\s>]/i;

/**
 * Checks the first bytes of an upload against its declared type: a `.png` must start like a PNG, a text
 * file must not contain NUL bytes, and nothing except declared HTML may look like HTML.
 *
 * @returns why the bytes do not match, or `null` when they do.
 */
export function sniffMismatch(mimeType: string, head: Buffer): string | null {
  const type = mimeType.trim().toLowerCase().split(';')[0]!.trim();
  const signature = SIGNATURES[type];
  if (signature) return signature(head) ? null : `the content is not ${type}`;
  const text = head
    .toString('latin1')
    .replace(/^\xef\xbb\xbf/, '')
    .trimStart();
  if (type !== 'text/html' && HTML_START.test(text)) return `the content is HTML, not ${type}`;
  if ((type.startsWith('text/') || type === 'application/json') && head.includes(0)) {
    return `the content is binary, not ${type}`;
  }
  return null;
}

/** How many leading bytes {@link sniffMismatch} looks at. */
const SNIFF_BYTES = 512;

/** Stores attachment bytes as files named by attachment id under one directory. */
export class DiskAttachmentStore<C extends RequestContext = RequestContext> implements AttachmentStore<C> {
  readonly maxBytes: number;
  readonly quotaBytes: number;
  readonly quotaFiles: number;
  readonly allowedTypes: readonly string[] | undefined;
  /** Per-user chain serialising quota checks within this process. */
  private readonly quotaLocks = new Map<string, Promise<unknown>>();

  constructor(private readonly options: DiskAttachmentStoreOptions<C>) {
    this.maxBytes = options.maxBytes ?? 20 * 1024 * 1024;
    this.quotaBytes = options.quotaBytes ?? 100 * 1024 * 1024;
    this.quotaFiles = options.quotaFiles ?? 200;
    this.allowedTypes = options.allowedTypes;
  }

  /**
   * Validates the declaration (type allowlist, size, the user's quota), reserves its size in the quota and
   * returns a record with a single-use PUT upload descriptor.
   */
  async createAttachment(input: AttachmentCreateInput, context: C): Promise<StoredAttachment> {
    if (!isAllowedType(input.mime_type, this.allowedTypes)) {
      throw new HttpError(
        415,
        'unsupported_media_type',
        `attachments of type ${JSON.stringify(input.mime_type.slice(0, 100))} are not accepted`,
      );
    }
    if (!Number.isSafeInteger(input.size) || input.size < 0) {
      throw new HttpError(400, 'invalid_request', 'params.size: expected a whole number of bytes');
    }
    if (input.size > this.maxBytes) {
      throw new HttpError(413, 'payload_too_large', `attachment larger than ${this.maxBytes} bytes`);
    }
    this.pathOf(input.id);
    await this.withQuotaLock(context.userId, async () => {
      const usage = await this.usageOf(context.userId);
      if (usage.files + 1 > this.quotaFiles || usage.bytes + input.size > this.quotaBytes) {
        throw new HttpError(
          413,
          'quota_exceeded',
          `upload quota exceeded (${this.quotaFiles} attachments, ${this.quotaBytes} bytes per user); delete attachments first`,
        );
      }
      const ledger = this.ledgerOf(context.userId);
      await mkdir(ledger, { recursive: true });
      await writeFile(join(ledger, `${input.id}~${input.size}`), '');
      // The upload claim: the first PUT renames it away, so an upload URL works once (issue 11).
      await writeFile(this.claimOf(input.id), '', { flag: 'wx' });
    });
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
    const claim = this.claimOf(attachmentId);
    const temporary = `${target}.${process.pid}.${Date.now()}.part`;
    // Take the single-use claim atomically: of two PUTs racing, exactly one renames the file.
    const taken = `${temporary}.claim`;
    try {
      await rename(claim, taken);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      throw new HttpError(409, 'already_uploaded', 'this upload URL has already been used');
    }
    const handle = await open(temporary, 'w');
    let written = 0;
    const head: Buffer[] = [];
    let headBytes = 0;
    try {
      for await (const chunk of body) {
        written += chunk.byteLength;
        if (written > limit) {
          throw new HttpError(413, 'payload_too_large', `upload exceeds the declared ${limit} bytes`);
        }
        if (headBytes < SNIFF_BYTES) {
          head.push(Buffer.from(chunk.subarray(0, SNIFF_BYTES - headBytes)));
          headBytes += Math.min(chunk.byteLength, SNIFF_BYTES - headBytes);
        }
        await handle.write(chunk);
      }
      const mismatch = sniffMismatch(record.mime_type, Buffer.concat(head));
      if (mismatch) throw new HttpError(415, 'content_mismatch', `upload refused: ${mismatch}`);
    } catch (error) {
      await handle.close();
      await rm(temporary, { force: true });
      // A failed upload may be retried with the same URL.
      await rename(taken, claim).catch(() => {});
      throw error;
    }
    await handle.close();
    await rename(temporary, target);
    await rm(taken, { force: true });
    await this.recordSize(attachmentId, written, context.userId);
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

  /** Deletes the bytes and frees the quota (missing bytes are fine: the upload may never have happened). */
  async deleteAttachment(attachmentId: string, context: C): Promise<void> {
    await rm(this.pathOf(attachmentId), { force: true });
    await rm(this.claimOf(attachmentId), { force: true });
    await this.withQuotaLock(context.userId, async () => {
      for (const entry of await this.ledgerEntries(context.userId)) {
        if (entry.id === attachmentId)
          await rm(join(this.ledgerOf(context.userId), entry.name), { force: true });
      }
    });
  }

  /** The user's stored attachments and bytes (announced sizes until uploaded, then real sizes). */
  async usageOf(userId: string): Promise<{ files: number; bytes: number }> {
    const entries = await this.ledgerEntries(userId);
    return { files: entries.length, bytes: entries.reduce((sum, entry) => sum + entry.size, 0) };
  }

  private async recordSize(attachmentId: string, size: number, userId: string): Promise<void> {
    await this.withQuotaLock(userId, async () => {
      const ledger = this.ledgerOf(userId);
      for (const entry of await this.ledgerEntries(userId)) {
        if (entry.id === attachmentId) await rm(join(ledger, entry.name), { force: true });
      }
      await mkdir(ledger, { recursive: true });
      await writeFile(join(ledger, `${attachmentId}~${size}`), '');
    });
  }

  /**
   * The quota ledger: one empty file `<id>~<bytes>` per attachment in a directory per user (named by a
   * hash, so user ids never become paths). Survives restarts and is shared by processes on one data dir.
   */
  private ledgerOf(userId: string): string {
    const key = createHash('sha256').update(userId).digest('hex').slice(0, 40);
    return join(this.options.directory, '.quota', key);
  }

  private async ledgerEntries(userId: string): Promise<Array<{ name: string; id: string; size: number }>> {
    const names = await readdir(this.ledgerOf(userId)).catch(() => [] as string[]);
    return names.flatMap((name) => {
      const match = /^([A-Za-z0-9_-]+)~(\d+)$/.exec(name);
      return match ? [{ name, id: match[1]!, size: Number(match[2]) }] : [];
    });
  }

  private async withQuotaLock<T>(userId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.quotaLocks.get(userId) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch(() => undefined);
    this.quotaLocks.set(userId, settled);
    try {
      return await next;
    } finally {
      if (this.quotaLocks.get(userId) === settled) this.quotaLocks.delete(userId);
    }
  }

  private claimOf(attachmentId: string): string {
    return `${this.pathOf(attachmentId)}.upload`;
  }

  private pathOf(attachmentId: string): string {
    // Ids come from our own generator, but a hostile id must never escape the directory.
    if (!SAFE_ID.test(attachmentId)) throw new HttpError(400, 'invalid_request', 'invalid attachment id');
    return join(this.options.directory, attachmentId);
  }
}
