/**
 * Dictation on the reference server: the default agent's `input.transcribe` goes to the OpenAI audio API
 * (the real `openai` client against the fake OpenAI-compatible server on loopback), the model is
 * configurable, failures are clear JSON errors, and `/api/capabilities` says whether dictation works.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeOpenAIServer } from '../../fixtures/fake-openai/fake-openai-server.js';
import { defaultHooks } from '../../../server/main.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';

/** The first bytes of a WebM file (EBML header), enough to be a plausible recording. */
const WEBM = Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0xf7, 0x81, 0x01]);

let fake: FakeOpenAIServer;
beforeAll(async () => {
  fake = await FakeOpenAIServer.start();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.reset();
  fake.transcribe = () => ({ text: '  Hello from the fake microphone.  ' });
});

function transcribe(audio: Buffer, mimeType = 'audio/webm;codecs=opus') {
  return {
    type: 'input.transcribe',
    params: { audio_base64: audio.toString('base64'), mime_type: mimeType },
  };
}

describe('dictation with an API key', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      hooks: defaultHooks,
      env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.baseURL },
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it('transcribes with gpt-4o-mini-transcribe and answers the trimmed text', async () => {
    expect(await server.json(transcribe(WEBM))).toEqual({ text: 'Hello from the fake microphone.' });
    expect(fake.transcriptions).toHaveLength(1);
    const [request] = fake.transcriptions;
    expect(request!.model).toBe('gpt-4o-mini-transcribe');
    expect(request!.headers.authorization).toBe('Bearer sk-test');
    // The audio API recognises the format by the file name; the type is the part before `;`.
    expect(request!.fileName).toBe('dictation.webm');
    expect(request!.fileType).toBe('audio/webm');
    expect(Buffer.from(request!.bytes)).toEqual(WEBM);
  });

  it('names other recorders’ formats by their extension', async () => {
    await server.json(transcribe(WEBM, 'audio/mp4'));
    await server.json(transcribe(WEBM, 'audio/ogg;codecs=opus'));
    expect(fake.transcriptions.map((t) => t.fileName)).toEqual(['dictation.mp4', 'dictation.ogg']);
  });

  it('answers empty audio (the element’s probe) without calling the provider', async () => {
    expect(await server.json(transcribe(Buffer.alloc(0)))).toEqual({ text: '' });
    expect(fake.transcriptions).toHaveLength(0);
  });

  it('refuses a type that is not audio, and a recording the provider rejects, with JSON errors', async () => {
    const notAudio = await server.post(transcribe(WEBM, 'text/html'));
    expect(notAudio.status).toBe(415);
    expect(await notAudio.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });
    expect(fake.transcriptions).toHaveLength(0);

    fake.transcribe = () => ({ status: 400, message: 'Audio file might be corrupted (secret detail)' });
    const rejected = await server.post(transcribe(WEBM));
    expect(rejected.status).toBe(422);
    const body = await rejected.json();
    expect(body).toMatchObject({ error: { code: 'transcription_rejected' } });
    // The provider's own message stays on the server.
    expect(JSON.stringify(body)).not.toContain('secret detail');
  });

  it('announces dictation in /api/capabilities', async () => {
    const capabilities = await (await fetch(`${server.url}/api/capabilities`)).json();
    expect(capabilities.dictation).toEqual({ enabled: true });
  });
});

describe('dictation configuration', () => {
  it('CHATKIT_TRANSCRIBE_MODEL picks the model', async () => {
    const server = await startTestServer({
      hooks: defaultHooks,
      env: {
        OPENAI_API_KEY: 'sk-test',
        OPENAI_BASE_URL: fake.baseURL,
        CHATKIT_TRANSCRIBE_MODEL: 'whisper-1',
      },
    });
    try {
      expect(await server.json(transcribe(WEBM))).toEqual({ text: 'Hello from the fake microphone.' });
      expect(fake.transcriptions.map((t) => t.model)).toEqual(['whisper-1']);
    } finally {
      await server.close();
    }
  });

  it('without a key (offline demo model) or with CHATKIT_TRANSCRIBE_MODEL=off there is no dictation', async () => {
    for (const env of <Array<Record<string, string>>>[
      {},
      { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.baseURL, CHATKIT_TRANSCRIBE_MODEL: 'off' },
    ]) {
      const server = await startTestServer({ hooks: defaultHooks, env });
      try {
        const capabilities = await (await fetch(`${server.url}/api/capabilities`)).json();
        expect(capabilities.dictation).toEqual({ enabled: false });
        // The probe the element sends, and real audio, both say so in the same way.
        for (const audio of [Buffer.alloc(0), WEBM]) {
          const response = await server.post(transcribe(audio));
          expect(response.status).toBe(400);
          expect(await response.json()).toMatchObject({ error: { code: 'feature_unavailable' } });
        }
      } finally {
        await server.close();
      }
    }
    expect(fake.transcriptions).toHaveLength(0);
  });
});
