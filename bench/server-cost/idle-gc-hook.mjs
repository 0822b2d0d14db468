/**
 * Preloaded (`--import`) into the compiled reference server by the server benchmarks: answers `{ cmd: 'idle' }`
 * over IPC with the process's RSS after a full GC and the modules it loaded, so idle memory is measured the same
 * way in every run. Not part of the server.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
process.on('message', (message) => {
  if (message?.cmd !== 'idle') return;
  globalThis.gc?.();
  globalThis.gc?.();
  const memory = process.memoryUsage();
  process.send?.({
    cmd: 'idle',
    rss: memory.rss,
    heapUsed: memory.heapUsed,
    external: memory.external,
    cjs: Object.keys(require.cache),
  });
});
