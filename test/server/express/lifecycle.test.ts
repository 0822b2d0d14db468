/**
 * Server lifecycle and limits: the CLI entry (`tsx server/main.ts`) starts, logs its URL and exits cleanly
 * on SIGTERM; `close()` ends open streams; data survives a restart; the rate limit answers 429 JSON; a
 * bad environment fails at startup naming the variable.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createScriptedResponder } from '../../support/scripted-responder.js';
import { startTestServer, textInput } from '../../support/test-server.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

function runCli(env: Record<string, string>) {
  // `--import tsx` keeps one process: the tsx CLI's parent relays signals through IPC with a short
  // deadline and, on a loaded machine, exits 143 itself before the server's SIGTERM handler has answered.
  return spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server', 'main.ts')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

describe('CLI entry', () => {
  it('starts on the configured address, serves, and exits 0 on SIGTERM', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'chatkit-cli-'));
    const child = runCli({
      PORT: '0',
      CHATKIT_DATA_DIR: dataDir,
      CHATKIT_DEMO_PORT: 'off',
      LOG_LEVEL: 'info',
    });
    try {
      const lines = createInterface({ input: child.stdout! });
      let url = '';
      for await (const line of lines) {
        const entry = JSON.parse(line) as { url?: string };
        if (entry.url) {
          url = entry.url;
          break;
        }
      }
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const health = await fetch(`${url}/health`);
      expect(await health.json()).toEqual({ status: 'ok' });
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const [code] = await exited;
      expect(code).toBe(0);
    } finally {
      child.kill('SIGKILL');
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses to start with an invalid variable and names it', async () => {
    const child = runCli({ PORT: 'eighty' });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    expect(stderr).toContain('Invalid PORT');
  });
});

describe('startServer', () => {
  it('close() ends an open stream and keeps its partial answer; the data survives a restart', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'chatkit-restart-'));
    try {
      const first = await startTestServer({
        dataDir,
        hooks: { respond: createScriptedResponder({ delayMs: 40 }) },
        shutdownGraceMs: 50,
      });
      const response = await first.post({
        type: 'threads.create',
        params: { input: textInput('a long story') },
      });
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      let text = '';
      // Read until the first delta arrived, then shut the server down under the open stream.
      while (!text.includes('text_delta'))
        text += decoder.decode((await reader.read()).value, { stream: true });
      const threadId = /"thread":\{"id":"([^"]+)"/.exec(text)![1]!;

      // close() must resolve under an open stream (the grace period ends it); a hang fails by the timeout.
      await first.close();
      // The client sees the stream end (or break) instead of hanging.
      const outcome = await (async () => {
        try {
          for (;;) if ((await reader.read()).done) return 'ended';
        } catch {
          return 'broken';
        }
      })();
      expect(['ended', 'broken']).toContain(outcome);

      const second = await startTestServer({ dataDir, user: first.user });
      try {
        const items = await second.json({
          type: 'items.list',
          params: { thread_id: threadId, order: 'asc' },
        });
        expect(items.data.map((item: { type: string }) => item.type)).toEqual([
          'user_message',
          'assistant_message',
        ]);
        expect(items.data[1].content[0].text).toMatch(/^## A long answer/);
      } finally {
        await second.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('rejects a port in use with EADDRINUSE, leaving nothing open', async () => {
    const first = await startTestServer();
    try {
      const port = new URL(first.url).port;
      const error = await startTestServer({ env: { PORT: port } }).then(
        async (server) => {
          await server.close();
          return null;
        },
        (caught: unknown) => caught,
      );
      expect((error as NodeJS.ErrnoException).code).toBe('EADDRINUSE');
      expect((await fetch(`${first.url}/health`)).status).toBe(200);
    } finally {
      await first.close();
    }
  });

  it('answers 429 rate_limited JSON past the configured limit', async () => {
    const server = await startTestServer({
      env: { CHATKIT_RATE_LIMIT: '3', CHATKIT_RATE_LIMIT_WINDOW_MS: '60000' },
    });
    try {
      const statuses: number[] = [];
      for (let index = 0; index < 4; index++) {
        const response = await server.post({ type: 'threads.list', params: {} });
        statuses.push(response.status);
        if (response.status === 429) {
          expect(await response.json()).toMatchObject({ error: { code: 'rate_limited' } });
          expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
        } else {
          await response.text();
        }
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
      // Health checks are not rate limited.
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
