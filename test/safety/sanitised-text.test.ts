/**
 * Text that does not come from the analysis is sanitised like text that does (issue 18, case 11): what the user's
 * editor saved and what a state file holds (raw escapes, BEL, NUL, a pasted key), bidirectional and zero-width
 * characters anywhere, and file names that hold a key (never printed: such files are left out and counted, so every
 * path the output cites still exists).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { STEPS } from '../../src/steps/registry.js';
import { citedPaths } from '../../src/steps/verify-citations.js';
import { Session } from '../../src/wizard/session.js';
import { sessionOptions } from '../helpers/session-options.js';
import { tempRepo } from '../helpers/temp-repo.js';
import { CONTROL, expectCompleteOutput, expectPlain, leftBehind, runCli } from './cli.js';

const AVAILABLE = STEPS.filter((s) => s.definition).map((s) => s.number);
const ESC = '\u001b';
/** Built at run time so that no complete key sits in this repository. */
const KEY = 'AKIA' + 'Q3EGRIT7Z5XK2M4N';
const BIDI = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/;
const ZERO_WIDTH = /[\u200b\u200c\u200d\u2060\ufeff]/;

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('text from the editor and from a state file', () => {
  const hostile = `## 1. One\n\nRed ${ESC}[31mtext${ESC}[0m, a bell \u0007, a NUL \u0000, ${ESC}]0;PWNED\u0007 a title, \u202eevil\u202c and a pasted key ${KEY} and PGPASSWORD=hunter2 psql.\n`;

  it('an edit with ESC, BEL, NUL, bidi controls and a key is sanitised before it is kept, shown or written', async () => {
    const root = tempRepo();
    made.push(root);
    const s = await Session.open(sessionOptions(root));
    s.setGenerated(1, '## 1. One\n\nfirst\n');
    s.setEdited(1, hostile);
    const text = s.text(1) ?? '';
    expect(text).toBe('## 1. One\n\nRed text, a bell , a NUL ,  a title, evil and a pasted key [redacted] and PGPASSWORD=[redacted] psql.\n');
    s.accept(1);
    s.close();
    for (const file of ['PROJECT-CONTEXT.md', '.project-context/state.json']) {
      const written = readFileSync(path.join(root, file), 'utf8');
      expect(written).not.toMatch(CONTROL);
      expect(written).not.toMatch(BIDI);
      expect(written).not.toContain(KEY);
      expect(written).not.toContain('\\u001b'); // not even JSON-escaped in the state file
    }
  });

  it('a state file holding raw escapes and a key (hand-edited, committed, copied) is sanitised when it is read', async () => {
    const root = tempRepo();
    made.push(root);
    const first = await Session.open(sessionOptions(root));
    first.setGenerated(1, '## 1. One\n');
    first.close();
    const stateFile = path.join(root, '.project-context/state.json');
    const state = JSON.parse(readFileSync(stateFile, 'utf8')) as { steps: Array<{ generated?: string; edited?: string; title: string }> };
    state.steps[0].edited = hostile;
    state.steps[0].title = `One ${ESC}[2J`;
    writeFileSync(stateFile, JSON.stringify(state));
    const resumed = await Session.open(sessionOptions(root));
    const text = resumed.text(1) ?? '';
    expect(text).not.toMatch(CONTROL);
    expect(text).not.toMatch(BIDI);
    expect(text).not.toContain(KEY);
    expect(text).toContain('PGPASSWORD=[redacted] psql');
    // The title is the step's own (main's safety merge: a state file does not name the steps), never the hostile one.
    expect(resumed.record(1).title).toBe(STEPS[0].title);
    resumed.accept(1);
    resumed.close();
    expect(readFileSync(path.join(root, 'PROJECT-CONTEXT.md'), 'utf8')).not.toMatch(CONTROL);
  });
});

describe('invisible characters and key-shaped file names (built CLI, --yes and --json)', { timeout: 120_000 }, () => {
  it('bidi and zero-width characters never reach the output or the streams; such names and names holding a key are counted, not cited', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pc-invisible-'));
    made.push(dir);
    const files: Record<string, string> = {
      'package.json': JSON.stringify({ name: 'invisible', version: '1.0.0', description: 'Admin\u200b tool \u202eevil\u202c for \ufeffusers.' }),
      'README.md': '# Invisible\n\nA tool that \u2066reads\u2069 text with \u200dhidden\u200c characters \u2060in it. Emoji stay whole: 👩\u200d💻.\n',
      'src/index.ts': 'export const x = 1;\n',
      'src/admin\u202etxt.ts': 'export const trojan = 1;\n',
      'src/zero\u200bwidth.ts': 'export const hidden = 1;\n',
      [`config/${KEY}.json`]: '{"region":"eu-west-1"}\n',
    };
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
    git('init', '-q');
    git('add', '-A');
    git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'init');

    const run = await runCli([dir, '--yes']);
    expectPlain(run);
    expect(run.code, run.stderr).toBe(0);
    const { output, state } = leftBehind(dir);
    expectCompleteOutput(output, AVAILABLE);
    const json = await runCli([dir, '--json']);
    expect(json.code, json.stderr).toBe(0);
    for (const [what, text] of [['output', output ?? ''], ['state', state ?? ''], ['streams', run.stdout + run.stderr], ['--json', json.stdout + json.stderr]] as const) {
      expect({ what, bidi: BIDI.test(text), zeroWidth: ZERO_WIDTH.test(text.replace(/👩\u200d💻/g, '')), key: text.includes(KEY) }).toEqual({ what, bidi: false, zeroWidth: false, key: false });
    }
    expect(output).toContain('Admin tool evil for users.');
    expect(run.stderr).toContain('named with terminal control or invisible characters (a path that cannot be printed as it is): 2 files');
    expect(run.stderr).toContain('named with what looks like a key or token (never printed): 1 file');
    const cited = citedPaths(output ?? '').map((c) => c.file);
    expect(cited.length).toBeGreaterThan(0);
    expect(cited.filter((f) => f !== '' && !existsSync(path.join(dir, f)))).toEqual([]);
  });
});
