import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFiles } from '../src/scan/list-files.js';

function repo(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pc-list-'));
  const write = (file: string, text = 'x\n') => {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  };
  write('.gitignore', 'dist/\n*.log\n');
  write('src/index.ts');
  write('src/gone.ts');
  write('docs/with space.md');
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
  git('init', '-q');
  git('add', '.');
  git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'init');
  rmSync(path.join(dir, 'src/gone.ts')); // deleted, still in the index
  write('src/new.ts'); // untracked, not ignored
  write('dist/bundle.js'); // ignored
  write('debug.log'); // ignored
  return dir;
}

describe('listFiles in a git work tree', () => {
  it('lists tracked and untracked files, not deleted or ignored ones, with HEAD', async () => {
    const dir = repo();
    const listing = await listFiles(dir);
    expect(listing.source).toBe('git');
    expect(listing.files).toEqual(['.gitignore', 'docs/with space.md', 'src/index.ts', 'src/new.ts']);
    expect(listing.gitHead).toMatch(/^[0-9a-f]{40}$/);
  });

  it('lists a repository without a commit yet from git, with no HEAD', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pc-list-'));
    writeFileSync(path.join(dir, 'index.ts'), 'x\n');
    writeFileSync(path.join(dir, 'HEAD'), 'a file named like the revision\n');
    execFileSync('git', ['init', '-q'], { cwd: dir, stdio: 'ignore' });
    const listing = await listFiles(dir);
    expect(listing).toEqual({ files: ['HEAD', 'index.ts'], source: 'git', gitHead: null });
    execFileSync('git', ['add', '.'], { cwd: dir, stdio: 'ignore' });
    execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'init'], { cwd: dir, stdio: 'ignore' });
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: dir, encoding: 'utf8' }).trim();
    expect((await listFiles(dir)).gitHead).toBe(head);
  });

  it('lists only what is under a subfolder when given one', async () => {
    const dir = repo();
    const listing = await listFiles(path.join(dir, 'src'));
    expect(listing.files).toEqual(['index.ts', 'new.ts']);
  });

  it('falls back to the folder listing outside git, honouring .gitignore', async () => {
    const dir = repo();
    rmSync(path.join(dir, '.git'), { recursive: true });
    const listing = await listFiles(dir);
    expect(listing.source).toBe('glob');
    expect(listing.files).toEqual(['.gitignore', 'docs/with space.md', 'src/index.ts', 'src/new.ts']);
  });

  it('lists symbolic links outside git as git does (a README linked to a package README), without following folders', async () => {
    const dir = repo();
    rmSync(path.join(dir, '.git'), { recursive: true });
    mkdirSync(path.join(dir, 'packages/core'), { recursive: true });
    writeFileSync(path.join(dir, 'packages/core/README.md'), '# Core\n');
    writeFileSync(path.join(dir, 'packages/core/a.ts'), 'x\n');
    symlinkSync('packages/core/README.md', path.join(dir, 'README.md'));
    symlinkSync('packages/core', path.join(dir, 'core-link'));
    const listing = await listFiles(dir);
    expect(listing.files).toEqual(['.gitignore', 'README.md', 'core-link', 'docs/with space.md', 'packages/core/README.md', 'packages/core/a.ts', 'src/index.ts', 'src/new.ts']);
  });
});
