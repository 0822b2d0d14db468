import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserMessageItem } from '../../../src/protocol/types.js';
import { inlinePrivateImages, isPrivateUrl } from '../../../server/agent/inline-images.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const server = createServer((req, res) => {
  if (req.url === '/img.png') res.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
  else res.writeHead(404).end();
});
let origin = '';
beforeAll(async () => {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const message = (urls: string[]): UserMessageItem => ({
  id: 'msg_1',
  thread_id: 'thr_1',
  created_at: '2026-05-19T14:03:07Z',
  type: 'user_message',
  content: [{ type: 'input_text', text: 'look' }],
  attachments: urls.map((url, i) => ({
    type: 'image',
    id: `atc_${i}`,
    name: `i${i}.png`,
    mime_type: 'image/png',
    preview_url: url,
  })),
  inference_options: {},
});

describe('inlinePrivateImages', () => {
  it('classifies URLs a hosted provider cannot reach', () => {
    for (const url of [
      'http://localhost:8787/x',
      'http://127.0.0.1/x',
      'http://[::1]/x',
      'http://10.1.2.3/x',
      'http://192.168.0.5/x',
      'http://172.20.0.1/x',
      'http://printer.local/x',
    ]) {
      expect(isPrivateUrl(url), url).toBe(true);
    }
    for (const url of [
      'https://cdn.example.com/x.png',
      'data:image/png;base64,AAAA',
      'http://172.32.0.1/x',
    ]) {
      expect(isPrivateUrl(url), url).toBe(false);
    }
  });

  it('inlines loopback images as data URLs, keeps public URLs, and degrades unreachable ones to files', async () => {
    const item = message([`${origin}/img.png`, 'https://cdn.example.com/a.png', `${origin}/missing.png`]);
    const [converted] = (await inlinePrivateImages(
      [item],
      new AbortController().signal,
    )) as UserMessageItem[];
    expect(converted.attachments[0]).toMatchObject({
      type: 'image',
      preview_url: `data:image/png;base64,${PNG.toString('base64')}`,
    });
    expect(converted.attachments[1]).toMatchObject({
      type: 'image',
      preview_url: 'https://cdn.example.com/a.png',
    });
    expect(converted.attachments[2]).toEqual({
      type: 'file',
      id: 'atc_2',
      name: 'i2.png',
      mime_type: 'image/png',
    });
    expect(item.attachments[0]).toMatchObject({ preview_url: `${origin}/img.png` }); // stored item untouched
  });
});
