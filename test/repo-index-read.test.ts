import { execFileSync } from 'node:child_process';
import { mkdtempSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../src/scan/file-text.js';
import { buildIndex, MAX_READ_BYTES } from '../src/scan/repo-index.js';
import { readPlainFile } from '../src/scan/read-plain-file.js';
import { tempRepo } from './helpers/temp-repo.js';

const SOURCE = 'export type Json = string | number;\r\nexport const tables = ["users"];\r\n';

describe('reading files', () => {
  it('reads UTF-16 files with a byte-order mark as text (little and big endian) and parses them', async () => {
    const root = tempRepo();
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SOURCE, 'utf16le')]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(SOURCE, 'utf16le').swap16()]);
    writeFileSync(path.join(root, 'src/types_le.ts'), le);
    writeFileSync(path.join(root, 'src/types_be.ts'), be);
    const index = await buildIndex(root);
    for (const file of ['src/types_le.ts', 'src/types_be.ts']) {
      expect(index.read(file)).toBe(SOURCE);
      expect(index.parse(file)?.statements).toHaveLength(2);
    }
    expect(index.skipped()).toEqual([]);
  });

  it('still leaves out binary content, and reads UTF-8 as before', () => {
    expect(decodeText(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]))).toBeUndefined();
    expect(decodeText(Buffer.from('héllo', 'utf8'))).toBe('héllo');
    expect(decodeText(Buffer.from([0xfe, 0xff, 0x00]))).toBe(''); // a lone odd byte after the mark is dropped
  });

  it('reads a file through a link inside the repository, and never one outside it', async () => {
    const outside = path.join(mkdtempSync(path.join(os.tmpdir(), 'pc-outside-')), 'secret.ts');
    writeFileSync(outside, 'export const key = 1;\n');
    const root = tempRepo({ 'src/real.ts': 'export const real = 1;\n' });
    symlinkSync('real.ts', path.join(root, 'src/alias.ts'));
    symlinkSync(outside, path.join(root, 'src/escape.ts'));
    const index = await buildIndex(root);
    expect(index.read('src/alias.ts')).toBe('export const real = 1;\n');
    expect(index.read('src/escape.ts')).toBeUndefined();
    expect(index.skipped()).toContainEqual({ file: 'src/escape.ts', reason: 'outside-root' });
  });

  it('lists a file past the read limit without reading it', async () => {
    const root = tempRepo({ 'src/huge.ts': `export const data = "${'x'.repeat(MAX_READ_BYTES)}";\n` });
    const index = await buildIndex(root);
    expect(index.has('src/huge.ts')).toBe(true);
    expect(index.read('src/huge.ts')).toBeUndefined();
    expect(index.skipped()).toEqual([{ file: 'src/huge.ts', reason: 'too-large' }]);
  });

  it('reuses an unchanged file of the previous index (same size and time) and reads a changed one', async () => {
    const root = tempRepo({ 'src/a.ts': 'export const a = 1;\n', 'src/b.ts': 'export const b = 1;\n' });
    // Whole seconds: a file system's sub-millisecond times do not survive a round trip through a Date.
    const a = path.join(root, 'src/a.ts');
    const then = new Date(Math.floor(statSync(a).mtimeMs / 1000) * 1000 - 60_000);
    utimesSync(a, then, then);
    const first = await buildIndex(root);
    expect(first.read('src/a.ts')).toBe('export const a = 1;\n');
    expect(first.read('src/b.ts')).toBe('export const b = 1;\n');
    // Same size and time: the earlier text is kept (proof it was not read again); a new time means a new read.
    writeFileSync(a, 'export const a = 2;\n');
    utimesSync(a, then, then);
    writeFileSync(path.join(root, 'src/b.ts'), 'export const b = 2;\n');
    utimesSync(path.join(root, 'src/b.ts'), new Date(), new Date(Date.now() + 5000));
    const second = await buildIndex(root, { previous: first });
    expect(second.read('src/a.ts')).toBe('export const a = 1;\n');
    expect(second.read('src/b.ts')).toBe('export const b = 2;\n');
  });

  it('does not wait on a named pipe, and sees that it is not a regular file', () => {
    if (process.platform === 'win32') return;
    const fifo = path.join(mkdtempSync(path.join(os.tmpdir(), 'pc-fifo-')), 'pipe');
    execFileSync('mkfifo', [fifo]);
    expect(readPlainFile(fifo, () => true)).toEqual({ kind: 'not-a-file' });
  });

  it('leaves a link to the careful path, and reads a plain file whole in one open', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pc-plain-'));
    writeFileSync(path.join(dir, 'f.txt'), 'hello');
    symlinkSync('f.txt', path.join(dir, 'link.txt'));
    expect(readPlainFile(path.join(dir, 'link.txt'), () => true)).toEqual({ kind: 'use-path' });
    const read = readPlainFile(path.join(dir, 'f.txt'), () => true);
    expect(read.kind === 'file' && read.bytes?.toString()).toBe('hello');
    const skipped = readPlainFile(path.join(dir, 'f.txt'), () => false);
    expect(skipped.kind === 'file' && skipped.bytes).toBeUndefined();
  });
});
