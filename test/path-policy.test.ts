import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../src/output/atomic.js';
import { OutputBusyError, outputLockPath, withOutputLock } from '../src/output/output-lock.js';
import { readRegularFile, realPathOf, sameFile, UnsafePathError } from '../src/output/path-policy.js';
import { processStartTime } from '../state/lock.js';

const dirs: string[] = [];
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pc-policy-'));
  dirs.push(dir);
  return dir;
}

const policy = { what: 'The thing', fix: 'choose another' };

describe('readRegularFile', () => {
  it('reads a regular file, and says undefined for a missing one', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'a'), 'hello');
    expect(readRegularFile(path.join(dir, 'a'), { ...policy, maxBytes: 10 })?.toString()).toBe('hello');
    expect(readRegularFile(path.join(dir, 'missing'), { ...policy, maxBytes: 10 })).toBeUndefined();
  });

  it.each([
    ['a link to /dev/zero', (p: string) => fs.symlinkSync('/dev/zero', p), 'link'],
    ['a link to a regular file', (p: string) => fs.symlinkSync('/etc/hostname', p), 'link'],
    ['a FIFO', (p: string) => spawnSync('mkfifo', [p]), 'fifo'],
    ['a folder', (p: string) => fs.mkdirSync(p), 'folder'],
  ])('refuses %s without following, reading or waiting', (_name, make, kind) => {
    const file = path.join(tempDir(), 'x');
    make(file);
    let err: unknown;
    try {
      readRegularFile(file, { ...policy, maxBytes: 1024 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UnsafePathError);
    expect((err as UnsafePathError).kind).toBe(kind);
    expect((err as Error).message).toMatch(new RegExp(`^The thing ${file} is `));
  });

  it('refuses a device reached by its own path, and a file over the cap', () => {
    expect(() => readRegularFile('/dev/zero', { ...policy, maxBytes: 1024 })).toThrow(/is a device/);
    const file = path.join(tempDir(), 'big');
    fs.writeFileSync(file, Buffer.alloc(2048));
    expect(() => readRegularFile(file, { ...policy, maxBytes: 1024 })).toThrow(/is 2 KB, more than such a file can be \(1 KB\)/);
  });
});

describe('writeFileAtomic under the policy', () => {
  it.each([
    ['a link', (p: string, dir: string) => fs.symlinkSync(path.join(dir, 'target'), p)],
    ['a FIFO', (p: string) => spawnSync('mkfifo', [p])],
    ['a folder', (p: string) => fs.mkdirSync(p)],
  ])('refuses to replace %s, and leaves it and its target as they were', (_name, make) => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'target'), 'precious');
    const file = path.join(dir, 'out');
    make(file, dir);
    expect(() => writeFileAtomic(file, 'new', { policy })).toThrow(UnsafePathError);
    expect(fs.readFileSync(path.join(dir, 'target'), 'utf8')).toBe('precious');
    expect(fs.readdirSync(dir).sort()).toEqual(['out', 'target']);
  });
});

describe('real paths', () => {
  it('one file reached through a linked folder, `..`, or a hard link is the same file; a missing file too', () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'real'));
    fs.symlinkSync(path.join(dir, 'real'), path.join(dir, 'alias'));
    expect(sameFile(path.join(dir, 'alias', 'new.md'), path.join(dir, 'real', 'sub', '..', 'new.md'))).toBe(true);
    expect(realPathOf(path.join(dir, 'alias', 'not', 'yet', 'there.json'))).toBe(path.join(fs.realpathSync(dir), 'real', 'not', 'yet', 'there.json'));
    fs.writeFileSync(path.join(dir, 'real', 'a'), 'x');
    fs.linkSync(path.join(dir, 'real', 'a'), path.join(dir, 'b'));
    expect(sameFile(path.join(dir, 'real', 'a'), path.join(dir, 'b'))).toBe(true);
    expect(sameFile(path.join(dir, 'real', 'a'), path.join(dir, 'real', 'c'))).toBe(false);
  });
});

describe("the output's write lock", () => {
  it('waits for a live writer to finish, then writes', async () => {
    const output = path.join(tempDir(), 'PROJECT-CONTEXT.md');
    const lock = outputLockPath(output);
    // Another process holds the lock for 300 ms, then releases it (as a writer does).
    const child = spawn(process.execPath, ['-e', `setTimeout(() => require('fs').unlinkSync(${JSON.stringify(lock)}), 300); setTimeout(() => {}, 2000)`]);
    children.push(child);
    await new Promise((resolve) => child.once('spawn', resolve));
    await new Promise((resolve) => setTimeout(resolve, 100));
    fs.writeFileSync(lock, JSON.stringify({ pid: child.pid, startedAt: new Date().toISOString(), hostname: os.hostname(), procStart: processStartTime(child.pid!) }));
    const started = Date.now();
    expect(withOutputLock(output, () => 'written')).toBe('written');
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    expect(fs.existsSync(lock)).toBe(false);
  });

  it('gives up with one sentence when a live writer holds it too long', async () => {
    const output = path.join(tempDir(), 'PROJECT-CONTEXT.md');
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 5000)']);
    children.push(child);
    await new Promise((resolve) => child.once('spawn', resolve));
    fs.writeFileSync(outputLockPath(output), JSON.stringify({ pid: child.pid, startedAt: '', hostname: os.hostname(), procStart: processStartTime(child.pid!) }));
    expect(() => withOutputLock(output, () => 'written', 200)).toThrow(OutputBusyError);
    expect(() => withOutputLock(output, () => 'written', 200)).toThrow(`Another project-context process (pid ${child.pid}) is writing ${output} and has not finished; nothing was written. Try again when it is done.`);
  });

  it('takes over a lock left by a killed writer', () => {
    const output = path.join(tempDir(), 'PROJECT-CONTEXT.md');
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    fs.writeFileSync(outputLockPath(output), JSON.stringify({ pid: dead, startedAt: '', hostname: os.hostname() }));
    expect(withOutputLock(output, () => 'written', 200)).toBe('written');
    expect(fs.existsSync(outputLockPath(output))).toBe(false);
  });
});
