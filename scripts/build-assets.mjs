#!/usr/bin/env node
/**
 * Build step after `tsc -p tsconfig.build.json`: copies the server's non-TypeScript runtime files (`.widget`
 * templates and the like, read next to their module through `import.meta.url`) into dist/server/, points the
 * element's declarations at `lit` instead of its internal `lit-html`, points the module paths of
 * custom-elements.json at the shipped JavaScript, and prints
 * the Subresource Integrity hashes of the drop-in files for `<script integrity="…">` (also written to
 * dist/integrity.json, which ships in the package; `--readme` also writes them into README.md).
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const SKIP = new Set(['.ts', '.md']);

function copyAssets(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) copyAssets(path);
    else if (!SKIP.has(extname(entry.name))) {
      const target = join(root, 'dist', relative(root, path));
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(path, target);
    }
  }
}
copyAssets(join(root, 'server'));

// custom-elements.json is generated from the sources; point its module paths at the shipped JavaScript.
const manifestPath = join(root, 'custom-elements.json');
const toDist = (value) =>
  typeof value === 'string' && /^src\/.*\.ts$/.test(value) ? `dist/${value.replace(/\.ts$/, '.js')}` : value;
const rewrite = (node) => {
  if (Array.isArray(node)) return node.map(rewrite);
  if (node && typeof node === 'object')
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => [
        key,
        key === 'path' || key === 'module' ? toDist(value) : rewrite(value),
      ]),
    );
  return node;
};
writeFileSync(
  manifestPath,
  `${JSON.stringify(rewrite(JSON.parse(readFileSync(manifestPath, 'utf8'))), null, 2)}\n`,
);

// Declarations name the types tsc inferred by their defining package (`import("lit-html").TemplateResult`);
// lit re-exports lit-html, and only lit is a dependency, so point them at lit (strict installs such as pnpm
// do not hoist lit-html where a consumer's type checker could find it).
function rewriteDeclarations(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) rewriteDeclarations(path);
    else if (entry.name.endsWith('.d.ts')) {
      const text = readFileSync(path, 'utf8');
      const fixed = text.replace(/import\("lit-html(\/[^"]*)?"\)/g, (_, sub = '') => `import("lit${sub}")`);
      if (fixed !== text) writeFileSync(path, fixed);
    }
  }
}
rewriteDeclarations(join(root, 'dist', 'src'));

const integrity = {};
for (const file of ['chatkit-chat.js', 'chatkit-chat.iife.js']) {
  const digest = createHash('sha384')
    .update(readFileSync(join(root, 'dist', file)))
    .digest('base64');
  integrity[file] = `sha384-${digest}`;
}
writeFileSync(join(root, 'dist', 'integrity.json'), `${JSON.stringify(integrity, null, 2)}\n`);
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

// `--readme` (part of `npm run docs`, run before a release): put these hashes and the version into the
// README's CDN tags. Not checked in CI: every change to the element changes the hash.
if (process.argv.includes('--readme')) {
  const readmePath = join(root, 'README.md');
  const readme = readFileSync(readmePath, 'utf8').replace(
    /(chatkit-chat@)[^/]+(\/dist\/(chatkit-chat(?:\.iife)?\.js)"\s+integrity=")[^"]*"/g,
    (_, prefix, middle, file) => `${prefix}${version}${middle}${integrity[file]}"`,
  );
  writeFileSync(readmePath, readme);
}
for (const [file, hash] of Object.entries(integrity)) {
  const type = file.endsWith('.iife.js') ? '' : ' type="module"';
  console.log(
    `<script${type} src="https://cdn.jsdelivr.net/npm/chatkit-chat@${version}/dist/${file}" integrity="${hash}" crossorigin="anonymous"></script>`,
  );
}
