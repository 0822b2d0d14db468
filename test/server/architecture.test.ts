/**
 * The server's layering on the real import graph (issue 10), alongside the ESLint rules that say the same:
 * server/ and src/ meet only in src/protocol; server/chatkit imports no Express, agent or store
 * implementation; server/agent imports no use case and no server wiring; no import cycles in server/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

interface Import {
  from: string;
  /** Repository-relative path for relative imports, else the package name. */
  target: string;
  /** `import type` / `export type`: erased at runtime. */
  typeOnly: boolean;
}

function walk(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return walk(path);
    return /\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

const IMPORT =
  /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsOf(file: string): Import[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const out: Import[] = [];
  for (const match of text.matchAll(IMPORT)) {
    const specifier = match[3] ?? match[4];
    const typeOnly = Boolean(match[2]);
    const target = specifier.startsWith('.')
      ? relative(ROOT, resolve(ROOT, dirname(file), specifier)).replace(/\.js$/, '.ts')
      : specifier;
    out.push({ from: file, target, typeOnly });
  }
  return out;
}

const serverFiles = walk('server');
const serverImports = serverFiles.flatMap(importsOf);

describe('server layering', () => {
  it('finds the server files and their imports (the scan works)', () => {
    expect(serverFiles).toContain('server/agent/create-responder.ts');
    expect(serverImports.some((i) => i.target === 'server/agent/use-case.ts')).toBe(true);
  });

  it('server/ uses src/ only through src/protocol', () => {
    const bad = serverImports.filter(
      (i) => i.target.startsWith('src/') && !i.target.startsWith('src/protocol/'),
    );
    expect(bad).toEqual([]);
  });

  it('src/ never imports server code', () => {
    const bad = walk('src')
      .flatMap(importsOf)
      .filter((i) => i.target.startsWith('server/'));
    expect(bad).toEqual([]);
  });

  it('server/chatkit imports no Express, agent, app or store implementation', () => {
    const bad = serverImports.filter(
      (i) =>
        i.from.startsWith('server/chatkit/') &&
        (['express', 'better-sqlite3', 'pg', 'openai', 'cors', 'helmet'].includes(i.target) ||
          (i.target.startsWith('server/') &&
            !i.target.startsWith('server/chatkit/') &&
            // `.widget` templates are part of the agent's toolkit (the chatkit-chat/server/agent subpath).
            !i.target.startsWith('server/widgets/') &&
            i.target !== 'server/stores/store.ts')),
    );
    expect(bad).toEqual([]);
  });

  it('server/agent imports no use case, no server wiring and no store implementation', () => {
    const bad = serverImports.filter(
      (i) =>
        i.from.startsWith('server/agent/') &&
        (['express', 'better-sqlite3', 'pg'].includes(i.target) ||
          (i.target.startsWith('server/') &&
            !i.target.startsWith('server/agent/') &&
            !i.target.startsWith('server/chatkit/') &&
            // `.widget` templates are part of the agent's toolkit (the chatkit-chat/server/agent subpath).
            !i.target.startsWith('server/widgets/') &&
            i.target !== 'server/stores/store.ts')),
    );
    expect(bad).toEqual([]);
  });

  it('server/agent names no use case (no demo tool names or flow markers in its code)', () => {
    const names = /\b(?:add_todo|list_todos|start_return|select_return_option|RETURN FLOW|get_time)\b/;
    const hits = serverFiles
      .filter((file) => file.startsWith('server/agent/'))
      .filter((file) => names.test(readFileSync(join(ROOT, file), 'utf8')));
    expect(hits).toEqual([]);
  });

  it('has no import cycles in server/ (runtime imports)', () => {
    const graph = new Map<string, string[]>();
    for (const i of serverImports) {
      if (i.typeOnly || !i.target.startsWith('server/')) continue;
      graph.set(i.from, [...(graph.get(i.from) ?? []), i.target]);
    }
    const cycles: string[][] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const stack: string[] = [];
    const visit = (node: string) => {
      if (state.get(node) === 'done') return;
      if (state.get(node) === 'visiting') {
        cycles.push([...stack.slice(stack.indexOf(node)), node]);
        return;
      }
      state.set(node, 'visiting');
      stack.push(node);
      for (const next of graph.get(node) ?? []) visit(next);
      stack.pop();
      state.set(node, 'done');
    };
    for (const file of serverFiles) visit(file);
    expect(cycles).toEqual([]);
  });
});
