import MagicString from 'magic-string';
import { defineConfig, type Plugin } from 'vite';
import { minify as terser } from 'terser';

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
 * value in a `css` template, `new CSSResult`, `repeat()` outside a text expression, feeding a terminated
 * SSE parser): the production builds of Lit and eventsource-parser ship them as long sentences, 0.25 KB gzip of
 * the drop-in file. Each replacement says the same thing in fewer words. A text no longer found (a library
 * upgrade) is reported as a build warning, never silently skipped.
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
  {
    module: /eventsource-parser[\\/]dist[\\/]index\.js$/,
    from: '"Cannot feed parser: it was terminated after exceeding the configured max buffer size. Call `reset()` to resume parsing."',
    to: '"Parser terminated (buffer exceeded): call reset()"',
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
 * A second minification pass with terser over oxc's output (each emitted chunk, its source map chained):
 * terser's repeated compress passes (3: 29 B gzip less than 2) and top-level mangling find what oxc's one pass leaves (0.4 KB gzip of the
 * drop-in file). Safe options only: no `unsafe*`, no property mangling; export names are never renamed (the
 * lazy chunks import the entry's bindings by name). Chunk names keep the hash of oxc's output, computed before
 * this pass: the lockfile pins terser, so the same source still gives the same bytes under the same name.
 */
function terserPass(): Plugin {
  return {
    name: 'chatkit-terser-pass',
    apply: 'build',
    enforce: 'post',
    async generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
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
          compress: { passes: 3, toplevel: true },
          mangle: { toplevel: true },
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

/**
 * Library build of the drop-in element.
 *
 * - default mode: `dist/chatkit-chat.js`, an ES module; rarely used parts (charts, locales) stay separate
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
    plugins: [minifyCss(), minifyHtmlTemplates(), shortenLibraryErrors(), terserPass()],
    build: {
      target: 'es2022',
      outDir: 'dist',
      emptyOutDir: !iife,
      sourcemap: true,
      // Lib mode keeps whitespace in ES output by default (to preserve annotations for re-bundlers); the
      // drop-in file is served as is, so minify fully.
      minify: 'oxc',
      lib: {
        entry: iife ? 'src/classic-loader.ts' : 'src/define.ts',
        name: 'ChatkitChat',
        formats: [iife ? 'iife' : 'es'],
        fileName: () => (iife ? 'chatkit-chat.iife.js' : 'chatkit-chat.js'),
      },
      rollupOptions: {
        preserveEntrySignatures: 'allow-extension',
        output: iife
          ? { minify: true }
          : {
              chunkFileNames: 'chunks/[name]-[hash].js',
              minify: true,
              codeSplitting: { groups: [{ name: 'initial', tags: ['$initial'] }] },
            },
      },
    },
  };
});
