/**
 * The TypeScript `private`/`protected` member names of src/ that the drop-in build may rename (terser property
 * mangling, see `terserPass` in vite.config.ts), found with the TypeScript compiler API and its type checker.
 *
 * Property mangling renames a name everywhere in a file, whatever object it is read from, so a name qualifies
 * only when every use of it is provably a use of one of our private/protected class members:
 *
 * - it is declared with `private` or `protected` on a class member in src/ (a field, method, accessor or
 *   constructor parameter property), never with a decorator (`@state`/`@property` register the name as a
 *   runtime key);
 * - no other declaration of the name exists anywhere in the program: not a public member, not an interface or
 *   type member (the protocol's wire types, option objects), not an object literal key, not a member of a
 *   library's or the DOM's type declarations (Lit's `render`, `update`, `hostConnected`…, `HTMLElement`'s
 *   properties), not an export;
 * - every property-position use in the program (src, server, test, bench, demo, scripts) resolves, through the
 *   checker, to such a declaration: a read through `any`, an object literal key, a destructuring or a
 *   string-keyed access of the name excludes it;
 * - it appears as a word in no string or template text of the program (Lit's `.prop=`/`?attr=` bindings,
 *   `changedProperties.has('x')`, error texts) and in no other file of demo/, test/ and bench/ (pages and
 *   scripts that reach into the built element).
 *
 * The build adds what only the bundle shows (the words of the libraries it bundles, the strings and export
 * names of every emitted chunk); see `manglePlan` in vite.config.ts. `node scripts/private-names.ts` is not a
 * command: run `npx tsx scripts/private-names.ts` to print the names and why each excluded one is excluded.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

export interface PrivateNames {
  /** Names that may be renamed, sorted. */
  names: string[];
  /** Declared private/protected in src but not renameable, with the first reason found. */
  excluded: Map<string, string>;
  /**
   * Property names objects of the element may have at run time besides those its bundle reads or writes: every
   * member declared in TypeScript's default library (ES, DOM) or declared non-private in src/. A short name
   * given to a private member must avoid them (and the bundle's own property names, see vite.config.ts).
   */
  reserved: Set<string>;
}

const MEMBER_KINDS = new Set([
  ts.SyntaxKind.PropertyDeclaration,
  ts.SyntaxKind.MethodDeclaration,
  ts.SyntaxKind.GetAccessor,
  ts.SyntaxKind.SetAccessor,
  ts.SyntaxKind.PropertySignature,
  ts.SyntaxKind.MethodSignature,
  ts.SyntaxKind.PropertyAssignment,
  ts.SyntaxKind.ShorthandPropertyAssignment,
  ts.SyntaxKind.EnumMember,
  ts.SyntaxKind.Parameter,
  ts.SyntaxKind.BindingElement,
]);

/**
 * Names the browser reads from a custom element or its class by name, declared by no type in the program
 * (lib.dom.d.ts has no custom element reactions): never renamed, whatever their modifier.
 */
export const PLATFORM_NAMES: readonly string[] = [
  'connectedCallback',
  'disconnectedCallback',
  'adoptedCallback',
  'connectedMoveCallback',
  'attributeChangedCallback',
  'observedAttributes',
  'formAssociated',
  'formAssociatedCallback',
  'formDisabledCallback',
  'formResetCallback',
  'formStateRestoreCallback',
  'disabledFeatures',
];

const WORD = /[A-Za-z_$][\w$]*/g;
const words = (text: string) => text.match(WORD) ?? [];

function isPrivateOrProtected(node: ts.Node): boolean {
  const flags = ts.getCombinedModifierFlags(node as ts.Declaration);
  return (flags & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) !== 0;
}

/** A class member (or constructor parameter property) of a src/ file with `private`/`protected`. */
function isCandidateDeclaration(node: ts.Node, inSrc: boolean): boolean {
  if (!inSrc) return false;
  if (ts.isParameter(node)) return ts.isConstructorDeclaration(node.parent) && isPrivateOrProtected(node);
  return (
    (ts.isPropertyDeclaration(node) ||
      ts.isMethodDeclaration(node) ||
      ts.isGetAccessorDeclaration(node) ||
      ts.isSetAccessorDeclaration(node)) &&
    ts.isClassLike(node.parent) &&
    isPrivateOrProtected(node)
  );
}

function propertyNameText(name: ts.Node | undefined): string | undefined {
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  if (ts.isNoSubstitutionTemplateLiteral(name)) return name.text;
  return undefined;
}

/** Files under `dir` (recursively, no node_modules) whose name matches `pattern`. */
function filesUnder(dir: string, pattern: RegExp): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path, pattern));
    else if (pattern.test(entry.name)) out.push(path);
  }
  return out;
}

