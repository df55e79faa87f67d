/**
 * A saved session that cannot be used — truncated by a crash of some other tool, hand-edited into nonsense, written
 * by a newer version — is never silently replaced or deleted: `--yes` stops with one sentence naming --restart and
 * leaves the file as it was (a copy is kept beside it); `--restart` then starts over and finishes.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { STEPS } from '../../src/steps/registry.js';
import { loadState } from '../../state/store.js';
import { tempRepo } from '../helpers/temp-repo.js';
import { expectCompleteOutput, expectPlain, leftBehind, runCli } from './cli.js';

const AVAILABLE = STEPS.filter((s) => s.definition).map((s) => s.number);

/** A repo with a finished first session (so the state file is real), then the state replaced by `damage(text)`. */
async function damagedSession(damage: (text: string) => string): Promise<{ root: string; stateFile: string; bad: string }> {
  const root = tempRepo();
  const first = await runCli([root, '--yes', '--steps', '1,2']);
  expect(first.code, first.stderr).toBe(0);
  const stateFile = path.join(root, '.project-context/state.json');
  const bad = damage(readFileSync(stateFile, 'utf8'));
  writeFileSync(stateFile, bad);
  return { root, stateFile, bad };
}

const CASES: Array<{ name: string; damage: (text: string) => string; says: RegExp }> = [
  { name: 'truncated mid-write', damage: (t) => t.slice(0, Math.floor(t.length / 2)), says: /is damaged \(not valid JSON\)/ },
  {
    name: 'hand-edited into nonsense',
    damage: (t) => JSON.stringify({ ...JSON.parse(t), steps: 'all of them, probably', root: 42 }),
    says: /is not a valid project-context session \(/,
  },
  { name: 'from a future version', damage: (t) => JSON.stringify({ ...JSON.parse(t), version: 99 }), says: /written by a newer project-context \(state version 99/ },
];

describe.concurrent('a state file that cannot be used', { timeout: 120_000 }, () => {
  for (const { name, damage, says } of CASES) {
    it(`${name}: --yes stops with a plain sentence and keeps the file; --restart starts over`, async () => {
      const { root, stateFile, bad } = await damagedSession(damage);
      const outputBefore = leftBehind(root).output;

      const refused = await runCli([root, '--yes']);
      expectPlain(refused);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(says);
      expect(refused.stderr).toContain('--restart');
      expect(readFileSync(stateFile, 'utf8')).toBe(bad); // untouched
      expect(leftBehind(root).output).toBe(outputBefore);
      const copies = readdirSync(path.dirname(stateFile)).filter((n) => n.startsWith('state.json.bak-'));
      expect(copies).toHaveLength(1);
      expect(readFileSync(path.join(path.dirname(stateFile), copies[0]), 'utf8')).toBe(bad);
      expect(existsSync(`${stateFile}.lock`)).toBe(false);

      const restarted = await runCli([root, '--yes', '--restart']);
      expectPlain(restarted);
      expect(restarted.code, restarted.stderr).toBe(0);
      expect(restarted.stderr).toMatch(/starting a new one \(the old file is kept as .*state\.json\.bak-/);
      expect(loadState(stateFile)?.steps.every((s) => s.status === 'accepted')).toBe(true);
      expectCompleteOutput(leftBehind(root).output, AVAILABLE);
    });
  }
});
