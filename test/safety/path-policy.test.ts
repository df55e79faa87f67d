/**
 * One path policy for everything project-context reads or writes as its own (src/output/path-policy.ts): the output,
 * the state, its lock, the file cache, the state folder's .gitignore — also under `--check`. A link, FIFO, device or
 * folder at any of them is refused with one sentence (or, for the optional cache, left alone), never followed, never
 * read to its end, never waited on, never deleted. Two roles never share one real file.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempRepo } from '../helpers/temp-repo.js';
import { expectPlain, runCli } from './cli.js';

function gitRepo(): string {
  const root = tempRepo();
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'ignore' });
  git('init', '-q');
  git('add', '-A');
  git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'init');
  return root;
}

const stateDir = (root: string) => path.join(root, '.project-context');
const leftLock = (root: string) => existsSync(path.join(stateDir(root), 'state.json.lock'));

describe.concurrent('two roles on one file: refused before anything is written (exit 2, one sentence)', { timeout: 120_000 }, () => {
  const cases: Array<[string, (root: string) => string[], RegExp]> = [
    ['--state on the output', (root) => ['--state', path.join(root, 'PROJECT-CONTEXT.md')], /The output \(--output\) and the state file \(--state\) are the same file/],
    [
      '--state on the output through a linked parent folder',
      (root) => {
        const link = path.join(os.tmpdir(), `pc-link-${path.basename(root)}`);
        symlinkSync(root, link);
        return ['--state', path.join(link, 'PROJECT-CONTEXT.md')];
      },
      /are the same file/,
    ],
    ['--output on the state lock', (root) => ['--output', path.join(stateDir(root), 'state.json.lock')], /The output \(--output\) and the state file's lock are the same file/],
    ['--output on the file cache', (root) => ['--output', path.join(stateDir(root), 'file-cache.json')], /and the file cache are the same file/],
    ['the state inside the output path', (root) => ['--state', path.join(root, 'PROJECT-CONTEXT.md', 'state.json')], /would be inside the output/],
    [
      '--state a hard link to the output',
      (root) => {
        writeFileSync(path.join(root, 'PROJECT-CONTEXT.md'), '# Notes\n');
        const other = path.join(os.tmpdir(), `pc-hard-${path.basename(root)}.json`);
        linkSync(path.join(root, 'PROJECT-CONTEXT.md'), other);
        return ['--state', other];
      },
      /are the same file/,
    ],
  ];
  for (const [name, args, says] of cases) {
    it(name, async () => {
      const root = tempRepo();
      const extra = args(root);
      const before = existsSync(path.join(root, 'PROJECT-CONTEXT.md')) ? readFileSync(path.join(root, 'PROJECT-CONTEXT.md'), 'utf8') : undefined;
      const run = await runCli([root, '--yes', ...extra]);
      expectPlain(run);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toMatch(says);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      const after = existsSync(path.join(root, 'PROJECT-CONTEXT.md')) ? readFileSync(path.join(root, 'PROJECT-CONTEXT.md'), 'utf8') : undefined;
      expect(after).toBe(before);
      expect(existsSync(stateDir(root))).toBe(false);
    });
  }

  it('--output through a folder of the repository linked outside it: refused (exit 1), nothing written there', async () => {
    const root = tempRepo();
    const outside = tempRepo();
    symlinkSync(outside, path.join(root, 'docs'));
    const run = await runCli([root, '--yes', '--output', path.join(root, 'docs', 'PROJECT-CONTEXT.md')]);
    expectPlain(run);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('leads out of the repository through a symbolic link');
    expect(existsSync(path.join(outside, 'PROJECT-CONTEXT.md'))).toBe(false);
  });
});

describe.concurrent('links, FIFOs and folders at the paths of our own files', { timeout: 120_000 }, () => {
  for (const name of ['state.json', 'state.json.lock', '.gitignore']) {
    it(`a FIFO committed at .project-context/${name}: no hang, one sentence or a finished run, lock released`, async () => {
      const root = tempRepo();
      mkdirSync(stateDir(root));
      execFileSync('mkfifo', [path.join(stateDir(root), name)]);
      const run = await runCli([root, '--yes', '--steps', '1'], { timeoutMs: 30_000 });
      expectPlain(run);
      if (name === '.gitignore') expect(run.code, run.stderr).toBe(0);
      else {
        expect(run.code).toBe(1);
        expect(run.stderr).toContain(`${path.join(stateDir(root), name)} is a named pipe (FIFO); project-context reads and writes only regular files there.`);
      }
      expect(lstatSync(path.join(stateDir(root), name)).isFIFO()).toBe(true);
      if (name !== 'state.json.lock') expect(leftLock(root)).toBe(false);
    });
  }

  it('the same FIFOs in a git repository (git reads .gitignore files): no hang', async () => {
    const root = gitRepo();
    mkdirSync(stateDir(root));
    execFileSync('mkfifo', [path.join(stateDir(root), '.gitignore')]);
    const run = await runCli([root, '--yes', '--steps', '1'], { timeoutMs: 30_000 });
    expectPlain(run);
    expect(run.code, run.stderr).toBe(0);
  });

  for (const [name, make] of [
    ['a FIFO', (p: string) => execFileSync('mkfifo', [p])],
    ['a link to /dev/zero', (p: string) => symlinkSync('/dev/zero', p)],
  ] as const) {
    it(`a committed .project-context/file-cache.json that is ${name}: the run finishes without the cache, the lock is released`, async () => {
      const root = tempRepo();
      mkdirSync(stateDir(root));
      make(path.join(stateDir(root), 'file-cache.json'));
      const run = await runCli([root, '--yes', '--steps', '1,2'], { timeoutMs: 30_000 });
      expectPlain(run);
      expect(run.code, run.stderr).toBe(0);
      expect(leftLock(root)).toBe(false);
      const st = lstatSync(path.join(stateDir(root), 'file-cache.json'));
      expect(st.isFIFO() || st.isSymbolicLink()).toBe(true); // neither followed nor replaced
    });
  }

  it('a folder at the lock path: refused with one sentence, the folder and its files kept', async () => {
    const root = tempRepo();
    const lock = path.join(stateDir(root), 'state.json.lock');
    mkdirSync(path.join(lock, 'keep'), { recursive: true });
    writeFileSync(path.join(lock, 'keep', 'file'), 'precious\n');
    const run = await runCli([root, '--yes', '--steps', '1']);
    expectPlain(run);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`The session lock ${lock} is a folder, not a file; project-context never deletes or replaces a folder.`);
    expect(readFileSync(path.join(lock, 'keep', 'file'), 'utf8')).toBe('precious\n');
  });

  for (const [name, make] of [
    ['a link to /dev/zero', (p: string) => symlinkSync('/dev/zero', p)],
    ['a link to a file outside the repository', (p: string) => symlinkSync('/etc/passwd', p)],
    ['a FIFO', (p: string) => execFileSync('mkfifo', [p])],
  ] as const) {
    it(`--check on a committed PROJECT-CONTEXT.md that is ${name}: one sentence, exit 1, never read`, async () => {
      const root = gitRepo();
      make(path.join(root, 'PROJECT-CONTEXT.md'));
      const run = await runCli([root, '--check'], { timeoutMs: 30_000 });
      expectPlain(run);
      expect(run.code).toBe(1);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(/The output .*PROJECT-CONTEXT\.md is (a symbolic link|a named pipe)/);
      expect(run.stdout).not.toContain('root:');
    });
  }

  it('a backup of the state file that is a FIFO does not hang loading a damaged state', async () => {
    const root = tempRepo();
    mkdirSync(stateDir(root));
    writeFileSync(path.join(stateDir(root), 'state.json'), '{ damaged');
    execFileSync('mkfifo', [path.join(stateDir(root), 'state.json.bak-20200101-000000')]);
    const run = await runCli([root, '--yes', '--steps', '1'], { timeoutMs: 30_000 });
    expectPlain(run);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('is damaged (not valid JSON)');
    expect(readdirSync(stateDir(root)).filter((n) => n.startsWith('state.json.bak-'))).toHaveLength(2);
  });
});
