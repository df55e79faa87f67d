import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeDirs } from '../src/output/atomic.js';

describe('makeDirs', () => {
  it('creates every missing level with the mode asked for, and accepts a folder that exists', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'pc-mkdirs-'));
    const deep = path.join(root, 'a', 'b', 'c');
    makeDirs(deep, 0o700);
    expect(statSync(deep).isDirectory()).toBe(true);
    expect(statSync(path.join(root, 'a')).mode & 0o777).toBe(0o700);
    makeDirs(deep);
    expect(existsSync(deep)).toBe(true);
  });

  it('throws for a file in the way', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'pc-mkdirs-'));
    writeFileSync(path.join(root, 'file'), 'x');
    expect(() => makeDirs(path.join(root, 'file'))).toThrow(/ENOTDIR/);
    expect(() => makeDirs(path.join(root, 'file', 'sub'))).toThrow();
  });

  // Node 20's mkdirSync({ recursive: true }) spins forever here (ENOENT under a parent that exists).
  it.runIf(process.platform === 'linux' && existsSync('/proc/self'))('fails at once where the system refuses with ENOENT', () => {
    const started = Date.now();
    expect(() => makeDirs('/proc/project-context-test/x')).toThrow(/ENOENT/);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
