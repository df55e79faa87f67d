/**
 * Session hygiene in a real terminal (issue 15): a finished session run again asks; the --steps question keeps the
 * unfinished session by default; backups go to the session folder and are named; notices stay until dismissed and
 * are repeated at the end; the summary lists skipped steps and how to review them.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadState } from '../../state/store.js';
import { CLI, runInTerminal } from '../helpers/pty.js';
import { tempRepo } from '../helpers/temp-repo.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const STATE = '.project-context/state.json';

describe('session hygiene in a real terminal', { timeout: 120_000 }, () => {
  it('a finished session run again asks what to do; the summary names skipped steps and how to review them', async () => {
    const root = tempRepo();
    const first = runInTerminal([root, '--steps', '1,2']);
    await first.waitFor('Step 1 of 10');
    first.press('a');
    await first.waitFor('Step 2 of 10');
    first.press('s');
    expect(await first.exited()).toBe(0);
    expect(first.history().join('\n')).toMatch(/Done: 1 accepted, 1 skipped \(step 2; project-context --steps 2 reviews it\)/);
    const before = readFileSync(path.join(root, 'PROJECT-CONTEXT.md'), 'utf8');

    const second = runInTerminal([root, '--steps', '1,2']);
    await second.waitFor('This session is finished: 1 accepted, 1 skipped (2). What now?');
    expect(second.screen()).toContain('Review the skipped step (2)');
    expect(second.screen()).toContain('Review every step again');
    second.press('\u001b[B\u001b[B\u001b[B'); // to Quit
    await sleep(200);
    second.press('\r');
    expect(await second.exited()).toBe(0);
    expect(second.history().join('\n')).toContain('Nothing changed; PROJECT-CONTEXT.md is as it was.');
    expect(readFileSync(path.join(root, 'PROJECT-CONTEXT.md'), 'utf8')).toBe(before);

    const third = runInTerminal([root, '--steps', '1,2']);
    await third.waitFor('What now?');
    third.press('\r'); // the default: review the skipped step
    await third.waitFor('Step 2 of 10');
    expect(third.screen()).toMatch(/✓1 ▸2/);
    third.press('q');
    expect(await third.exited()).toBe(0);
  });

  it('the --steps question keeps the unfinished session unless told otherwise', async () => {
    const root = tempRepo();
    const first = runInTerminal([root, '--steps', '1,2']);
    await first.waitFor('Step 1 of 10');
    first.press('a');
    await first.waitFor('Step 2 of 10');
    first.press('q');
    expect(await first.exited()).toBe(0);
    const second = runInTerminal([root, '--steps', '3']);
    await second.waitFor('An unfinished session for steps 1, 2 stopped at step 2.');
    second.press('\r');
    await second.waitFor('Step 2 of 10');
    second.press('q');
    expect(await second.exited()).toBe(0);
    expect(loadState(path.join(root, STATE))?.steps.map((s) => s.number)).toEqual([1, 2]);
  });

  it('a backup goes to the session folder and is named on screen when made; notices stay until x and come back at the end', async () => {
    const root = tempRepo({ 'PROJECT-CONTEXT.md': '# Notes someone wrote by hand\n' });
    const run = runInTerminal([root, '--steps', '1,2']);
    await run.waitFor('Step 1 of 10');
    run.press('a');
    await run.waitFor('was not written by project-context');
    run.press('2'); // start a new file, keeping a backup
    await run.waitFor('Step 2 of 10');
    const backups = readdirSync(path.join(root, '.project-context')).filter((f) => f.startsWith('PROJECT-CONTEXT.md.bak-'));
    expect(backups).toHaveLength(1);
    expect(readdirSync(root).filter((f) => f.includes('.bak'))).toEqual([]);
    const named = new RegExp(`is kept as [^\\n]*\\.project-context/${backups[0].replace(/\./g, '\\.')}`);
    expect(run.screen().replace(/\n(?!!)/g, '')).toMatch(named);
    // The notice is still there on the next screen, until x.
    expect(run.screen()).toMatch(/^! The previous .*PROJECT-CONTEXT\.md is kept as/m);
    run.press('x');
    await sleep(300);
    expect(run.screen()).not.toMatch(/^! The previous/m);
    run.press('q');
    expect(await run.exited()).toBe(0);
    // Repeated when the wizard ends (the terminal wraps the long line).
    expect(run.history().join('')).toMatch(/The previous .*PROJECT-CONTEXT\.md is kept as .*\.project-context\/PROJECT-CONTEXT\.md\.bak-/);
  });

  it('answering n to the resume question starts over and names the backup on screen', async () => {
    const root = tempRepo();
    const first = runInTerminal([root, '--steps', '1,2']);
    await first.waitFor('Step 1 of 10');
    first.press('a');
    await first.waitFor('Step 2 of 10');
    first.press('q');
    expect(await first.exited()).toBe(0);
    const second = runInTerminal([root, '--steps', '1,2']);
    await second.waitFor('Resume at step 2');
    second.press('n');
    second.press('\r');
    await second.waitFor('Step 1 of 10');
    const backup = readdirSync(path.join(root, '.project-context')).find((f) => f.startsWith('PROJECT-CONTEXT.md.bak-'));
    expect(backup).toBeDefined();
    // The notice may take two rows: joined, it names the backup in full.
    expect(second.screen()).toMatch(/^! Starting over\. The previous PROJECT-CONTEXT\.md is kept as/m);
    expect(second.screen().replace(/\n/g, '')).toContain(`.project-context/${backup}.`);
    expect(existsSync(path.join(root, 'PROJECT-CONTEXT.md'))).toBe(false);
    second.press('q');
    expect(await second.exited()).toBe(0);
  });

  it('a step accepted before the code changed is marked stale on the rail, with a notice naming the command', async () => {
    const root = tempRepo({ 'README.md': '# First Title\n\nThe first tagline.\n' });
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'ignore' });
    git('init', '-q');
    git('add', '-A');
    git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'one');
    const first = runInTerminal([root, '--steps', '1,2']);
    await first.waitFor('Step 1 of 10');
    first.press('a');
    await first.waitFor('Step 2 of 10');
    first.press('q');
    expect(await first.exited()).toBe(0);
    writeFileSync(path.join(root, 'README.md'), '# Second Title\n\nThe second tagline.\n');
    const second = runInTerminal([root, '--steps', '1,2']);
    await second.waitFor('Resume at step 2');
    second.press('\r');
    await second.waitFor('Step 2 of 10');
    expect(second.screen()).toMatch(/!1 ▸2/);
    expect(second.screen()).toMatch(/^! Step 1 was accepted before the change; to refresh, run project-context --steps 1/m);
    second.press('q');
    expect(await second.exited()).toBe(0);
    expect(second.history().join('\n')).toMatch(/Step 1 was accepted before the change/);
    expect(existsSync(CLI)).toBe(true);
  });
});
