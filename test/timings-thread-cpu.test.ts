import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

async function timingsWith(file: string | undefined) {
  vi.resetModules();
  if (file === undefined) vi.stubEnv('PROJECT_CONTEXT_TIMINGS', '');
  else vi.stubEnv('PROJECT_CONTEXT_TIMINGS', file);
  return import('../src/wizard/timings.js');
}

describe('the analysis thread CPU the timing channel reports', () => {
  afterEach(() => vi.unstubAllEnvs());

  it.runIf(process.platform === 'linux')('counts this thread’s CPU time, in ms, while timing is on', async () => {
    const { threadCpuMs } = await timingsWith(path.join(os.tmpdir(), `pc-thread-cpu-${process.pid}.jsonl`));
    const before = threadCpuMs();
    expect(before).toBeTypeOf('number');
    const until = performance.now() + 120;
    let spin = 0;
    while (performance.now() < until) spin++;
    expect(spin).toBeGreaterThan(0);
    const used = threadCpuMs()! - before!;
    // Ticks are 10 ms; a loaded machine may give the loop less than its wall time, never more.
    expect(used).toBeGreaterThanOrEqual(20);
    expect(used).toBeLessThanOrEqual(1000);
  });

  it('reads nothing when timing is off', async () => {
    const { threadCpuMs } = await timingsWith(undefined);
    expect(threadCpuMs()).toBeUndefined();
  });
});
