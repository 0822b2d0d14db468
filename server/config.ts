/**
 * Server configuration from environment variables (see docs/interface.md, "Server (environment)").
 *
 * `loadConfig(env)` is a pure function: it reads only the object it is given, so tests pass a literal and
 * production passes `process.env`. Every invalid value becomes one {@link ConfigError} whose message names
 * the variable, so a misconfigured deployment fails at startup with an actionable line instead of later.
 *
 * @module
 */
import { z } from 'zod';

/** A prompt suggestion shown on the start screen. */
export interface BrandPrompt {
  label: string;
  prompt: string;
}

/** Branding served at `GET /api/branding` and used by the demo pages. */
export interface BrandingConfig {
  name: string;
  tagline: string;
  logoUrl: string;
  primaryColor: string;
  faviconUrl: string;
  greeting: string;
  prompts: BrandPrompt[];
}

/** Requests allowed per window on `POST /chatkit` for one client address; `max: 0` disables the limit. */
export interface RateLimitConfig {
  windowMs: number;
  max: number;
}

/** The validated server configuration. */
export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  openaiApiKey: string | null;
  openaiBaseUrl: string | null;
  model: string;
  /**
   * Origins allowed to call the API from a browser: exact origins, `*`, or `https://*.example.com`.
   * `null` means the default: only the server's own origin (same-origin requests).
   */
  allowedOrigins: string[] | null;
  branding: BrandingConfig;
  logLevel: LogLevel;
  /** Maximum request body size in the `bytes` notation (`"1mb"`, `"512kb"`). */
  bodyLimit: string;
  rateLimit: RateLimitConfig;
  /** Express `trust proxy` setting: `false`, a hop count, or a list of addresses/subnets. */
  trustProxy: boolean | number | string;
  /**
   * Port of the second-origin demo site (the cross-origin embed demo); `null` disables it. Default:
   * `PORT + 1`, or an ephemeral port when `PORT` is 0.
   */
  demoPort: number | null;
  /** Whether `BRAND_PROMPTS` was set (then it wins over the prompts a responder suggests). */
  brandPromptsSet: boolean;
  /** Demo todo list: one per user (`user`, default) or one for everyone (`shared`, as seed 000). */
  todoScope: 'user' | 'shared';
  /** Offline demo model's streaming pace (`CHATKIT_OFFLINE_PACE`, "chars/ms"); `null` = all at once. */
  offlinePace: { chars: number; intervalMs: number } | null;
}

/** pino log levels accepted by `LOG_LEVEL`. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Product defaults for branding; the offline demo and the seed use cases refer to these prompts. */
export const DEFAULT_BRANDING: Readonly<BrandingConfig> = Object.freeze({
  name: 'ChatKit Chat',
  tagline: 'An open, self-hostable ChatKit client and server',
  logoUrl: '/logo.svg',
  primaryColor: '#0f62fe',
  faviconUrl: '/favicon.svg',
  greeting: 'How can I help you today?',
  prompts: [
    { label: 'Show my todos', prompt: 'Show my todos' },
    { label: 'Add a todo', prompt: 'Add buy milk to my todos' },
    { label: 'Return an order', prompt: 'I want to return something' },
    { label: 'What can you do?', prompt: 'What can you do?' },
  ],
});

