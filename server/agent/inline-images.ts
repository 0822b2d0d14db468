/**
 * Image attachments reach the model as image parts. Their `preview_url` usually points at this server
 * (a capability URL on loopback or a private network) which a hosted provider cannot fetch, so such
 * images are fetched here and inlined as `data:` URLs. Public URLs are passed through unchanged.
 *
 * @module
 */
import type { ThreadItem } from '../../src/protocol/types.js';

/** Largest image inlined (bytes); bigger ones are described as files instead of sent. */
export const MAX_INLINE_IMAGE_BYTES = 8 * 1024 * 1024;

const PRIVATE_HOST =
  /^(localhost|127(?:\.\d+){3}|\[?::1\]?|10(?:\.\d+){3}|192\.168(?:\.\d+){2}|172\.(?:1[6-9]|2\d|3[01])(?:\.\d+){2}|[^.]+\.local|[^.]+)$/i;

/** Whether a provider on the internet could not reach this URL (loopback, private range, bare host). */
export function isPrivateUrl(url: string): boolean {
  try {
    const { protocol, hostname } = new URL(url);
    return (protocol === 'http:' || protocol === 'https:') && PRIVATE_HOST.test(hostname);
  } catch {
    return false;
  }
}

async function toDataUrl(url: string, signal: AbortSignal): Promise<string | null> {
  try {
    const response = await fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(10_000)]) });
    if (!response.ok) return null;
    const type = response.headers.get('content-type')?.split(';')[0] ?? 'application/octet-stream';
    if (!type.startsWith('image/')) return null;
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.byteLength > MAX_INLINE_IMAGE_BYTES) return null;
    return `data:${type};base64,${Buffer.from(bytes).toString('base64')}`;
  } catch {
    if (signal.aborted) throw signal.reason;
    return null;
  }
}

/**
 * Returns the items with private image URLs replaced by `data:` URLs (copies; the stored items are not
 * changed). Images that cannot be fetched become file attachments, described in text to the model.
 */
export async function inlinePrivateImages(
  items: readonly ThreadItem[],
  signal: AbortSignal,
): Promise<ThreadItem[]> {
  return Promise.all(
    items.map(async (item) => {
      if (item.type !== 'user_message' || !item.attachments.some((a) => a.type === 'image')) return item;
      const attachments = await Promise.all(
        item.attachments.map(async (attachment) => {
          if (attachment.type !== 'image' || !isPrivateUrl(attachment.preview_url)) return attachment;
          const data = await toDataUrl(attachment.preview_url, signal);
          if (data) return { ...attachment, preview_url: data };
          const { preview_url: _dropped, ...rest } = attachment;
          return { ...rest, type: 'file' as const };
        }),
      );
      return { ...item, attachments };
    }),
  );
}
