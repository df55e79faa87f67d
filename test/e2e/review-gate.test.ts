/**
 * The review gate in a real terminal (issue 15): nothing is accepted unseen, `u` takes a decision back (and a kill
 * right after leaves file and state in agreement), `r` does not silently drop an edit, and `a` is confirmed at once
 * even while the next section is still being prepared.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseOutput } from '../../src/output/index.js';
import { loadState } from '../../state/store.js';
import { runInTerminal } from '../helpers/pty.js';
import { tempExample, tempRepo } from '../helpers/temp-repo.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const STATE = '.project-context/state.json';

function blocks(root: string): number[] {
  const file = path.join(root, 'PROJECT-CONTEXT.md');
  return existsSync(file) ? parseOutput(readFileSync(file, 'utf8')).blocks.map((b) => b.step) : [];
}

/** A repository whose step 3 takes seconds to analyse: 3,000 files of Express routes. */
function slowBackend(): string {
  const files: Record<string, string> = { 'package.json': JSON.stringify({ name: 'big', workspaces: ['packages/*'] }) };
  const route = (n: number) => `import express from 'express';\nexport const r${n} = express.Router();\nr${n}.get('/items/${n}', (req, res) => res.json([]));\n`;
  for (let p = 0; p < 30; p++) {
    files[`packages/p${p}/package.json`] = JSON.stringify({ name: `p${p}`, dependencies: { express: '^4.19.0' } });
    for (let f = 0; f < 100; f++) files[`packages/p${p}/src/r${f}.ts`] = route(f).repeat(8);
  }
  return tempRepo(files);
}