export function collectPrivateNames(root = process.cwd()): PrivateNames {
  const configPath = resolve(root, 'tsconfig.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!parsed) throw new Error(`cannot read ${configPath}`);
  const program = ts.createProgram({
    rootNames: parsed.fileNames,
    options: { ...parsed.options, noEmit: true },
  });
  const checker = program.getTypeChecker();
  // The compiler's file names use `/` on every platform.
  const srcDir = `${resolve(root, 'src').split(sep).join('/')}/`;

  const candidateDecls = new Set<ts.Node>();
  const candidates = new Set<string>();
  const excluded = new Map<string, string>();
  const exclude = (name: string, reason: string) => {
    if (!excluded.has(name)) excluded.set(name, reason);
  };
  const where = (node: ts.Node) => {
    const file = node.getSourceFile();
    const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
    return `${relative(root, file.fileName)}:${line + 1}`;
  };

  // Pass 1: declarations. Candidates from src classes; every other named member declaration anywhere (our code,
  // libraries' and the DOM's .d.ts) makes its name public.
  const publicDecl = new Map<string, string>(
    PLATFORM_NAMES.map((name) => [name, 'the browser (custom element reactions)']),
  );
  const reserved = new Set<string>(PLATFORM_NAMES);
  for (const file of program.getSourceFiles()) {
    const inSrc = !file.isDeclarationFile && file.fileName.startsWith(srcDir);
    const visit = (node: ts.Node): void => {
      if (MEMBER_KINDS.has(node.kind)) {
        const decl = node as ts.NamedDeclaration;
        const name =
          ts.isBindingElement(node) && node.propertyName
            ? propertyNameText(node.propertyName)
            : propertyNameText(decl.name);
        // Plain parameters and variable bindings are not properties; object destructuring is.
        const isProperty = ts.isParameter(node)
          ? ts.isParameterPropertyDeclaration(node, node.parent)
          : !ts.isBindingElement(node) || ts.isObjectBindingPattern(node.parent);
        if (name !== undefined && isProperty) {
          if (isCandidateDeclaration(node, inSrc)) {
            candidateDecls.add(node);
            candidates.add(name);
            if (ts.canHaveDecorators(node) && ts.getDecorators(node)?.length)
              exclude(name, `decorated at ${where(node)}`);
          } else {
            if (inSrc || program.isSourceFileDefaultLibrary(file)) reserved.add(name);
            if (!publicDecl.has(name))
              publicDecl.set(
                name,
                file.isDeclarationFile
                  ? relative(root, file.fileName).replace(/^.*node_modules[\\/]/, '')
                  : where(node),
              );
          }
        }
      }
      if (ts.isExportSpecifier(node) || ts.isImportSpecifier(node)) {
        for (const n of [node.name, node.propertyName]) {
          const text = propertyNameText(n);
          if (text !== undefined && !publicDecl.has(text))
            publicDecl.set(text, `module binding at ${where(node)}`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }

  // Pass 2: uses and text in our own files (not .d.ts): a property-position name that does not resolve to a
  // candidate declaration, and any word of a string or template text, excludes the name.
  const resolvesToCandidate = (node: ts.Node): boolean => {
    let symbol = checker.getSymbolAtLocation(node);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    const decls = symbol?.declarations;
    return !!decls?.length && decls.every((d) => candidateDecls.has(d));
  };
  const textWords = new Map<string, string>();
  for (const file of program.getSourceFiles()) {
    if (file.isDeclarationFile || file.fileName.includes('/node_modules/')) continue;
    const visit = (node: ts.Node): void => {
      if (
        ts.isStringLiteral(node) ||
        ts.isNoSubstitutionTemplateLiteral(node) ||
        ts.isTemplateHead(node) ||
        ts.isTemplateMiddle(node) ||
        ts.isTemplateTail(node) ||
        ts.isJsxText(node)
      ) {
        for (const w of words(node.text)) if (!textWords.has(w)) textWords.set(w, where(node));
      }
      let use: ts.Node | undefined;
      if (ts.isPropertyAccessExpression(node)) use = node.name;
      else if (ts.isQualifiedName(node)) use = node.right;
      else if (ts.isBindingElement(node) && ts.isObjectBindingPattern(node.parent))
        use = node.propertyName ?? node.name;
      else if (ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) use = node.name;
      if (use && (ts.isIdentifier(use) || ts.isPrivateIdentifier(use))) {
        const name = use.text;
        if (candidates.has(name) && !resolvesToCandidate(use))
          exclude(name, `used as another property at ${where(use)}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }

  // Files outside the program that may reach into the element (demo pages and scripts, JS tests and benches).
  const outside = [
    ...filesUnder(resolve(root, 'demo'), /\.(?:m?js|html)$/),
    ...filesUnder(resolve(root, 'test'), /\.(?:m?js|html)$/),
    ...filesUnder(resolve(root, 'bench'), /\.(?:m?js|html)$/),
  ];
  const outsideWords = new Map<string, string>();
  for (const path of outside)
    for (const w of words(readFileSync(path, 'utf8')))
      if (!outsideWords.has(w)) outsideWords.set(w, relative(root, path));

  for (const name of candidates) {
    if (publicDecl.has(name)) exclude(name, `also declared in ${publicDecl.get(name)}`);
    else if (textWords.has(name)) exclude(name, `a word of a string at ${textWords.get(name)}`);
    else if (outsideWords.has(name)) exclude(name, `a word of ${outsideWords.get(name)}`);
  }
  const names = [...candidates].filter((n) => !excluded.has(n)).sort();
  return { names, excluded, reserved };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = performance.now();
  const { names, excluded } = collectPrivateNames();
  console.log(
    `${names.length} renameable (${Math.round(performance.now() - started)} ms):\n${names.join(' ')}`,
  );
  console.log(`\n${excluded.size} excluded:`);
  for (const [name, reason] of [...excluded].sort()) console.log(`  ${name}: ${reason}`);
}
