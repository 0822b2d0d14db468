/**
 * Counts what a benchmark child does while a load runs (child.ts `count-start` / `count-stop`, used by
 * layers.ts): async resources created, by type (PROMISE, TickObject = process.nextTick, Immediate, Timeout,
 * WRITEWRAP = a write request handed to libuv, …), EventEmitter listeners added (by event name), EventTarget
 * listeners added and AbortControllers made, response headers set (`setHeader`, `writeHead`), response
 * `write`/`end` calls, and socket writes as the stream hands them to the handle (`_write` / `_writev`, after
 * corking merged them) with their bytes (status line, headers, chunked framing and body).
 *
 * Counting slows the child down (promise hooks, wrapped methods): use the counts, never its CPU, from such a
 * phase.
 *
 * @module
 */
import { createHook } from 'node:async_hooks';
import { EventEmitter } from 'node:events';
import { OutgoingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';

type Counts = Record<string, number>;

export function startCounting(): { stop(): Counts } {
  const counts: Counts = {};
  const add = (key: string, n = 1) => {
    counts[key] = (counts[key] ?? 0) + n;
  };
  const restore: (() => void)[] = [];
  function wrap<T extends object>(
    target: T,
    name: keyof T & string,
    count: (self: any, args: any[]) => void,
  ) {
    const original = target[name] as unknown as (...args: unknown[]) => unknown;
    (target as Record<string, unknown>)[name] = function (this: unknown, ...args: unknown[]) {
      count(this, args);
      return original.apply(this, args);
    };
    restore.push(() => {
      (target as Record<string, unknown>)[name] = original;
    });
  }

  const hook = createHook({
    init(_id, type) {
      add(`async ${type}`);
    },
  }).enable();

  const proto = EventEmitter.prototype;
  // `on` is `addListener`; `once` goes through `on`.
  const onListener = (_self: unknown, args: any[]) => add(`listener ${String(args[0])}`);
  wrap(proto, 'addListener', onListener);
  if (proto.on !== proto.addListener) wrap(proto, 'on', onListener);
  else {
    const wrapped = proto.addListener;
    const original = Object.getOwnPropertyDescriptor(proto, 'on')!.value;
    proto.on = wrapped;
    restore.push(() => {
      proto.on = original;
    });
  }
  wrap(proto, 'prependListener', onListener);
  wrap(EventTarget.prototype, 'addEventListener', (_self, args) =>
    add(`addEventListener ${String(args[0])}`),
  );
  const OriginalAbortController = globalThis.AbortController;
  globalThis.AbortController = class extends OriginalAbortController {
    constructor() {
      super();
      add('AbortController');
    }
  };
  restore.push(() => {
    globalThis.AbortController = OriginalAbortController;
  });

  wrap(OutgoingMessage.prototype, 'setHeader', () => add('res.setHeader'));
  wrap(OutgoingMessage.prototype, 'write', () => add('res.write'));
  wrap(OutgoingMessage.prototype, 'end', () => add('res.end'));
  wrap(ServerResponse.prototype, 'writeHead', () => add('res.writeHead'));
  const socketProto = Socket.prototype as unknown as Record<string, unknown>;
  wrap(socketProto, '_writev', (_self, args) => {
    add('socket writev');
    add('socket writev buffers', args[0].length);
    for (const { chunk, encoding } of args[0]) add('socket bytes', byteLength(chunk, encoding));
  });
  wrap(socketProto, '_write', (_self, args) => {
    add('socket write');
    add('socket bytes', byteLength(args[0], args[1]));
  });

  return {
    stop() {
      hook.disable();
      for (const undo of restore.reverse()) undo();
      return counts;
    },
  };
}

function byteLength(chunk: unknown, encoding: BufferEncoding | 'buffer'): number {
  if (typeof chunk === 'string') return Buffer.byteLength(chunk, encoding === 'buffer' ? 'utf8' : encoding);
  return (chunk as Uint8Array).byteLength;
}
