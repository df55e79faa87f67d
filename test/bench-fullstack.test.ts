import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script without types
import { FULLSTACK_FILES, fullStackFiles } from '../scripts/bench/generate-fullstack.mjs';

/** The repository the benchmark judges the per-step budget on (scripts/bench.mjs STEP_BUDGET). */
describe('the full-stack synthetic repository of the benchmark', () => {
  const files: Map<string, string> = fullStackFiles(FULLSTACK_FILES);
  const paths = [...files.keys()];

  it('has at most as many files as the per-step budget applies to, and is the same on every build', () => {
    expect(FULLSTACK_FILES).toBe(2000);
    expect(files.size).toBeLessThanOrEqual(FULLSTACK_FILES);
    expect(files.size).toBeGreaterThan(FULLSTACK_FILES - 10);
    expect([...fullStackFiles(FULLSTACK_FILES)]).toEqual([...files]);
  });

  it('holds CDK apps, Lambda services, Next.js apps and Express APIs, as a real full-stack monorepo does', () => {
    const packages = (kind: string) => new Set(paths.filter((p) => new RegExp(`^packages/[a-z]+-${kind}-\\d+/`).test(p)).map((p) => p.split('/')[1]));
    for (const kind of ['infra', 'service', 'next', 'express', 'lib', 'sdk']) expect(packages(kind).size, kind).toBeGreaterThan(0);
    expect(paths.filter((p) => p.endsWith('/next.config.js')).length).toBeGreaterThan(1);
    expect(paths.some((p) => /\/app\/api\/[a-z]+\/route\.ts$/.test(p))).toBe(true);
    expect(paths.some((p) => /\/src\/routes\/[a-z]+\.ts$/.test(p) && files.get(p)!.includes("from 'express'"))).toBe(true);
    expect(paths.some((p) => files.get(p)!.includes("from 'aws-cdk-lib'"))).toBe(true);
  });
});
