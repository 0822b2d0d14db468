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
import type { Branding, BrandPrompt } from '../src/protocol/types.js';

export type { BrandPrompt };

/** Branding served at `GET /api/branding` and used by the demo pages: the wire shape, all members set. */
export type BrandingConfig = Branding;

/** Requests allowed per window on `POST /chatkit` for one client address; `max: 0` disables the limit. */
export interface RateLimitConfig {
  windowMs: number;
  max: number;
}

/** How the server learns who is calling (`CHATKIT_AUTH`); see server/auth/README.md. */
export type AuthConfig =
  | { mode: 'header' }
  | {
      mode: 'jwt';
      /** HS256 shared secret (`CHATKIT_JWT_SECRET`), or `null` when a JWKS URL is used. */
      secret: string | null;
      /** `CHATKIT_JWT_JWKS_URL`: the issuer's public keys (RS256, ES256, EdDSA…). */
      jwksUrl: string | null;
      issuer: string | null;
      audience: string | null;
      /** The claim holding the user id (`CHATKIT_JWT_USER_CLAIM`, default `sub`). */
      userClaim: string;
    }
  | {
      mode: 'cookie';
      /** `CHATKIT_SESSION_SECRET`: HMAC key of the session cookie (at least 32 characters). */
      secret: string;
      /** `CHATKIT_SESSION_COOKIE`, default `chatkit_session`. */
      cookieName: string;
    };

/** Attachment limits (`CHATKIT_UPLOAD_*`). */
export interface UploadConfig {
  /** Largest single attachment in bytes. */
  maxBytes: number;
  /** Bytes one user may keep stored (uploaded plus announced). */
  quotaBytes: number;
  /** Attachments one user may keep. */
  quotaFiles: number;
  /** Accepted MIME types: exact (`image/png`) or a whole family (`image/*`). */
  allowedTypes: string[];
  /** Requests per rate-limit window and client address on the upload and file routes; 0 = off. */
  rateLimit: number;
}

