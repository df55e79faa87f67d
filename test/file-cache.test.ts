import { existsSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { envDetector } from '../src/detectors/env/index.js';
import { FILE_CACHE_FORMAT, FileCache } from '../src/scan/file-cache.js';
import { buildIndex } from '../src/scan/repo-index.js';
import type { RunOptions } from '../src/wizard/run-options.js';
import { analysisOptions } from '../src/wizard/run.js';
import { startAnalysis } from '../src/wizard/worker-analysis.js';
import { tempRepo } from './helpers/temp-repo.js';

const HANDLER = "export const table = process.env.TABLE_NAME ?? 'dev';\n";

/** Runs `memo` over one file with a counting extractor; returns the value and how often the extractor ran. */
async function extract(root: string, cache: FileCache | undefined, namespace = 'test.lines@1') {
  const index = await buildIndex(root, { cache });
  let runs = 0;
  const compute = (text: string) => {
    runs++;
    return { lines: text.split('\n').length, first: text.slice(0, 12) };
  };
  const first = index.memo(namespace, 'src/handler.ts', compute);
  const again = index.memo(namespace, 'src/handler.ts', compute);
  expect(again).toBe(first);
  return { value: first, runs };
}

describe('per-file cache', () => {
  it('is written once, when a --yes run (analysis in this thread) ends, not after every step', async () => {
    const root = tempRepo({ 'package.json': '{"name":"app"}', 'src/handler.ts': HANDLER });
    const cacheFile = path.join(root, '.project-context', 'file-cache.json');
    const start = startAnalysis({ root, context: {}, exclude: [], cacheFile, inWorker: false });
    const analysis = await start.opened;
    await analysis.section(8);
    expect(existsSync(cacheFile)).toBe(false);
    start.close();
    expect(readFileSync(cacheFile, 'utf8')).toContain('src/handler.ts');
  });

  it('computes a file once per index, and not at all in the next run while the file is unchanged', async () => {
    const root = tempRepo({ 'src/handler.ts': HANDLER });
    const file = path.join(root, '.project-context', 'file-cache.json');
    const cold = FileCache.load(file, 'tool-a');
    expect((await extract(root, cold)).runs).toBe(1);
    cold.save();
    const warm = await extract(root, FileCache.load(file, 'tool-a'));
    expect(warm.runs).toBe(0);
    expect(warm.value).toEqual({ lines: 2, first: 'export const' });
  });

  it('recomputes a file whose content changed even when its size and modification time did not', async () => {
    const root = tempRepo({ 'src/handler.ts': HANDLER });
    const file = path.join(root, 'cache.json');
    const cache = FileCache.load(file, 'tool-a');
    await extract(root, cache);
    cache.save();
    const source = path.join(root, 'src/handler.ts');
    const before = statSync(source);
    writeFileSync(source, HANDLER.replace('dev', 'qa ').slice(0, HANDLER.length));
    utimesSync(source, before.atime, before.mtime);
    expect(statSync(source).size).toBe(before.size);
    const after = await extract(root, FileCache.load(file, 'tool-a'));
    expect(after.runs).toBe(1);
  });

  it('drops everything for another tool build, another cache format, or a corrupt file, without failing', async () => {
    const root = tempRepo({ 'src/handler.ts': HANDLER });
    const file = path.join(root, 'cache.json');
    const cache = FileCache.load(file, 'tool-a');
    await extract(root, cache);
    cache.save();
    expect((await extract(root, FileCache.load(file, 'tool-b'))).runs).toBe(1);

    const saved = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...saved, format: FILE_CACHE_FORMAT + 1 }));
    expect((await extract(root, FileCache.load(file, 'tool-a'))).runs).toBe(1);

    writeFileSync(file, '{"format": 1, "tool": "tool-a", "entr');
    expect((await extract(root, FileCache.load(file, 'tool-a'))).runs).toBe(1);
  });

  it('keeps each extractor version apart: bumping the namespace recomputes', async () => {
    const root = tempRepo({ 'src/handler.ts': HANDLER });
    const file = path.join(root, 'cache.json');
    const cache = FileCache.load(file, 'tool-a');
    await extract(root, cache, 'test.lines@1');
    cache.save();
    expect((await extract(root, FileCache.load(file, 'tool-a'), 'test.lines@2')).runs).toBe(1);
    expect((await extract(root, FileCache.load(file, 'tool-a'), 'test.lines@1')).runs).toBe(0);
  });

  it('forgets files that left the repository, and a cache that cannot be written only costs time', async () => {
    const root = tempRepo({ 'src/handler.ts': HANDLER });
    const file = path.join(root, 'cache.json');
    const cache = FileCache.load(file, 'tool-a');
    await extract(root, cache);
    cache.save();
    const loaded = FileCache.load(file, 'tool-a');
    loaded.retain(new Set(['README.md']));
    loaded.save();
    expect(readFileSync(file, 'utf8')).not.toContain('src/handler.ts');

    // A folder that is a file: not even root can create the cache there.
    const unwritable = FileCache.load(path.join(root, 'README.md', 'cache.json'), 'tool-a');
    expect((await extract(root, unwritable)).runs).toBe(1);
    expect(() => unwritable.save()).not.toThrow();
    expect(readdirSync(root).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('gives a detector the same facts from the cache as from parsing', async () => {
    const root = tempRepo({ 'src/handler.ts': HANDLER, 'src/other.ts': 'const { REGION = "eu" } = process.env;\n' });
    const file = path.join(root, 'cache.json');
    const cold = FileCache.load(file, 'tool-a');
    const fresh = envDetector.detect(await buildIndex(root, { cache: cold }));
    cold.save();
    const warmIndex = await buildIndex(root, { cache: FileCache.load(file, 'tool-a') });
    const parsed: string[] = [];
    const parse = warmIndex.parse.bind(warmIndex);
    warmIndex.parse = (f: string) => {
      parsed.push(f);
      return parse(f);
    };
    const cached = envDetector.detect(warmIndex);
    expect(cached).toEqual(fresh);
    expect(fresh.map((f) => f.id).sort()).toEqual(['REGION src/other.ts', 'TABLE_NAME src/handler.ts']);
    expect(parsed).toEqual([]);
  });

  it('is kept only in a state folder that is ours, never as a stray file in a folder of the user', () => {
    const root = tempRepo({ 'docs/notes.md': '# Notes\n', 'tmp/.gitignore': '*\n' });
    const cacheFor = (stateFile: string) =>
      analysisOptions({ root, output: path.join(root, 'PROJECT-CONTEXT.md'), stateFile, context: {} } as unknown as RunOptions, false).cacheFile;
    expect(cacheFor(path.join(root, '.project-context', 'state.json'))).toBe(path.join(root, '.project-context', 'file-cache.json'));
    expect(cacheFor(path.join(root, 'tmp', 'state.json'))).toBe(path.join(root, 'tmp', 'file-cache.json'));
    expect(cacheFor(path.join(root, 'docs', 'state.json'))).toBeUndefined();
  });
});
