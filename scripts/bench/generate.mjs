// Generates a synthetic npm-workspaces monorepo of about `target` files, deterministically (same size, same bytes),
// and commits it so that the benchmark measures the `git ls-files` path. The code is shaped like the brief's stack:
// CDK apps (tables with GSIs, NodejsFunctions, RestApi routes), Lambda services (DynamoDB commands, process.env),
// React apps (react-router), Astro sites (pages, content collections), SDKs (client classes), shared libraries,
// tests, docs, JSON and CI workflows.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as t from './templates.mjs';

/** Bump when the generated content changes, so that cached repositories are rebuilt. */
export const GENERATOR_VERSION = 3;

export const WORDS = ['orders', 'billing', 'catalog', 'users', 'search', 'inventory', 'payments', 'audit', 'reports', 'media',
  'notify', 'shipping', 'pricing', 'reviews', 'sessions', 'tenants', 'metrics', 'exports', 'imports', 'ledger'];

/** One repeat of this pattern is about 930 files; the pattern repeats until the target is reached. */
const PATTERN = ['service', 'infra', 'web', 'lib', 'service', 'sdk', 'lib', 'site', 'service', 'lib', 'web', 'lib',
  'service', 'lib', 'sdk', 'lib', 'service', 'web', 'lib', 'lib'];

export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** Returns the folder of a committed repository of about `target` files, reusing one generated earlier. */
export function generateMonorepo(baseDir, target, { fresh = false } = {}) {
  const dir = path.join(baseDir, `mono-${target}-v${GENERATOR_VERSION}`);
  if (existsSync(path.join(dir, '.git', 'bench-complete')) && !fresh) return dir;
  writeCommitted(dir, buildFiles(target));
  return dir;
}

/** Writes `files` (repo-relative path → text) into a fresh `dir` and commits them, marking the folder complete. */
export function writeCommitted(dir, files) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of files) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  const git = (...args) =>
    execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.com', '-c', 'commit.gpgsign=false', ...args], {
      cwd: dir,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'synthetic monorepo');
  writeFileSync(path.join(dir, '.git', 'bench-complete'), String(files.size));
}

/** The repository's files as a Map of repo-relative path to text. */
export function buildFiles(target) {
  const random = rng(target);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const files = new Map();
  const names = [];
  for (const [file, text] of t.rootFiles()) files.set(file, text);
  let n = 0;
  while (files.size < target - 40) {
    const kind = PATTERN[n % PATTERN.length];
    const name = `${WORDS[n % WORDS.length]}-${kind}-${Math.floor(n / WORDS.length) + 1}`;
    const ctx = { name, previousName: names.at(-1), scope: '@acme', kind, random, pick, words: WORDS, index: n };
    for (const [file, text] of t.packageFiles(ctx)) files.set(`packages/${name}/${file}`, text);
    names.push(name);
    n += 1;
  }
  const docs = Math.max(3, target - files.size - 3);
  for (let i = 0; i < docs; i++) files.set(`docs/adr/${String(i + 1).padStart(4, '0')}-${pick(WORDS)}-${i}.md`, t.adr(i, pick(WORDS)));
  for (const [file, text] of t.workflowFiles(names)) files.set(file, text);
  return files;
}
