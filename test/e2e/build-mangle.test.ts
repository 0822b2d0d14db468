/**
 * The drop-in build renames the TypeScript-private members of our classes (vite.config.ts `manglePlan`,
 * scripts/private-names.ts `collectPrivateNames`). A wrong rename breaks the element at run time, so:
 * - the name collection is checked on a small project with one member per exclusion rule;
 * - the renaming plan is checked for determinism and for never reusing a property name of the bundle;
 * - the built files (run `npm run build` first) are checked against the renaming the build reports: no original
 *   name left in any chunk, the entry (which holds the markdown renderer) and a lazy chunk both renamed.
 * That the renamed element still works is what the rest of this suite shows: every test here drives the demo
 * on dist/chatkit-chat.js (conversation.test.ts streams markdown answers, widgets.test.ts renders and acts on
 * widgets, strict-csp.test.ts loads it under a strict policy).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAst } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import { collectPrivateNames } from '../../scripts/private-names.js';
import { MANGLE_REPORT, manglePlan } from '../../vite.config.js';

describe('collectPrivateNames', () => {
  const root = mkdtempSync(join(tmpdir(), 'private-names-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const write = (path: string, text: string) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  write(
    'tsconfig.json',
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'ESNext',
        moduleResolution: 'Bundler',
        lib: ['ES2023', 'DOM'],
        strict: true,
        experimentalDecorators: true,
        useDefineForClassFields: false,
        types: [],
        noEmit: true,
      },
      include: ['src', 'test'],
    }),
  );
  write(
    'src/card.ts',
    `const state = () => (_target: object, _key: string) => {};
export interface Wire { sharedWithType: string }
export class Other { sharedWithPublic = 1; }
export class Card {
  private renamed = 1;
  protected renamedMethod(): number { return this.renamed + this.paramProperty; }
  constructor(private paramProperty: number) {}
  @state() private decorated = 0;
  private sharedWithType = '';
  private sharedWithPublic = 0;
  private readThroughAny = 0;
  private objectKey = 0;
  private destructured = 0;
  private inTemplate = 0;
  private hidden = false;
  private readByTest = 0;
  private readByPage = 0;
  private formResetCallback(): void {}
  show(other: Card) {
    const loose = other as any;
    const { destructured } = { destructured: 1 };
    return [loose.readThroughAny, { objectKey: 1 }, destructured, \`<x-card .inTemplate=\${1}>\`, this.hidden];
  }
}
`,
  );
  write(
    'test/card.test.ts',
    `import { Card } from '../src/card.js';\nexport const read = (c: Card) => c['readByTest'];\n`,
  );
  write('demo/page.js', `document.querySelector('x-card').readByPage;\n`);
  const { names, excluded, reserved } = collectPrivateNames(root);

  it('keeps private/protected members, fields, methods and parameter properties, used only as such', () => {
    expect(names).toEqual(['paramProperty', 'renamed', 'renamedMethod']);
  });

  it.each([
    ['decorated', /decorated/],
    ['sharedWithType', /also declared in src\/card\.ts:2/],
    ['sharedWithPublic', /also declared in src\/card\.ts:3/],
    ['readThroughAny', /used as another property at src\/card\.ts:/],
    ['objectKey', /used as another property at src\/card\.ts:\d+/],
    ['destructured', /used as another property at src\/card\.ts:\d+/],
    ['inTemplate', /a word of a string/],
    ['hidden', /also declared in .*lib\.dom\.d\.ts/],
    ['readByTest', /a word of a string at test\/card\.test\.ts/],
    ['readByPage', /a word of demo\/page\.js/],
    ['formResetCallback', /the browser/],
  ])('excludes %s', (name, reason) => {
    expect(excluded.get(name)).toMatch(reason);
  });

  it('reserves the DOM, ES and public names a short name must avoid', () => {
    for (const name of ['x', 'id', 'title', 'length', 'sharedWithPublic'])
      expect(reserved.has(name)).toBe(true);
    expect(reserved.has('renamed')).toBe(false);
  });
});

describe('manglePlan', () => {
  const chunk = (code: string, exports: string[] = []) => ({ program: parseAst(code), exports });
  const chunks = [
    chunk(
      'export class A { constructor() { this.often = 1; this.rare = 2; } run() { return this.often + this.often; } }',
    ),
    chunk('import { A } from "./a.js"; const k = "J"; new A().often; x.K; ({ W: 1 });'),
    chunk(
      'class B { fromLibrary() {} inAString() {} exported() {} } const s = "inAString"; export { B as exported };',
      ['exported'],
    ),
  ];
  const names = ['exported', 'fromLibrary', 'inAString', 'notInBundle', 'often', 'rare'];
  const reserved = new Set('abcdefghijklmnopqrstuvwxyzABCDEFGHI'.split(''));
  const plan = manglePlan(names, reserved, new Set(['fromLibrary']), chunks);

  it('renames by frequency to the shortest free names', () => {
    expect([...plan]).toEqual([
      ['often', 'L'],
      ['rare', 'M'],
    ]);
  });

  it('never uses a reserved name, a property or a string word of any chunk', () => {
    for (const to of plan.values()) {
      expect(reserved.has(to)).toBe(false);
      expect(['J', 'K', 'W']).not.toContain(to);
    }
  });

  it('gives the same plan whatever the chunk order', () => {
    expect([...manglePlan(names, reserved, new Set(['fromLibrary']), [...chunks].reverse())]).toEqual([
      ...plan,
    ]);
  });
});

describe('the built drop-in file', () => {
  const { renamed } = JSON.parse(readFileSync(MANGLE_REPORT, 'utf8')) as { renamed: Record<string, string> };
  const names = Object.keys(renamed);
  const chunks = [
    'dist/chatkit-chat.js',
    ...readdirSync('dist/chunks').map((f) => join('dist/chunks', f)),
  ].filter((f) => f.endsWith('.js'));
  const word = (name: string) => new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`);

  it('renamed the private members of the last build', () => {
    expect(names.length).toBeGreaterThan(100);
    expect(new Set(Object.values(renamed)).size).toBe(names.length);
  });

  it('has no renamed name left in any chunk (every chunk got the same renaming)', () => {
    for (const file of chunks) {
      const code = readFileSync(file, 'utf8');
      expect(
        names.filter((name) => word(name).test(code)),
        file,
      ).toEqual([]);
    }
  });

  // The sources each file was built from (its source map) show which private members it holds.
  // The entry holds most classes; a lazy chunk (the composer's dictation) has private members of its own.
  it.each([
    ['dist/chatkit-chat.js', 10],
    [chunks.find((f) => /dictation-/.test(f))!, 3],
  ])('%s holds renamed members', (file, atLeast) => {
    const { sourcesContent } = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as {
      sourcesContent: string[];
    };
    const held = names.filter((name) => sourcesContent.some((source) => source?.includes(`this.${name}`)));
    expect(held.length).toBeGreaterThan(atLeast);
  });

  it('keeps the public API and the Lit lifecycle names', () => {
    const entry = readFileSync('dist/chatkit-chat.js', 'utf8');
    for (const name of [
      'setOptions',
      'sendUserMessage',
      'requestUpdate',
      'firstUpdated',
      'connectedCallback',
    ])
      expect(entry).toContain(name);
  });
});
