/**
 * The Dockerfile and compose.yaml, as far as a machine without a Docker engine can check them: every COPY
 * source from the build context exists and survives .dockerignore, the image runs the package's bin,
 * runs as a non-root user with a health check and a data volume, and compose wires PostgreSQL through the
 * variable the server reads (server/config.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { ROOT, pkg } from './support.js';

const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
/** Instructions with continuation lines joined and comments dropped. */
const instructions = dockerfile
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith('#'));
const stages = instructions.filter((line) => /^FROM\s/i.test(line));
const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith('#'));

/** Whether .dockerignore (simple top-level patterns, as ours are) excludes a context path. */
const isIgnored = (path: string) =>
  ignored.some((pattern) =>
    pattern.startsWith('*')
      ? path.endsWith(pattern.slice(1))
      : path === pattern || path.startsWith(`${pattern}/`),
  );

describe('Dockerfile', () => {
  it('is multi-stage on Node 20 slim', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage).toMatch(/^FROM node:20-slim\b/);
  });

  it('copies only sources that exist in the build context and are not excluded by .dockerignore', () => {
    const copies = instructions.filter((line) => /^COPY\s/i.test(line) && !/--from=/.test(line));
    expect(copies.length).toBeGreaterThan(0);
    for (const copy of copies) {
      const args = copy
        .split(/\s+/)
        .slice(1)
        .filter((arg) => !arg.startsWith('--'));
      for (const source of args.slice(0, -1)) {
        expect(existsSync(join(ROOT, source)), `${source} exists`).toBe(true);
        if (source !== '.') expect(isIgnored(source), `${source} is not in .dockerignore`).toBe(false);
      }
    }
    // What the build stage needs from `COPY . .` to run `npm pack` (prepack = npm run build).
    for (const needed of ['src', 'server', 'bin', 'demo', 'scripts', 'tsconfig.json', 'tsconfig.build.json'])
      expect(isIgnored(needed), `${needed} reaches the build`).toBe(false);
    for (const needed of ['vite.config.ts', 'custom-elements-manifest.config.mjs', 'LICENSE', 'README.md'])
      expect(existsSync(join(ROOT, needed)) && !isIgnored(needed), needed).toBe(true);
    expect(isIgnored('node_modules')).toBe(true);
  });

  it('starts the package bin as a non-root user, with a health check and a data volume', () => {
    const cmd = instructions.filter((line) => /^CMD\s/i.test(line)).at(-1) ?? '';
    const argv = JSON.parse(cmd.replace(/^CMD\s+/i, '')) as string[];
    expect(argv).toEqual(['node', `node_modules/${pkg.name}/${pkg.bin['chatkit-chat-server']}`]);
    const finalStage = instructions.slice(instructions.lastIndexOf(stages.at(-1)!));
    expect(finalStage.some((line) => /^USER\s+(?!root\b|0\b)\S+/.test(line))).toBe(true);
    expect(finalStage.some((line) => /^HEALTHCHECK\s.*\/health/.test(line))).toBe(true);
    expect(finalStage.some((line) => /^VOLUME\s.*\/data/.test(line))).toBe(true);
    // The image's environment is valid server configuration and puts the data in the volume.
    const env = Object.fromEntries(
      [...finalStage.join(' ').matchAll(/\b([A-Z_]+)=(\S+)/g)].map(([, name, value]) => [name, value]),
    );
    const config = loadConfig(env);
    expect(config.dataDir).toBe('/data');
    expect(config.host).toBe('0.0.0.0');
  });
});

describe('compose.yaml', () => {
  const compose = readFileSync(join(ROOT, 'compose.yaml'), 'utf8');

  it('builds this image and points DATABASE_URL at its PostgreSQL service', () => {
    expect(compose).toMatch(/^\s+build: \.$/m);
    const url = compose.match(/DATABASE_URL: (\S+)/)?.[1] ?? '';
    expect(loadConfig({ DATABASE_URL: url }).databaseUrl).toBe(url);
    const host = new URL(url).hostname;
    expect(compose).toMatch(new RegExp(`^  ${host}:\\n\\s+image: postgres:`, 'm'));
    expect(compose).toMatch(/condition: service_healthy/);
  });
});
