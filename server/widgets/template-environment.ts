/**
 * The Jinja-compatible environment used to render `.widget` templates (spec §7.6): nunjucks with Jinja
 * compatibility switched on and the gaps that widget-studio templates hit polyfilled.
 *
 * What nunjucks lacks compared with Jinja2, and what this module does about it:
 *
 * | Jinja feature | nunjucks | here |
 * | --- | --- | --- |
 * | `x | tojson` | no such filter | added; sorts object keys like Jinja's default policy; undefined throws |
 * | `StrictUndefined` | `throwOnUndefined` only checks `{{ output }}` | on, plus `tojson`/`~` of undefined throw |
 * | `namespace(a=1)` | missing | global returning a plain object (`ns.list.append(x)` works) |
 * | `{% set ns.attr = v %}` | not parsable | not polyfilled: use `ns.attr.append()` / `ns.update({...})` |
 * | `s[1:]` on strings | jinja-compat slices return arrays | string in → string out |
 * | `True`/`False`/`None`, `none` | `none` native; others via jinja-compat | jinja-compat installed |
 * | `list.append`, `dict.items()`, `dict.get()` | via jinja-compat | jinja-compat installed |
 * | trailing commas in `{...}`/`[...]` literals | parse error | removed inside `{{ }}`/`{% %}` before compiling |
 * | `loop.index`, `loop.first`, `loop.last`, `loop.length` | native | — |
 * | `loop.cycle()`, `loop.previtem`, `loop.nextitem`, `loop.depth` | missing | not polyfilled |
 * | `x is none` / `is not none` | only a `null` test | test `none` added |
 *
 * `installJinjaCompat()` patches nunjucks' shared runtime; nothing else in this project renders nunjucks
 * templates, and the patch only adds behaviour that plain nunjucks templates would reject.
 *
 * @module
 */
import { createRequire } from 'node:module';
import type * as Nunjucks from 'nunjucks';

type NunjucksModule = typeof Nunjucks;
let loaded: NunjucksModule | undefined;

/**
 * nunjucks, required on first use (it is CommonJS, so synchronously): a server that has not rendered a
 * `.widget` template yet does not carry it (a few MB of RSS at idle).
 */
export function loadNunjucks(): NunjucksModule {
  loaded ??= createRequire(import.meta.url)('nunjucks') as NunjucksModule;
  return loaded;
}

let installed = false;

/** Installs jinja-compat once and wraps slicing so that a sliced string stays a string. */
function installCompatOnce(): void {
  if (installed) return;
  installed = true;
  const nunjucks = loadNunjucks();
  nunjucks.installJinjaCompat();
  const runtime = (nunjucks as unknown as { runtime: { memberLookup: (...args: unknown[]) => unknown } })
    .runtime;
  const sliceAware = runtime.memberLookup;
  runtime.memberLookup = function memberLookup(this: unknown, ...args: unknown[]) {
    const result = sliceAware.apply(this, args);
    // jinja-compat returns an array for every slice; `_c[1:]` on captured template output must be text.
    if (args.length === 4 && Array.isArray(result) && isStringLike(args[0])) return result.join('');
    return result;
  };
}

function isStringLike(value: unknown): boolean {
  return typeof value === 'string' || value instanceof loadNunjucks().runtime.SafeString;
}

/** Recursively sorts object keys, as Jinja's `tojson` does (`sort_keys=True`). */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value instanceof loadNunjucks().runtime.SafeString) return value.toString();
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

/** Serialises a template value as JSON; undefined is an error, as with Jinja's StrictUndefined. */
export function toJsonFilter(value: unknown): string {
  if (value === undefined) throw new Error('tojson: value is undefined (a template variable is missing)');
  return JSON.stringify(sortKeys(value)) ?? 'null';
}

/** Builds Jinja's `namespace(...)`: a mutable object initialised from the keyword arguments. */
function namespace(kwargs?: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...(kwargs ?? {}) };
  delete out.__keywords;
  return out;
}

const TAG = /(\{\{|\{%)([\s\S]*?)(\}\}|%\})/g;
const TRAILING_COMMA = /,(\s*[}\]])/g;

/**
 * Removes trailing commas before `}`/`]` inside template tags (Jinja accepts `{"a": 1,}`, nunjucks does
 * not). Text outside tags is left alone so literal JSON in the template is untouched.
 */
export function stripTrailingCommas(source: string): string {
  return source.replace(TAG, (_m, open: string, body: string, close: string) => {
    return open + body.replace(TRAILING_COMMA, '$1') + close;
  });
}

/** Creates the shared rendering environment (autoescape off: the output is JSON, not HTML). */
export function createTemplateEnvironment(): Nunjucks.Environment {
  installCompatOnce();
  const env = new (loadNunjucks().Environment)(null, { autoescape: false, throwOnUndefined: true });
  env.addFilter('tojson', toJsonFilter);
  env.addGlobal('namespace', namespace);
  // The type declarations omit addTest, which nunjucks has had since 3.0.
  (env as unknown as { addTest(name: string, test: (value: unknown) => boolean): void }).addTest(
    'none',
    (value) => value === null,
  );
  return env;
}
