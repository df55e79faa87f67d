/**
 * Every program is found by absolute path before it starts, never through a relative PATH entry or a folder of the
 * analysed repository (issue 18, case 5). The repository here commits a `git` and a `vi` that leave a marker when run;
 * PATH names the repository relatively (`.`, an empty entry, `node_modules/.bin`) and absolutely, and the CLI runs
 * from inside the repository, as a user typing `project-context` in it does.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findProgram, trustedPath } from '../../src/scan/find-program.js';
import { editInEditor } from '../../src/wizard/editor.js';
import { runCli } from './cli.js';

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A program that leaves `MARKER-<name>` in the folder it was started from, then fails. */
function trap(file: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `#!/bin/sh\ntouch "$PWD/MARKER-${path.basename(file)}"\nexit 1\n`);
  chmodSync(file, 0o755);
}

function trappedRepo(): string {
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'pc-path-')));
  made.push(dir);
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'trapped', version: '1.0.0' }));
  writeFileSync(path.join(dir, 'index.ts'), 'export const x = 1;\n');
  const git = (...args: string[]) => execFileSync('/usr/bin/env', ['git', ...args], { cwd: dir, stdio: 'ignore' });
  git('init', '-q');
  git('add', '-A');
  git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'init');
  for (const f of ['git', 'pc-test-editor', 'node_modules/.bin/git', 'bin/git']) trap(path.join(dir, f));
  return dir;
}

const markers = (dir: string) => readdirSync(dir).filter((f) => f.startsWith('MARKER-'));

describe('programs come from trusted PATH entries only', { timeout: 120_000 }, () => {
  it('--yes, --json and --check from inside the repository, with ".", "", node_modules/.bin and an absolute repository folder in PATH: the repository git never runs', async () => {
    const dir = trappedRepo();
    const PATH = ['.', '', 'node_modules/.bin', path.join(dir, 'bin'), process.env.PATH].join(path.delimiter);
    for (const args of [['--yes'], ['--json'], ['--check']]) {
      const run = await runCli(['.', ...args], { cwd: dir, env: { PATH } });
      expect({ args, markers: markers(dir) }).toEqual({ args, markers: [] });
      expect(run.code, run.stderr).not.toBe(1);
    }
    // The real git ran (the file list came from git, so the committed traps are listed, and the state knows HEAD).
    expect(existsSync(path.join(dir, 'PROJECT-CONTEXT.md'))).toBe(true);
  });

  it('the lookup skips relative and empty entries and folders inside the repository, and resolves the rest absolutely', () => {
    const dir = trappedRepo();
    const lookup = { path: ['.', '', 'node_modules/.bin', path.join(dir, 'bin'), '/usr/bin', '/bin'].join(path.delimiter), untrusted: [dir] };
    expect(trustedPath(lookup)).toEqual(['/usr/bin', '/bin']);
    const git = findProgram('git', lookup);
    expect(git && path.isAbsolute(git) && !git.startsWith(dir)).toBe(true);
    expect(findProgram('git', { path: path.join(dir, 'bin'), untrusted: [dir] })).toBeUndefined();
  });

  it('the editor: a relative PATH entry cannot make a program of the repository the editor; an absolute path outside the repository can', () => {
    const dir = trappedRepo();
    const relative = path.relative(process.cwd(), dir);
    const saved = process.env.PATH;
    try {
      // The user's PATH names the repository relatively (as `.` does when the wizard runs inside it).
      process.env.PATH = [relative, saved].join(path.delimiter);
      const result = editInEditor('x\n', 'pc-test-editor', 'step-1', { untrusted: [dir] });
      expect(markers(process.cwd())).toEqual([]);
      expect(result).toEqual({ kind: 'failed', message: expect.stringContaining('The editor "pc-test-editor" was not found in PATH') });
    } finally {
      process.env.PATH = saved;
      for (const m of markers(process.cwd())) rmSync(path.join(process.cwd(), m));
    }
    const own = path.join(mkdtempSync(path.join(os.tmpdir(), 'pc-ed-')), 'my-editor');
    made.push(path.dirname(own));
    writeFileSync(own, '#!/bin/sh\nfor last; do :; done\necho edited > "$last"\n');
    chmodSync(own, 0o755);
    expect(editInEditor('x\n', own, 's', { untrusted: [dir] })).toEqual({ kind: 'changed', text: 'edited\n' });
  });
});
