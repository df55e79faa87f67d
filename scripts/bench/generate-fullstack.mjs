// The repository the per-step budget is judged on: at most 2,000 files, shaped like a real full-stack monorepo (CDK
// apps and Lambda services, Next.js apps, Express APIs, shared libraries and SDKs), where the other synthetic
// repositories have Vite and Astro frontends and no Express. Deterministic (same files, same bytes) and committed.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { rng, WORDS, writeCommitted } from './generate.mjs';
import * as t from './templates.mjs';
import { expressFiles, nextFiles } from './templates-fullstack.mjs';
import { json } from './util.mjs';

/** Bump when the generated content changes, so that cached repositories are rebuilt. */
export const FULLSTACK_VERSION = 1;
/** The most files the budget applies to (STEP_BUDGET.maxFiles in bench.mjs): the repository stays at or under it. */
export const FULLSTACK_FILES = 2000;

// An 'infra' package deploys the service before it (its previousName).
const PATTERN = ['service', 'infra', 'next', 'express', 'lib', 'service', 'infra', 'next', 'lib', 'sdk', 'express', 'lib'];

export function generateFullStack(baseDir, { fresh = false } = {}) {
  const dir = path.join(baseDir, `fullstack-${FULLSTACK_FILES}-v${FULLSTACK_VERSION}`);
  if (existsSync(path.join(dir, '.git', 'bench-complete')) && !fresh) return dir;
  writeCommitted(dir, fullStackFiles(FULLSTACK_FILES));
  return dir;
}

/** The files, path → text: packages in PATTERN's order while the next one fits, then ADRs up to `limit`. */
export function fullStackFiles(limit) {
  const random = rng(limit + 7);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const files = new Map([
    ...t.rootFiles(),
    ['README.md', '# Acme full stack\n\nA synthetic monorepo used to judge project-context\'s per-step budget: CDK apps, Lambda services,\nNext.js apps and Express APIs in npm workspaces.\n'],
    ['docker-compose.yml', 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: postgres\n    ports:\n      - "5432:5432"\n  api:\n    build: packages/orders-express-4\n    environment:\n      DATABASE_URL: postgres://postgres:postgres@db:5432/app\n      JWT_SECRET: ${JWT_SECRET}\n    depends_on:\n      - db\n'],
  ]);
  const names = [];
  const reserve = 3 + 20; // CI workflows, and at least a few ADRs
  for (let n = 0; ; n++) {
    const kind = PATTERN[n % PATTERN.length];
    const name = `${WORDS[n % WORDS.length]}-${kind}-${Math.floor(n / WORDS.length) + 1}`;
    const ctx = { name, previousName: names.at(-1), scope: '@acme', kind, random, pick, words: WORDS, index: n };
    const pkg = kind === 'next' ? nextFiles(ctx) : kind === 'express' ? expressFiles(ctx) : t.packageFiles(ctx);
    if (files.size + pkg.length + reserve > limit) break;
    for (const [file, text] of pkg) files.set(`packages/${name}/${file}`, text);
    names.push(name);
  }
  for (const [file, text] of t.workflowFiles(names)) files.set(file, text);
  for (let i = 0; files.size < limit; i++) files.set(`docs/adr/${String(i + 1).padStart(4, '0')}-${pick(WORDS)}-${i}.md`, t.adr(i, pick(WORDS)));
  return files;
}

// `node scripts/bench/generate-fullstack.mjs`: prints what the repository holds.
if (import.meta.url === `file://${process.argv[1]}`) {
  const files = fullStackFiles(FULLSTACK_FILES);
  const kinds = {};
  for (const f of files.keys()) {
    const m = f.match(/^packages\/[a-z]+-([a-z]+)-\d+\//);
    kinds[m ? m[1] : f.split('/')[0]] = (kinds[m ? m[1] : f.split('/')[0]] ?? 0) + 1;
  }
  console.log(json({ files: files.size, kinds }));
}
