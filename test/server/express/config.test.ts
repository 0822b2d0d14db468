import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_BRANDING, loadConfig } from '../../../server/config.js';

describe('loadConfig', () => {
  it('applies the documented defaults to an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 8787,
      host: '127.0.0.1',
      dataDir: './data',
      databaseUrl: null,
      openaiApiKey: null,
      openaiBaseUrl: null,
      model: 'gpt-4.1-mini',
      allowedOrigins: null,
      logLevel: 'info',
      bodyLimit: '1mb',
      rateLimit: { windowMs: 60_000, max: 600 },
      trustProxy: false,
      demoPort: 8788,
      brandPromptsSet: false,
    });
    expect(config.branding).toEqual({ ...DEFAULT_BRANDING, prompts: DEFAULT_BRANDING.prompts });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '9000',
      HOST: '0.0.0.0',
      CHATKIT_DATA_DIR: '/var/lib/chatkit',
      DATABASE_URL: 'postgres://u:p@db/chatkit',
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: 'http://localhost:11434/v1',
      CHATKIT_MODEL: 'llama3.2',
      CHATKIT_ALLOWED_ORIGINS: 'https://app.example.com, https://*.example.org/ ,*',
      CHATKIT_BODY_LIMIT: '256kb',
      CHATKIT_RATE_LIMIT: '0',
      CHATKIT_RATE_LIMIT_WINDOW_MS: '5000',
      CHATKIT_TRUST_PROXY: '1',
      CHATKIT_DEMO_PORT: 'off',
      LOG_LEVEL: 'DEBUG',
      BRAND_NAME: 'Acme Help',
      BRAND_TAGLINE: 'We answer',
      BRAND_LOGO_URL: 'https://cdn.example.com/logo.png',
      BRAND_PRIMARY_COLOR: '#ff0066',
      BRAND_FAVICON_URL: '/favicon.ico',
      BRAND_GREETING: 'Hi there',
      BRAND_PROMPTS: '[{"label":"Track","prompt":"Where is my order?"},"Refund"]',
    });
    expect(config).toMatchObject({
      port: 9000,
      host: '0.0.0.0',
      dataDir: '/var/lib/chatkit',
      databaseUrl: 'postgres://u:p@db/chatkit',
      openaiApiKey: 'sk-test',
      openaiBaseUrl: 'http://localhost:11434/v1',
      model: 'llama3.2',
      allowedOrigins: ['https://app.example.com', 'https://*.example.org', '*'],
      bodyLimit: '256kb',
      rateLimit: { windowMs: 5000, max: 0 },
      trustProxy: 1,
      demoPort: null,
      brandPromptsSet: true,
      logLevel: 'debug',
    });
    expect(config.branding).toEqual({
      name: 'Acme Help',
      tagline: 'We answer',
      logoUrl: 'https://cdn.example.com/logo.png',
      primaryColor: '#ff0066',
      faviconUrl: '/favicon.ico',
      greeting: 'Hi there',
      prompts: [
        { label: 'Track', prompt: 'Where is my order?' },
        { label: 'Refund', prompt: 'Refund' },
      ],
    });
  });

  it('accepts prompts separated by "|" and an ephemeral port with an ephemeral demo port', () => {
    const config = loadConfig({ PORT: '0', BRAND_PROMPTS: 'One | Two' });
    expect(config.branding.prompts).toEqual([
      { label: 'One', prompt: 'One' },
      { label: 'Two', prompt: 'Two' },
    ]);
    expect(config.demoPort).toBe(0);
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['OPENAI_BASE_URL', 'ftp://models'],
    ['CHATKIT_ALLOWED_ORIGINS', 'app.example.com'],
    ['CHATKIT_ALLOWED_ORIGINS', 'https://*example.com'],
    ['CHATKIT_BODY_LIMIT', 'lots'],
    ['CHATKIT_RATE_LIMIT', '-1'],
    ['CHATKIT_DEMO_PORT', 'next'],
    ['LOG_LEVEL', 'verbose'],
    ['BRAND_LOGO_URL', 'javascript:alert(1)'],
    ['BRAND_PRIMARY_COLOR', 'red;background:url(x)'],
    ['BRAND_PROMPTS', '[{"label":1}]'],
  ])('rejects %s=%j with an error naming the variable', (name, value) => {
    let error: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(name);
    expect((error as ConfigError).message).toContain(`Invalid ${name}`);
  });
});
