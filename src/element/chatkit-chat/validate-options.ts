/**
 * Checks what a host page passes to `setOptions` before the element uses it: an unknown option or a value
 * of the wrong type is reported (one `chatkit.log` warning naming the option path) and dropped, so bad input
 * never throws inside the element. The schema lists every ChatKit option (1.9.0) plus ours; values are
 * checked by kind only (string, boolean, function, object, array…), deeper shapes are the consumer's job.
 *
 * @internal
 * @module
 */
import type { ChatkitChatOptions } from './options.js';

type Kind = 'string' | 'boolean' | 'number' | 'function' | 'array' | 'object' | 'null' | 'any';
/** A leaf (one or more allowed kinds) or a nested object schema. */
type Schema = Kind | readonly Kind[] | { readonly [key: string]: Schema } | NestedWithKinds;
/** An object schema that also accepts other kinds for the same key (`theme: 'dark' | {...}`). */
interface NestedWithKinds {
  readonly kinds: readonly Kind[];
  readonly shape: { readonly [key: string]: Schema };
}

const headerAction = { icon: 'string', label: 'string', onClick: 'function' } as const;

/**
 * Every known option. `satisfies` keeps it in step with `ChatkitChatOptions`: an option added to the type
 * but not here would otherwise be dropped as "unknown" at run time.
 */
export const OPTION_SCHEMA = {
  api: {
    url: 'string',
    fetch: 'function',
    domainKey: 'string',
    uploadStrategy: { type: 'string', uploadUrl: 'string' },
    getClientSecret: 'function',
  },
  locale: 'string',
  theme: {
    kinds: ['string'],
    shape: {
      colorScheme: 'string',
      radius: 'string',
      density: 'string',
      typography: {
        baseSize: 'number',
        fontFamily: 'string',
        fontFamilyMono: 'string',
        fontSources: 'array',
      },
      color: { grayscale: 'object', accent: 'object', surface: 'object' },
    },
  },
  frameTitle: 'string',
  initialThread: ['string', 'null'],
  onClientTool: 'function',
  header: {
    enabled: 'boolean',
    title: { enabled: 'boolean', text: 'string' },
    leftAction: headerAction,
    rightAction: headerAction,
  },
  history: { enabled: 'boolean', showDelete: 'boolean', showRename: 'boolean' },
  startScreen: { greeting: 'string', prompts: 'array' },
  threadItemActions: { feedback: 'boolean', retry: 'boolean', copy: 'boolean' },
  composer: {
    placeholder: 'string',
    attachments: {
      enabled: 'boolean',
      maxSize: ['number', 'object'],
      maxCount: 'number',
      accept: 'object',
    },
    tools: 'array',
    models: 'array',
    dictation: { enabled: 'boolean' },
  },
  disclaimer: { text: 'string', highContrast: 'boolean' },
  entities: {
    onTagSearch: 'function',
    showComposerMenu: 'boolean',
    onClick: 'function',
    onRequestPreview: 'function',
  },
  commands: { enabled: 'boolean', onSearch: 'function', onSelect: 'function' },
  widgets: { onAction: 'function' },
  thread: { autoScroll: 'boolean', metadata: 'object' },
  mode: 'string',
  persist: 'string',
  brandingUrl: 'string',
  images: { allowedDomains: ['array', 'string'], proxyUrl: 'string' },
} as const satisfies { readonly [K in keyof Required<ChatkitChatOptions>]: Schema };

/** Allowed values of the string options whose set is closed. */
const ENUMS: Record<string, readonly string[]> = {
  mode: ['inline', 'launcher', 'fullscreen'],
  persist: ['local', 'session', 'none'],
  theme: ['light', 'dark', 'auto'],
  'api.uploadStrategy.type': ['two_phase', 'direct'],
};

/** One problem found. */
export interface OptionWarning {
  /** Dotted path of the option (`composer.attachments.maxSize`). */
  option: string;
  problem: 'unknown' | 'type';
  expected?: string;
  received?: string;
}

function kindOf(value: unknown): Kind {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const type = typeof value;
  if (type === 'string' || type === 'boolean' || type === 'number' || type === 'function') return type;
  return 'object';
}

function isShape(schema: Schema): schema is { readonly [key: string]: Schema } {
  return typeof schema === 'object' && !Array.isArray(schema) && !('kinds' in schema && 'shape' in schema);
}

function check(
  value: Record<string, unknown>,
  shape: { readonly [key: string]: Schema },
  path: string,
  warnings: OptionWarning[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const option = path ? `${path}.${key}` : key;
    const schema = Object.hasOwn(shape, key) ? shape[key] : undefined;
    if (schema === undefined) {
      warnings.push({ option, problem: 'unknown' });
      continue;
    }
    // `undefined` means "not set", as in ChatKit.
    if (child === undefined) continue;
    const kind = kindOf(child);
    if (isShape(schema) || (typeof schema === 'object' && 'shape' in schema)) {
      const nested = isShape(schema) ? { kinds: [] as readonly Kind[], shape: schema } : schema;
      if (kind === 'object') {
        out[key] = check(child as Record<string, unknown>, nested.shape, option, warnings);
        continue;
      }
      if (nested.kinds.includes(kind) && (kind !== 'string' || inEnum(option, child as string))) {
        out[key] = child;
        continue;
      }
      warnings.push({
        option,
        problem: 'type',
        expected: describe(nested.kinds, option, true),
        received: kind,
      });
      continue;
    }
    const kinds: readonly Kind[] = typeof schema === 'string' ? [schema] : (schema as readonly Kind[]);
    if (
      (kinds.includes('any') || kinds.includes(kind)) &&
      (kind !== 'string' || inEnum(option, child as string))
    ) {
      out[key] = child;
    } else {
      warnings.push({ option, problem: 'type', expected: describe(kinds, option, false), received: kind });
    }
  }
  return out;
}

function inEnum(option: string, value: string): boolean {
  const allowed = ENUMS[option];
  return !allowed || allowed.includes(value);
}

function describe(kinds: readonly Kind[], option: string, object: boolean): string {
  const allowed = ENUMS[option];
  const names = kinds.map((kind) =>
    kind === 'string' && allowed ? allowed.map((v) => `"${v}"`).join(' | ') : kind,
  );
  return [...names, ...(object ? ['object'] : [])].join(' | ');
}

/** Returns the usable part of `input` and what was dropped. Never throws. */
export function validateOptions(input: unknown): { options: ChatkitChatOptions; warnings: OptionWarning[] } {
  const warnings: OptionWarning[] = [];
  if (input === undefined || input === null) return { options: {}, warnings };
  if (kindOf(input) !== 'object') {
    warnings.push({ option: '(options)', problem: 'type', expected: 'object', received: kindOf(input) });
    return { options: {}, warnings };
  }
  const options = check(input as Record<string, unknown>, OPTION_SCHEMA, '', warnings) as ChatkitChatOptions;
  return { options, warnings };
}
