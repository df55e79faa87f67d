import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { sha256 } from '../src/output/atomic.js';
import { parseOutput, renderBlock } from '../src/output/document.js';
import { sectionHash } from '../src/output/markers.js';
import {
  acceptSection,
  backupOutput,
  inspectForAccept,
  OutputConflictError,
  OutputWriteError,
  outputFileHash,
  readOutputFile,
} from '../src/output/write.js';
import { readableProjectRoot } from './helpers/unprivileged.js';

const S1 = '## 1. Project Overview & Architecture\n\nOne.\n';
const S2 = '## 2. Directory Structure\n\nTwo.\n';
const S3 = '## 3. Backend & API\n\nThree.\n';

const roots: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pc-output-'));
  roots.push(dir);
  return dir;
}
afterAll(() => {
  for (const r of roots) fs.rmSync(r, { recursive: true, force: true });
});
afterEach(() => {
  vi.restoreAllMocks();
});

function entries(dir: string): string[] {
  return fs.readdirSync(dir).sort();
}

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected an error');
}

describe('acceptSection on a new or own file', () => {
  it('creates the file (and its folder) on first accept, in step order, leaving no temp files', () => {
    const dir = tempDir();
    const file = path.join(dir, 'docs', 'PROJECT-CONTEXT.md');
    expect(readOutputFile(file)).toBeUndefined();
    expect(inspectForAccept(file, 3, S3)).toBeNull();
    const r3 = acceptSection(file, 3, S3);
    acceptSection(file, 1, S1);
    const r2 = acceptSection(file, 2, S2);
    expect(r3).toEqual({ written: true, outputHash: sha256(renderBlock(3, S3)), alreadyPresent: false });
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toBe(`${renderBlock(1, S1)}\n${renderBlock(2, S2)}\n${renderBlock(3, S3)}`);
    expect(r2.outputHash).toBe(sha256(text));
    expect(outputFileHash(file)).toBe(r2.outputHash);
    expect(entries(path.join(dir, 'docs'))).toEqual(['PROJECT-CONTEXT.md']);
  });

  it('is idempotent: a resumed session re-accepting a written section rewrites nothing', () => {
    const file = path.join(tempDir(), 'PROJECT-CONTEXT.md');
    const before = acceptSection(file, 1, S1).outputHash; // state saved with this hash
    const written = acceptSection(file, 2, S2); // process dies here, before the state is saved
    const mtime = fs.statSync(file).mtimeMs;
    // The resumed session still believes step 2 is pending and the file hash is `before`.
    expect(inspectForAccept(file, 2, S2, before)).toBeNull();
    const again = acceptSection(file, 2, S2);
    expect(again).toEqual({ written: false, outputHash: written.outputHash, alreadyPresent: true });
    expect(fs.statSync(file).mtimeMs).toBe(mtime);
    expect(parseOutput(fs.readFileSync(file, 'utf8')).blocks.map((b) => b.step)).toEqual([1, 2]);
  });

  it('running every step twice (like --yes twice) leaves one copy of each', () => {
    const file = path.join(tempDir(), 'PROJECT-CONTEXT.md');
    for (let run = 0; run < 2; run++) for (const [n, s] of [[1, S1], [2, S2], [3, S3]] as const) acceptSection(file, n, s);
    const doc = parseOutput(fs.readFileSync(file, 'utf8'));
    expect(doc.blocks.map((b) => [b.step, b.body])).toEqual([[1, S1], [2, S2], [3, S3]]);
  });

  it('replaces a regenerated section in place without asking', () => {
    const file = path.join(tempDir(), 'PROJECT-CONTEXT.md');
    acceptSection(file, 1, S1);
    acceptSection(file, 2, S2);
    expect(inspectForAccept(file, 1, '## 1. New\n')).toBeNull();
    acceptSection(file, 1, '## 1. New\n');
    expect(parseOutput(fs.readFileSync(file, 'utf8')).blocks.map((b) => b.body)).toEqual(['## 1. New\n', S2]);
  });

  it('keeps the file mode', () => {
    const file = path.join(tempDir(), 'PROJECT-CONTEXT.md');
    acceptSection(file, 1, S1);
    fs.chmodSync(file, 0o640);
    acceptSection(file, 2, S2);
    expect(fs.statSync(file).mode & 0o777).toBe(0o640);
  });
});

