/**
 * Vite plugin: the build keeps only marked's lexer. src/markdown builds DOM from marked's tokens and imports
 * only `Lexer` and `getDefaults`, but marked ships one ES file that ends by creating its default instance and
 * hanging every class on the `marked` function (`x.Parser = …`); those top-level statements count as side
 * effects, so the bundler keeps the Parser, the HTML and text renderers and the `Marked` class (3.3 KB gzip of
 * its 14.7) although nothing calls them.
 *
 * The transform cuts marked's file where the default instance is created and exports what comes before it
 * (the classes), so the unused ones are dropped. It checks the shape it expects and fails the build if a
 * marked release changes it, rather than silently shipping the whole library or a broken one.
 */
import type { Plugin } from 'vite';

export function markedLexerOnly(): Plugin {
  return {
    name: 'chatkit-marked-lexer-only',
    apply: 'build',
    transform(code, id) {
      if (!/[\\/]node_modules[\\/]marked[\\/]lib[\\/]marked\.esm\.js$/.test(id)) return null;
      const fail = (what: string): never => {
        throw new Error(`marked-lexer-only: ${what} not found in ${id}; update scripts/marked-lexer-only.ts`);
      };
      const exportsAt = code.lastIndexOf('export{');
      if (exportsAt < 0) fail('the export list');
      const list = code.slice(exportsAt + 'export{'.length, code.indexOf('}', exportsAt));
      const local = new Map(
        list.split(',').map((entry) => {
          const [name, as] = entry.split(' as ');
          return [as ?? name, name] as [string, string];
        }),
      );
      const marked = local.get('Marked') ?? fail('the Marked export');
      // The default instance: `var v=new Marked;` (minified names).
      const instance = new RegExp(
        `(?:var|let|const) [\\w$]+=new ${marked.replace('$', '\\$')}(?:\\(\\))?;`,
      ).exec(code);
      if (!instance) fail('the default instance');
      const keep = ['Lexer', 'Tokenizer', 'getDefaults'];
      const exported = keep.map((name) => `${local.get(name) ?? fail(`the ${name} export`)} as ${name}`);
      return {
        code: `${code.slice(0, instance!.index)}export{${exported.join(',')}};\n`,
        map: null,
      };
    },
  };
}
