/**
 * End-to-end dictation (issue 8): the built element on the reference server whose default agent transcribes
 * with the OpenAI audio API (the real `openai` client against the fake OpenAI-compatible server), in
 * Chromium with its fake microphone (`--use-fake-device-for-media-stream`, a generated tone) and the
 * permission prompt auto-accepted (`--use-fake-ui-for-media-stream`). Recording, the level meter and the
 * elapsed time, the text placed at the cursor, the server's and the browser's errors, the button hidden on a
 * server without a transcriber, and no CSP violation on the strict-CSP page throughout.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chromium, type Page } from 'playwright-core';
import { FakeOpenAIServer } from '../fixtures/fake-openai/fake-openai-server.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { CHROMIUM_ARGS, startE2E, type E2E } from './support/harness.js';

const FAKE_MEDIA = ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'];

let fake: FakeOpenAIServer;
let e2e: E2E;
beforeAll(async () => {
  fake = await FakeOpenAIServer.start();
  // No hooks given: the reference server's default agent, with a key, so it transcribes.
  e2e = await startE2E({
    env: { OPENAI_API_KEY: 'sk-e2e', OPENAI_BASE_URL: fake.baseURL },
    chromiumArgs: FAKE_MEDIA,
  });
});
afterAll(async () => {
  await e2e?.close();
  await fake?.close();
});
beforeEach(() => {
  fake.reset();
  fake.transcribe = () => ({ text: 'Hello from the fake microphone.' });
});

/** Opens a demo page on `origin`, records CSP violations, and turns dictation on. */
async function openWithDictation(page: Page, origin: string, path = '/strict-csp.html') {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as any).__violations = seen;
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push(`${event.violatedDirective} ${event.sample}`),
    );
  });
  await page.goto(origin + path);
  await page.getByRole('textbox', { name: 'Message' }).waitFor();
  const probe = page.waitForResponse((response) =>
    (response.request().postData() ?? '').includes('"input.transcribe"'),
  );
  await page.evaluate(() =>
    (document.querySelector('chatkit-chat') as any).setOptions({
      api: { url: '/chatkit' },
      composer: { dictation: { enabled: true } },
    }),
  );
  return probe;
}

/** Waits until the element has rendered what it knew after the last network answer (two frames). */
function frames(page: Page) {
  return page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );
}