describe('the review gate in a real terminal', { timeout: 120_000 }, () => {
  it('keys that come before a section could be seen decide nothing: a at once, Enter ten times 0.3 s apart, a typed twice', async () => {
    const root = tempRepo();
    const run = runInTerminal([root, '--steps', '1,2,3']);
    await run.waitFor('Step 1 of 10');
    run.pressNow('a');
    await run.waitFor('Not accepted: this section only just appeared');
    for (let i = 0; i < 10; i++) {
      run.pressNow('\r');
      await sleep(300);
    }
    expect(run.screen()).toContain('Step 1 of 10');
    expect(blocks(root)).toEqual([]);
    // Looked at, then a: accepted. A second a 120 ms later lands on step 2, which only just appeared.
    await sleep(400);
    run.pressNow('a');
    await sleep(120);
    run.pressNow('a');
    await run.waitFor('Step 2 of 10');
    // The second a reached step 1's screen after its decision (ignored) or step 2's before it could be seen (dropped).
    await sleep(500);
    expect(run.screen()).toContain('Step 2 of 10');
    expect(blocks(root)).toEqual([1]);
    // Enter after a second of quiet accepts.
    await sleep(1100);
    run.pressNow('\r');
    await run.waitFor('Step 3 of 10');
    expect(blocks(root)).toEqual([1, 2]);
    run.press('q');
    expect(await run.exited()).toBe(0);
  });

  it('Enter answering the resume question, and Enter again, do not accept the restored step', async () => {
    const root = tempRepo();
    const first = runInTerminal([root, '--steps', '1,2']);
    await first.waitFor('Step 1 of 10');
    first.press('q');
    expect(await first.exited()).toBe(0);
    const second = runInTerminal([root, '--steps', '1,2']);
    await second.waitFor('Resume at step 1');
    second.pressNow('\r');
    await sleep(400);
    second.pressNow('\r');
    // The second Enter lands before the screen is drawn (dropped: the restored notice stays) or on a screen that
    // only just appeared (refused, saying so); under load either can happen, and neither accepts.
    await second.waitFor(/Restored from the saved session|only just appeared/);
    await sleep(300);
    expect(second.screen()).toContain('Step 1 of 10');
    expect(blocks(root)).toEqual([]);
    second.press('q');
    expect(await second.exited()).toBe(0);
  });

  it('u takes the last accept back out of the file and shows that step again; a kill right after leaves file and state agreeing', async () => {
    const root = tempExample();
    const run = runInTerminal([root, '--steps', '1,2,3']);
    await run.waitFor('Step 1 of 10');
    run.press('a');
    await run.waitFor('Step 2 of 10');
    expect(run.screen()).toMatch(/✓ Step 1 — Project Overview & Architecture: written to .*PROJECT-CONTEXT\.md/);
    run.press('a');
    await run.waitFor('Step 3 of 10');
    expect(blocks(root)).toEqual([1, 2]);
    run.press('u');
    await run.waitFor(/Undone: step 2 — Directory Structure was taken out of/);
    expect(run.screen()).toContain('Step 2 of 10');
    expect(run.screen()).toMatch(/✓1 ▸2 ·3/);
    expect(blocks(root)).toEqual([1]);
    run.press('u');
    await run.waitFor(/Undone: step 1 — Project Overview & Architecture was taken out of/);
    // The file held only what the wizard wrote: it is gone.
    expect(existsSync(path.join(root, 'PROJECT-CONTEXT.md'))).toBe(false);
    run.pty.kill('SIGKILL');
    await run.exited();
    const state = loadState(path.join(root, STATE));
    expect(state?.steps.map((s) => s.status)).toEqual(['generated', 'generated', 'generated']);
    expect(state?.steps.some((s) => s.undoing)).toBe(false);

    // The next run resumes at step 1 and writes each section once.
    const again = runInTerminal([root, '--steps', '1,2,3']);
    await again.waitFor('Resume at step 1');
    again.press('\r');
    for (const step of [1, 2, 3]) {
      await again.waitFor(`Step ${step} of 10`);
      again.press('a');
    }
    expect(await again.exited()).toBe(0);
    expect(blocks(root)).toEqual([1, 2, 3]);
  });

  it('u after a skip un-skips; u with nothing decided says so', async () => {
    const root = tempRepo();
    const run = runInTerminal([root, '--steps', '1,2']);
    await run.waitFor('Step 1 of 10');
    run.press('u');
    await run.waitFor('Nothing to undo yet');
    run.press('s');
    await run.waitFor('Step 2 of 10');
    expect(run.screen()).toMatch(/–1 ▸2/);
    expect(run.screen()).toContain('Step 1 — Project Overview & Architecture skipped; nothing written. u takes it back.');
    run.press('u');
    await run.waitFor('is no longer skipped');
    expect(run.screen()).toContain('Step 1 of 10');
    run.press('q');
    expect(await run.exited()).toBe(0);
    expect(loadState(path.join(root, STATE))?.steps.map((s) => s.status)).toEqual(['generated', 'generated']);
  });

  it('r on an edited section asks first; regenerating shows what changed (d switches back)', async () => {
    const root = tempRepo();
    const editor = path.join(root, 'append-note.sh');
    const { writeFileSync, chmodSync } = await import('node:fs');
    writeFileSync(editor, '#!/bin/sh\nprintf "\\nMY OWN NOTE\\n" >> "$1"\n');
    chmodSync(editor, 0o755);
    const run = runInTerminal([root, '--steps', '1'], { EDITOR: editor });
    await run.waitFor('Step 1 of 10');
    run.press('e');
    await run.waitFor('Your edit is saved');
    run.press('r');
    await run.waitFor('has your edit. Regenerating replaces it');
    run.press('1'); // keep my edit
    await run.waitFor('Your edit is kept');
    expect(loadState(path.join(root, STATE))?.steps[0].edited).toContain('MY OWN NOTE');
    run.press('r');
    await run.waitFor('has your edit');
    run.press('2');
    await run.waitFor(/Regenerated from the code: \+0 −2 lines/);
    expect(run.screen()).toMatch(/changes from your edit \(\+0 −2\)/);
    expect(run.screen()).toMatch(/- MY OWN NOTE/);
    run.press('d');
    await run.waitFor(/── lines 1–/);
    run.press('q');
    expect(await run.exited()).toBe(0);
    expect(loadState(path.join(root, STATE))?.steps[0].edited).toBeUndefined();
  });

  it('reviewing a step again (--steps) opens on what would change against the section in the file', async () => {
    const root = tempRepo({ 'README.md': '# First Title\n\nThe first tagline.\n' });
    const { execFileSync } = await import('node:child_process');
    const { CLI } = await import('../helpers/pty.js');
    execFileSync(process.execPath, [CLI, root, '--yes'], { stdio: 'ignore' });
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path.join(root, 'README.md'), '# First Title\n\nA second tagline.\n');
    const run = runInTerminal([root, '--steps', '1']);
    await run.waitFor('Step 1 of 10');
    await run.waitFor(/already has this step: \+\d+ −\d+ lines would change/);
    expect(run.screen()).toMatch(/changes from the section in .*PROJECT-CONTEXT\.md/);
    expect(run.screen()).toMatch(/^- .*The first tagline/m);
    expect(run.screen()).toMatch(/^\+ .*A second tagline/m);
    run.press('d');
    await run.waitFor(/── lines 1–/);
    run.press('a');
    expect(await run.exited()).toBe(0);
    expect(readFileSync(path.join(root, 'PROJECT-CONTEXT.md'), 'utf8')).toContain('A second tagline');
  });

  it('after a, the line saying what was written where shows at once, while the next section is still being prepared', async () => {
    const root = slowBackend();
    const run = runInTerminal([root, '--steps', '1,3']);
    await run.waitFor('Step 1 of 10', 60_000);
    await sleep(400);
    run.pressNow('a');
    await run.waitFor(/✓ Step 1 — Project Overview & Architecture: written to .*PROJECT-CONTEXT\.md/, 2_000);
    const screen = run.screen();
    expect(screen).toContain('Preparing step 3 of 10 — Backend & API');
    expect(screen).not.toContain('Step 1 of 10 — Project Overview');
    expect(screen).toMatch(/✓1 ▸3/);
    // Progress in the user's words, with counts, and the time once it takes more than a second.
    await run.waitFor(/Reading HTTP server routes \(\d+ of \d+\)|Reading [A-Za-z ,]+ \(\d+ of \d+\)/, 30_000);
    await run.waitFor(/· \d+\.\d s/, 30_000);
    expect(run.output()).not.toContain('Analysing');
    await run.waitFor('Step 3 of 10', 90_000);
    run.press('q');
    expect(await run.exited()).toBe(0);
  });
});
