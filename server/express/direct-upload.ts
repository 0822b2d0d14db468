/**
 * ChatKit's direct upload (`api.uploadStrategy: { type: 'direct', uploadUrl }`): the client POSTs
 * `multipart/form-data` with a `file` field to one URL and gets the attachment back, instead of
 * `attachments.create` followed by an upload to the returned URL (two-phase, the default).
 *
 * `POST <endpoint>/upload` (the reference server: `/chatkit/upload`) authenticates like the ChatKit endpoint
 * (same `getContext`), then runs the two-phase steps on the server side: `attachments.create` through the
 * ChatKit server (type allowlist, size limit, per-user quota, the stored record) and the disk store's
 * upload (size check against the real bytes, content sniffing, single use). A refused file leaves no
 * record behind and no quota used.
 *
 * @module
 */
import type { Router } from 'express';
import { type Request } from 'express';
import type { DiskAttachmentStore } from '../chatkit/attachment-store.js';
import { HttpError } from '../chatkit/errors.js';
import type { RequestContext } from '../stores/store.js';
import { toWire } from '../../src/protocol/wire.js';
import type { ChatKitProcessor } from './chatkit-router.js';
import type { GetContext } from './request-context.js';

/** Room for the multipart framing around the file (boundaries, part headers, a long file name). */
const FORM_OVERHEAD = 64 * 1024;

/** Options of {@link createDirectUploadRoute}. */
export interface DirectUploadOptions<C extends RequestContext = RequestContext> {
  server: ChatKitProcessor<C>;
  attachmentStore: DiskAttachmentStore<C>;
  getContext: GetContext<C>;
}

/** Reads the request body, refusing more than `limit` bytes (413) before buffering them. */
async function readLimited(req: Request, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(req.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) {
    throw new HttpError(413, 'payload_too_large', `upload larger than ${limit - FORM_OVERHEAD} bytes`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > limit) {
      throw new HttpError(413, 'payload_too_large', `upload larger than ${limit - FORM_OVERHEAD} bytes`);
    }
    chunks.push(chunk);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/** Reads the `file` part of a multipart body (the platform's parser, as the fake OpenAI server does). */
async function readFilePart(req: Request, body: Uint8Array<ArrayBuffer>): Promise<File> {
  const type = req.get('content-type') ?? '';
  if (!/^multipart\/form-data\s*;/i.test(type)) {
    throw new HttpError(415, 'unsupported_media_type', 'expected multipart/form-data with a "file" field');
  }
  let form: FormData;
  try {
    form = await new Response(body, { headers: { 'content-type': type } }).formData();
  } catch {
    throw new HttpError(400, 'invalid_body', 'the multipart body could not be read');
  }
  const file = form.get('file');
  if (!file || typeof file === 'string') {
    throw new HttpError(400, 'invalid_request', 'missing the "file" field (a file part)');
  }
  return file as File;
}

async function* once(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  yield bytes;
}

/** Adds `POST /upload` to a router mounted at the ChatKit endpoint path. */
export function addDirectUploadRoute<C extends RequestContext>(
  router: Router,
  options: DirectUploadOptions<C>,
): void {
  const { server, attachmentStore, getContext } = options;
  router.post('/upload', async (req, res) => {
    const context = await getContext(req);
    const body = await readLimited(req, attachmentStore.maxBytes + FORM_OVERHEAD);
    const file = await readFilePart(req, body);
    const bytes = new Uint8Array(await file.arrayBuffer());
    const created = await server.process(
      {
        type: 'attachments.create',
        params: {
          name: (file.name || 'upload').slice(0, 1024),
          size: bytes.byteLength,
          mime_type: file.type || 'application/octet-stream',
        },
      },
      context,
    );
    const id = created.kind === 'json' ? (created.body as { id?: unknown } | null)?.id : undefined;
    if (typeof id !== 'string') throw new Error('attachments.create answered no attachment id');
    try {
      const record = await attachmentStore.writeUpload(id, once(bytes), context);
      res.status(200).json(toWire(record));
    } catch (error) {
      // A refused upload (content sniffing) must not keep a record or hold quota.
      await server
        .process({ type: 'attachments.delete', params: { attachment_id: id } }, context)
        .catch(() => undefined);
      throw error;
    }
  });
}
