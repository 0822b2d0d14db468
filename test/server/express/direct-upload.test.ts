/**
 * `POST /chatkit/upload`: ChatKit's direct upload strategy on the reference server (real Express, real
 * disk store). Multipart `file` in, attachment out, with the same identity rules, type allowlist, size
 * limit, content sniffing and per-user quota as the two-phase upload, and nothing left behind on refusal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUserId, startTestServer, type TestServer } from '../../support/test-server.js';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    env: {
      CHATKIT_UPLOAD_QUOTA_FILES: '3',
      CHATKIT_UPLOAD_MAX_BYTES: '2000',
      CHATKIT_UPLOAD_TYPES: 'image/png,text/plain',
    },
  });
});
afterAll(async () => {
  await server.close();
});

function form(bytes: Uint8Array, name: string, type: string, field = 'file'): FormData {
  const data = new FormData();
  data.append(field, new Blob([bytes as Uint8Array<ArrayBuffer>], { type }), name);
  return data;
}

function upload(body: BodyInit, user: string | null, headers: Record<string, string> = {}) {
  return fetch(`${server.url}/chatkit/upload`, {
    method: 'POST',
    headers: { ...(user ? { 'x-chatkit-user': user } : {}), ...headers },
    body,
  });
}

async function errorCode(response: Response, status: number): Promise<string> {
  expect(response.status).toBe(status);
  const body = await response.json();
  expect(typeof body.error.message).toBe('string');
  return body.error.code;
}

describe('direct upload', () => {
  it('stores a multipart file and answers the attachment, previewable and deletable like any other', async () => {
    const user = randomUserId();
    const response = await upload(form(PNG, 'photo.png', 'image/png'), user);
    expect(response.status).toBe(200);
    const attachment = await response.json();
    expect(attachment).toMatchObject({ type: 'image', name: 'photo.png', mime_type: 'image/png' });
    expect(attachment.id).toMatch(/^[A-Za-z0-9_-]+$/);
    // Already uploaded: no upload descriptor, and the private metadata stays on the server.
    expect(attachment.upload_descriptor).toBeUndefined();
    expect(attachment.metadata).toBeUndefined();
    const preview = await fetch(attachment.preview_url);
    expect(new Uint8Array(await preview.arrayBuffer())).toEqual(PNG);

    const text = await (
      await upload(form(new TextEncoder().encode('notes'), 'a.txt', 'text/plain'), user)
    ).json();
    expect(text).toMatchObject({ type: 'file', name: 'a.txt', mime_type: 'text/plain' });

    // The attachments belong to the uploader: another user cannot delete them; the owner can.
    const stranger = await server.post(
      { type: 'attachments.delete', params: { attachment_id: attachment.id } },
      { user: randomUserId() },
    );
    expect(stranger.status).toBe(404);
    expect(
      await server.json({ type: 'attachments.delete', params: { attachment_id: attachment.id } }, user),
    ).toEqual({});
    expect(
      await server.json({ type: 'attachments.delete', params: { attachment_id: text.id } }, user),
    ).toEqual({});
  });

  it('announces its URL in /api/capabilities', async () => {
    const capabilities = await (await fetch(`${server.url}/api/capabilities`)).json();
    expect(capabilities.uploads.directUploadUrl).toBe('/chatkit/upload');
  });

  it('needs the caller’s identity, a multipart body and a file part', async () => {
    expect(await errorCode(await upload(form(PNG, 'a.png', 'image/png'), null), 401)).toBe('missing_user');
    const user = randomUserId();
    expect(
      await errorCode(
        await upload(PNG as Uint8Array<ArrayBuffer>, user, { 'content-type': 'image/png' }),
        415,
      ),
    ).toBe('unsupported_media_type');
    expect(await errorCode(await upload(form(PNG, 'a.png', 'image/png', 'upload'), user), 400)).toBe(
      'invalid_request',
    );
    expect(
      await errorCode(
        await upload('--x\r\nbroken', user, { 'content-type': 'multipart/form-data; boundary=x' }),
        400,
      ),
    ).toBe('invalid_body');
  });

  it('applies the type allowlist, the size limit and content sniffing, leaving no record or quota behind', async () => {
    const user = randomUserId();
    const html = new TextEncoder().encode('<html><script>alert(1)</script>');
    expect(await errorCode(await upload(form(html, 'x.html', 'text/html'), user), 415)).toBe(
      'unsupported_media_type',
    );
    // HTML posing as a PNG is caught by sniffing the bytes.
    expect(await errorCode(await upload(form(html, 'x.png', 'image/png'), user), 415)).toBe(
      'content_mismatch',
    );
    const big = new Uint8Array(2001).fill(0x61);
    expect(await errorCode(await upload(form(big, 'big.txt', 'text/plain'), user), 413)).toBe(
      'payload_too_large',
    );
    // Far over the limit: refused from Content-Length before the body is read.
    const huge = new Uint8Array(200_000).fill(0x61);
    expect(await errorCode(await upload(form(huge, 'huge.txt', 'text/plain'), user), 413)).toBe(
      'payload_too_large',
    );

    // None of the refusals used the quota of 3 files.
    for (let index = 0; index < 3; index++) {
      const response = await upload(form(PNG, `p${index}.png`, 'image/png'), user);
      expect(response.status).toBe(200);
    }
    expect(await errorCode(await upload(form(PNG, 'p4.png', 'image/png'), user), 413)).toBe('quota_exceeded');
    // Another user has their own quota.
    expect((await upload(form(PNG, 'other.png', 'image/png'), randomUserId())).status).toBe(200);
  });
});