/** Thrown by {@link loadConfig}; `variable` names the offending environment variable. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`Invalid ${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

const ORIGIN_PATTERN = /^(\*|https?:\/\/(\*\.)?[A-Za-z0-9.-]+(:\d{1,5})?)$/;
const BODY_LIMIT_PATTERN = /^\d+(\.\d+)?\s*(b|kb|mb|gb)?$/i;
const COLOR_PATTERN = /^(#[0-9a-fA-F]{3,8}|(rgb|rgba|hsl|hsla|oklch|oklab)\([^;{}]*\)|[a-zA-Z]+)$/;

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? null : value.trim()));

const integer = (min: number, max: number, fallback: number) =>
  z
    .string()
    .optional()
    .transform((value) => (value === undefined || value.trim() === '' ? String(fallback) : value.trim()))
    .pipe(z.string().regex(/^\d+$/, `expected a whole number between ${min} and ${max}`))
    .transform(Number)
    .pipe(z.number().int().min(min, `expected at least ${min}`).max(max, `expected at most ${max}`));

const urlLike = z
  .string()
  .refine(
    (value) => value.startsWith('/') || /^https?:\/\//.test(value) || value.startsWith('data:image/'),
    'expected an absolute http(s) URL, a data:image URL or a path starting with "/"',
  );

const promptSchema = z.union([
  z
    .string()
    .min(1)
    .transform((prompt) => ({ label: prompt, prompt })),
  z
    .object({ label: z.string().min(1), prompt: z.string().min(1) })
    .transform(({ label, prompt }) => ({ label, prompt })),
]);

/** One schema per variable so each error names exactly one variable. */
const VARIABLES = {
  PORT: integer(0, 65_535, 8787),
  HOST: z
    .string()
    .optional()
    .transform((value) => value?.trim() || '127.0.0.1'),
  CHATKIT_DATA_DIR: z
    .string()
    .optional()
    .transform((value) => value?.trim() || './data'),
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// or postgresql:// URL')
      .nullable(),
  ),
  OPENAI_API_KEY: optionalText,
  OPENAI_BASE_URL: optionalText.pipe(
    z
      .string()
      .regex(/^https?:\/\//, 'expected an http(s) URL')
      .nullable(),
  ),
  CHATKIT_MODEL: z
    .string()
    .optional()
    .transform((value) => value?.trim() || 'gpt-4.1-mini'),
  CHATKIT_ALLOWED_ORIGINS: optionalText.pipe(
    z
      .string()
      .transform((value) =>
        value
          .split(',')
          .map((origin) => origin.trim().replace(/\/+$/, ''))
          .filter(Boolean),
      )
      .pipe(
        z.array(
          z
            .string()
            .regex(
              ORIGIN_PATTERN,
              'expected origins like https://app.example.com, https://*.example.com or *',
            ),
        ),
      )
      .nullable(),
  ),
  CHATKIT_BODY_LIMIT: z
    .string()
    .optional()
    .transform((value) => value?.trim() || '1mb')
    .pipe(z.string().regex(BODY_LIMIT_PATTERN, 'expected a size such as "1mb", "512kb" or "65536"')),
  CHATKIT_RATE_LIMIT: integer(0, 1_000_000, 600),
  CHATKIT_RATE_LIMIT_WINDOW_MS: integer(1_000, 86_400_000, 60_000),
  CHATKIT_TRUST_PROXY: z
    .string()
    .optional()
    .transform((value): boolean | number | string => {
      const text = value?.trim() ?? '';
      if (text === '' || text === 'false') return false;
      if (text === 'true') return true;
      if (/^\d+$/.test(text)) return Number(text);
      return text;
    }),
  CHATKIT_DEMO_PORT: z
    .string()
    .optional()
    .transform((value) => value?.trim().toLowerCase() ?? '')
    .pipe(z.string().regex(/^(|off|\d{1,5})$/, 'expected a port number or "off"')),
  DEMO_TODO_SCOPE: z
    .string()
    .optional()
    .transform((value) => value?.trim().toLowerCase() || 'user')
    .pipe(z.enum(['user', 'shared'])),
  CHATKIT_OFFLINE_PACE: z
    .string()
    .optional()
    .transform((value) => value?.trim().toLowerCase() || '40/30')
    .pipe(z.string().regex(/^(off|[1-9]\d{0,4}\/\d{1,5})$/, 'expected "chars/ms" such as "40/30", or "off"'))
    .transform((value) => {
      if (value === 'off') return null;
      const [chars, intervalMs] = value.split('/').map(Number);
      return { chars, intervalMs };
    }),
  LOG_LEVEL: z
    .string()
    .optional()
    .transform((value) => value?.trim().toLowerCase() || 'info')
    .pipe(z.enum(LOG_LEVELS)),
  BRAND_NAME: optionalText,
  BRAND_TAGLINE: optionalText,
  BRAND_LOGO_URL: optionalText.pipe(urlLike.nullable()),
  BRAND_PRIMARY_COLOR: optionalText.pipe(
    z.string().regex(COLOR_PATTERN, 'expected a CSS color such as #0f62fe or rgb(15 98 254)').nullable(),
  ),
  BRAND_FAVICON_URL: optionalText.pipe(urlLike.nullable()),
  BRAND_GREETING: optionalText,
  BRAND_PROMPTS: optionalText.transform((value, ctx) => {
    if (value === null) return null;
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      // Plain text form: prompts separated by "|", each used as its own label.
      parsed = value.split('|').map((prompt) => prompt.trim());
    }
    const result = z.array(promptSchema).max(12, 'at most 12 prompts').safeParse(parsed);
    if (!result.success) {
      ctx.addIssue({
        code: 'custom',
        message:
          'expected a JSON array of {"label","prompt"} objects or strings, or prompts separated by "|"',
      });
      return z.NEVER;
    }
    return result.data;
  }),
} as const;

