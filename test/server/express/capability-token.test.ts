import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CapabilityTokens, loadOrCreateSecret } from '../../../server/express/capability-token.js';

const dirs: string[] = [];
async function freshDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'chatkit-secret-'));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('loadOrCreateSecret', () => {
  it('gives every concurrent caller on one data directory the same complete key (scale-out start)', async () => {
    const dir = await freshDir();
    const keys = await Promise.all(Array.from({ length: 16 }, () => loadOrCreateSecret(dir)));
    for (const key of keys) {
      expect(key.length).toBe(32);
      expect(key.equals(keys[0])).toBe(true);
    }
    // No temporary files are left behind, and a token sealed with one opens with another.
    expect(await readdir(dir)).toEqual(['secret.key']);
    const token = new CapabilityTokens(keys[3]).seal({ userId: 'u', attachmentId: 'a', purpose: 'read' });
    expect(new CapabilityTokens(keys[11]).open(token, 'read', 'a')).toBe('u');
  });

  it('keeps an existing key across restarts and rejects a damaged one by name', async () => {
    const dir = await freshDir();
    const first = await loadOrCreateSecret(dir);
    expect((await loadOrCreateSecret(dir)).equals(first)).toBe(true);
    await writeFile(join(dir, 'secret.key'), 'short');
    await expect(loadOrCreateSecret(dir)).rejects.toThrow(/secret\.key must hold exactly 32 bytes/);
  });
});
