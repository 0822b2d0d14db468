/**
 * Sending a message from the composer the way a person does (type, Enter) and waiting for its answer to end.
 *
 * Why an event and not "the Send button is back": right after Enter, before the element has swapped Send for
 * Stop, the Send button is still there, so a poll for it can return before the answer has even started; on a
 * busy machine the next message was then typed into a composer that was still streaming.
 */
import type { Page } from 'playwright-core';

/** Types `text` into the composer, presses Enter and resolves once the answer ended (or failed). */
export async function sendMessage(page: Page, text: string): Promise<void> {
  // The composer sends only when no answer streams (Enter is ignored meanwhile, and the wait below would never
  // end): a previous step may return while an answer still streams, e.g. one that waited for a text shown
  // mid-stream. Send (`part="send-button"`, in any locale) replaces Stop (`send-button stop-button`) once the
  // answer has ended.
  await page.locator('[part="send-button"]').waitFor();
  await page.evaluate(() => {
    const el = document.querySelector('chatkit-chat');
    if (!el) throw new Error('sendMessage: no <chatkit-chat> on the page');
    (window as unknown as { __ckAnswered: Promise<void> }).__ckAnswered = new Promise<void>((resolve) => {
      const done = () => {
        el.removeEventListener('chatkit.response.end', done);
        el.removeEventListener('chatkit.error', done);
        resolve();
      };
      el.addEventListener('chatkit.response.end', done);
      el.addEventListener('chatkit.error', done);
    });
  });
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill(text);
  await box.press('Enter');
  await page.evaluate(() => (window as unknown as { __ckAnswered: Promise<void> }).__ckAnswered);
}
