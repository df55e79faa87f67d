/**
 * The test runner configured at the repository root, and which folders it runs tests in: a root `jest.config` with
 * `projects` or `roots`, a root Vitest config with `projects` / a workspace file, or one without either (it then runs
 * every test file below the root). A workspace package with tests and no runner of its own is tested by it, so its
 * tests are neither "not run" nor run by some other tool. Read from the config's text: it is never executed.
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import { globToRegExp } from '../../scan/glob.js';
import { testBlockArray } from './vitest-test-block.js';

export interface RootRunner {
  readonly framework: 'Jest' | 'Vitest';
  /** The config file (or `package.json` for a `jest` key). */
  readonly config: string;
  /** Folders (or folder globs) it runs tests in, repo-relative; `''` is the whole repository. */
  readonly covers: readonly string[];
}

const JEST_CONFIG = /^jest\.config\.([cm]?[jt]s|json)$/;
const VITEST_CONFIG = /^(vitest\.config|vitest\.workspace|vite\.config)\.[cm]?[jt]s$|^vitest\.workspace\.json$/;

const cache = new WeakMap<RepoIndex, RootRunner[]>();

/** The Jest and Vitest configs at the root, with what they cover. */
export function rootRunners(index: RepoIndex): readonly RootRunner[] {
  let out = cache.get(index);
  if (out) return out;
  out = [];
  for (const file of index.files) {
    if (file.includes('/')) continue;
    const text = JEST_CONFIG.test(file) || VITEST_CONFIG.test(file) ? index.read(file) : undefined;
    if (text === undefined) continue;
    if (JEST_CONFIG.test(file)) out.push({ framework: 'Jest', config: file, covers: jestCovers(text) });
    else if (/^vite\.config/.test(file) && !/\btest\s*:/.test(text)) continue;
    else out.push({ framework: 'Vitest', config: file, covers: vitestCovers(text, /workspace/.test(file)) });
  }
  const jestKey = (index.packages.find((p) => p.isRoot)?.manifest as { jest?: unknown } | undefined)?.jest;
  if (jestKey && typeof jestKey === 'object' && !out.some((r) => r.framework === 'Jest')) {
    out.push({ framework: 'Jest', config: 'package.json', covers: jestCovers(JSON.stringify(jestKey)) });
  }
  cache.set(index, out);
  return out;
}

/** The root runner that runs tests in the folder `dir`, if any. */
export function rootRunnerOf(index: RepoIndex, dir: string): RootRunner | undefined {
  return rootRunners(index).find((r) => r.covers.some((c) => covers(c, dir)));
}

/** Whether a cover (folder or folder glob) and the folder `dir` overlap: one holds the other, segment by segment. */
function covers(cover: string, dir: string): boolean {
  if (cover === '' || cover === dir || dir.startsWith(`${cover}/`) || cover.startsWith(`${dir}/`)) return true;
  if (!/[*?{[]/.test(cover)) return false;
  const a = cover.split('/');
  const b = dir.split('/');
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] === '**') return true;
    if (!globToRegExp(a[i]).test(b[i])) return false;
  }
  return true;
}

/** Jest: `projects` (folders, globs or config paths), else `roots`, else the folders of `testMatch`, else everything. */
function jestCovers(text: string): string[] {
  const projects = arrayStrings(text, 'projects', true);
  if (projects) return projects.map(folderOf);
  const roots = arrayStrings(text, 'roots');
  if (roots) return roots.map(folderOf);
  const match = arrayStrings(text, 'testMatch');
  if (match) return match.map(folderOf);
  return [''];
}

/** Vitest: a workspace file's list, `projects` / `workspace`, else the folders of `test.include` / `dir`, else everything. */
function vitestCovers(text: string, workspaceFile: boolean): string[] {
  const projects = arrayStrings(text, 'projects') ?? arrayStrings(text, 'workspace') ?? (workspaceFile ? allStrings(text) : undefined);
  if (projects) return projects.map(folderOf);
  const dir = /\bdir\s*:\s*['"]([^'"]+)['"]/.exec(text)?.[1];
  if (dir) return [folderOf(dir)];
  // `test.include` only: `coverage.include` or `optimizeDeps.include` say nothing about where tests run.
  const body = testBlockArray(text, 'include');
  const include = body === undefined ? [] : allStrings(body);
  if (include.length > 0) return include.map(folderOf);
  return [''];
}

/**
 * The string literals of `key: [ … ]` (in JSON too: `"key": [ … ]`); undefined when the key is absent. With `paths`,
 * only those that look like paths: Jest projects may be objects (`{ displayName: 'api', preset: 'ts-jest', roots: […] }`).
 */
function arrayStrings(text: string, key: string, paths = false): string[] | undefined {
  const m = new RegExp(`["']?\\b${key}["']?\\s*:\\s*\\[`).exec(text);
  if (!m) return undefined;
  let depth = 1;
  let i = m.index + m[0].length;
  for (; i < text.length && depth > 0; i++) {
    if (text[i] === '[') depth++;
    else if (text[i] === ']') depth--;
  }
  const body = text.slice(m.index + m[0].length, i - 1);
  const list = allStrings(body).filter((s) => !paths || !body.includes('{') || /<rootDir>|\/|[*?]/.test(s));
  return list.length > 0 ? list : undefined;
}

function allStrings(text: string): string[] {
  return [...text.matchAll(/'([^'\n]*)'|"([^"\n]*)"|`([^`$\n]*)`/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '').filter((s) => s && !/^(node|jsdom|happy-dom)$/.test(s));
}

/**
 * The folder part of a path or glob: `<rootDir>/packages/*` → `packages/*`, `packages/a/jest.config.js` →
 * `packages/a`, `src/**\/*.test.ts` → `src`, `**\/*.test.ts` → `''`.
 */
export function folderOf(pattern: string): string {
  let p = pattern.replace(/^<rootDir>\/?/, '').replace(/^\.\//, '').replace(/\/+$/, '');
  // A test-file pattern or a config file: keep the folders before it.
  const parts = p.split('/');
  const fileLike = (s: string) => /\.[cm]?[jt]sx?$|\.json$|\(|\{|\.\*|\\/.test(s);
  while (parts.length > 0 && (fileLike(parts[parts.length - 1]) || parts[parts.length - 1] === '**')) parts.pop();
  const deep = parts.indexOf('**');
  p = (deep === -1 ? parts : parts.slice(0, deep)).join('/');
  return p === '.' ? '' : p;
}
