import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { climb, migrate, type Migration } from '../state/migrate.js';
import { createSessionState, STATE_VERSION, type SessionState } from '../state/schema.js';
import { backupStateFile, loadState, saveState, StateFileError, StateWriteError } from '../state/store.js';
import { readableProjectRoot } from './helpers/unprivileged.js';

const roots: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pc-state-'));
  roots.push(dir);
  return dir;
}
afterAll(() => {
  for (const r of roots) fs.rmSync(r, { recursive: true, force: true });
});

function sample(root: string): SessionState {
  const s = createSessionState({
    root,
    output: path.join(root, 'PROJECT-CONTEXT.md'),
    gitHead: 'a0ed56995b837fe9f05cbada55ab55bcb5afc1c7',
    steps: [
      { number: 1, title: 'Project Overview & Architecture' },
      { number: 2, title: 'Directory Structure' },
    ],
    now: new Date('2026-01-02T03:04:05.000Z'),
  });
  s.steps[0] = {
    ...s.steps[0],
    status: 'accepted',
    generated: '## 1. Project Overview & Architecture\n\nGenerated.\n',
    edited: '## 1. Project Overview & Architecture\n\nEdited — with ünïcode.\n',
    hash: '0123456789abcdef',
    citedFiles: { 'package.json': 'f'.repeat(64) },
    generatedAt: '2026-01-02T03:04:06.000Z',
    decidedAt: '2026-01-02T03:05:00.000Z',
  };
  s.outputHash = 'e'.repeat(64);
  return s;
}

function stateFile(): { dir: string; file: string } {
  const root = tempDir();
  return { dir: path.join(root, '.project-context'), file: path.join(root, '.project-context', 'state.json') };
}

function loadError(file: string): StateFileError {
  try {
    loadState(file);
  } catch (err) {
    expect(err).toBeInstanceOf(StateFileError);
    return err as StateFileError;
  }
  throw new Error('expected loadState to throw');
}

