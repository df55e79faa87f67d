/**
 * An honest terminal (issue 15): the wizard draws on the alternate screen, repaints only the rows that change, and
 * gives the user's screen and scrollback back on every way out (quit, Ctrl+C, SIGTERM, a crash, the editor, Ctrl+Z);
 * NO_COLOR means no colour anywhere; TERM=dumb gets plain lines; `npm start` says it is building.
 */
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/fixture.js';
import { CLI, runInTerminal } from '../helpers/pty.js';
import { tempRepo } from '../helpers/temp-repo.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const CLEAR_SCROLLBACK = '\u001b[3J';
/** An SGR sequence that sets a colour (foreground, background, 256 or true colour). */
// eslint-disable-next-line no-control-regex
const COLOUR = /\u001b\[(?:\d+;)*(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])(?:;\d+)*m/;

/** What the user scrolls back through after the wizard ended: the normal buffer, scrollback included. */
function history(run: ReturnType<typeof runInTerminal>): string {
  return run.history().join('\n');
}

function preload(body: string): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'pc-preload-')), 'preload.cjs');
  writeFileSync(file, body);
  return file;
}

describe('the terminal is given back as it was', { timeout: 180_000 }, () => {
  it('after q: the numbers printed before the wizard are still in the scrollback; no frame ever clears it', async () => {
    const root = tempRepo();
    const run = runInTerminal([root, '--steps', '1,2'], {}, undefined, 'seq 1 300; "$@"; echo "WIZARD EXIT $?"');
    await run.waitFor('Step 1 of 10');
    expect(run.term.buffer.active.type).toBe('alternate');
    // Only the rows that change are written: a hint touches the message row alone.
    await sleep(300);
    const before = run.output().length;
    run.press('n');
    await run.waitFor('Press / to search');
    const delta = run.output().slice(before);
    expect(delta.match(/\u001b\[\d+;1H/g)).toHaveLength(1);
    expect(delta).not.toContain('\u001b[2J');
    run.press('j');
    run.press('q');
    await run.waitFor('WIZARD EXIT 0');
    expect(run.term.buffer.active.type).toBe('normal');
    const lines = run.history();
    const numbers = lines.filter((l) => /^\d+$/.test(l)).map(Number);
    expect(numbers).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    expect(history(run)).not.toMatch(/a\s+accept\s+e\s+edit/);
    expect(history(run)).toContain('Progress saved. Run the same command to resume at step 1.');
    expect(run.output()).not.toContain(CLEAR_SCROLLBACK);
  });

  it('Ctrl+C, SIGTERM and a crash all leave the alternate screen, show the cursor, and keep the scrollback', async () => {
    // A crash on demand: an uncaught error thrown in the wizard's main thread when it gets SIGUSR2.
    const crash = preload(
      "if (require('node:worker_threads').isMainThread) process.on('SIGUSR2', () => setImmediate(() => { throw new Error('a test crash'); }));\n",
    );
    for (const [how, code] of [['ctrl-c', 130], ['sigterm', 143], ['crash', 1]] as const) {
      const root = tempRepo();
      const run = runInTerminal([root, '--steps', '1'], { NODE_OPTIONS: `--require ${crash}` }, undefined, 'seq 1 50; "$@"; echo "WIZARD EXIT $?"');
      await run.waitFor('Step 1 of 10');
      // The wizard is the shell's child.
      const pid = Number(readFileSync(`/proc/${run.pty.pid}/task/${run.pty.pid}/children`, 'utf8').trim().split(/\s+/)[0]);
      if (how === 'ctrl-c') run.pressNow('\u0003');
      else process.kill(pid, how === 'sigterm' ? 'SIGTERM' : 'SIGUSR2');
      await run.waitFor(`WIZARD EXIT ${code}`);
      expect(run.term.buffer.active.type, how).toBe('normal');
      const raw = run.output();
      expect(raw.lastIndexOf('\u001b[?25h'), how).toBeGreaterThan(raw.lastIndexOf('\u001b[?25l'));
      expect(raw.lastIndexOf('\u001b[?1049l'), how).toBeGreaterThan(raw.lastIndexOf('\u001b[?1049h'));
      expect(run.history().filter((l) => /^\d+$/.test(l)).map(Number), how).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      if (how === 'crash') expect(history(run)).toContain('a test crash');
      else expect(history(run)).toContain('Progress is saved');
    }
  });

  it('the editor gets the normal screen; the review comes back on the alternate one', async () => {
    const root = tempRepo();
    const marker = path.join(root, 'editor-ran');
    const editor = path.join(root, 'slow-editor.sh');
    writeFileSync(editor, `#!/bin/sh\necho "IN THE EDITOR"\ntouch "${marker}"\nsleep 1\nprintf "\\nNOTE\\n" >> "$1"\n`);
    chmodSync(editor, 0o755);
    const run = runInTerminal([root, '--steps', '1'], { EDITOR: editor });
    await run.waitFor('Step 1 of 10');
    run.press('e');
    await run.waitFor('IN THE EDITOR');
    expect(run.term.buffer.active.type).toBe('normal');
    await run.waitFor('Your edit is saved');
    expect(run.term.buffer.active.type).toBe('alternate');
    run.press('q');
    expect(await run.exited()).toBe(0);
    expect(existsSync(marker)).toBe(true);
  });

  it('Ctrl+Z stops the job (the shell says Stopped) with the terminal given back; fg brings the review back, keys working', async () => {
    const root = tempRepo();
    const run = runInTerminal([], { PS1: 'shell$ ', HISTFILE: '/dev/null' }, undefined, 'exec bash --norc --noprofile -i');
    await run.waitFor('shell$');
    run.pressNow(`${process.execPath} ${CLI} ${root} --steps 1\r`);
    await run.waitFor('Step 1 of 10', 30_000);
    run.pressNow('\u001a');
    await run.waitFor(/Stopped/);
    expect(run.term.buffer.active.type).toBe('normal');
    const raw = run.output();
    expect(raw.lastIndexOf('\u001b[?25h')).toBeGreaterThan(raw.lastIndexOf('\u001b[?25l'));
    run.pressNow('fg\r');
    await run.waitFor('Step 1 of 10');
    expect(run.term.buffer.active.type).toBe('alternate');
    // Raw mode is back: a key is a key, not a line.
    run.press('?');
    await run.waitFor('accept: write this section');
    run.press('q');
    run.press('q');
    await run.waitFor('Progress saved');
    // The shell's prompt is back once the wizard has ended: only then is a typed line the shell's.
    await run.waitFor(/Progress saved[^]*\nshell\$/);
    run.pressNow('exit\r');
    expect(await run.exited()).toBe(0);
  });
});

describe('colour and dumb terminals', { timeout: 180_000 }, () => {
  it('NO_COLOR: no colour in any frame, the spinner and the review included', async () => {
    const files: Record<string, string> = { 'package.json': JSON.stringify({ name: 'api', dependencies: { express: '^4.19.0' } }) };
    for (let f = 0; f < 400; f++) files[`src/r${f}.ts`] = `import express from 'express';\nexport const r = express.Router();\nr.get('/items/${f}', (req, res) => res.json([]));\n`.repeat(6);
    const root = tempRepo(files);
    const run = runInTerminal([root, '--steps', '1,3'], { NO_COLOR: '1' });
    await run.waitFor('Step 1 of 10', 60_000);
    run.press('a');
    await run.waitFor('Step 3 of 10', 60_000);
    run.press('d');
    run.press('?');
    await sleep(300);
    run.press('q');
    run.press('q');
    expect(await run.exited()).toBe(0);
    expect(run.output()).toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/); // the spinner was drawn
    expect(run.output()).not.toMatch(COLOUR);
    // Without NO_COLOR the same screens are coloured: the check above can fail.
    const coloured = runInTerminal([tempRepo(files), '--steps', '1']);
    await coloured.waitFor('Step 1 of 10');
    coloured.press('q');
    await coloured.exited();
    expect(coloured.output()).toMatch(COLOUR);
  });

  it('TERM=dumb: plain lines and a prompt, no escape sequences at all; typed-ahead keys decide nothing', async () => {
    const root = tempRepo();
    const run = runInTerminal([root, '--steps', '1,2'], { TERM: 'dumb' });
    await run.waitFor(/a accept, e edit, r regenerate, s skip, q quit\? $/m, 30_000);
    expect(run.screen()).toContain('Step 1 of 10 — Project Overview & Architecture');
    expect(run.screen()).toMatch(/▸1 ·2 {2}→ .*PROJECT-CONTEXT\.md/);
    run.pressNow('a\r');
    await run.waitFor('it was typed before the section was shown');
    await sleep(400);
    run.pressNow('a\r');
    await run.waitFor(/✓ Step 1 — Project Overview & Architecture: written to/);
    await run.waitFor('Step 2 of 10 — Directory Structure');
    await sleep(400);
    run.pressNow('q\r');
    expect(await run.exited()).toBe(0);
    expect(run.output()).toContain('Progress saved');
    expect(run.output()).not.toContain('\u001b');
  });
});

