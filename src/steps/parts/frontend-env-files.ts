/**
 * Which dotenv files declare an app's variables. Besides the app's own folder: a folder whose dotenv file the app's
 * scripts load (`dotenv -e ../../.env`, `env-cmd -f`, `node --env-file=`), the `envDir` its Vite config names, and
 * in a monorepo whose only example file is the root's (`/.env.example`), the root — every app reads that one.
 */
import path from 'node:path';
import type { FrontendAppData } from '../../detectors/frontend-build/index.js';
import type { RepoIndex } from '../../scan/repo-index.js';

const LOADERS = [
  // dotenv-cli / env-cmd: `dotenv -e ../../.env -e .env.local -- next dev`, `env-cmd -f ../.env vite`
  /\b(?:dotenv|dotenv-cli|env-cmd)\b((?:\s+(?:-[a-z]|--[a-z-]+)(?:[ =][^\s&;|]+)?)+)/g,
  /--env-file(?:-if-exists)?[= ]([^\s&;|]+)/g,
];
const FILE_FLAG = /(?:^|\s)(?:-e|-f|--file|--env-file)[ =]([^\s&;|]+)/g;
const ENV_DIR = /\benvDir\s*:\s*['"]([^'"]+)['"]/;

/** Folders (repo-relative, '' for the root) whose dotenv files count as declarations for the app. */
export function dotenvFoldersOf(index: RepoIndex, app: FrontendAppData, exampleFiles: readonly string[]): Set<string> {
  const folders = new Set([app.dir]);
  const scripts = index.readJson<{ scripts?: Record<string, unknown> }>(app.manifestPath)?.scripts ?? {};
  const add = (rel: string, isDir: boolean): void => {
    const target = path.posix.normalize(path.posix.join(app.dir, rel));
    if (target.startsWith('..')) return;
    const dir = isDir ? target : path.posix.dirname(target);
    folders.add(dir === '.' ? '' : dir.replace(/\/$/, ''));
  };
  for (const script of Object.values(scripts)) {
    if (typeof script !== 'string' || !/dotenv|env-cmd|--env-file/.test(script)) continue;
    for (const m of script.matchAll(LOADERS[0])) for (const f of m[1].matchAll(FILE_FLAG)) add(unquote(f[1]), false);
    for (const m of script.matchAll(LOADERS[1])) add(unquote(m[1]), false);
  }
  const envDir = app.config?.file ? ENV_DIR.exec(index.read(app.config.file) ?? '') : null;
  if (envDir) add(envDir[1], true);
  if (index.packages.length > 1 && exampleFiles.length === 1 && !exampleFiles[0].includes('/')) folders.add('');
  return folders;
}

function unquote(s: string): string {
  return s.replace(/^['"]|['"]$/g, '');
}

/**
 * Where the app's own server code reads `PORT` (a dev script that runs a server of the project's own), with the
 * fallback written on that line (`Number(process.env.PORT || 3000)`) when there is one.
 */
export function portRead(index: RepoIndex, reads: readonly { file: string; lines: readonly number[]; test: boolean }[], appFiles: ReadonlySet<string>): { file: string; line: number; fallback?: number } | undefined {
  const read = reads.find((r) => !r.test && appFiles.has(r.file) && r.lines.length > 0);
  if (!read) return undefined;
  const line = read.lines[0];
  const text = (index.read(read.file) ?? '').split('\n', line)[line - 1] ?? '';
  const fallback = /\bPORT\b\s*\)?\s*(?:\|\||\?\?)\s*['"]?(\d{2,5})\b/.exec(text);
  return { file: read.file, line, ...(fallback ? { fallback: Number(fallback[1]) } : {}) };
}
