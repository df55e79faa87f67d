/**
 * Interruptions and failures in a real terminal (node-pty + headless xterm, driving dist/bin/cli.js):
 * - Ctrl+C during analysis and inside the editor: exit 130, progress saved, cursor shown, and the terminal back in
 *   cooked mode (a wrapper shell runs `stty -a` on the same terminal after the wizard exits);
 * - an editor that fails or leaves the file empty: the section keeps its text and the user is told;
 * - the output cannot be written: the message, state unchanged, press a again once fixed; the output changed by
 *   another program: the question; Ctrl+C on a question;
 * - the repository changed since the session was saved: the wizard says so and offers to regenerate.
 */
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseOutput } from '../../src/output/index.js';
import { loadState } from '../../state/store.js';
import { runInTerminal, type TerminalRun } from '../helpers/pty.js';
import { tempRepo } from '../helpers/temp-repo.js';

const STATE = '.project-context/state.json';

/** Runs the wizard, then reports its exit status and the terminal's modes, as a shell would see them afterwards. */
const REPORT = 'trap : INT; "$@"; echo "EXIT=$?"; stty -a';

function script(body: string): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'pc-editor-')), 'editor.sh');
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

/** After the wizard exited: its status, and whether it left the terminal in raw mode or the cursor hidden. */
async function expectRestored(run: TerminalRun, status: number): Promise<void> {
  await run.exited(30_000);
  const raw = run.output();
  const exit = raw.indexOf('EXIT=');
  expect(raw.slice(exit, exit + 10)).toMatch(new RegExp(`^EXIT=${status}\\b`));
  const modes = raw.slice(exit);
  expect(modes).toMatch(/(^|\s)icanon(\s|$)/);
  expect(modes).toMatch(/(^|\s)echo(\s|$)/);
  const wizard = raw.slice(0, exit);
  expect(wizard.lastIndexOf('\u001b[?25h')).toBeGreaterThanOrEqual(wizard.lastIndexOf('\u001b[?25l'));
}

function stateOf(root: string) {
  return loadState(path.join(root, STATE));
}

