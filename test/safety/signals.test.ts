/**
 * `--yes` stopped by a signal part-way (Ctrl+C in a CI log, a `kill`, a closed terminal): the documented exit code, one
 * line saying progress is saved, the lock released, the state loadable, every accepted block in the output once —
 * and the same command then finishes the job.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseOutput } from '../../src/output/index.js';
import { STEPS } from '../../src/steps/registry.js';
import { loadState } from '../../state/store.js';
import { CLI } from '../helpers/pty.js';
import { tempExample } from '../helpers/temp-repo.js';
import { expectCompleteOutput, expectPlain, leftBehind, runCli } from './cli.js';

const AVAILABLE = STEPS.filter((s) => s.definition).map((s) => s.number);
const copies: string[] = [];
afterAll(() => copies.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Starts `--yes`, sends `signal` once the first step is accepted, and resolves with how it ended. */
function interruptAfterFirstStep(root: string, signal: NodeJS.Signals): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, root, '--yes'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let sent = false;
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString('utf8');
      if (!sent && /\[1\/\d+\] Step \d+ — .*: accepted/.test(stderr)) {
        sent = true;
        child.kill(signal);
      }
    });
    child.stdout.resume();
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe.concurrent('--yes interrupted by a signal', { timeout: 120_000 }, () => {
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    it(`${signal}: exit ${code}, progress saved, lock released; the same command finishes`, async () => {
      const root = tempExample();
      copies.push(root);
      const stopped = await interruptAfterFirstStep(root, signal);
      expect(stopped.code, stopped.stderr).toBe(code);
      expect(stopped.stderr).toContain('Interrupted. Progress is saved; run the same command to resume.');
      expect(stopped.stderr).not.toMatch(/^\s+at /m);
      const stateFile = path.join(root, '.project-context/state.json');
      expect(existsSync(`${stateFile}.lock`)).toBe(false);
      const state = loadState(stateFile);
      const accepted = state?.steps.filter((s) => s.status === 'accepted').map((s) => s.number) ?? [];
      expect(accepted.length).toBeGreaterThanOrEqual(1);
      const blocks = parseOutput(readFileSync(path.join(root, 'PROJECT-CONTEXT.md'), 'utf8')).blocks.map((b) => b.step);
      for (const step of accepted) expect(blocks.filter((b) => b === step)).toHaveLength(1);

      const resumed = await runCli([root, '--yes']);
      expectPlain(resumed);
      expect(resumed.code, resumed.stderr).toBe(0);
      expectCompleteOutput(leftBehind(root).output, AVAILABLE);
    });
  }
});
