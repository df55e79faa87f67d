/**
 * Where migrations are applied outside package.json scripts — a CI step, a Dockerfile or a compose command running
 * `npx prisma migrate deploy` — and which commands only push the schema. `prisma db push` / `drizzle-kit push` sync
 * the schema straight to the database and ignore the migrations folder: a script running them is no migration
 * runner (boxyhq/saas-starter-kit: `build` pushes, CI's `npx prisma migrate deploy` applies the 11 migrations).
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import { isComposeName, isDockerfileName } from '../../scan/file-kinds.js';

export interface MigrationRun {
  /** The command as written, from its runner word: `npx prisma migrate deploy`. */
  readonly command: string;
  readonly file: string;
  readonly line: number;
}

/** Commands that apply migration files (Prisma's `migrate dev` also writes one first). */
const APPLY = /(?:\b(?:npx|pnpx|bunx|pnpm(?:\s+exec|\s+dlx)?|yarn(?:\s+dlx)?|npm\s+exec|bun\s+x)\s+)?\b(?:prisma\s+migrate\s+(?:deploy|dev)|drizzle-kit\s+migrate)\b/g;
const PUSH = /\b(prisma\s+db\s+push|drizzle-kit\s+push)\b/;
const CI_FILE = /(^|\/)(\.github\/workflows\/[^/]+\.ya?ml|\.gitlab-ci\.ya?ml|\.circleci\/config\.ya?ml|bitbucket-pipelines\.ya?ml|azure-pipelines\.ya?ml)$/;

/** A command that syncs the schema without migrations, and applies none. */
export function pushesSchemaOnly(command: string): boolean {
  APPLY.lastIndex = 0;
  return PUSH.test(command) && !APPLY.test(command);
}

/** The tool a run belongs to, as the detector names it. */
export function runTool(command: string): 'Prisma Migrate' | 'Drizzle Kit' {
  return /prisma/.test(command) ? 'Prisma Migrate' : 'Drizzle Kit';
}

/** Every migration command in CI files, Dockerfiles and compose files, by file then line. */
export function migrationRuns(index: RepoIndex): MigrationRun[] {
  const out: MigrationRun[] = [];
  for (const file of index.files) {
    if (!CI_FILE.test(file) && !isDockerfileName(file) && !isComposeName(file)) continue;
    const runs = index.memo('migration-runs@1', file, (text) => {
      if (!/migrate/.test(text)) return [];
      const found: { command: string; line: number }[] = [];
      // Lines counted here (a pure function of the text, so memoised with it); a file holds one or two such commands.
      for (const m of text.matchAll(APPLY)) found.push({ command: m[0].replace(/\s+/g, ' '), line: text.slice(0, m.index).split('\n').length });
      return found;
    });
    for (const r of runs ?? []) out.push({ command: r.command, file, line: r.line });
  }
  return out;
}