describe('saveState / loadState', () => {
  it('round-trips a session exactly', () => {
    const { file } = stateFile();
    const state = sample(path.dirname(path.dirname(file)));
    saveState(file, state);
    expect(loadState(file)).toEqual(state);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual(state);
  });

  it('returns null when there is no state file', () => {
    expect(loadState(path.join(tempDir(), 'none', 'state.json'))).toBeNull();
  });

  it('creates the folder with a .gitignore of * so git never shows it, and leaves no temp files', () => {
    const { dir, file } = stateFile();
    saveState(file, sample(path.dirname(dir)));
    saveState(file, sample(path.dirname(dir)));
    expect(fs.readdirSync(dir).sort()).toEqual(['.gitignore', 'state.json']);
    expect(fs.readFileSync(path.join(dir, '.gitignore'), 'utf8').split('\n')).toContain('*');
  });

  it('git really ignores the state folder', () => {
    const { dir, file } = stateFile();
    const root = path.dirname(dir);
    expect(spawnSync('git', ['init', '-q', root]).status).toBe(0);
    saveState(file, sample(root));
    const status = spawnSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: root, encoding: 'utf8' });
    expect(status.stdout).toBe('');
  });

  it('writes .gitignore in a folder of another name only when it holds nothing but our files', () => {
    const root = tempDir();
    saveState(path.join(root, '.demo', 'session.json'), sample(root));
    expect(fs.existsSync(path.join(root, '.demo', '.gitignore'))).toBe(true);
    // The repository root holds the user's files: no .gitignore is dropped there.
    fs.writeFileSync(path.join(root, 'package.json'), '{}');
    saveState(path.join(root, 'state.json'), sample(root));
    expect(fs.existsSync(path.join(root, '.gitignore'))).toBe(false);
    // An existing .gitignore is never replaced.
    const mine = path.join(root, 'keep');
    fs.mkdirSync(path.join(mine));
    fs.writeFileSync(path.join(mine, '.gitignore'), 'mine\n');
    saveState(path.join(mine, 'state.json'), sample(root));
    expect(fs.readFileSync(path.join(mine, '.gitignore'), 'utf8')).toBe('mine\n');
  });

  it('ignores a temp file left by a writer killed mid-write, and cleans it on the next save', () => {
    const { dir, file } = stateFile();
    const state = sample(path.dirname(dir));
    saveState(file, state);
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    const leftover = path.join(dir, `.state.json.tmp-${dead}-abcdef`);
    fs.writeFileSync(leftover, '{"version": 1, "tool": "project-con');
    expect(loadState(file)).toEqual(state);
    saveState(file, state);
    expect(fs.existsSync(leftover)).toBe(false);
  });

  it('refuses to save a state the next run could not load', () => {
    const { file } = stateFile();
    const bad = { ...sample('/repo'), root: 'relative/path' };
    expect(() => saveState(file, bad)).toThrow('Refusing to save an invalid session state (root: must be an absolute path).');
    expect(fs.existsSync(file)).toBe(false);
  });

  it('a full disk leaves the previous state in place and says what to do', () => {
    const { dir, file } = stateFile();
    const state = sample(path.dirname(dir));
    saveState(file, state);
    // ENOSPC cannot be produced for real without a full filesystem, so this one failure is injected.
    const spy = vi.spyOn(fs, 'writeSync').mockImplementation(() => {
      throw Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' });
    });
    let err: unknown;
    try {
      saveState(file, { ...state, updatedAt: '2026-01-03T00:00:00.000Z' });
    } catch (e) {
      err = e;
    } finally {
      spy.mockRestore();
    }
    expect(err).toBeInstanceOf(StateWriteError);
    expect((err as StateWriteError).reason).toBe('disk-full');
    expect((err as Error).message).toBe(`Cannot save progress to ${file}: the disk is full; free some space and try again.`);
    expect(loadState(file)).toEqual(state);
    expect(fs.readdirSync(dir).sort()).toEqual(['.gitignore', 'state.json']);
  });

  it('a state folder without write permission is not-writable (real EACCES, as an unprivileged user)', () => {
    const root = tempDir();
    fs.chmodSync(root, 0o755);
    const dir = path.join(root, '.project-context');
    const file = path.join(dir, 'state.json');
    saveState(file, sample(root));
    fs.chmodSync(dir, 0o555);
    const script = `import { saveState, loadState } from ${JSON.stringify(path.join(readableProjectRoot(), 'state/store.ts'))};
      const s = loadState(process.env.FILE); s.updatedAt = new Date().toISOString();
      try { saveState(process.env.FILE, s); console.log(JSON.stringify({ ok: true })); }
      catch (e) { console.log(JSON.stringify({ name: e.name, reason: e.reason, message: e.message })); }`;
    const home = tempDir();
    fs.chmodSync(home, 0o777);
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: readableProjectRoot(),
      env: { ...process.env, FILE: file, HOME: home },
      encoding: 'utf8',
      ...(process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {}),
    });
    fs.chmodSync(dir, 0o755);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({
      name: 'StateWriteError',
      reason: 'not-writable',
      message: `Cannot save progress to ${file}: permission denied or read-only disk; fix the permissions or choose another file with --state.`,
    });
    expect(loadState(file)).toEqual(sample(root));
  });
});