describe('hand-edited sections', () => {
  function setup(): string {
    const file = path.join(tempDir(), 'PROJECT-CONTEXT.md');
    acceptSection(file, 1, S1);
    acceptSection(file, 2, S2);
    fs.appendFileSync(file, '\n## My notes\n');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('One.', 'One, with my correction.'));
    return file;
  }

  it('are reported before replacing, and only for their own step', () => {
    const file = setup();
    expect(inspectForAccept(file, 1, S1)).toEqual({ kind: 'hand-edited', step: 1 });
    expect(inspectForAccept(file, 1, '## 1. Regenerated\n')).toEqual({ kind: 'hand-edited', step: 1 });
    expect(inspectForAccept(file, 2, '## 2. Regenerated\n')).toBeNull();
    expect(inspectForAccept(file, 3, S3)).toBeNull();
  });

  it('are not replaced without a resolution; the file stays as it was', () => {
    const file = setup();
    const before = fs.readFileSync(file, 'utf8');
    const err = caught(() => acceptSection(file, 1, '## 1. Regenerated\n'));
    expect(err).toBeInstanceOf(OutputConflictError);
    expect((err as OutputConflictError).conflict).toEqual({ kind: 'hand-edited', step: 1 });
    expect((err as Error).message).toBe(`Section 1 in ${file} was edited by hand; choose whether to replace it.`);
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
    expect(acceptSection(file, 1, '## 1. Regenerated\n', 'cancel')).toEqual({ written: false, outputHash: sha256(before), alreadyPresent: false });
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
  });

  it('are replaced with overwrite-block, keeping everything else', () => {
    const file = setup();
    const r = acceptSection(file, 1, '## 1. Regenerated\n', 'overwrite-block');
    expect(r.written).toBe(true);
    const text = fs.readFileSync(file, 'utf8');
    expect(parseOutput(text).blocks.map((b) => [b.body, b.handEdited])).toEqual([['## 1. Regenerated\n', false], [S2, false]]);
    expect(text.endsWith('\n## My notes\n')).toBe(true);
  });

  it('need no question when edited into exactly the new text', () => {
    const file = setup();
    const edited = parseOutput(fs.readFileSync(file, 'utf8')).blocks[0].body;
    expect(inspectForAccept(file, 1, edited)).toBeNull();
    acceptSection(file, 1, edited);
    expect(parseOutput(fs.readFileSync(file, 'utf8')).blocks[0]).toMatchObject({ handEdited: false, hash: sectionHash(edited) });
  });

  it('include damaged markers and duplicates of the step', () => {
    const file = path.join(tempDir(), 'PROJECT-CONTEXT.md');
    acceptSection(file, 1, S1);
    acceptSection(file, 2, S2);
    fs.appendFileSync(file, `\n${renderBlock(2, S2)}`);
    expect(inspectForAccept(file, 2, S2)).toEqual({ kind: 'hand-edited', step: 2 });
    acceptSection(file, 2, S2, 'overwrite-block');
    const doc = parseOutput(fs.readFileSync(file, 'utf8'));
    expect(doc.blocks.map((b) => b.step)).toEqual([1, 2]);
    expect(doc.malformed).toEqual([]);
  });
});

describe('an existing PROJECT-CONTEXT.md without our blocks', () => {
  const mine = '# Our context\n\nHand-written by the team.\n';
  function setup(): { dir: string; file: string } {
    const dir = tempDir();
    const file = path.join(dir, 'PROJECT-CONTEXT.md');
    fs.writeFileSync(file, mine);
    return { dir, file };
  }

  it('is a foreign-file conflict and is never written without a resolution', () => {
    const { file } = setup();
    expect(inspectForAccept(file, 1, S1)).toEqual({ kind: 'foreign-file' });
    const err = caught(() => acceptSection(file, 1, S1));
    expect(err).toBeInstanceOf(OutputConflictError);
    expect((err as OutputConflictError).conflict).toEqual({ kind: 'foreign-file' });
    expect(acceptSection(file, 1, S1, 'cancel').written).toBe(false);
    expect(fs.readFileSync(file, 'utf8')).toBe(mine);
  });

  it('append keeps the text and adds our blocks after it; later accepts need no question', () => {
    const { file } = setup();
    acceptSection(file, 2, S2, 'append');
    expect(inspectForAccept(file, 1, S1)).toBeNull();
    acceptSection(file, 1, S1);
    expect(fs.readFileSync(file, 'utf8')).toBe(`${mine}\n${renderBlock(1, S1)}\n${renderBlock(2, S2)}`);
  });

  it('replace-with-backup keeps a backup and starts a fresh document', () => {
    const { dir, file } = setup();
    const r = acceptSection(file, 1, S1, 'replace-with-backup');
    expect(r.written).toBe(true);
    expect(r.backup).toMatch(/PROJECT-CONTEXT\.md\.bak-\d{8}-\d{6}$/);
    expect(fs.readFileSync(r.backup!, 'utf8')).toBe(mine);
    expect(fs.readFileSync(file, 'utf8')).toBe(renderBlock(1, S1));
    expect(entries(dir)).toEqual(['PROJECT-CONTEXT.md', path.basename(r.backup!)]);
    // Replaying the same choice after a crash does not make a second backup.
    expect(acceptSection(file, 1, S1, 'replace-with-backup')).toMatchObject({ written: false, alreadyPresent: true });
    expect(entries(dir)).toHaveLength(2);
  });

  it('an empty or whitespace-only file is not foreign', () => {
    const { file } = setup();
    fs.writeFileSync(file, '\n\n');
    expect(inspectForAccept(file, 1, S1)).toBeNull();
  });
});

