import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { changedFiles, citedFileHashes, hashFiles, MISSING, pathDigest, repoChanges } from '../state/changes.js';
import { createSessionState } from '../state/schema.js';

const roots: string[] = [];
afterAll(() => {
  for (const r of roots) fs.rmSync(r, { recursive: true, force: true });
});

function repo(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pc-changes-'));
  roots.push(root);
  fs.mkdirSync(path.join(root, 'packages/api/src'), { recursive: true });
  fs.writeFileSync(path.join(root, 'package.json'), '{"name":"kv"}\n');
  fs.writeFileSync(path.join(root, 'packages/api/src/handler.ts'), 'export const handler = () => 1;\n');
  return root;
}

const SECTION = [
  '## 3. Backend & API',
  '',
  '- Handler: `/packages/api/src/handler.ts:1`',
  '- Package: `/packages/api`',
  '- Root manifest: `/package.json`',
  '- Route: `GET /v1/kv`',
  '',
  '```sh',
  'cat `/not/a/citation`',
  '```',
].join('\n');

describe('cited file hashes', () => {
  it('records every cited path (files, folders) and nothing else', () => {
    const root = repo();
    const hashes = citedFileHashes(root, SECTION);
    expect(Object.keys(hashes)).toEqual(['package.json', 'packages/api', 'packages/api/src/handler.ts']);
    expect(Object.values(hashes).every((h) => /^[0-9a-f]{16}$/.test(h))).toBe(true);
    expect(changedFiles(root, hashes)).toEqual([]);
  });

  it('reports edited, deleted and replaced files', () => {
    const root = repo();
    const hashes = citedFileHashes(root, SECTION);
    fs.appendFileSync(path.join(root, 'packages/api/src/handler.ts'), '// changed\n');
    fs.rmSync(path.join(root, 'package.json'));
    expect(changedFiles(root, hashes)).toEqual(['package.json', 'packages/api/src/handler.ts']);
    expect(pathDigest(root, 'package.json')).toBe(MISSING);
  });

  it('never reads outside the root and never follows a link', () => {
    const root = repo();
    expect(pathDigest(root, '../../etc/passwd')).toBe(MISSING);
    fs.symlinkSync('/etc/hostname', path.join(root, 'link'));
    const before = hashFiles(root, ['link']);
    expect(before.link).not.toBe(MISSING);
    fs.rmSync(path.join(root, 'link'));
    fs.symlinkSync('/etc/hosts', path.join(root, 'link'));
    expect(changedFiles(root, before)).toEqual(['link']);
  });
});

describe('repoChanges', () => {
  it('names the steps whose cited files changed, and a moved HEAD', () => {
    const root = repo();
    const state = createSessionState({
      root,
      output: path.join(root, 'PROJECT-CONTEXT.md'),
      gitHead: 'aaa',
      steps: [
        { number: 1, title: 'Project Overview & Architecture' },
        { number: 3, title: 'Backend & API' },
        { number: 4, title: 'Database Schema' },
      ],
    });
    state.steps[0] = { ...state.steps[0], status: 'accepted', citedFiles: hashFiles(root, ['package.json']) };
    state.steps[1] = { ...state.steps[1], status: 'generated', citedFiles: citedFileHashes(root, SECTION) };
    state.steps[2] = { ...state.steps[2], status: 'skipped', citedFiles: hashFiles(root, ['packages/api/src/handler.ts']) };
    expect(repoChanges(state, 'aaa')).toEqual({ headChanged: false, steps: [] });
    fs.writeFileSync(path.join(root, 'packages/api/src/handler.ts'), 'export const handler = () => 2;\n');
    expect(repoChanges(state, 'bbb')).toEqual({
      headChanged: true,
      steps: [{ number: 3, title: 'Backend & API', files: ['packages/api/src/handler.ts'] }],
    });
    expect(repoChanges({ ...state, gitHead: null }, 'bbb').headChanged).toBe(false);
  });
});