/** Connection limits of the HTTP server (`CHATKIT_*_TIMEOUT_MS`, `CHATKIT_MAX_CONNECTIONS`). */
export interface HttpLimitsConfig {
  /** Time a client has to send the complete request headers (slow-loris guard). */
  headersTimeoutMs: number;
  /** Time a client has to send the complete request, body included (uploads!); 0 = none. */
  requestTimeoutMs: number;
  /** Idle time before a keep-alive connection is closed. */
  keepAliveTimeoutMs: number;
  /** Open connections beyond which new ones are refused; 0 = no cap. */
  maxConnections: number;
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
   * Dictation model of the OpenAI audio API (`CHATKIT_TRANSCRIBE_MODEL`, default `gpt-4o-mini-transcribe`);
   * `null` (`off`) = no dictation. Used only when `OPENAI_API_KEY` is set.
   */
  transcribeModel: string | null;
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
  auth: AuthConfig;
  /** Whether `CHATKIT_AUTH` was set explicitly (else `header`, the anonymous default). */
  authExplicit: boolean;
  /** `CHATKIT_DEMO_TOKENS=on`: the demo's token endpoint (`POST /api/demo/token`); never in production. */
  demoTokens: boolean;
  uploads: UploadConfig;
  http: HttpLimitsConfig;
  /** `CHATKIT_IMAGE_PROXY=on`: the image proxy route (`GET /image-proxy`); `null` when off (the default). */
  imageProxy: { hosts: string[]; maxBytes: number; timeoutMs: number } | null;
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

/** The default upload allowlist: images the element previews, PDFs and plain text formats. */
export const DEFAULT_UPLOAD_TYPES: readonly string[] = Object.freeze([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'text/plain',
  'text/markdown',
  'text/csv',
  'application/json',
]);

const MIME_PATTERN = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/(\*|[a-z0-9][a-z0-9!#$&^_.+-]{0,127})$/;

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
  CHATKIT_TRANSCRIBE_MODEL: z
    .string()
    .optional()
    .transform((value) => {
      const text = value?.trim() || 'gpt-4o-mini-transcribe';
      return text === 'off' ? null : text;
    }),
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
  CHATKIT_AUTH: optionalText.pipe(
    z.enum(['header', 'jwt', 'cookie'], { message: 'expected "header", "jwt" or "cookie"' }).nullable(),
  ),
  CHATKIT_JWT_SECRET: optionalText.pipe(
    z.string().min(32, 'expected at least 32 characters (an HS256 key)').nullable(),
  ),
  CHATKIT_JWT_JWKS_URL: optionalText.pipe(
    z
      .string()
      .regex(/^https?:\/\//, 'expected an http(s) URL')
      .nullable(),
  ),
  CHATKIT_JWT_ISSUER: optionalText,
  CHATKIT_JWT_AUDIENCE: optionalText,
  CHATKIT_JWT_USER_CLAIM: z
    .string()
    .optional()
    .transform((value) => value?.trim() || 'sub'),
  CHATKIT_SESSION_SECRET: optionalText.pipe(z.string().min(32, 'expected at least 32 characters').nullable()),
  CHATKIT_SESSION_COOKIE: z
    .string()
    .optional()
    .transform((value) => value?.trim() || 'chatkit_session')
    .pipe(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected a cookie name of A-Z a-z 0-9 _ -')),
  CHATKIT_DEMO_TOKENS: z
    .string()
    .optional()
    .transform((value) => value?.trim().toLowerCase() ?? '')
    .pipe(z.enum(['', 'on', 'off', 'true', 'false'], { message: 'expected "on" or "off"' }))
    .transform((value) => value === 'on' || value === 'true'),
  CHATKIT_UPLOAD_MAX_BYTES: integer(1, 1_073_741_824, 20 * 1024 * 1024),
  CHATKIT_UPLOAD_QUOTA_BYTES: integer(0, 1_099_511_627_776, 100 * 1024 * 1024),
  CHATKIT_UPLOAD_QUOTA_FILES: integer(0, 1_000_000, 200),
  CHATKIT_UPLOAD_TYPES: optionalText.pipe(
    z
      .string()
      .transform((value) =>
        value
          .split(',')
          .map((type) => type.trim().toLowerCase())
          .filter(Boolean),
      )
      .pipe(z.array(z.string().regex(MIME_PATTERN, 'expected MIME types like image/png or image/*')))
      .nullable(),
  ),
  CHATKIT_UPLOAD_RATE_LIMIT: integer(0, 1_000_000, 120),
  CHATKIT_HEADERS_TIMEOUT_MS: integer(1_000, 600_000, 10_000),
  CHATKIT_REQUEST_TIMEOUT_MS: integer(0, 3_600_000, 120_000),
  CHATKIT_KEEP_ALIVE_TIMEOUT_MS: integer(1_000, 600_000, 5_000),
  CHATKIT_MAX_CONNECTIONS: integer(0, 1_000_000, 1_000),
  CHATKIT_IMAGE_PROXY: z
    .string()
    .optional()
    .transform((value) => value?.trim().toLowerCase() ?? '')
    .pipe(z.enum(['', 'on', 'off', 'true', 'false'], { message: 'expected "on" or "off"' }))
    .transform((value) => value === 'on' || value === 'true'),
  CHATKIT_IMAGE_PROXY_HOSTS: optionalText.pipe(
    z
      .string()
      .transform((value) =>
        value
          .split(/[\s,]+/)
          .map((host) => host.trim().toLowerCase())
          .filter(Boolean),
      )
      .pipe(
        z.array(
          z
            .string()
            .regex(
              /^(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*$|^\[[0-9a-f:.]+\]$/,
              'expected host names such as images.example.com',
            ),
        ),
      )
      .nullable(),
  ),
  CHATKIT_IMAGE_PROXY_MAX_BYTES: integer(1, 104_857_600, 5 * 1024 * 1024),
  CHATKIT_IMAGE_PROXY_TIMEOUT_MS: integer(100, 120_000, 10_000),
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
    transcribeModel: v.CHATKIT_TRANSCRIBE_MODEL,
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
    auth: authOf(v),
    authExplicit: v.CHATKIT_AUTH !== null,
    demoTokens: v.CHATKIT_DEMO_TOKENS,
    uploads: {
      maxBytes: v.CHATKIT_UPLOAD_MAX_BYTES,
      quotaBytes: v.CHATKIT_UPLOAD_QUOTA_BYTES,
      quotaFiles: v.CHATKIT_UPLOAD_QUOTA_FILES,
      allowedTypes: v.CHATKIT_UPLOAD_TYPES ?? [...DEFAULT_UPLOAD_TYPES],
      rateLimit: v.CHATKIT_UPLOAD_RATE_LIMIT,
    },
    http: {
      headersTimeoutMs: v.CHATKIT_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: v.CHATKIT_REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: v.CHATKIT_KEEP_ALIVE_TIMEOUT_MS,
      maxConnections: v.CHATKIT_MAX_CONNECTIONS,
    },
    imageProxy: imageProxyOf(v),
  };
}

/** The image proxy settings: off unless `CHATKIT_IMAGE_PROXY=on`, which needs a host list (no "any host"). */
function imageProxyOf(v: Parsed): ServerConfig['imageProxy'] {
  if (!v.CHATKIT_IMAGE_PROXY) return null;
  const hosts = v.CHATKIT_IMAGE_PROXY_HOSTS ?? [];
  if (hosts.length === 0)
    throw new ConfigError('CHATKIT_IMAGE_PROXY_HOSTS', 'the image proxy needs the hosts it may fetch from');
  return { hosts, maxBytes: v.CHATKIT_IMAGE_PROXY_MAX_BYTES, timeoutMs: v.CHATKIT_IMAGE_PROXY_TIMEOUT_MS };
}

/** The auth settings, checked for completeness (each mode names the variables it needs). */
function authOf(v: Parsed): AuthConfig {
  switch (v.CHATKIT_AUTH ?? 'header') {
    case 'jwt':
      if (!v.CHATKIT_JWT_SECRET === !v.CHATKIT_JWT_JWKS_URL) {
        throw new ConfigError(
          'CHATKIT_AUTH',
          '"jwt" needs exactly one of CHATKIT_JWT_SECRET (HS256) or CHATKIT_JWT_JWKS_URL',
        );
      }
      return {
        mode: 'jwt',
        secret: v.CHATKIT_JWT_SECRET,
        jwksUrl: v.CHATKIT_JWT_JWKS_URL,
        issuer: v.CHATKIT_JWT_ISSUER,
        audience: v.CHATKIT_JWT_AUDIENCE,
        userClaim: v.CHATKIT_JWT_USER_CLAIM,
      };
    case 'cookie':
      if (!v.CHATKIT_SESSION_SECRET) {
        throw new ConfigError(
          'CHATKIT_AUTH',
          '"cookie" needs CHATKIT_SESSION_SECRET (at least 32 characters)',
        );
      }
      return { mode: 'cookie', secret: v.CHATKIT_SESSION_SECRET, cookieName: v.CHATKIT_SESSION_COOKIE };
    default:
      return { mode: 'header' };
  }
}
