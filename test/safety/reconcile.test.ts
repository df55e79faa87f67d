/**
 * Every session start reconciles the state with PROJECT-CONTEXT.md: a step the state calls accepted whose section is
 * not in the file (deleted file, cut-out section, `git clean`, a state file that claims an invented hash) is said to
 * be missing, on stderr and again in the final summary, and is generated and written again — never "Done: 3 accepted"
 * over a file holding one block. A committed state file's texts are cleaned like analysed text.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseOutput, removeBlock } from '../../src/output/index.js';
import { loadState } from '../../state/store.js';
import type { SessionState } from '../../state/schema.js';
import { runInTerminal } from '../helpers/pty.js';
import { tempRepo } from '../helpers/temp-repo.js';
import { CONTROL, expectPlain, runCli } from './cli.js';

const STEPS = '1,2,3';

/**
 * A repository whose session accepted steps 1 and 2 and stopped before step 3 (as a kill after "[2/3]" leaves it):
 * written by a real `--yes` run, then step 3 put back to pending.
 */
async function unfinishedSession(): Promise<{ root: string; output: string; stateFile: string }> {
  const root = tempRepo();
  const run = await runCli([root, '--yes', '--steps', STEPS]);
  expect(run.code, run.stderr).toBe(0);
  const output = path.join(root, 'PROJECT-CONTEXT.md');
  const stateFile = path.join(root, '.project-context/state.json');
  const state = JSON.parse(readFileSync(stateFile, 'utf8')) as SessionState;
  state.steps = state.steps.map((s) => (s.number === 3 ? { number: 3, title: s.title, status: 'pending' } : s));
  writeFileSync(stateFile, JSON.stringify(state));
  writeFileSync(output, removeBlock(readFileSync(output, 'utf8'), 3));
  return { root, output, stateFile };
}

function blocks(output: string): number[] {
  return parseOutput(readFileSync(output, 'utf8')).blocks.map((b) => b.step);
}

describe.concurrent('accepted sections missing from the output', { timeout: 120_000 }, () => {
  it('the file deleted: --yes says steps 1, 2 are gone, writes them again, and the summary repeats it; --check is current', async () => {
    const { root, output } = await unfinishedSession();
    rmSync(output);
    const run = await runCli([root, '--yes', '--steps', STEPS]);
    expectPlain(run);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`Steps 1, 2 were accepted, but their sections are gone: ${output} does not exist; they are generated again.`);
    expect(run.stderr).toMatch(/\[1\/3\] Step 1 — .*: accepted \(.*\); written again, its section was missing from the file/);
    expect(run.stdout).toMatch(/^Done: 3 accepted, 0 skipped\. .* Accepted sections that were missing from the file: steps 1, 2 written again\.$/m);
    expect(blocks(output)).toEqual([1, 2, 3]);
    const check = await runCli([root, '--check']);
    expect(check.code, check.stdout).toBe(0);
  });

  it('one section cut out of the file: only that step is written again, the other block is untouched', async () => {
    const { root, output } = await unfinishedSession();
    const before = parseOutput(readFileSync(output, 'utf8')).blocks.find((b) => b.step === 2)!;
    writeFileSync(output, removeBlock(readFileSync(output, 'utf8'), 1));
    const run = await runCli([root, '--yes', '--steps', STEPS]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`Step 1 was accepted, but its section is no longer in ${output}; it is generated again.`);
    expect(run.stdout).toContain('Done: 3 accepted, 0 skipped.');
    expect(run.stdout).toContain('missing from the file: step 1 written again.');
    expect(blocks(output)).toEqual([1, 2, 3]);
    expect(parseOutput(readFileSync(output, 'utf8')).blocks.find((b) => b.step === 2)!.body).toBe(before.body);
  });

  it('a state file claiming an accepted step with an invented hash, and raw escapes in an edit: the step is written, the escapes are not', async () => {
    const { root, output, stateFile } = await unfinishedSession();
    rmSync(output);
    const state = JSON.parse(readFileSync(stateFile, 'utf8')) as SessionState;
    const esc = '\u001b';
    state.steps = state.steps.map((s) =>
      s.number === 1
        ? { ...s, status: 'accepted', hash: '0123456789abcdef' }
        : s.number === 3
          ? { ...s, status: 'generated', edited: `## 3. Backend & API\n\nEdited ${esc}]0;PWNED\u0007 with ${esc}[31mred${esc}[0m and a bell\u0007.\n` }
          : s,
    );
    state.gitHead = `${esc}[2J`;
    writeFileSync(stateFile, JSON.stringify(state));
    const run = await runCli([root, '--yes', '--steps', STEPS]);
    expectPlain(run);
    expect(run.code, run.stderr).toBe(0);
    const text = readFileSync(output, 'utf8');
    expect(blocks(output)).toEqual([1, 2, 3]);
    expect(text).toContain('Edited  with red and a bell.');
    expect(text).not.toMatch(CONTROL);
    expect(`${run.stdout}${run.stderr}`).not.toMatch(CONTROL);
    expect(loadState(stateFile)?.steps.every((s) => s.status === 'accepted')).toBe(true);
  });

  it('interactive: the notice before the resume question, the review says why, the summary repeats it', { timeout: 120_000 }, async () => {
    const { root, output } = await unfinishedSession();
    rmSync(output);
    const term = runInTerminal([root, '--steps', STEPS]);
    await term.waitFor(/Resume at step 1/);
    expect(term.screen().replace(/\s+/g, ' ')).toContain('Steps 1, 2 were accepted, but their sections are gone');
    expect(term.screen().replace(/\s+/g, ' ')).toContain('0 accepted, 0 skipped');
    term.press('\r');
    await term.waitFor('Accepted before, but its section is missing from the file: review it again.');
    term.press('a');
    await term.waitFor(/Step 2 of 10/);
    await term.waitFor('Accepted before, but its section is missing from the file: review it again.');
    term.press('s');
    await term.waitFor(/Step 3 of 10/);
    term.press('a');
    expect(await term.exited()).toBe(0);
    const screen = term.screen().replace(/\s+/g, '');
    expect(screen).toContain('Done:2accepted,1skipped(step2;project-context--steps2reviewsit).');
    expect(screen).toContain('Acceptedsectionsthatweremissingfromthefile:step1writtenagain;step2skippedthistime,sonotinthefile.');
    expect(blocks(output)).toEqual([1, 3]);
  });
});