describe('state files that cannot be used', () => {
  it('truncated JSON (a crash mid-write on a non-atomic filesystem) → corrupt, with the backup path', () => {
    const { dir, file } = stateFile();
    saveState(file, sample(path.dirname(dir)));
    const full = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, full.slice(0, full.length / 2));
    const err = loadError(file);
    expect(err.reason).toBe('corrupt');
    expect(err.file).toBe(file);
    expect(err.backup).toMatch(/state\.json\.bak-\d{8}-\d{6}$/);
    expect(err.message).toBe(
      `The saved session ${file} is damaged (not valid JSON). Run with --restart to start over; the old file is kept as ${err.backup}.`,
    );
    expect(fs.readFileSync(err.backup!, 'utf8')).toBe(full.slice(0, full.length / 2));
    // Loading again does not pile up copies; --restart then moves the file aside onto that same copy.
    expect(loadError(file).backup).toBe(err.backup);
    expect(backupStateFile(file)).toBe(err.backup);
    expect(fs.existsSync(file)).toBe(false);
    expect(fs.readdirSync(dir).sort()).toEqual(['.gitignore', path.basename(err.backup!)]);
    expect(loadState(file)).toBeNull();
  });

  it('an empty file → corrupt', () => {
    const { file } = stateFile();
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(file, '');
    const err = loadError(file);
    expect(err.reason).toBe('corrupt');
    expect(err.message).toMatch(/^The saved session .* is empty\. Run with --restart/);
  });

  it.each([
    ['a wrong status', (s: any) => (s.steps[1].status = 'done'), /\(steps\.1\.status: /],
    ['a missing root', (s: any) => delete s.root, /\(root: /],
    ['a relative output path', (s: any) => (s.output = 'out.md'), /\(output: must be an absolute path\)/],
    ['a duplicated step', (s: any) => (s.steps[1].number = 1), /steps\.1\.number: step 1 is listed twice/],
    ['another tool', (s: any) => (s.tool = 'other-tool'), /\(tool: /],
    ['a bad timestamp', (s: any) => (s.createdAt = 'yesterday'), /\(createdAt: /],
    ['a bad hash', (s: any) => (s.steps[0].hash = 'xyz'), /steps\.0\.hash: must be 16 hex characters/],
    ['not an object', (s: any) => Object.assign(s, { steps: 'many' }), /\(steps: /],
    ['no version', (s: any) => delete s.version, /\(version: /],
  ])('hand-edited into nonsense (%s) → invalid, naming the field', (_name, edit, field) => {
    const { file } = stateFile();
    const raw: any = sample('/repo');
    edit(raw);
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(file, JSON.stringify(raw));
    const err = loadError(file);
    expect(err.reason).toBe('invalid');
    expect(err.message).toMatch(field);
    expect(err.message).toMatch(/^The saved session .* is not a valid project-context session \(.*\)\. Run with --restart to start over; the old file is kept as .*state\.json\.bak-/);
  });

  it('JSON that is not an object → invalid', () => {
    const { file } = stateFile();
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(file, '[1, 2, 3]');
    expect(loadError(file).reason).toBe('invalid');
  });

  it('a newer version → future-version, telling the user to update or restart', () => {
    const { file } = stateFile();
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(file, JSON.stringify({ ...sample('/repo'), version: STATE_VERSION + 1, newField: true }));
    const err = loadError(file);
    expect(err.reason).toBe('future-version');
    expect(err.message).toBe(
      `${file} was written by a newer project-context (state version ${STATE_VERSION + 1}; this one reads up to ${STATE_VERSION}). ` +
        `Update project-context to continue it, or run with --restart to start over; the old file is kept as ${err.backup}.`,
    );
  });

  it('unknown fields are tolerated and dropped (a hand-added note must not cost a session)', () => {
    const { file } = stateFile();
    const state = sample('/repo');
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(file, JSON.stringify({ ...state, note: 'mine', steps: state.steps.map((s) => ({ ...s, extra: 1 })) }));
    expect(loadState(file)).toEqual(state);
  });

  it('a folder at the state path → unreadable', () => {
    const { file } = stateFile();
    fs.mkdirSync(file, { recursive: true });
    const err = loadError(file);
    expect(err.reason).toBe('unreadable');
    expect(err.message).toBe(
      `The saved session ${file} is a folder, not a file; project-context never deletes or replaces a folder. Run with --restart to start over (it is moved aside).`,
    );
  });
});

describe('backupStateFile', () => {
  it('moves the file aside and returns the new path; null when there is none', () => {
    const { dir, file } = stateFile();
    expect(backupStateFile(file)).toBeNull();
    saveState(file, sample(path.dirname(dir)));
    const content = fs.readFileSync(file, 'utf8');
    const moved = backupStateFile(file)!;
    expect(moved).toMatch(/state\.json\.bak-\d{8}-\d{6}$/);
    expect(fs.readFileSync(moved, 'utf8')).toBe(content);
    expect(fs.existsSync(file)).toBe(false);
    saveState(file, { ...sample(path.dirname(dir)), gitHead: null });
    const second = backupStateFile(file)!;
    expect(second).not.toBe(moved);
  });
});

describe('migrate', () => {
  it('passes the current version through and rejects a future one', () => {
    const s = sample('/repo');
    expect(migrate(s)).toEqual(s);
    expect(() => migrate({ ...s, version: 99 })).toThrow(StateFileError);
    expect(migrate('not an object')).toBe('not an object');
  });

  it('climbs the ladder one version at a time', () => {
    const ladder: Record<number, Migration> = {
      1: (v) => ({ ...v, renamed: v.old, old: undefined }),
      2: (v) => ({ ...v, steps: (v.steps as unknown[]).length }),
    };
    expect(climb({ version: 1, old: 'x', steps: [1, 2] }, ladder, 3)).toEqual({ version: 3, renamed: 'x', old: undefined, steps: 2 });
    expect(climb({ version: 2, steps: [] }, ladder, 3)).toEqual({ version: 3, steps: 0 });
    expect(climb({ version: 0 }, ladder, 3)).toEqual({ version: 0 }); // no path up: the schema rejects it
  });
});