describe('dictation', () => {
  it('records with a live meter and elapsed time, then puts the transcript at the cursor', async () => {
    const { page } = await e2e.newPage();
    await openWithDictation(page, e2e.server.url);
    const box = page.getByRole('textbox', { name: 'Message' });
    const mic = page.getByRole('button', { name: 'Dictate' });
    await mic.waitFor();
    expect(await mic.getAttribute('aria-pressed')).toBe('false');

    await box.fill('Note: thanks');
    await box.evaluate((textarea: HTMLTextAreaElement) => textarea.setSelectionRange(5, 5));
    await mic.click();

    // Recording: the button is pressed and now stops; the status shows the time and a moving meter.
    const stop = page.getByRole('button', { name: 'Stop dictation' });
    await stop.waitFor();
    expect(await stop.getAttribute('aria-pressed')).toBe('true');
    const status = page.locator('[part="dictation"]');
    await expect.poll(() => status.textContent()).toContain('0:01');
    expect(await status.textContent()).toContain('Recording 0:01');
    // The fake device plays a tone: the analyser hears it and the meter's level rises above zero.
    await expect
      .poll(() =>
        page
          .locator('.dictation-level')
          .evaluate((meter: HTMLElement) =>
            Number(meter.style.getPropertyValue('--chatkit-dictation-level')),
          ),
      )
      .toBeGreaterThan(0);
    // Send waits for the dictation.
    expect(await page.getByRole('button', { name: 'Send' }).isDisabled()).toBe(true);

    await stop.click();
    await expect.poll(() => box.inputValue()).toBe('Note: Hello from the fake microphone. thanks');
    await page.getByRole('button', { name: 'Dictate' }).waitFor();
    expect(await page.getByRole('button', { name: 'Send' }).isDisabled()).toBe(false);

    // The server sent real recorded audio to the audio API with the default model.
    expect(fake.transcriptions).toHaveLength(1);
    const [request] = fake.transcriptions;
    expect(request!.model).toBe('gpt-4o-mini-transcribe');
    expect(request!.fileType).toBe('audio/webm');
    expect(request!.bytes.byteLength).toBeGreaterThan(500);
    // A WebM file starts with the EBML magic number.
    expect([...request!.bytes.subarray(0, 4)]).toEqual([0x1a, 0x45, 0xdf, 0xa3]);

    // Nothing of this needed an inline style (strict-CSP page).
    expect(await page.evaluate(() => (window as any).__violations)).toEqual([]);
  });

  it('Escape or the cancel button throws the recording away', async () => {
    const { page } = await e2e.newPage();
    await openWithDictation(page, e2e.server.url);
    await page.getByRole('button', { name: 'Dictate' }).click();
    await page.getByRole('button', { name: 'Cancel dictation' }).click();
    await page.getByRole('button', { name: 'Dictate' }).waitFor();

    await page.getByRole('button', { name: 'Dictate' }).click();
    await page.getByRole('button', { name: 'Stop dictation' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Dictate' }).waitFor();
    await frames(page);
    expect(fake.transcriptions).toHaveLength(0);
    expect(await page.getByRole('textbox', { name: 'Message' }).inputValue()).toBe('');
  });

  it('shows the server’s failure in the composer and keeps the draft', async () => {
    fake.transcribe = () => ({ status: 400, message: 'Audio file might be corrupted' });
    const { page } = await e2e.newPage();
    await openWithDictation(page, e2e.server.url);
    const box = page.getByRole('textbox', { name: 'Message' });
    await box.fill('My draft');
    await page.getByRole('button', { name: 'Dictate' }).click();
    await page.getByRole('button', { name: 'Stop dictation' }).click();
    const alert = page.locator('[part="dictation-error"]');
    await expect
      .poll(() => alert.textContent())
      .toContain('The recording could not be transcribed. Please try again.');
    expect(await alert.getAttribute('role')).toBe('alert');
    expect(await box.inputValue()).toBe('My draft');
    expect(fake.transcriptions).toHaveLength(1);
  });

  it('says so when the browser denies the microphone, in the page’s language', async () => {
    // A browser whose permission prompt is not auto-accepted: headless, nobody answers it, so it is denied
    // (a real NotAllowedError from Chromium's permission machinery).
    const browser = await chromium.launch({
      executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
      args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream'],
      headless: true,
    });
    try {
      const page = await (await browser.newContext()).newPage();
      await page.goto(`${e2e.server.url}/strict-csp.html`);
      await page.getByRole('textbox', { name: 'Message' }).waitFor();
      await page.evaluate(() =>
        (document.querySelector('chatkit-chat') as any).setOptions({
          api: { url: '/chatkit' },
          locale: 'de',
          composer: { dictation: { enabled: true } },
        }),
      );
      await page.getByRole('button', { name: 'Diktieren' }).click();
      await expect
        .poll(() => page.locator('[part="dictation-error"]').textContent())
        .toContain('Der Zugriff auf das Mikrofon wurde verweigert.');
      expect(fake.transcriptions).toHaveLength(0);
    } finally {
      await browser.close();
    }
  });

  it('names a missing microphone', async () => {
    const { page } = await e2e.newPage();
    // Chromium's fake device is always present; a machine without a microphone makes getUserMedia reject
    // with NotFoundError, which is what this page's stub does.
    await page.addInitScript(() => {
      navigator.mediaDevices.getUserMedia = () =>
        Promise.reject(new DOMException('Requested device not found', 'NotFoundError'));
    });
    await openWithDictation(page, e2e.server.url);
    await page.getByRole('button', { name: 'Dictate' }).click();
    await expect
      .poll(() => page.locator('[part="dictation-error"]').textContent())
      .toContain('No microphone was found.');
  });
});

describe('dictation without a transcriber', () => {
  let plain: TestServer;
  beforeAll(async () => {
    // The offline demo model and no key: the server cannot transcribe.
    plain = await startTestServer({ hooks: undefined, demoDir: 'demo', distDir: 'dist' });
  });
  afterAll(async () => {
    await plain?.close();
  });

  it('hides the microphone instead of failing on use', async () => {
    const capabilities = await (await fetch(`${plain.url}/api/capabilities`)).json();
    expect(capabilities.dictation).toEqual({ enabled: false });

    const { page } = await e2e.newPage();
    const probe = await openWithDictation(page, plain.url);
    expect(probe.status()).toBe(400);
    expect(await probe.json()).toMatchObject({ error: { code: 'feature_unavailable' } });
    await frames(page);
    expect(await page.getByRole('button', { name: 'Dictate' }).count()).toBe(0);
    // The probe is not an error the page hears about, nor one the user sees.
    expect(await page.locator('[part="dictation-error"]').count()).toBe(0);

    // The same page on the transcribing server shows it.
    const other = await e2e.newPage();
    await openWithDictation(other.page, e2e.server.url);
    await other.page.getByRole('button', { name: 'Dictate' }).waitFor();
  });
});
