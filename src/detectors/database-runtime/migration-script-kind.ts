/**
 * What a migration script does, read from its command. A script that mentions a migration tool is not always the way
 * to apply migrations: `prisma migrate reset && git clean -fdx` wipes the database and every untracked file,
 * `prisma migrate dev --create-only` writes a migration without applying it, `prisma migrate status` only reports.
 * Each is said for what it is; only `apply` scripts are offered as "run the migrations".
 */
export type MigrationScriptKind = 'apply' | 'create' | 'status' | 'destructive';

/** Commands that empty or drop the database. */
const RESETS_DB = /\bprisma\s+migrate\s+reset\b|--force-reset\b|\bschema:drop\b|\bdropdb\b|\bdrop\s+database\b|\b(?:npm|yarn|pnpm|bun)\s+(?:run\s+)?[\w:-]*(?:reset|drop)\b|\bmigrate:(?:fresh|reset)\b/i;
/**
 * Commands that delete files a developer may not get back: untracked ones (`git clean`), generated migrations
 * (`drizzle-kit drop`). `rm -rf dist` before a build is not one: a build script that also migrates stays a migration run.
 */
const DELETES_FILES = /\bgit\s+clean\b|\bdrizzle-kit\s+drop\b/;
const CREATES_ONLY = /\bprisma\s+migrate\s+dev\b[^&|;]*--create-only\b|\bdrizzle-kit\s+generate\b|\bmigration:(?:generate|create)\b|\bknex\s+migrate:make\b|\bmigration:generate\b/;
const STATUS = /\bprisma\s+migrate\s+status\b|\bmigrate:status\b|\bmigration:show\b|\bdrizzle-kit\s+check\b/;

export function migrationScriptKind(command: string): MigrationScriptKind {
  if (RESETS_DB.test(command) || DELETES_FILES.test(command)) return 'destructive';
  if (CREATES_ONLY.test(command)) return 'create';
  if (STATUS.test(command) && !/\bmigrate\s+(?:dev|deploy)\b|\bmigration:run\b/.test(command)) return 'status';
  return 'apply';
}

/** "resets the database and deletes files": what a destructive script does, in the words a reader needs before running it. */
export function destructiveEffect(command: string): string {
  // `prisma migrate reset`, `migrate:fresh`: the database is dropped and every migration applied again, so a reader
  // knows it migrates too, but never with the data kept.
  const replays = /\bprisma\s+migrate\s+reset\b|\bmigrate:fresh\b/.test(command);
  const effects = [RESETS_DB.test(command) ? (replays ? 'drops all data and re-applies every migration' : 'resets the database') : '', DELETES_FILES.test(command) ? 'deletes files' : ''].filter(Boolean);
  return effects.join(', and ') || 'deletes data';
}
