/**
 * The IPC side of a benchmark child: tells the parent its port, then answers `usage` (CPU and memory),
 * `gc`, `arm`/`release` (the hold gate of turn.ts), `snapshot` (a heap snapshot; its path is answered) and
 * `exit`.
 *
 * @module
 */
import { writeHeapSnapshot } from 'node:v8';
import { armHold, releaseHeld } from './turn.js';

export function serveChild(port: number, close: () => unknown): void {
  process.on('message', async (message: { cmd: string }) => {
    switch (message.cmd) {
      case 'usage': {
        const cpu = process.cpuUsage();
        const memory = process.memoryUsage();
        process.send!({
          cmd: 'usage',
          cpuMicros: cpu.user + cpu.system,
          rss: memory.rss,
          heap: memory.heapUsed + memory.external,
        });
        break;
      }
      case 'gc':
        (globalThis as { gc?: () => void }).gc?.();
        process.send!({ cmd: 'gc' });
        break;
      case 'snapshot':
        process.send!({ cmd: 'snapshot', path: writeHeapSnapshot() });
        break;
      case 'arm':
        armHold();
        process.send!({ cmd: 'arm' });
        break;
      case 'release':
        releaseHeld();
        process.send!({ cmd: 'release' });
        break;
      case 'exit':
        await close();
        process.exit(0);
    }
  });
  process.send!({ cmd: 'ready', port });
}