type Parsed = { [K in keyof typeof VARIABLES]: z.output<(typeof VARIABLES)[K]> };

function demoPortOf(value: string, port: number): number | null {
  if (value === 'off') return null;
  if (value === '') return port === 0 ? 0 : port + 1 > 65_535 ? null : port + 1;
  const demoPort = Number(value);
  if (demoPort > 65_535)
    throw new ConfigError('CHATKIT_DEMO_PORT', `expected at most 65535 (got "${value}")`);
  return demoPort;
}

/**
 * Parses and validates the server configuration.
 *
 * @param env - the environment, usually `process.env`; unknown variables are ignored.
 * @throws {ConfigError} naming the first invalid variable.
 */
export function loadConfig(env: Record<string, string | undefined>): ServerConfig {
  const values: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(VARIABLES)) {
    const result = (schema as z.ZodType).safeParse(env[name]);
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new ConfigError(name, `${issue?.message ?? 'invalid value'} (got ${JSON.stringify(env[name])})`);
    }
    values[name] = result.data;
  }
  const v = values as Parsed;
  return {
    port: v.PORT,
    host: v.HOST,
    dataDir: v.CHATKIT_DATA_DIR,
    databaseUrl: v.DATABASE_URL,
    openaiApiKey: v.OPENAI_API_KEY,
    openaiBaseUrl: v.OPENAI_BASE_URL,
    model: v.CHATKIT_MODEL,
    allowedOrigins: v.CHATKIT_ALLOWED_ORIGINS,
    branding: {
      name: v.BRAND_NAME ?? DEFAULT_BRANDING.name,
      tagline: v.BRAND_TAGLINE ?? DEFAULT_BRANDING.tagline,
      logoUrl: v.BRAND_LOGO_URL ?? DEFAULT_BRANDING.logoUrl,
      primaryColor: v.BRAND_PRIMARY_COLOR ?? DEFAULT_BRANDING.primaryColor,
      faviconUrl: v.BRAND_FAVICON_URL ?? DEFAULT_BRANDING.faviconUrl,
      greeting: v.BRAND_GREETING ?? DEFAULT_BRANDING.greeting,
      prompts: v.BRAND_PROMPTS ?? DEFAULT_BRANDING.prompts.map((prompt) => ({ ...prompt })),
    },
    logLevel: v.LOG_LEVEL,
    bodyLimit: v.CHATKIT_BODY_LIMIT,
    rateLimit: { windowMs: v.CHATKIT_RATE_LIMIT_WINDOW_MS, max: v.CHATKIT_RATE_LIMIT },
    trustProxy: v.CHATKIT_TRUST_PROXY,
    demoPort: demoPortOf(v.CHATKIT_DEMO_PORT, v.PORT),
    brandPromptsSet: v.BRAND_PROMPTS !== null,
    todoScope: v.DEMO_TODO_SCOPE,
    offlinePace: v.CHATKIT_OFFLINE_PACE,
  };
}
