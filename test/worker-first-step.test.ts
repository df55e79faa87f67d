import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './helpers/fixture.js';

// The built modules: the analysis worker runs only from JavaScript (see worker-analysis.ts).
const { startAnalysis } = (await import(path.join(PROJECT_ROOT, 'dist/src/wizard/worker-analysis.js'))) as typeof import('../src/wizard/worker-analysis.js');
const EXAMPLE = path.join(PROJECT_ROOT, 'examples/kv-store');
const DETECTOR_PHASE = /\(\d+ of \d+\)/;

/** The progress a request for step 1 reports, asked 4 s after the analysis opened (with or without a plan before). */
async function phasesOfStep1(planEarly: boolean): Promise<string[]> {
  const start = startAnalysis({ root: EXAMPLE, context: {}, exclude: [], inWorker: true });
  try {
    if (planEarly) start.plan([1, 2, 3]);
    const analysis = await start.opened;
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    const phases: string[] = [];
    const section = await analysis.section(1, (p) => phases.push(p));
    expect(section.markdown).toContain('Project Overview');
    return phases;
  } finally {
    start.close();
  }
}

describe('the analysis worker', () => {
  it('makes the first planned step while the terminal loads, before the UI asks for it', async () => {
    // Planned before the UI exists: asked for later, the section is ready, with no detector still to run.
    expect((await phasesOfStep1(true)).filter((p) => DETECTOR_PHASE.test(p))).toEqual([]);
    // Not planned: the request starts the work, and its detectors report progress.
    expect((await phasesOfStep1(false)).some((p) => DETECTOR_PHASE.test(p))).toBe(true);
  }, 60_000);
});
