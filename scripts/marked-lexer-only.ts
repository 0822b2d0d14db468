/**
 * Vite plugin: the build keeps only marked's lexer, with the rule sets our options select. src/markdown builds
 * DOM from marked's tokens and imports only `Lexer` and `getDefaults`, but marked ships one ES file that ends by
 * creating its default instance and hanging every class on the `marked` function (`x.Parser = …`); those
 * top-level statements count as side effects, so the bundler keeps the Parser, the HTML and text renderers and
 * the `Marked` class (3.3 KB gzip of its 14.7) although nothing calls them.
 *
 * Two cuts, both on marked's own file:
 * 1. The file is cut where the default instance is created, and what comes before it (the classes) is
 *    exported, so the unused ones are dropped.
 * 2. The `pedantic` (block and inline) and `breaks` (inline) rule sets are never selected: src/markdown/parse.ts
 *    freezes `pedantic: false, breaks: false`. Their entries in marked's rule tables are pointed at the GFM set,
 *    and the rule declarations nothing references any more are removed (they are regular expressions built by
 *    calls, which the bundler must otherwise keep as possible side effects).
 *
 * It checks the shape it expects and fails the build if a marked release changes it, rather than silently
 * shipping the whole library or a broken one.
 */
import MagicString from 'magic-string';
import { parseAst, type Plugin } from 'vite';

/** Minimal ESTree shape used below. */
interface Node {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as Node).type === 'string';
}

/** Calls `visit` on every node under `node` with its parent and the key it sits under. */
function walk(
  node: Node,
  visit: (node: Node, parent: Node | null, key: string) => void,
  parent: Node | null = null,
  key = '',
): void {
  visit(node, parent, key);
  for (const [k, value] of Object.entries(node)) {
    if (Array.isArray(value)) {
      for (const child of value) if (isNode(child)) walk(child, visit, node, k);
    } else if (isNode(value)) walk(value, visit, node, k);
  }
}

/** Whether an Identifier is a reference (not a property name or a declared name). */
function isReference(parent: Node | null, key: string, node: Node): boolean {
  if (!parent) return true;
  if (parent.type === 'MemberExpression' && key === 'property' && !parent['computed']) return false;
  if (
    (parent.type === 'Property' ||
      parent.type === 'PropertyDefinition' ||
      parent.type === 'MethodDefinition') &&
    key === 'key' &&
    !parent['computed']
  )
    return parent.type === 'Property' && Boolean(parent['shorthand']) && parent['value'] === node;
  if (parent.type === 'VariableDeclarator' && key === 'id') return false;
  return true;
}

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
      const lexerOnly = `${code.slice(0, instance!.index)}export{${exported.join(',')}};\n`;
      return { code: dropUnusedRuleSets(lexerOnly, fail), map: null };
    },
  };
}

/**
 * Points the `pedantic` and `breaks` entries of marked's rule tables (`{normal,gfm,pedantic}` for blocks,
 * `{normal,gfm,breaks,pedantic}` inline) at the `gfm` set, then removes the top-level declarations of the
 * statement that holds the tables which nothing references any more, until none is left to remove.
 */
function dropUnusedRuleSets(code: string, fail: (what: string) => never): string {
  const program = parseAst(code) as unknown as Node;
  const out = new MagicString(code);
  let tables = 0;
  let rulesStatement: Node | undefined;
  for (const statement of program['body'] as Node[]) {
    if (statement.type !== 'VariableDeclaration') continue;
    for (const declarator of statement['declarations'] as Node[]) {
      const init = declarator['init'];
      if (!isNode(init) || init.type !== 'ObjectExpression') continue;
      const props = new Map<string, Node>();
      for (const p of init['properties'] as Node[]) {
        const key = p['key'];
        if (p.type === 'Property' && isNode(key) && key.type === 'Identifier')
          props.set(key['name'] as string, p);
      }
      const names = [...props.keys()].sort().join(',');
      if (names !== 'gfm,normal,pedantic' && names !== 'breaks,gfm,normal,pedantic') continue;
      const gfm = props.get('gfm')!['value'] as Node;
      if (gfm.type !== 'Identifier') fail('the gfm rule set');
      for (const name of ['pedantic', 'breaks']) {
        const value = props.get(name)?.['value'] as Node | undefined;
        if (value) out.overwrite(value.start, value.end, gfm['name'] as string);
      }
      tables++;
      rulesStatement = statement;
    }
  }
  if (tables !== 2 || !rulesStatement) fail('the two rule tables');
  // Reference counts over the edited program, then removal of unreferenced declarators until stable.
  const edited = parseAst(out.toString()) as unknown as Node;
  const statement =
    (edited['body'] as Node[]).find(
      (s) => s.type === 'VariableDeclaration' && s.start === rulesStatement!.start,
    ) ?? fail('the rule statement after editing');
  const declarators = statement['declarations'] as Node[];
  const uses = new Map<string, number>();
  const usesIn = new Map<Node, string[]>();
  walk(edited, (node, parent, key) => {
    if (node.type !== 'Identifier' || !isReference(parent, key, node)) return;
    const name = node['name'] as string;
    uses.set(name, (uses.get(name) ?? 0) + 1);
  });
  for (const d of declarators) {
    const names: string[] = [];
    if (isNode(d['init']))
      walk(d['init'], (node, parent, key) => {
        if (node.type === 'Identifier' && isReference(parent, key, node)) names.push(node['name'] as string);
      });
    usesIn.set(d, names);
  }
  const removed = new Set<Node>();
  for (let changed = true; changed;) {
    changed = false;
    for (const d of declarators) {
      const name = (d['id'] as Node)['name'] as string;
      if (removed.has(d) || (uses.get(name) ?? 0) > 0) continue;
      removed.add(d);
      changed = true;
      for (const used of usesIn.get(d)!) uses.set(used, uses.get(used)! - 1);
    }
  }
  if (removed.size === 0) fail('an unused rule set');
  if (removed.size === declarators.length) fail('a used rule declaration');
  // Rebuild the statement from the declarators kept.
  const text = out.toString();
  const kept = declarators.filter((d) => !removed.has(d)).map((d) => text.slice(d.start, d.end));
  return `${text.slice(0, statement.start)}${statement['kind'] as string} ${kept.join(',')};${text.slice(statement.end)}`;
}
