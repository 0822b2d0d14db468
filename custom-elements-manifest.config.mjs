/**
 * custom-elements-manifest analyzer configuration: writes custom-elements.json (the source of the README API
 * tables) for every element of the tag table, src/element/tags.ts. The tag names, the classes and the
 * modules to analyse are all read from that table, so there is no second list here; internal `chatkit-*`
 * elements are documented too but marked `@internal` in their JSDoc.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

const TABLE = 'src/element/tags.ts';

/** `[{ tag, className, path }]` from the ELEMENTS table; throws when an entry has a shape it cannot read. */
export function readTagTable(file = TABLE) {
  const source = readFileSync(file, 'utf8');
  const body = source.match(/export const ELEMENTS = \{([\s\S]*?)\n\} as const/)?.[1];
  if (!body) throw new Error(`${file}: no "export const ELEMENTS = { … } as const" table`);
  const imports = new Map(
    [...source.matchAll(/^import \{ (\w+) \} from '([^']+)';$/gm)].map(([, name, spec]) => [name, spec]),
  );
  const resolve = (spec) => normalize(join(dirname(file), spec.replace(/\.js$/, '.ts')));
  const entries = [];
  const entry =
    /'(chatkit-[a-z-]+)':\s*\{\s*(?:define:\s*(\w+)|load:\s*\(\)\s*=>\s*import\('([^']+)'\)\.then\(\(m\)\s*=>\s*m\.(\w+)\))\s*,?\s*\}/g;
  for (const [, tag, eagerClass, lazySpec, lazyClass] of body.matchAll(entry)) {
    const spec = eagerClass ? imports.get(eagerClass) : lazySpec;
    if (!spec) throw new Error(`${file}: ${eagerClass} (for <${tag}>) is not imported by name`);
    entries.push({ tag, className: eagerClass ?? lazyClass, path: resolve(spec) });
  }
  const keys = body.match(/'chatkit-[a-z-]+':/g) ?? [];
  if (keys.length !== entries.length) {
    const read = new Set(entries.map((e) => `'${e.tag}':`));
    throw new Error(`${file}: cannot read the entries ${keys.filter((k) => !read.has(k)).join(', ')}`);
  }
  return entries;
}

const elements = readTagTable();
const tableClass = (name, path) => elements.find((e) => e.className === name && e.path === path);

/** Whether a JSDoc-carrying node has an `@internal` tag. */
const hasInternalTag = (node) =>
  (node?.jsDoc ?? []).some((doc) => (doc?.tags ?? []).some((tag) => tag.tagName.getText() === 'internal'));
/** The text of a JSDoc comment (the part before its tags). */
const docText = (doc) => (typeof doc?.comment === 'string' ? doc.comment : '');

export default {
  globs: elements.map((e) => e.path),
  exclude: ['**/*.test.ts', '**/*.styles.ts'],
  outdir: '.',
  litelement: true,
  dependencies: false,
  plugins: [
    {
      name: 'chatkit-tag-names',
      // The analyzer drops an exported class whose JSDoc says @internal; the table's internal elements must
      // still be documented, so record their export here and mark them `internal` in the link phase. An
      // element is internal when its class or its module comment carries @internal; a class without a
      // comment of its own is described by its module comment.
      analyzePhase({ ts, node, moduleDoc }) {
        if (!ts.isClassDeclaration(node) || !node.name) return;
        const name = node.name.getText();
        const element = tableClass(name, moduleDoc.path);
        if (!element) return;
        const moduleComment = node.getSourceFile().statements[0]?.jsDoc?.at(-1);
        element.internal = hasInternalTag(node) || hasInternalTag({ jsDoc: [moduleComment] });
        element.moduleDescription = docText(moduleComment);
        const exported = (moduleDoc.exports ?? []).some((e) => e.declaration?.name === name);
        if (!exported) {
          moduleDoc.exports = [
            ...(moduleDoc.exports ?? []),
            { kind: 'js', name, declaration: { name, module: moduleDoc.path } },
          ];
        }
      },
      // Our classes are registered by src/define.ts from the tag table, not with @customElement: name them.
      packageLinkPhase({ customElementsManifest }) {
        const missing = new Set(elements.map((e) => e.tag));
        for (const mod of customElementsManifest.modules ?? []) {
          for (const declaration of mod.declarations ?? []) {
            const element = tableClass(declaration.name, mod.path);
            if (!element) continue;
            declaration.tagName = element.tag;
            // The analyzer marks members declared in `static properties` "public" and leaves members it finds
            // otherwise unmarked (public by default): one form for both.
            for (const member of declaration.members ?? [])
              if (member.privacy === 'public') delete member.privacy;
            declaration.customElement = true;
            if (element.internal) declaration.internal = true;
            if (!declaration.description && element.moduleDescription) {
              declaration.description = element.moduleDescription;
            }
            missing.delete(element.tag);
          }
        }
        if (missing.size) throw new Error(`custom-elements.json lacks ${[...missing].join(', ')}`);
      },
    },
  ],
};