describe('interruptions and failures in a real terminal', { timeout: 120_000 }, () => {
  it('Ctrl+C during analysis: exit 130, session saved, terminal restored, nothing written', async () => {
    const files: Record<string, string> = { 'package.json': JSON.stringify({ name: 'big', workspaces: ['packages/*'] }) };
    const route = (n: number) => `import express from 'express';\nexport const r${n} = express.Router();\nr${n}.get('/items/${n}', (req, res) => res.json([]));\n`;
    for (let p = 0; p < 30; p++) {
      files[`packages/p${p}/package.json`] = JSON.stringify({ name: `p${p}`, dependencies: { express: '^4.19.0' } });
      for (let f = 0; f < 100; f++) files[`packages/p${p}/src/r${f}.ts`] = route(f).repeat(8);
    }
    const root = tempRepo(files);
    const run = runInTerminal([root, '--steps', '3'], {}, undefined, REPORT);
    // Pressed as soon as the progress screen is up: the key is read at the analysis' next pause (listing the files is
    // asynchronous; detectors pause between one another), and the wizard stops there.
    await run.waitFor('Reading the repository', 60_000);
    run.press('\u0003');
    await expectRestored(run, 130);
    expect(run.output()).toContain('Progress is saved');
    expect(run.output()).not.toContain('Step 3 of 10 — Backend'); // stopped before the review screen
    expect(stateOf(root)?.steps.map((s) => s.status)).toEqual(['pending']);
    expect(existsSync(path.join(root, 'PROJECT-CONTEXT.md'))).toBe(false);
    expect(existsSync(path.join(root, `${STATE}.lock`))).toBe(false);
  });

  it('Ctrl+C inside the editor (SIGINT to the whole process group): exit 130, text kept, terminal restored', async () => {
    const root = tempRepo();
    const editor = script(`echo "$$" > "${root}.editor-pid"; sleep 30; echo "EDITOR FINISHED" >> "$1"`);
    const run = runInTerminal([root, '--steps', '1,2'], { EDITOR: editor }, undefined, REPORT);
    await run.waitFor('Step 1 of 10');
    const generated = stateOf(root)?.steps[0].generated;
    run.press('e');
    for (let i = 0; i < 200 && !existsSync(`${root}.editor-pid`); i++) await new Promise((r) => setTimeout(r, 50));
    expect(existsSync(`${root}.editor-pid`)).toBe(true);
    run.press('\u0003'); // Ink is unmounted and the terminal cooked: the line discipline signals the process group
    await expectRestored(run, 130);
    expect(run.output()).toContain('Progress is saved');
    const step = stateOf(root)?.steps[0];
    expect(step?.status).toBe('generated');
    expect(step?.generated).toBe(generated);
    expect(step?.edited).toBeUndefined();
    expect(run.output()).not.toContain('EDITOR FINISHED');
  });

  it('an editor that fails, then one that empties the file: the section keeps its text and the user is told', async () => {
    const root = tempRepo();
    const count = `${root}.editor-calls`;
    const editor = script(`n=$(cat "${count}" 2>/dev/null || echo 0); n=$((n+1)); echo $n > "${count}"\nif [ $n = 1 ]; then exit 3; fi\n: > "$1"`);
    const run = runInTerminal([root, '--steps', '1'], { EDITOR: editor });
    await run.waitFor('Step 1 of 10');
    const generated = stateOf(root)?.steps[0].generated;
    run.press('e');
    await run.waitFor(/exited with code 3; the section keeps its\s+previous text/);
    run.press('e');
    await run.waitFor(/The editor left the section empty; it keeps its\s+previous text/);
    expect(run.screen()).not.toMatch(/\bedited\b/);
    run.press('a');
    expect(await run.exited()).toBe(0);
    const doc = parseOutput(readFileSync(path.join(root, 'PROJECT-CONTEXT.md'), 'utf8'));
    expect(doc.blocks).toHaveLength(1);
    expect(doc.blocks[0].body.startsWith((generated ?? '').trimEnd())).toBe(true);
    expect(stateOf(root)?.steps[0].edited).toBeUndefined();
  });

  it('the output cannot be written, then is changed by another program: message, state unchanged, retry; a question; Ctrl+C on it', async () => {
    // As root, file modes do not stop writes: the wizard runs as `nobody`, the output folder stays root's until fixed.
    const asRoot = process.getuid?.() === 0;
    const root = tempRepo();
    const outDir = mkdtempSync(path.join(os.tmpdir(), 'pc-locked-out-'));
    chmodSync(outDir, 0o755); // others may look inside, not write
    const output = path.join(outDir, 'PROJECT-CONTEXT.md');
    if (asRoot) {
      for (const entry of ['', ...readdirSync(root, { recursive: true, encoding: 'utf8' })]) chownSync(path.join(root, entry), 65534, 65534);
    } else {
      chmodSync(outDir, 0o555);
    }
    const wrap = asRoot ? 'exec setpriv --reuid=65534 --regid=65534 --clear-groups "$@"' : undefined;
    const run = runInTerminal([root, '--steps', '1,2,3', '--output', output], { HOME: root }, undefined, wrap);
    await run.waitFor('Step 1 of 10');
    const before = stateOf(root)?.steps;
    run.press('a');
    await run.waitFor('Not written (permission denied or read-only disk); nothing changed. Fix it and press a again');
    const after = stateOf(root)?.steps;
    // Still waiting, with the same text (the hash field may now name the block that was about to be written).
    expect(after?.map(({ status, generated, edited }) => ({ status, generated, edited }))).toEqual(
      before?.map(({ status, generated, edited }) => ({ status, generated, edited })),
    );
    expect(readdirSync(outDir)).toEqual([]);

    chmodSync(outDir, 0o777); // the user fixes the permissions
    run.press('a');
    await run.waitFor('Step 2 of 10');
    expect(parseOutput(readFileSync(output, 'utf8')).blocks.map((b) => b.step)).toEqual([1]);

    writeFileSync(output, `${readFileSync(output, 'utf8')}\nA line another program added.\n`);
    run.press('a');
    await run.waitFor(/was changed by another program since this session wrote it/);
    run.press('2'); // write this section, keeping the rest of the file
    await run.waitFor('Step 3 of 10');
    const text = readFileSync(output, 'utf8');
    expect(text).toContain('A line another program added.');
    expect(parseOutput(text).blocks.map((b) => b.step)).toEqual([1, 2]);

    writeFileSync(output, `${text}\nAnd another.\n`);
    run.press('a');
    await run.waitFor(/was changed by another program/);
    run.press('\u0003');
    expect(await run.exited()).toBe(130);
    expect(stateOf(root)?.steps.map((s) => s.status)).toEqual(['accepted', 'accepted', 'generated']);
  });

  it('the repository changed since the session was saved: the wizard says so and offers to regenerate', async () => {
    const root = tempRepo({ 'README.md': '# First Title\n\nThe first tagline.\n' });
    const first = runInTerminal([root, '--steps', '1,2']);
    await first.waitFor('First Title');
    first.press('q');
    expect(await first.exited()).toBe(0);
    expect(Object.keys(stateOf(root)?.steps[0].citedFiles ?? {})).toContain('README.md');

    writeFileSync(path.join(root, 'README.md'), '# Second Title\n\nThe second tagline.\n');
    const second = runInTerminal([root, '--steps', '1,2']);
    await second.waitFor('Resume at step 1');
    second.press('\r');
    await second.waitFor(/The repository changed since this session was saved: a cited file changed \(README\.md/);
    await second.waitFor('Regenerate step 1 from the current code?');
    second.press('\r');
    await second.waitFor('Second Title');
    second.press('q');
    expect(await second.exited()).toBe(0);
    expect(stateOf(root)?.steps[0].generated).toContain('Second Title');
  });
});
