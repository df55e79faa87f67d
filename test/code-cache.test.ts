import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, mkdirSync, mkdtempSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeCacheDir } from '../src/scan/code-cache.js';
import { PROJECT_ROOT } from './helpers/fixture.js';
import { NOBODY, runsAsRoot } from './helpers/unprivileged.js';

const TS_MODULE = path.join(PROJECT_ROOT, 'dist/src/scan/ts.js');

/** Loads the built `ts.ts` in a fresh Node with the given cache home; prints how many statements a parse found. */
function parseInChild(cacheHome: string, extra: NodeJS.ProcessEnv = {}): string {
  const script = `import(${JSON.stringify(TS_MODULE)}).then((m) => console.log(m.parseSource('a.ts', 'let a = 1; let b = 2;').statements.length))`;
  return execFileSync(process.execPath, ['-e', script], { env: { ...process.env, XDG_CACHE_HOME: cacheHome, PROJECT_CONTEXT_CODE_CACHE: '', ...extra }, encoding: 'utf8' }).trim();
}

function cacheFiles(cacheHome: string): string[] {
  const dir = path.join(cacheHome, 'project-context', `v8-${process.versions.v8}-${process.arch}`);
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

describe('the compiler code cache', () => {
  it('is kept in the per-user cache folder of each platform, never a shared temp folder', () => {
    const tail = path.join('project-context', `v8-${process.versions.v8}-${process.arch}`);
    expect(codeCacheDir({ XDG_CACHE_HOME: '/x/cache' }, 'linux', '/home/u')).toBe(path.join('/x/cache', tail));
    expect(codeCacheDir({}, 'linux', '/home/u')).toBe(path.join('/home/u/.cache', tail));
    expect(codeCacheDir({ XDG_CACHE_HOME: 'relative' }, 'linux', '/home/u')).toBe(path.join('/home/u/.cache', tail));
    expect(codeCacheDir({}, 'darwin', '/Users/u')).toBe(path.join('/Users/u/Library/Caches', tail));
    expect(codeCacheDir({ LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }, 'win32', 'C:\\Users\\u')).toBe(path.join('C:\\Users\\u\\AppData\\Local', tail));
    expect(codeCacheDir({}, 'linux', '')).toBeUndefined();
  });

  it('is written on the first run, used unchanged by the next, and rewritten when damaged', () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'pc-code-cache-'));
    expect(parseInChild(home)).toBe('2');
    const files = cacheFiles(home);
    expect(files.map((f) => f.replace(/-\d+-\d+\.bin$/, ''))).toEqual(['ts-morph-common.js', 'ts-morph.js', 'typescript.js']);
    const dir = path.join(home, 'project-context', `v8-${process.versions.v8}-${process.arch}`);
    const typescript = path.join(dir, files.find((f) => f.startsWith('typescript.js'))!);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const written = statSync(typescript).mtimeMs;
    expect(parseInChild(home)).toBe('2');
    expect(statSync(typescript).mtimeMs).toBe(written); // accepted by V8: not rewritten

    writeFileSync(typescript, 'not a code cache');
    expect(parseInChild(home)).toBe('2');
    expect(statSync(typescript).size).toBeGreaterThan(1_000_000); // rejected by V8, then rewritten
  });

  it('keeps the current cache and the newest earlier one per file, not every earlier install\'s', () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'pc-code-cache-'));
    const dir = path.join(home, 'project-context', `v8-${process.versions.v8}-${process.arch}`);
    mkdirSync(dir, { recursive: true });
    const old = (name: string, secondsAgo: number) => {
      writeFileSync(path.join(dir, name), 'stale');
      const t = Date.now() / 1000 - secondsAgo;
      utimesSync(path.join(dir, name), t, t);
    };
    old('typescript.js-1-1000.bin', 300);
    old('typescript.js-1-2000.bin', 200);
    old('typescript.js-1-3000.bin', 100);
    old('other-file.bin', 400);
    expect(parseInChild(home)).toBe('2');
    const left = cacheFiles(home);
    expect(left.filter((f) => f.startsWith('typescript.js-'))).toHaveLength(2); // the new one and typescript.js-1-3000.bin
    expect(left).toContain('typescript.js-1-3000.bin');
    expect(left).toContain('other-file.bin');
  });

  it('is not used when turned off', () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'pc-code-cache-'));
    expect(parseInChild(home, { PROJECT_CONTEXT_CODE_CACHE: '0' })).toBe('2');
    expect(cacheFiles(home)).toEqual([]);
  });

  it.runIf(runsAsRoot)('is not used from a folder someone else owns', () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'pc-code-cache-'));
    const dir = path.join(home, 'project-context', `v8-${process.versions.v8}-${process.arch}`);
    mkdirSync(dir, { recursive: true });
    chownSync(dir, NOBODY, NOBODY);
    expect(parseInChild(home)).toBe('2');
    expect(cacheFiles(home)).toEqual([]);
  });
});

describe('loading the compiler on first use', () => {
  const CLI = path.join(PROJECT_ROOT, 'dist/bin/cli.js');
  it('step 1 is generated without loading ts-morph (no module touches the compiler at import), step 3 loads it', () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'pc-lazy-ts-'));
    const spawn = (steps: string) =>
      spawnSyncText(process.execPath, [CLI, path.join(PROJECT_ROOT, 'examples/kv-store'), '--yes', '--steps', steps, '--output', path.join(out, `${steps}.md`), '--state', path.join(out, steps, 'state.json')]);
    expect(spawn('1')).not.toContain('ts-morph loaded here');
    expect(spawn('3')).toContain('ts-morph loaded here');
  });
});

function spawnSyncText(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { env: { ...process.env, PROJECT_CONTEXT_TRACE_TS: '1' }, encoding: 'utf8' });
  expect(r.status).toBe(0);
  return r.stderr;
}
