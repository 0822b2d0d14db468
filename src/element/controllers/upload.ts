/**
 * Two-phase attachment upload (§6.6): `attachments.create`, then the bytes to `upload_descriptor.url`. The
 * body format is not pinned down by the protocol (§10.2): `PUT` sends the raw bytes (presigned-URL style,
 * what our server expects), `POST` sends `multipart/form-data` with a `file` field. An upload answer that is
 * an attachment object (a server filling in `preview_url`) replaces the created one.
 *
 * @internal
 * @module
 */
import type { ChatSession } from '../../protocol/session-types.js';
import type { Attachment } from '../../protocol/types.js';

/** Uploads one file and resolves with the attachment to reference in the message. */
export async function uploadAttachment(
  session: ChatSession,
  file: File,
  fetchImpl: typeof fetch,
  signal?: AbortSignal,
): Promise<Attachment> {
  const created = await session.createAttachment(
    { name: file.name, size: file.size, mime_type: file.type || 'application/octet-stream' },
    signal,
  );
  const descriptor = created.upload_descriptor;
  if (!descriptor) return created;
  let body: BodyInit = file;
  if (descriptor.method === 'POST') {
    const form = new FormData();
    form.append('file', file, file.name);
    body = form;
  }
  const response = await fetchImpl(descriptor.url, {
    method: descriptor.method,
    headers: descriptor.headers ?? {},
    body,
    signal,
  });
  if (!response.ok) throw new Error(`Upload failed with HTTP ${response.status}`);
  try {
    const answer = (await response.json()) as Partial<Attachment> | null;
    if (answer && answer.id === created.id && typeof answer.type === 'string') return answer as Attachment;
  } catch {
    // An empty or non-JSON answer (a storage bucket's) is fine: the created attachment stands.
  }
  return created;
}
