/**
 * The on-demand chunks of the drop-in build share one content hash, the build's id (vite.config.ts,
 * `chunkBuildId`). These checks read the built files: every chunk carries the same id and no placeholder is
 * left, every relative import and source map a file names exists, and the id is the hash of the final code, so
 * a changed chunk renames them all. Run `npm run build` first.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILD_ID_PLACEHOLDER } from '../../vite.config.js';

const chunkFiles = readdirSync('dist/chunks').filter((name) => name.endsWith('.js'));
const jsFiles = ['dist/chatkit-chat.js', ...chunkFiles.map((name) => `dist/chunks/${name}`)];

describe('chunk build id', () => {
  it('names every on-demand chunk with one id, and no placeholder is left', () => {
    const ids = new Set(chunkFiles.map((name) => /-([\w-]{8})\.js$/.exec(name)?.[1]));
    expect(chunkFiles.length).toBeGreaterThan(10);
    expect([...ids]).toHaveLength(1);
    for (const file of [...jsFiles, ...jsFiles.map((file) => `${file}.map`)])
      expect(readFileSync(file, 'utf8'), file).not.toContain(BUILD_ID_PLACEHOLDER);
  });

  it('leaves no import or source map pointing at a missing file', () => {
    for (const file of jsFiles) {
      const code = readFileSync(file, 'utf8');
      const targets = [
        ...[...code.matchAll(/(?:from|import)\s*\(?"(\.{1,2}\/[^"]+)"/g)].map((m) => m[1]),
        ...[...code.matchAll(/sourceMappingURL=(\S+)/g)].map((m) => m[1]),
      ];
      for (const target of targets)
        expect(existsSync(join(dirname(file), target)), `${file} → ${target}`).toBe(true);
    }
  });

  it('is the hash of the final code of every chunk, read with the placeholder', () => {
    const id = /-([\w-]{8})\.js$/.exec(chunkFiles[0])![1];
    const hash = createHash('sha256');
    const files = jsFiles
      .map((file) => ({
        fileName: file.replace(/^dist\//, '').replaceAll(`-${id}.js`, `-${BUILD_ID_PLACEHOLDER}.js`),
        code: readFileSync(file, 'utf8').replaceAll(`-${id}.js`, `-${BUILD_ID_PLACEHOLDER}.js`),
      }))
      .sort((a, b) => (a.fileName < b.fileName ? -1 : 1));
    for (const { fileName, code } of files) hash.update(`${fileName}\0${code}\0`);
    expect(hash.digest('base64url').slice(0, 8)).toBe(id);
  });
});