describe('changed by another program', () => {
  it('is reported against the known output hash, and accepting keeps the change', () => {
    const file = path.join(tempDir(), 'PROJECT-CONTEXT.md');
    const known = acceptSection(file, 1, S1).outputHash;
    expect(inspectForAccept(file, 2, S2, known)).toBeNull();
    fs.appendFileSync(file, '\nAdded by a formatter.\n');
    expect(inspectForAccept(file, 2, S2, known)).toEqual({ kind: 'changed-externally' });
    acceptSection(file, 2, S2, 'append');
    expect(fs.readFileSync(file, 'utf8')).toContain('Added by a formatter.');
    fs.rmSync(file);
    expect(inspectForAccept(file, 3, S3, known)).toEqual({ kind: 'changed-externally' });
  });
});

describe('files that cannot be written', () => {
  it('a folder at the output path is not-a-file', () => {
    const file = path.join(tempDir(), 'PROJECT-CONTEXT.md');
    fs.mkdirSync(file);
    const err = caught(() => acceptSection(file, 1, S1)) as OutputWriteError;
    expect(err).toBeInstanceOf(OutputWriteError);
    expect(err.reason).toBe('not-a-file');
    expect(err.message).toBe(`The output ${file} is a folder, not a file; project-context never deletes or replaces a folder. Choose another path with --output.`);
    expect(() => inspectForAccept(file, 1, S1)).toThrow(OutputWriteError);
  });

  it('a regular file where a folder should be is not-a-file', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'docs'), 'a file');
    const file = path.join(dir, 'docs', 'PROJECT-CONTEXT.md');
    const err = caught(() => acceptSection(file, 1, S1)) as OutputWriteError;
    expect(err.reason).toBe('not-a-file');
    expect(err.message).toMatch(/part of its folder path is a file, not a folder/);
  });

  it('a symbolic link is not written through, and its target is untouched', () => {
    const dir = tempDir();
    const target = path.join(dir, 'elsewhere.txt');
    fs.writeFileSync(target, 'precious\n');
    const file = path.join(dir, 'PROJECT-CONTEXT.md');
    fs.symlinkSync(target, file);
    const err = caught(() => acceptSection(file, 1, S1, 'append')) as OutputWriteError;
    expect(err.reason).toBe('not-a-file');
    expect(err.message).toMatch(/symbolic link/);
    expect(fs.readFileSync(target, 'utf8')).toBe('precious\n');
  });

  it('a file that is not UTF-8 is a foreign file: never re-encoded, replaceable with a backup', () => {
    const dir = tempDir();
    const file = path.join(dir, 'PROJECT-CONTEXT.md');
    const bytes = Buffer.from([0x23, 0x20, 0xff, 0xfe, 0x0a]);
    fs.writeFileSync(file, bytes);
    expect(inspectForAccept(file, 1, S1)).toEqual({ kind: 'foreign-file' });
    expect(caught(() => acceptSection(file, 1, S1))).toBeInstanceOf(OutputConflictError);
    const err = caught(() => acceptSection(file, 1, S1, 'append')) as OutputWriteError;
    expect(err.reason).toBe('other');
    expect(err.message).toMatch(/is not UTF-8 text, so it cannot be updated safely/);
    expect(() => readOutputFile(file)).toThrow(OutputWriteError);
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
    expect(outputFileHash(file)).toBe(sha256(bytes));
    const r = acceptSection(file, 1, S1, 'replace-with-backup');
    expect(fs.readFileSync(r.backup!).equals(bytes)).toBe(true);
    expect(fs.readFileSync(file, 'utf8')).toBe(renderBlock(1, S1));
  });

  it('a full disk fails cleanly: original untouched, no temp file left', () => {
    const dir = tempDir();
    const file = path.join(dir, 'PROJECT-CONTEXT.md');
    acceptSection(file, 1, S1);
    const before = fs.readFileSync(file, 'utf8');
    // ENOSPC cannot be produced for real without a full filesystem, so this one failure is injected.
    vi.spyOn(fs, 'writeSync').mockImplementation(() => {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    });
    const err = caught(() => acceptSection(file, 2, S2)) as OutputWriteError;
    vi.restoreAllMocks();
    expect(err.reason).toBe('disk-full');
    expect(err.message).toBe(`Cannot write ${file}: the disk is full. Free some space and accept again; the file was not changed.`);
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
    expect(entries(dir)).toEqual(['PROJECT-CONTEXT.md']);
  });

  it('a folder without write permission is not-writable and the file is untouched (real EACCES)', () => {
    const dir = tempDir();
    fs.chmodSync(dir, 0o755);
    const file = path.join(dir, 'PROJECT-CONTEXT.md');
    acceptSection(file, 1, S1);
    const before = fs.readFileSync(file, 'utf8');
    fs.chmodSync(dir, 0o555);
    try {
      const result = runUnprivileged(
        `import { acceptSection } from ${JSON.stringify(path.join(readableProjectRoot(), 'src/output/write.ts'))};
         try { acceptSection(process.env.FILE, 2, '## 2. X\\n'); console.log(JSON.stringify({ ok: true })); }
         catch (e) { console.log(JSON.stringify({ name: e.name, reason: e.reason, message: e.message })); }`,
        { FILE: file },
      );
      expect(result).toEqual({
        name: 'OutputWriteError',
        reason: 'not-writable',
        message: `Cannot write ${file}: permission denied or read-only disk in ${dir}. Fix the permissions or choose another file with --output; the file was not changed.`,
      });
    } finally {
      fs.chmodSync(dir, 0o755);
    }
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
    expect(entries(dir)).toEqual(['PROJECT-CONTEXT.md']);
  });
});

