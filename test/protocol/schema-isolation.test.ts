/** zod stays out of the browser bundle: only src/protocol/schema.ts imports it, and nothing in src/ imports that. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../src');

function files(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('schema isolation', () => {
  const sources = files(ROOT).map((path) => [relative(ROOT, path), readFileSync(path, 'utf8')] as const);

  it('only src/protocol/schema.ts imports zod', () => {
    const importers = sources
      .filter(([, text]) => /from\s+['"]zod(\/[^'"]*)?['"]/.test(text))
      .map(([path]) => path);
    expect(importers).toEqual(['protocol/schema.ts']);
  });

  it('no browser module imports the schema module', () => {
    const importers = sources
      .filter(([, text]) => /from\s+['"][./]*(protocol\/)?schema\.js['"]/.test(text))
      .map(([path]) => path);
    expect(importers).toEqual([]);
  });
});