describe('npm start', { timeout: 300_000 }, () => {
  it('says it is building before the build, then starts the wizard on the example', async () => {
    // A copy of the project (node_modules linked), so the build it runs does not replace the CLI other tests use.
    const copy = mkdtempSync(path.join(os.tmpdir(), 'pc-start-'));
    for (const entry of ['package.json', 'tsconfig.json', 'tsconfig.build.json', 'src', 'state', 'scripts', 'dist']) {
      cpSync(path.join(PROJECT_ROOT, entry), path.join(copy, entry), { recursive: true });
    }
    mkdirSync(path.join(copy, 'examples'));
    cpSync(path.join(PROJECT_ROOT, 'examples/kv-store'), path.join(copy, 'examples/kv-store'), { recursive: true });
    symlinkSync(path.join(PROJECT_ROOT, 'node_modules'), path.join(copy, 'node_modules'));
    const started = Date.now();
    const run = runInTerminal([], {}, copy, `exec "$1" scripts/start.mjs`);
    await run.waitFor('Building project-context', 5_000);
    expect(Date.now() - started).toBeLessThan(5_000);
    await run.waitFor('Step 1 of 10', 240_000);
    run.press('q');
    expect(await run.exited(30_000)).toBe(0);
    expect(history(run)).toMatch(/Built in \d+\.\d s\. Starting the wizard on examples\/kv-store/);
    expect(existsSync(path.join(copy, '.demo/state.json'))).toBe(true);
  });
});
