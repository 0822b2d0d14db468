/**
 * The IPC side of a benchmark child: tells the parent its port, then answers `usage` (CPU and memory),
 * `gc`, `arm`/`release` (the hold gate of turn.ts), `snapshot` (a heap snapshot; its path is answered) and
 * `exit`.
 *
 * @module
 */
import { constants, PerformanceObserver } from 'node:perf_hooks';
import type { Session } from 'node:inspector';
import { writeHeapSnapshot } from 'node:v8';
import { armHold, releaseHeld } from './turn.js';

export function serveChild(port: number, close: () => unknown): void {
  // GC pauses on the main thread (count and ms, by kind: minor = scavenges, major = mark-compact), so the
  // benchmark can show where a round's CPU went; the CPU the GC spends is counted in cpuUsage either way.
  const gc = { count: 0, ms: 0, majorCount: 0, majorMs: 0 };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gc.count++;
      gc.ms += entry.duration;
      if ((entry as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) {
        gc.majorCount++;
        gc.majorMs += entry.duration;
      }
    }
  }).observe({ entryTypes: ['gc'] });
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
          gc: { ...gc },
        });
        break;
      }
      case 'gc':
        (globalThis as { gc?: () => void }).gc?.();
        process.send!({ cmd: 'gc' });
        break;
      case 'alloc-start':
      case 'alloc-stop':
        // Sampled allocations, garbage included (what GC time per turn follows): see alloc-profile.ts.
        process.send!({ cmd: message.cmd, profile: await allocationSampling(message.cmd === 'alloc-start') });
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

let session: Session | undefined;
async function allocationSampling(start: boolean): Promise<unknown> {
  const inspector = await import('node:inspector');
  session ??= new inspector.Session();
  if (start) session.connect();
  const post = (method: string, params?: object) =>
    new Promise<any>((resolve, reject) =>
      session!.post(method, params, (error, result) => (error ? reject(error) : resolve(result))),
    );
  if (start) {
    await post('HeapProfiler.startSampling', {
      samplingInterval: 1024,
      includeObjectsCollectedByMajorGC: true,
      // ALLOC_SURVIVORS=1 (see alloc-profile.ts): leave out what a scavenge collected, so the profile shows
      // what survived one (promoted or copied: the scavenges' cost) plus what is still alive.
      includeObjectsCollectedByMinorGC: process.env.ALLOC_SURVIVORS !== '1',
    });
    return null;
  }
  const { profile } = await post('HeapProfiler.stopSampling');
  session.disconnect();
  return profile;
}
