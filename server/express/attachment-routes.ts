/**
 * The byte side of two-phase attachment uploads (PROTOCOL.md §6.6, decision in server/chatkit/attachment-store.ts):
 *
 * - `PUT <endpoint>/uploads/:id?t=<token>`: the raw file bytes; answers the attachment JSON.
 * - `GET <endpoint>/files/:id?t=<token>`: the stored bytes (image previews).
 * - `POST <endpoint>/upload` (when `direct` is given): ChatKit's direct upload, see direct-upload.ts.
 *
 * Both URLs are issued by the server inside `attachments.create` and carry a sealed capability token (see
 * capability-token.ts), so they need no headers. Uploaded content is served with `nosniff`, a sandboxing
 * CSP, and as a download unless it is a raster image, so a hostile upload cannot run script on this origin.
 *
 * @module
 */
import { Router, type Request } from 'express';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { DiskAttachmentStore, type DiskAttachmentStoreOptions } from '../chatkit/attachment-store.js';
import { toWire } from '../../src/protocol/wire.js';
import { HttpError } from '../chatkit/errors.js';
import type { RequestContext, Store } from '../stores/store.js';
import {
  CapabilityTokens,
  loadOrCreateSecret,
  type TokenClaims,
  type TokenPurpose,
} from './capability-token.js';
import { createCors, type CorsOptions } from './cors.js';
import type { RateLimitConfig } from '../config.js';
import { createRateLimit } from './rate-limit.js';
import { addDirectUploadRoute, type DirectUploadOptions } from './direct-upload.js';

/** Image types shown inline; anything else (including SVG, which can carry script) is sent as a download. */
const INLINE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif']);

/** How long an upload URL stays valid. */
export const UPLOAD_URL_TTL_MS = 60 * 60 * 1000;

/** Options of {@link createAttachmentRouter}. */
export interface AttachmentRouterOptions {
  attachmentStore: DiskAttachmentStore;
  tokens: CapabilityTokens;
  cors?: CorsOptions | false;
  /** Requests per window and client address on both routes (its own counter); `false` = unlimited. */
  rateLimit?: RateLimitConfig | false;
  /** Also serve `POST /upload` (direct upload), authenticated like the ChatKit endpoint. */
  direct?: Omit<DirectUploadOptions, 'attachmentStore'>;
}

function contextFromToken(req: Request, tokens: CapabilityTokens, purpose: TokenPurpose): RequestContext {
  const id = String(req.params.id);
  const userId = tokens.open(req.query.t, purpose, id);
  if (userId === null)
    throw new HttpError(403, 'invalid_token', 'Missing, invalid or expired attachment token');
  return { userId };
}

/** Creates the router; mount it at the ChatKit endpoint path (before the ChatKit router). */
export function createAttachmentRouter(options: AttachmentRouterOptions): Router {
  const { attachmentStore, tokens } = options;
  const router = Router();
  if (options.cors !== false) {
    router.use(['/uploads', '/files', '/upload'], createCors(options.cors ?? { allowedOrigins: null }));
  }
  if (options.rateLimit !== false) {
    // Its own counter: a page full of image previews must not eat the chat's budget, and an upload flood
    // must not go unmetered (issue 11).
    router.use(
      ['/uploads', '/files', '/upload'],
      createRateLimit(options.rateLimit ?? { windowMs: 60_000, max: 120 }),
    );
  }

  router.put('/uploads/:id', async (req, res) => {
    const context = contextFromToken(req, tokens, 'upload');
    const record = await attachmentStore.writeUpload(String(req.params.id), req, context);
    // toWire drops the cleared upload descriptor and the record's private metadata (§6.6).
    res.status(200).json(toWire(record));
  });

  if (options.direct) addDirectUploadRoute(router, { ...options.direct, attachmentStore });

  router.get('/files/:id', async (req, res) => {
    const context = contextFromToken(req, tokens, 'read');
    const { record, size, stream } = await attachmentStore.readFile(String(req.params.id), context);
    const inline = INLINE_TYPES.has(record.mime_type.toLowerCase());
    res.set({
      'Content-Type': inline ? record.mime_type : 'application/octet-stream',
      'Content-Length': String(size),
      'Content-Disposition': `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(record.name)}`,
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, max-age=3600',
      // Previews are shown by pages on other origins (the embedding site).
      'Cross-Origin-Resource-Policy': 'cross-origin',
    });
    await pipeline(stream, res);
  });
  return router;
}

/** Options of {@link createDiskAttachments}. */
export interface DiskAttachmentsOptions {
  /** The data directory: bytes go to `attachments/`, the token key is `secret.key`. */
  dataDir: string;
  store: Store;
  /** The public origin for absolute URLs, from the request context (falls back to the listening URL). */
  originOf: (context: RequestContext) => string;
  /** Size, quota and type limits (CHATKIT_UPLOAD_*); defaults as in {@link DiskAttachmentStore}. */
  limits?: Pick<
    DiskAttachmentStoreOptions<RequestContext>,
    'maxBytes' | 'quotaBytes' | 'quotaFiles' | 'allowedTypes'
  >;
}

/**
 * Builds the reference server's attachment store: bytes on disk, upload and preview URLs on this server's
 * `/chatkit/uploads/:id` and `/chatkit/files/:id` routes with sealed tokens.
 */
export async function createDiskAttachments(
  options: DiskAttachmentsOptions,
): Promise<{ attachmentStore: DiskAttachmentStore; tokens: CapabilityTokens }> {
  const tokens = new CapabilityTokens(await loadOrCreateSecret(options.dataDir));
  const url = (kind: 'uploads' | 'files', id: string, context: RequestContext, claims: TokenClaims) =>
    `${options.originOf(context)}/chatkit/${kind}/${encodeURIComponent(id)}?t=${tokens.seal(claims)}`;
  const attachmentStore = new DiskAttachmentStore({
    directory: join(options.dataDir, 'attachments'),
    store: options.store,
    ...options.limits,
    uploadUrl: (id, context) =>
      url('uploads', id, context, {
        userId: context.userId,
        attachmentId: id,
        purpose: 'upload',
        expiresAt: Date.now() + UPLOAD_URL_TTL_MS,
      }),
    previewUrl: (id, context) =>
      url('files', id, context, { userId: context.userId, attachmentId: id, purpose: 'read' }),
  });
  return { attachmentStore, tokens };
}
