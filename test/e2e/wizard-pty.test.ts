import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseOutput } from '../../src/output/index.js';
import { STEPS } from '../../src/steps/registry.js';
import { loadState } from '../../state/store.js';
import { CLI, runInTerminal } from '../helpers/pty.js';
import { tempExample } from '../helpers/temp-repo.js';

const implemented = STEPS.filter((s) => s.definition).map((s) => s.number);

function gitRepo(dir: string): string {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
  git('init', '-q');
  git('add', '-A');
  git('-c', 'user.email=test@example.com', '-c', 'user.name=test', 'commit', '-qm', 'init');
  return dir;
}

/** An EDITOR that appends a marker line, like a user typing a note and saving. */
function scriptedEditor(): string {
  const file = path.join(os.tmpdir(), `pc-editor-${process.pid}.sh`);
  writeFileSync(file, '#!/bin/sh\nprintf "\\nEDITED IN THE PTY TEST\\n" >> "$1"\n');
  chmodSync(file, 0o755);
  return file;
}

describe('the wizard in a real terminal', { timeout: 120_000 }, () => {
  beforeAll(() => {
    if (!existsSync(CLI)) throw new Error('dist/bin/cli.js is missing: npm test builds it first (npm run build).');
  });

  it('accept step 1, edit step 2, quit; then resume and finish: each section once, the edit kept', async () => {
    const repo = gitRepo(tempExample());
    const editor = scriptedEditor();
    const first = runInTerminal([repo], { EDITOR: editor });
    await first.waitFor('Step 1 of 10 — Project Overview & Architecture');
    // The title is at the top of the frame and the key bar at its bottom: the terminal may show one before the other.
    await first.waitFor(/a\s+accept/);
    first.press('a');
    await first.waitFor('Step 2 of 10 — Directory Structure');
    first.press('e');
    await first.waitFor('Your edit is saved');
    expect(first.screen()).toContain('edited');
    first.press('q');
    expect(await first.exited()).toBe(0);
    expect(first.output()).toContain('Progress saved');

    const second = runInTerminal([repo], { EDITOR: editor });
    await second.waitFor('Resume at step 2 of 10 — 1 accepted, 0 skipped?');
    second.press('\r');
    await second.waitFor('Step 2 of 10 — Directory Structure');
    expect(second.screen()).toContain('edited');
    for (const step of implemented.slice(1)) {
      await second.waitFor(`Step ${step} of 10`);
      second.press('a');
    }
    expect(await second.exited(30_000)).toBe(0);
    expect(second.output()).toMatch(/Done: \d+ accepted \(1 edited\)/);

    const text = readFileSync(path.join(repo, 'PROJECT-CONTEXT.md'), 'utf8');
    const doc = parseOutput(text);
    expect(doc.blocks.map((b) => b.step)).toEqual(implemented);
    expect(doc.blocks.every((b) => !b.handEdited)).toBe(true);
    expect(text.match(/EDITED IN THE PTY TEST/g)).toHaveLength(1);
    const state = loadState(path.join(repo, '.project-context/state.json'));
    expect(state?.steps.every((s) => s.status === 'accepted')).toBe(true);
    // The session folder ignores itself, so `git status` shows only the output and its fact record (to commit both).
    const status = execFileSync('git', ['status', '--porcelain'], { cwd: repo, encoding: 'utf8' });
    expect(status.trim()).toBe('?? PROJECT-CONTEXT.facts.json\n?? PROJECT-CONTEXT.md');
  });

  it('follows a window resize; Ctrl+C on the review screen saves progress, restores the terminal and exits 130', async () => {
    const repo = tempExample();
    const run = runInTerminal([repo]);
    await run.waitFor('Step 1 of 10');
    // A resized window re-wraps the section and resizes the viewport (20 rows: 15 for the section).
    run.pty.resize(70, 20);
    await run.waitFor(/lines 1–15 of \d+/);
    run.press('\u0003');
    expect(await run.exited()).toBe(130);
    expect(run.output()).toContain('Progress is saved');
    // Ink shows the cursor again on the way out.
    expect(run.output().lastIndexOf('\u001b[?25h')).toBeGreaterThan(run.output().lastIndexOf('\u001b[?25l'));
    expect(loadState(path.join(repo, '.project-context/state.json'))?.steps[0].status).toBe('generated');
  });

  it('without a terminal and without --yes: exit 2 naming --yes', () => {
    const repo = tempExample();
    let status = 0;
    let stderr = '';
    try {
      execFileSync(process.execPath, [CLI, repo], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
    } catch (error) {
      const e = error as { status: number; stderr: string };
      status = e.status;
      stderr = e.stderr;
    }
    expect(status).toBe(2);
    expect(stderr).toContain('--yes');
    expect(existsSync(path.join(repo, 'PROJECT-CONTEXT.md'))).toBe(false);
  });
});
