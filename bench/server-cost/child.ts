/**
 * The IPC side of a benchmark child: tells the parent its port, then answers `usage` (CPU and memory),
 * `gc`, `arm`/`release` (the hold gate of turn.ts), `snapshot` (a heap snapshot; its path is answered),
 * `cpu-start`/`cpu-stop` (a sampled CPU profile of what ran in between, for layers.ts), `count-start`/
 * `count-stop` (what ran in between, counted: async resources by type, listeners added, headers set, socket
 * writes and bytes; see counters.ts) and `exit`.
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
      case 'cpu-start':
      case 'cpu-stop':
        process.send!({ cmd: message.cmd, profile: await cpuProfiling(message.cmd === 'cpu-start') });
        break;
      case 'count-start':
      case 'count-stop':
        process.send!({ cmd: message.cmd, counts: await counting(message.cmd === 'count-start') });
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

let cpuSession: Session | undefined;
async function cpuProfiling(start: boolean): Promise<unknown> {
  const inspector = await import('node:inspector');
  cpuSession ??= new inspector.Session();
  const post = (method: string, params?: object) =>
    new Promise<any>((resolve, reject) =>
      cpuSession!.post(method, params, (error, result) => (error ? reject(error) : resolve(result))),
    );
  if (start) {
    cpuSession.connect();
    await post('Profiler.enable');
    await post('Profiler.setSamplingInterval', { interval: Number(process.env.CPU_SAMPLING_US ?? 200) });
    await post('Profiler.start');
    return null;
  }
  const { profile } = await post('Profiler.stop');
  await post('Profiler.disable');
  cpuSession.disconnect();
  return profile;
}

let counter: { stop(): Record<string, number> } | undefined;
async function counting(start: boolean): Promise<Record<string, number> | null> {
  if (start) {
    const { startCounting } = await import('./counters.js');
    counter = startCounting();
    return null;
  }
  const counts = counter?.stop() ?? {};
  counter = undefined;
  return counts;
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
