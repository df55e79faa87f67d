import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './helpers/fixture.js';

const CLI = path.join(PROJECT_ROOT, 'dist/bin/cli.js');
const EXAMPLE = path.join(PROJECT_ROOT, 'examples/kv-store');

/** A `--yes` run of the built CLI on a copy of the example; the file it wrote and the detectors the helper ran. */
function run(helper: string): { markdown: string; facts: string; fromHelper: string[] } {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'pc-helper-'));
  const repo = path.join(tmp, 'repo');
  cpSync(EXAMPLE, repo, { recursive: true });
  const output = path.join(tmp, 'out', 'PROJECT-CONTEXT.md');
  const timings = path.join(tmp, 'timings.jsonl');
  const result = spawnSync(process.execPath, [CLI, repo, '--yes', '--output', output, '--state', path.join(tmp, 'out', '.project-context', 'state.json')], {
    env: { ...process.env, PROJECT_CONTEXT_HELPER: helper, PROJECT_CONTEXT_TIMINGS: timings },
    encoding: 'utf8',
  });
  expect(result.status, result.stderr).toBe(0);
  const events = readFileSync(timings, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { event: string; detector?: string; helper?: number });
  return {
    markdown: readFileSync(output, 'utf8'),
    facts: readFileSync(output.replace(/\.md$/, '.facts.json'), 'utf8'),
    fromHelper: events.filter((e) => e.event === 'detector' && e.helper === 1).map((e) => e.detector!),
  };
}

describe('the --yes helper thread', () => {
  it('writes the same file and fact record as one thread, with the detectors it ran taken from it', () => {
    const alone = run('none');
    expect(alone.fromHelper).toEqual([]);
    // The default list and one that also takes detectors the first steps need (so the main thread waits for them).
    for (const list of ['backend-code,react-router,db-access,sdk,dependencies', 'cdk,env,backend-code,db-access,sdk,dependencies,packages']) {
      const helped = run(list);
      expect(helped.fromHelper.length).toBeGreaterThan(0);
      for (const id of helped.fromHelper) expect(list.split(',')).toContain(id);
      expect(helped.markdown).toBe(alone.markdown);
      expect(helped.facts).toBe(alone.facts);
    }
  }, 120_000);
});
