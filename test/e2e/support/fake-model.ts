/**
 * The reference server (default hooks) with its model on the fake OpenAI-compatible server
 * (test/fixtures/fake-openai), for the tests of one describe block.
 *
 * @module
 */
import { afterAll, beforeAll } from 'vitest';
import { defaultHooks } from '../../../server/main.js';
import { FakeOpenAIServer } from '../../fixtures/fake-openai/fake-openai-server.js';
import { startE2E, type E2E } from './harness.js';

/**
 * Call inside a describe block: before its tests the fake starts, answering with `fallback` whatever a test
 * has not queued (title requests among them), then the server and Chromium; after them both close. The
 * returned `e2e` and `fake` are there once the block's tests run.
 */
export function onFakeModel(fallback: FakeOpenAIServer['fallback']): {
  readonly e2e: E2E;
  readonly fake: FakeOpenAIServer;
} {
  let e2e: E2E | undefined;
  let fake: FakeOpenAIServer | undefined;
  beforeAll(async () => {
    fake = await FakeOpenAIServer.start();
    fake.fallback = fallback;
    e2e = await startE2E({
      hooks: defaultHooks,
      env: { OPENAI_API_KEY: 'sk-fake', OPENAI_BASE_URL: fake.baseURL, CHATKIT_MODEL: 'fake-model' },
    });
  });
  afterAll(async () => {
    await e2e?.close();
    await fake?.close();
  });
  return {
    get e2e() {
      return e2e!;
    },
    get fake() {
      return fake!;
    },
  };
}
