import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StateWriteError } from '../state/errors.js';
import { acquireLock, LockError, processStartTime } from '../state/lock.js';
import { PROJECT_ROOT } from './helpers/fixture.js';

const roots: string[] = [];
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  for (const r of roots) fs.rmSync(r, { recursive: true, force: true });
});

function stateFile(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pc-lock-'));
  roots.push(root);
  return path.join(root, '.project-context', 'state.json');
}

/** A real process that stays alive until the test ends: any program (`node -e`), or one run as the CLI would be. */
async function liveProcess(kind: 'other' | 'project-context' = 'other'): Promise<number> {
  const args = kind === 'other' ? ['-e', 'setTimeout(() => {}, 120000)'] : [fakeCli(), '--yes'];
  const child = spawn(process.execPath, args, { stdio: 'ignore' });
  children.push(child);
  await new Promise((resolve) => child.once('spawn', resolve));
  return child.pid!;
}

/** A script at `…/project-context/dist/bin/cli.js` that only waits: its command line is a project-context one. */
function fakeCli(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pc-lock-cli-'));
  roots.push(dir);
  const file = path.join(dir, 'project-context', 'dist', 'bin', 'cli.js');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, 'setTimeout(() => {}, 120000);\n');
  return file;
}

/** The pid of a real process that has already exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid!;
}

function writeLock(file: string, content: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(`${file}.lock`, content);
}

function lockOwner(file: string): number {
  return JSON.parse(fs.readFileSync(`${file}.lock`, 'utf8')).pid;
}

describe('acquireLock', () => {
  it('creates the lock with pid, start time and host, and release removes it', () => {
    const file = stateFile();
    const lock = acquireLock(file);
    expect(lock.file).toBe(`${file}.lock`);
    const info = JSON.parse(fs.readFileSync(lock.file, 'utf8'));
    expect(info).toMatchObject({ pid: process.pid, hostname: os.hostname() });
    expect(new Date(info.startedAt).toISOString()).toBe(info.startedAt);
    // The state folder is created with its .gitignore, even before any state is saved.
    expect(fs.readdirSync(path.dirname(file)).sort()).toEqual(['.gitignore', 'state.json.lock']);
    lock.release();
    lock.release();
    expect(fs.existsSync(lock.file)).toBe(false);
  });

  it('refuses while a live project-context process holds it, naming its pid and how to end it', async () => {
    const file = stateFile();
    const pid = await liveProcess('project-context');
    writeLock(file, JSON.stringify({ pid, startedAt: new Date().toISOString(), hostname: os.hostname(), procStart: processStartTime(pid) }));
    let err: unknown;
    try {
      acquireLock(file);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(LockError);
    expect((err as LockError).pid).toBe(pid);
    expect((err as LockError).file).toBe(`${file}.lock`);
    expect((err as Error).message).toBe(
      `Another project-context session (pid ${pid}) is running on this repository. Finish it first, or if it is stuck, end it: kill ${pid}.`,
    );
    expect(lockOwner(file)).toBe(pid);
  });

  it('a live owner whose command line is not project-context (recorded start time matches): refused, but never "kill <pid>"', async () => {
    const file = stateFile();
    const pid = await liveProcess('other');
    writeLock(file, JSON.stringify({ pid, startedAt: new Date().toISOString(), hostname: os.hostname(), procStart: processStartTime(pid) }));
    expect(() => acquireLock(file)).toThrow(
      `Another project-context session may be running on this repository (its lock ${file}.lock names pid ${pid}). Finish it first, or if it is not running, delete ${file}.lock.`,
    );
    expect(lockOwner(file)).toBe(pid);
  });

  it('refuses for a live project-context pid recorded without a start time (non-Linux lock files)', async () => {
    const file = stateFile();
    const pid = await liveProcess('project-context');
    writeLock(file, JSON.stringify({ pid, startedAt: new Date().toISOString(), hostname: os.hostname() }));
    expect(() => acquireLock(file)).toThrow(LockError);
  });

  it('takes over a lock whose process was killed but not yet reaped by its parent (a zombie)', async () => {
    const file = stateFile();
    // `sleep 0.2` exits after its parent shell became `sleep 30`, which never waits for it: a zombie for 30 s.
    const parent = spawn('/bin/sh', ['-c', 'sleep 0.2 & echo $!; exec sleep 30'], { stdio: ['ignore', 'pipe', 'ignore'] });
    children.push(parent);
    const pid = Number(await new Promise<string>((resolve) => parent.stdout!.once('data', (d) => resolve(String(d).trim()))));
    for (let i = 0; i < 100 && !/\) Z /.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8')); i++) await new Promise((r) => setTimeout(r, 20));
    writeLock(file, JSON.stringify({ pid, startedAt: new Date().toISOString(), hostname: os.hostname(), procStart: processStartTime(pid), argv1: '/x/cli.js' }));
    const lock = acquireLock(file);
    expect(lockOwner(file)).toBe(process.pid);
    lock.release();
  });

  it.each([
    ['pid 1 (init)', () => 1],
    ['a live process that is not project-context', () => liveProcess('other')],
  ])('takes over a hand-written lock naming %s: never "end it: kill 1"', async (_name, pidOf) => {
    const file = stateFile();
    writeLock(file, JSON.stringify({ pid: await pidOf(), startedAt: '2020-01-01T00:00:00.000Z', hostname: os.hostname() }));
    const lock = acquireLock(file);
    expect(lockOwner(file)).toBe(process.pid);
    lock.release();
  });

  it.each([
    ['a folder (with files in it)', (p: string) => {
      fs.mkdirSync(path.join(p, 'keep'), { recursive: true });
      fs.writeFileSync(path.join(p, 'keep', 'file'), 'precious\n');
    }, 'is a folder, not a file; project-context never deletes or replaces a folder. Choose another file with --state.'],
    ['a FIFO', (p: string) => spawnSync('mkfifo', [p]), 'is a named pipe (FIFO); project-context reads and writes only regular files there. Remove it, or choose another file with --state.'],
    ['a link to /dev/zero', (p: string) => fs.symlinkSync('/dev/zero', p), 'is a symbolic link; project-context does not read or write through links. Remove it, or choose another file with --state.'],
  ])('a lock path that is %s: refused with one sentence, never read, never deleted', (_name, make, says) => {
    const file = stateFile();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    make(`${file}.lock`);
    expect(() => acquireLock(file)).toThrow(`The session lock ${file}.lock ${says}`);
    expect(fs.lstatSync(`${file}.lock`)).toBeTruthy();
    if (fs.lstatSync(`${file}.lock`).isDirectory()) expect(fs.readFileSync(path.join(`${file}.lock`, 'keep', 'file'), 'utf8')).toBe('precious\n');
  });

  it('takes over a lock whose process has exited', () => {
    const file = stateFile();
    const pid = deadPid();
    writeLock(file, JSON.stringify({ pid, startedAt: new Date().toISOString(), hostname: os.hostname() }));
    const lock = acquireLock(file);
    expect(lockOwner(file)).toBe(process.pid);
    lock.release();
  });

  it('takes over a lock whose pid now belongs to another process (pid reused after a crash or reboot)', async () => {
    const file = stateFile();
    const pid = await liveProcess();
    expect(processStartTime(pid)).toMatch(/^\d+$/);
    writeLock(file, JSON.stringify({ pid, startedAt: '2020-01-01T00:00:00.000Z', hostname: os.hostname(), procStart: '1' }));
    acquireLock(file).release();
  });

  it.each([
    ['garbage', 'not json at all'],
    ['an empty file', ''],
    ['JSON without a pid', '{"hostname":"x"}'],
    ['a negative pid', JSON.stringify({ pid: -5, startedAt: '', hostname: os.hostname() })],
  ])('takes over a lock holding %s', (_name, content) => {
    const file = stateFile();
    writeLock(file, content);
    const lock = acquireLock(file);
    expect(lockOwner(file)).toBe(process.pid);
    lock.release();
  });

  it('respects a lock from another host, saying how to remove it', async () => {
    const file = stateFile();
    writeLock(file, JSON.stringify({ pid: deadPid(), startedAt: new Date().toISOString(), hostname: 'build-box-7' }));
    expect(() => acquireLock(file)).toThrow(/^Another project-context session \(pid \d+ on build-box-7\) may be running on this repository\. Finish it first, or if it is not running, delete .*state\.json\.lock\.$/);
  });

  it('a state path under a regular file fails with a plain StateWriteError', () => {
    const root = path.dirname(path.dirname(stateFile()));
    fs.writeFileSync(path.join(root, 'blocker'), '');
    const file = path.join(root, 'blocker', 'state.json');
    let err: unknown;
    try {
      acquireLock(file);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StateWriteError);
    expect((err as StateWriteError).reason).toBe('not-a-file');
    expect((err as Error).message).toBe(`Cannot create the session lock ${file}.lock: a part of that path is not a folder; choose another file with --state.`);
  });

  it('lets the same process acquire again', () => {
    const file = stateFile();
    const a = acquireLock(file);
    const b = acquireLock(file);
    expect(b.file).toBe(a.file);
    b.release();
    expect(fs.existsSync(a.file)).toBe(false);
  });

  it('release leaves a lock that is no longer ours', () => {
    const file = stateFile();
    const lock = acquireLock(file);
    const theirs = JSON.stringify({ pid: 1, startedAt: new Date().toISOString(), hostname: os.hostname() });
    fs.writeFileSync(lock.file, theirs);
    lock.release();
    expect(fs.readFileSync(lock.file, 'utf8')).toBe(theirs);
  });

  it('exactly one of several processes racing for a stale lock wins', async () => {
    const file = stateFile();
    writeLock(file, JSON.stringify({ pid: deadPid(), startedAt: new Date().toISOString(), hostname: os.hostname() }));
    const start = Date.now() + 2500;
    // The winner holds the lock until the test has heard from everyone, however slowly the others start.
    const script = `import { acquireLock } from ${JSON.stringify(path.join(PROJECT_ROOT, 'state/lock.ts'))};
      while (Date.now() < ${start}) {}
      try { acquireLock(process.env.FILE); console.log('won'); setTimeout(() => {}, 60000); }
      catch (e) { console.log(e.name === 'LockError' ? 'refused ' + e.pid : 'error ' + e.message); }`;
    const runs = Array.from({ length: 6 }, () => {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: PROJECT_ROOT,
        env: { ...process.env, FILE: file },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.push(child);
      let out = '';
      return new Promise<{ pid: number; out: string }>((resolve) => {
        const done = () => resolve({ pid: child.pid!, out: out.trim() });
        child.stdout!.on('data', (d) => {
          out += d;
          if (out.includes('\n')) done();
        });
        child.stderr!.on('data', (d) => (out += d));
        child.on('close', done);
      });
    });
    const results = await Promise.all(runs);
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    const winners = results.filter((r) => r.out === 'won');
    expect(winners, JSON.stringify(results)).toHaveLength(1);
    for (const r of results.filter((x) => x !== winners[0])) expect(r.out).toBe(`refused ${winners[0].pid}`);
  });
});
