/**
 * `--check` on files that lost sections or gained a byte-order mark. What it can know from committed files alone: a
 * file with no section is drift; with the local session (the state folder is never committed), a section it accepted
 * that the file lacks is drift. A UTF-8 byte-order mark (Notepad) is tolerated on read and kept on write.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseOutput, removeBlock } from '../../src/output/index.js';
import { tempRepo } from '../helpers/temp-repo.js';
import { expectPlain, runCli } from './cli.js';

const BOM = '\ufeff';

async function accepted(steps = '1,2,3'): Promise<{ root: string; output: string }> {
  const root = tempRepo();
  const run = await runCli([root, '--yes', '--steps', steps]);
  expect(run.code, run.stderr).toBe(0);
  return { root, output: path.join(root, 'PROJECT-CONTEXT.md') };
}

describe.concurrent('--check and sections that are gone', { timeout: 120_000 }, () => {
  it('a byte-order mark added by an editor: still current (exit 0), and a later run keeps the mark', async () => {
    const { root, output } = await accepted();
    writeFileSync(output, BOM + readFileSync(output, 'utf8'));
    const check = await runCli([root, '--check']);
    expectPlain(check);
    expect(check.stdout).not.toMatch(/hand|begin marker is missing/);
    expect(check.code, check.stdout).toBe(0);

    const again = await runCli([root, '--yes', '--steps', '1,2,3,4']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).not.toContain('hand-edited');
    const text = readFileSync(output, 'utf8');
    expect(text.startsWith(`${BOM}<!-- project-context:begin step=1 `)).toBe(true);
    expect(parseOutput(text).blocks.map((b) => b.step)).toEqual([1, 2, 3, 4]);
    expect((await runCli([root, '--check'])).code).toBe(0);
  });

  it('an emptied file: drift (exit 3), with or without the local session', async () => {
    const { root, output } = await accepted();
    writeFileSync(output, '');
    const withState = await runCli([root, '--check']);
    expectPlain(withState);
    expect(withState.code, withState.stdout).toBe(3);
    expect(withState.stdout).toMatch(/step 1 \(Project Overview & Architecture\) was accepted \(says the session in .*state\.json\) but its section is not in the file/);

    rmSync(path.join(root, '.project-context'), { recursive: true });
    const cleanClone = await runCli([root, '--check']);
    expect(cleanClone.code, cleanClone.stdout).toBe(3);
    expect(cleanClone.stdout).toContain(`${output} holds no section written by project-context`);
    expect(cleanClone.stdout).toMatch(/drifted: 1 difference above\. Regenerate it: project-context$/m);
  });

  it('sections deleted from the file: each is drift (exit 3) when the local session accepted it, naming the steps to regenerate', async () => {
    const { root, output } = await accepted();
    writeFileSync(output, removeBlock(removeBlock(readFileSync(output, 'utf8'), 1), 3));
    const check = await runCli([root, '--check']);
    expect(check.code, check.stdout).toBe(3);
    expect(check.stdout).toMatch(/drift +step 1 .* but its section is not in the file/);
    expect(check.stdout).toMatch(/drift +step 3 .* but its section is not in the file/);
    expect(check.stdout).toContain('project-context --steps 1,3');
  });
});
