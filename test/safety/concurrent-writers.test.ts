/**
 * Two wizards on one PROJECT-CONTEXT.md with different state files (so the session lock does not keep them apart):
 * `--yes --steps 1,3,5,7,9` and `--yes --steps 2,4,6,8,10 --state /elsewhere/state.json`, started together as real
 * processes. Each accept is a read-modify-write of the output; the output's write lock (src/output/output-lock.ts)
 * makes them take turns, so both finish and every block is there exactly once. The test-only write delay holds each
 * write open between reading the file and renaming the new one into place, so the race happens in every round.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseOutput } from '../../src/output/index.js';
import { tempRepo } from '../helpers/temp-repo.js';
import { expectPlain, runCli } from './cli.js';

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('two wizards, different --state, one output', () => {
  it('5 rounds of two concurrent --yes runs: both exit 0, all ten blocks present once, in order, undamaged', { timeout: 300_000 }, async () => {
    for (let round = 1; round <= 5; round++) {
      const root = tempRepo();
      const elsewhere = mkdtempSync(path.join(os.tmpdir(), 'pc-elsewhere-'));
      made.push(root, elsewhere);
      const env = { PROJECT_CONTEXT_TEST_DELAY_WRITE_MS: String(20 + round * 10) };
      const [odd, even] = await Promise.all([
        runCli([root, '--yes', '--steps', '1,3,5,7,9'], { env }),
        runCli([root, '--yes', '--steps', '2,4,6,8,10', '--state', path.join(elsewhere, 'state.json')], { env }),
      ]);
      for (const run of [odd, even]) {
        expectPlain(run);
        expect(run.code, `round ${round}: ${run.stderr}`).toBe(0);
      }
      const doc = parseOutput(readFileSync(path.join(root, 'PROJECT-CONTEXT.md'), 'utf8'));
      expect(doc.malformed, `round ${round}`).toEqual([]);
      expect(doc.blocks.map((b) => b.step), `round ${round}\n${odd.stderr}\n${even.stderr}`).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(doc.blocks.every((b) => !b.handEdited)).toBe(true);
    }
  });
});