describe('section text that collides with the markers', () => {
  it('is refused with a plain OutputWriteError and the file is untouched', () => {
    const file = path.join(tempDir(), 'PROJECT-CONTEXT.md');
    acceptSection(file, 1, S1);
    const before = fs.readFileSync(file, 'utf8');
    const err = caught(() => acceptSection(file, 2, '## 2. Pasted\n<!-- project-context:end step=2 -->\n')) as OutputWriteError;
    expect(err).toBeInstanceOf(OutputWriteError);
    expect(err.message).toBe(
      'Section 2 contains the line "<!-- project-context:end step=2 -->", which would be read as a project-context marker; indent it or put it in a code block, then accept again.',
    );
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
  });
});

describe('backupOutput', () => {
  it('copies aside with a timestamped name, never over an earlier backup', () => {
    const dir = tempDir();
    const file = path.join(dir, 'PROJECT-CONTEXT.md');
    expect(backupOutput(file)).toBeNull();
    fs.writeFileSync(file, 'v1\n');
    const a = backupOutput(file)!;
    const b = backupOutput(file)!;
    expect(a).not.toBe(b);
    expect([a, b].map((p) => fs.readFileSync(p, 'utf8'))).toEqual(['v1\n', 'v1\n']);
    expect(fs.readFileSync(file, 'utf8')).toBe('v1\n');
  });
});

/**
 * Runs an ES module snippet (TypeScript imports allowed) as an unprivileged user, so permission checks are real:
 * as root, chmod does not stop writes. Returns the JSON it prints.
 */
function runUnprivileged(script: string, env: Record<string, string>): unknown {
  const asRoot = process.getuid?.() === 0;
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'pc-home-'));
  roots.push(home);
  fs.chmodSync(home, 0o777);
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: readableProjectRoot(),
    env: { ...process.env, ...env, HOME: home, TSX_DISABLE_CACHE: '1' },
    encoding: 'utf8',
    ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
  });
  if (r.status !== 0) throw new Error(`child failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}
