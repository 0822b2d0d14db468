import MagicString from 'magic-string';
import { defineConfig, type Plugin } from 'vite';
import { minify as terser } from 'terser';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { collectPrivateNames } from './scripts/private-names.js';

/**
 * Minifies the text of Lit `css\`…\`` templates (about a quarter of the drop-in file is CSS): comments go,
 * whitespace runs shrink to one space and disappear around `{`, `}`, `;`, `,` and after `:`. Quoted strings are
 * kept as written. Templates with `${…}` interpolations are left alone. The oxc minifier never touches template
 * text, and Lit parses the result the same way (it is the same style sheet).
 */
export function minifyCssTemplate(text: string): string {
  const squeeze = (css: string) =>
    css
      .replace(/\s+/g, ' ')
      .replace(/ ?([{};,]) ?/g, '$1')
      .replace(/: /g, ':')
      .replace(/;}/g, '}');
  let out = '';
  let plain = '';
  for (let i = 0; i < text.length;) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
      plain += ' ';
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
      out += squeeze(plain) + text.slice(i, j + 1);
      plain = '';
      i = j + 1;
    } else {
      plain += c;
      i++;
    }
  }
  return (out + squeeze(plain)).trim();
}

function minifyCss(): Plugin {
  return {
    name: 'chatkit-minify-css',
    apply: 'build',
    transform(code, id) {
      if (!/[\\/]src[\\/].*\.ts$/.test(id) || !code.includes('css`')) return null;
      const s = new MagicString(code);
      for (const m of code.matchAll(/\bcss`((?:[^`\\$]|\\.|\$(?!\{))*)`/g)) {
        const start = m.index + 4;
        s.overwrite(start, start + m[1].length, minifyCssTemplate(m[1]));
      }
      return s.hasChanged() ? { code: s.toString(), map: s.generateMap({ hires: true, source: id }) } : null;
    },
  };
}

/**
 * Drops the indentation of Lit `html\`…\`` and `svg\`…\`` templates: every whitespace run that contains a line
 * break becomes that one line break. Whitespace stays whitespace (same text nodes, same attribute separation, a
 * line break where there was one, so `pre-wrap` text breaks as written); only the indentation after it goes.
 * Runs after the TypeScript transform on the JavaScript AST, so only the static parts of tagged templates are
 * touched, never an expression, a string or an untagged template.
 */
export function squeezeTemplateText(raw: string): string {
  return raw.replace(/[ \t]*\n\s*/g, '\n');
}

interface TemplateNode {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

function minifyHtmlTemplates(): Plugin {
  return {
    name: 'chatkit-minify-html-templates',
    apply: 'build',
    enforce: 'post',
    transform(code, id) {
      if (!/[\\/]src[\\/].*\.ts$/.test(id) || !/\b(?:html|svg)`/.test(code)) return null;
      const s = new MagicString(code);
      const visit = (node: unknown): void => {
        if (!node || typeof node !== 'object') return;
        if (Array.isArray(node)) return node.forEach(visit);
        const n = node as TemplateNode;
        if (
          n.type === 'TaggedTemplateExpression' &&
          (n.tag as TemplateNode).type === 'Identifier' &&
          /^(?:html|svg)$/.test((n.tag as unknown as { name: string }).name)
        ) {
          for (const quasi of (n.quasi as { quasis: TemplateNode[] }).quasis) {
            const raw = code.slice(quasi.start, quasi.end);
            const squeezed = squeezeTemplateText(raw);
            if (squeezed !== raw) s.overwrite(quasi.start, quasi.end, squeezed);
          }
        }
        for (const key in n) if (key !== 'type' && typeof n[key] === 'object') visit(n[key]);
      };
      visit(this.parse(code));
      return s.hasChanged() ? { code: s.toString(), map: s.generateMap({ hires: true, source: id }) } : null;
    },
  };
}

/**
 * Shorter texts for library errors that only a programming mistake in this package can raise (a non-`css`
 * value in a `css` template, `new CSSResult`, `repeat()` outside a text expression): Lit's production build
 * ships them as long sentences. Each replacement says the same thing in fewer words. A text no longer found (a
 * library upgrade) is reported as a build warning, never silently skipped.
 */
export const LIBRARY_ERROR_TEXTS: ReadonlyArray<{ module: RegExp; from: string; to: string }> = [
  {
    module: /@lit[\\/]reactive-element[\\/]css-tag\.js$/,
    from: `"Value passed to 'css' function must be a 'css' function result: "`,
    to: `"css: not a css result (use unsafeCSS): "`,
  },
  {
    module: /@lit[\\/]reactive-element[\\/]css-tag\.js$/,
    from: `". Use 'unsafeCSS' to pass non-literal values, but take care to ensure page security."`,
    to: `""`,
  },
  {
    module: /@lit[\\/]reactive-element[\\/]css-tag\.js$/,
    from: '"CSSResult is not constructable. Use `unsafeCSS` or `css` instead."',
    to: '"Use css or unsafeCSS, not new CSSResult"',
  },
  {
    module: /lit-html[\\/]directives[\\/]repeat\.js$/,
    from: '"repeat() can only be used in text expressions"',
    to: '"repeat(): text expressions only"',
  },
];

function shortenLibraryErrors(): Plugin {
  return {
    name: 'chatkit-shorten-library-errors',
    apply: 'build',
    transform(code, id) {
      const rules = LIBRARY_ERROR_TEXTS.filter((rule) => rule.module.test(id));
      if (!rules.length) return null;
      const s = new MagicString(code);
      for (const { from, to } of rules) {
        const at = code.indexOf(from);
        if (at < 0) this.warn(`library error text not found in ${id}: ${from}`);
        else s.overwrite(at, at + from.length, to);
      }
      return s.hasChanged() ? { code: s.toString(), map: s.generateMap({ hires: true, source: id }) } : null;
    },
  };
}

/**
 * The modules the drop-in entry (src/drop-in.ts) imports for what they do when evaluated: `define.ts` registers
 * the elements, and the markdown renderer is imported so that it lands in the entry file. package.json's
 * `sideEffects` names only built files (for sites that bundle the npm build), so without this the bundler
 * would drop both imports from the drop-in build.
 */
function dropInModules(): Plugin {
  return {
    name: 'chatkit-drop-in-modules',
    apply: 'build',
    transform(_code, id) {
      return /[\\/]src[\\/](?:define|markdown[\\/]markdown\.component)\.ts$/.test(id)
        ? { moduleSideEffects: true }
        : null;
    },
  };
}

/** Short property names, shortest first: one character, then two (a letter, `$` or `_`, then any identifier character). */
export const SHORT_NAMES: readonly string[] = (() => {
  const first = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ$_';
  const rest = `${first}0123456789`;
  return [...first, ...[...first].flatMap((a) => [...rest].map((b) => a + b))];
})();

/**
 * The names among `names` that terser never renames as properties: its list of DOM properties (wider than
 * TypeScript's DOM types: `opened`, `inRange`…) and the properties of ES built-ins. Found by asking terser
 * itself to rename them all.
 */
export async function terserKeeps(names: readonly string[]): Promise<Set<string>> {
  const escape = (name: string) => name.replace(/\$/g, '\\$');
  const out = await terser(names.map((name) => `o.${name};`).join(''), {
    compress: false,
    mangle: { properties: { regex: new RegExp(`^(?:${names.map(escape).join('|')})$`) } },
    nameCache: { props: { props: Object.fromEntries(names.map((name, i) => [`$${name}`, `probe${i}_`])) } },
  });
  const kept = (out.code ?? '').split(';').map((statement) => statement.slice(2));
  return new Set(names.filter((name, i) => kept[i] === name));
}

interface EsNode {
  type: string;
  [key: string]: unknown;
}

/** What the emitted chunks show about property names: those used as properties (counted), words of strings. */
function scanChunk(program: unknown, into: { properties: Map<string, number>; stringWords: Set<string> }) {
  const { properties, stringWords } = into;
  const prop = (key: unknown) => {
    const k = key as EsNode | undefined;
    if (k && (k.type === 'Identifier' || k.type === 'PrivateIdentifier'))
      properties.set(k.name as string, (properties.get(k.name as string) ?? 0) + 1);
  };
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const n = node as EsNode;
    if ((n.type === 'MemberExpression' || n.type === 'StaticMemberExpression') && !n.computed)
      prop(n.property);
    else if (
      (n.type === 'Property' ||
        n.type === 'MethodDefinition' ||
        n.type === 'PropertyDefinition' ||
        n.type === 'AccessorProperty') &&
      !n.computed
    )
      prop(n.key);
    else if (n.type === 'Literal' && typeof n.value === 'string')
      for (const w of n.value.match(/[A-Za-z_$][\w$]*/g) ?? []) stringWords.add(w);
    else if (n.type === 'TemplateElement') {
      const value = n.value as { raw: string; cooked: string | null };
      for (const w of `${value.raw} ${value.cooked ?? ''}`.match(/[A-Za-z_$][\w$]*/g) ?? [])
        stringWords.add(w);
    }
    for (const key in n) if (key !== 'type' && n[key] && typeof n[key] === 'object') visit(n[key]);
  };
  visit(program);
}

/**
 * The property renaming of one build: TypeScript `private`/`protected` member names of src/ to short names, the
 * same in every chunk (a chunk may read a private member of a class in the entry). The names come from the type
 * checker (`collectPrivateNames`, scripts/private-names.ts: declared only as private/protected class members,
 * never decorated, every use resolved to one of them, in no string); the bundle then drops any name that is a
 * word of a bundled library's source, a word of a string or template in an emitted chunk, or an export name.
 * Short names are given by frequency in the emitted chunks (then alphabetically), skipping every name used as a
 * property, declared in the DOM's, ES's or a library's types, or a word of a string anywhere in the bundle, so
 * a renamed member never meets an existing property of the same object. The mapping depends only on the
 * sources and the chunks' text: the same source builds the same bytes, in whatever order chunks are minified.
 */
export function manglePlan(
  names: readonly string[],
  reserved: ReadonlySet<string>,
  libraryWords: ReadonlySet<string>,
  chunks: ReadonlyArray<{ program: unknown; exports: readonly string[] }>,
  pool: readonly string[] = SHORT_NAMES,
): Map<string, string> {
  const properties = new Map<string, number>();
  const stringWords = new Set<string>();
  const exports = new Set<string>();
  for (const chunk of chunks) {
    scanChunk(chunk.program, { properties, stringWords });
    for (const name of chunk.exports) exports.add(name);
  }
  const renamed = names
    .filter(
      (name) =>
        !libraryWords.has(name) && !stringWords.has(name) && !exports.has(name) && properties.has(name),
    )
    .sort((a, b) => properties.get(b)! - properties.get(a)! || (a < b ? -1 : 1));
  const ownNames = new Set(names);
  const taken = (candidate: string) =>
    reserved.has(candidate) ||
    properties.has(candidate) ||
    stringWords.has(candidate) ||
    libraryWords.has(candidate) ||
    ownNames.has(candidate);
  const plan = new Map<string, string>();
  const short = pool[Symbol.iterator]();
  for (const name of renamed) {
    let next = short.next().value;
    while (next !== undefined && taken(next)) next = short.next().value;
    if (next === undefined) break;
    // Never longer than the name it replaces.
    if (next.length < name.length) plan.set(name, next);
  }
  return plan;
}

/** Where the build writes its renaming of private members (`manglePlan`): outside dist/, never published. */
export const MANGLE_REPORT = fileURLToPath(
  new URL('node_modules/.cache/chatkit-chat/mangle.json', import.meta.url),
);

/**
 * A second minification pass with terser over oxc's output (each emitted chunk, its source map chained):
 * terser's compress passes and top-level mangling find what oxc's one pass leaves (0.4 KB gzip of the drop-in
 * file), and it renames the private/protected members of our classes (`manglePlan`). `hoist_funs` moves function
 * declarations to the top of their scope, where JavaScript hoists them anyway (same behaviour), which groups
 * like code for gzip: with 2 passes 0.24 KB gzip less on the drop-in file than 3 passes without it (round
 * p11). With it, 3 passes are 51 B gzip less than 2 on the drop-in file (round p15; 4 passes: the same as 3).
 * Otherwise safe options only: no `unsafe*`, no `pure_getters` (a read done for its layout
 * side effect must stay); export names are never renamed (the lazy chunks
 * import the entry's bindings by name). The lockfile pins terser and the renaming is a function of the sources,
 * so the same source still gives the same bytes; the chunks' names are the hash of this pass's output
 * ({@link chunkBuildId}).
 */
function terserPass(): Plugin {
  const libraryWords = new Set<string>();
  return {
    name: 'chatkit-terser-pass',
    apply: 'build',
    enforce: 'post',
    transform(code, id) {
      // Words of every bundled library module: a private name that a library also uses is never renamed.
      if (id.includes('node_modules'))
        for (const w of code.match(/[A-Za-z_$][\w$]*/g) ?? []) libraryWords.add(w);
      return null;
    },
    async generateBundle(_options, bundle) {
      const chunks = Object.values(bundle)
        .filter((chunk) => chunk.type === 'chunk')
        .sort((a, b) => (a.fileName < b.fileName ? -1 : 1));
      // The type-checked analysis takes seconds: only when a module of ours declares a private member.
      const ours = chunks
        .flatMap((chunk) => Object.keys(chunk.modules))
        .filter((id) => /[\\/]src[\\/].*\.ts$/.test(id));
      const hasPrivate = ours.some(
        (id) => existsSync(id) && /\b(?:private|protected)\b/.test(readFileSync(id, 'utf8')),
      );
      let props: Map<string, string> = new Map();
      if (hasPrivate) {
        const { names, reserved } = collectPrivateNames(fileURLToPath(new URL('.', import.meta.url)));
        const keeps = await terserKeeps([...names, ...SHORT_NAMES]);
        props = manglePlan(
          names.filter((name) => !keeps.has(name)),
          new Set([...reserved, ...keeps]),
          libraryWords,
          chunks.map((chunk) => ({ program: this.parse(chunk.code), exports: chunk.exports })),
        );
        // The renaming of the last build, for the build test (test/e2e/build-mangle.test.ts) and for reading a
        // stack trace of the drop-in file without its source map. Not part of dist/ (not published).
        const kept = names.filter((name) => !props.has(name));
        mkdirSync(dirname(MANGLE_REPORT), { recursive: true });
        writeFileSync(
          MANGLE_REPORT,
          `${JSON.stringify({ renamed: Object.fromEntries(props), kept }, null, 1)}\n`,
        );
      }
      const regex = props.size ? new RegExp(`^(?:${[...props.keys()].join('|')})$`) : undefined;
      for (const chunk of chunks) {
        const mapAsset = bundle[`${chunk.fileName}.map`];
        const source = chunk.code.replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, '');
        const hadComment = source !== chunk.code;
        const inputMap =
          mapAsset?.type === 'asset'
            ? String(mapAsset.source)
            : chunk.map
              ? JSON.stringify(chunk.map)
              : undefined;
        const out = await terser(source, {
          module: true,
          ecma: 2020,
          compress: { passes: 3, toplevel: true, hoist_funs: true },
          mangle: {
            toplevel: true,
            properties: regex ? { regex, keep_quoted: true } : false,
          },
          // A fresh copy per chunk: terser writes back into it.
          nameCache: {
            props: { props: Object.fromEntries([...props].map(([from, to]) => [`$${from}`, to])) },
          },
          format: { comments: false },
          sourceMap: inputMap ? { content: inputMap } : false,
        });
        if (out.code === undefined) continue;
        chunk.code =
          out.code + (hadComment ? `\n//# sourceMappingURL=${chunk.fileName.split('/').pop()}.map\n` : '');
        if (typeof out.map === 'string') {
          const map = JSON.parse(out.map) as { sources: string[]; sourcesContent?: string[] };
          if (mapAsset?.type === 'asset') mapAsset.source = JSON.stringify(map);
        }
      }
    },
  };
}

/** What the chunk names carry until {@link chunkBuildId} writes the build's id there: 8 characters, as the id. */
export const BUILD_ID_PLACEHOLDER = 'CKbuild0';

/**
 * One content hash for all on-demand chunks of a build instead of one per chunk: `chunks/<name>-<id>.js`, where
 * `<id>` is the first 8 base64url characters of the SHA-256 of every emitted chunk (name and final code, with the
 * placeholder in place of the id). The drop-in file names each chunk it imports; 30 different hashes are 30
 * incompressible words, one id repeated 30 times costs a few bytes (0.25 KB gzip of the drop-in file, round p15).
 * Still content-addressed: any change to any chunk (or to the entry) gives every chunk a new name, so a cache
 * never mixes chunks of two builds; what is lost is only that an unchanged chunk kept its name across builds
 * (CDN URLs carry the version anyway). Same length as the placeholder, so the source maps' columns stay valid.
 * Runs after the terser pass, on the final code; the same source still builds the same bytes.
 */
function chunkBuildId(): Plugin {
  return {
    name: 'chatkit-chunk-build-id',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const files = Object.values(bundle).sort((a, b) => (a.fileName < b.fileName ? -1 : 1));
      if (!files.some((file) => file.fileName.includes(BUILD_ID_PLACEHOLDER))) return;
      const hash = createHash('sha256');
      for (const file of files) if (file.type === 'chunk') hash.update(`${file.fileName}\0${file.code}\0`);
      const id = hash.digest('base64url').slice(0, BUILD_ID_PLACEHOLDER.length);
      const named = `-${BUILD_ID_PLACEHOLDER}.js`;
      for (const file of files) {
        const text = file.type === 'chunk' ? file.code : String(file.source);
        const renamed = text.replaceAll(named, `-${id}.js`);
        if (!file.fileName.includes(named)) {
          if (file.type === 'chunk') file.code = renamed;
          else if (renamed !== text) file.source = renamed;
          continue;
        }
        // Rolldown ignores a new key in the bundle: the renamed file is emitted in its place, as is.
        delete bundle[file.fileName];
        this.emitFile({
          type: 'asset',
          fileName: file.fileName.replace(named, `-${id}.js`),
          source: renamed,
        });
      }
    },
  };
}

/**
 * Library build of the drop-in element.
 *
 * - default mode: `dist/chatkit-chat.js`, an ES module built from src/drop-in.ts (`define.ts` and the markdown
 *   renderer, which every first answer needs); rarely used parts (widgets, charts, locales) stay separate
 *   chunks loaded on demand.
 * - `--mode iife`: `dist/chatkit-chat.iife.js`, a classic `<script>` for pages without modules: a tiny loader that
 *   imports the ES build next to it (see src/classic-loader.ts for why it is not a second full copy).
 *
 * Everything the entry imports statically goes into dist/chatkit-chat.js itself (the `$initial` group plus
 * `allow-extension`, so the entry chunk may export the shared bindings the lazy chunks import back): one file to
 * fetch before the element defines itself, not an entry and a dozen small shared chunks fetched in two waves (a
 * waterfall that cost ~70 ms to `chatkit.ready` and ~2 KB of per-file gzip and header overhead). The lazy chunks
 * import `../chatkit-chat.js` back: a page that loads the file with a query string (`?v=…`) makes the browser
 * fetch and run it a second time as another module (it still works: the chat context key is a registered
 * symbol, see src/context/chat-context.ts), so the README asks for the plain URL, as the classic loader uses.
 */
export default defineConfig(({ mode }) => {
  const iife = mode === 'iife';
  return {
    plugins: [
      dropInModules(),
      minifyCss(),
      minifyHtmlTemplates(),
      shortenLibraryErrors(),
      terserPass(),
      chunkBuildId(),
    ],
    build: {
      target: 'es2022',
      outDir: 'dist',
      emptyOutDir: !iife,
      sourcemap: true,
      // Lib mode keeps whitespace in ES output by default (to preserve annotations for re-bundlers); the
      // drop-in file is served as is, so minify fully.
      minify: 'oxc',
      lib: {
        entry: iife ? 'src/classic-loader.ts' : 'src/drop-in.ts',
        name: 'ChatkitChat',
        formats: [iife ? 'iife' : 'es'],
        fileName: () => (iife ? 'chatkit-chat.iife.js' : 'chatkit-chat.js'),
      },
      rollupOptions: {
        preserveEntrySignatures: 'allow-extension',
        // The tag table's `import()` of the markdown renderer resolves to the entry in this build (src/drop-in.ts
        // imports it statically, on purpose): not worth a warning on every build.
        onLog(level, log, handler) {
          if (log.code === 'INEFFECTIVE_DYNAMIC_IMPORT' && /markdown\.component\.ts/.test(log.message))
            return;
          handler(level, log);
        },
        output: iife
          ? { minify: true }
          : {
              chunkFileNames: `chunks/[name]-${BUILD_ID_PLACEHOLDER}.js`,
              minify: true,
              codeSplitting: { groups: [{ name: 'initial', tags: ['$initial'] }] },
            },
      },
    },
  };
});
