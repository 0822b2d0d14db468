/**
 * Capability tokens for attachment URLs. An upload URL or an image preview URL must work without request
 * headers (`<img src>` cannot send `x-chatkit-user`, and a presigned-style PUT carries no auth), so the URL
 * itself carries who may use it: the owner's user id, the attachment id and the purpose, sealed with
 * AES-256-GCM. Sealing (not just signing) keeps the user id, which is the anonymous user's only credential,
 * out of URLs that end up in logs and HTML.
 *
 * The key lives in `<CHATKIT_DATA_DIR>/secret.key` (created on first start, mode 0600) so stored preview
 * URLs keep working across restarts.
 *
 * @module
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What a token allows. */
export type TokenPurpose = 'upload' | 'read';

/** The claims inside a token. */
export interface TokenClaims {
  userId: string;
  attachmentId: string;
  purpose: TokenPurpose;
  /** Expiry in epoch milliseconds; absent = does not expire. */
  expiresAt?: number;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Seals and opens {@link TokenClaims} with one 32-byte key. */
export class CapabilityTokens {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('CapabilityTokens: the key must be 32 bytes');
  }

  /** Returns a URL-safe token for the claims. */
  seal(claims: TokenClaims): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const payload = JSON.stringify([
      claims.userId,
      claims.attachmentId,
      claims.purpose,
      claims.expiresAt ?? 0,
    ]);
    const sealed = Buffer.concat([cipher.update(payload, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString('base64url');
  }

  /**
   * Opens a token and checks it is for `purpose` and `attachmentId` and not expired.
   *
   * @returns the owner's user id, or `null` for any invalid, tampered, foreign or expired token.
   */
  open(token: unknown, purpose: TokenPurpose, attachmentId: string, now = Date.now()): string | null {
    if (typeof token !== 'string' || token.length > 2048) return null;
    const bytes = Buffer.from(token, 'base64url');
    if (bytes.length <= IV_BYTES + TAG_BYTES) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, IV_BYTES));
      decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
      const plain = Buffer.concat([
        decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)),
        decipher.final(),
      ]);
      const [userId, id, kind, expiresAt] = JSON.parse(plain.toString('utf8')) as [
        string,
        string,
        string,
        number,
      ];
      if (kind !== purpose || id !== attachmentId) return null;
      if (expiresAt !== 0 && expiresAt < now) return null;
      return userId;
    } catch {
      return null;
    }
  }
}

/**
 * Reads `<dataDir>/secret.key`, creating it with 32 random bytes on first use. Several processes sharing the
 * data directory (scale-out) may start at once: the key is written to a private temporary file and then
 * hard-linked into place, which either publishes a complete key or fails because another process won, so no
 * process ever reads a half-written key.
 */
export async function loadOrCreateSecret(dataDir: string): Promise<Buffer> {
  const path = join(dataDir, 'secret.key');
  try {
    const existing = await readFile(path);
    if (existing.length === 32) return existing;
    throw new Error(
      `${path} must hold exactly 32 bytes (found ${existing.length}); delete it to create a new key`,
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dataDir, { recursive: true });
  const key = randomBytes(32);
  const temporary = join(dataDir, `.secret.key.${process.pid}.${randomBytes(6).toString('hex')}`);
  await writeFile(temporary, key, { mode: 0o600, flag: 'wx' });
  try {
    // `link` fails with EEXIST if another process published its key meanwhile; then use theirs.
    await link(temporary, path);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return readFile(path);
  } finally {
    await unlink(temporary).catch(() => {});
  }
}
