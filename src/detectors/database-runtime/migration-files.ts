/** A migration file: `migrations/001.sql`, Prisma's `migrations/<stamp>/migration.sql`, Drizzle Kit's `drizzle/0000_x.sql`. */
export const MIGRATION_DIR = /(^|\/)((migrations?)\/([^/]+\/)?[^/]+\.(sql|[cm]?[jt]s)|drizzle\/[^/]+\.sql)$/;

/**
 * Files in a migrations folder that are not migrations: tests beside them (`0001-x.migration.test.ts`,
 * `__tests__/`), type declarations, a barrel, and the runner's own code named after the folder
 * (`migrations.registry.ts`, `migration.tables.ts`). Counting them made "37 migrations" of 27 (papra-hq/papra).
 */
export function notAMigration(file: string): boolean {
  const base = file.slice(file.lastIndexOf('/') + 1);
  return /(^|\/)(__tests__|__mocks__|__fixtures__|test|tests|fixtures)\//.test(file)
    || /\.(test|spec|d)\.[cm]?[jt]sx?$/.test(base)
    || /^index\.[cm]?[jt]s$/.test(base)
    || /^migrations?\.[\w-]+\.[cm]?[jt]s$/.test(base);
}

/**
 * The down (undo) half of a migration: `migrations/down/001.users.sql` (@slonik/migrator), `001_users.down.sql`
 * (golang-migrate, node-pg-migrate's SQL form). Counted with its migration, so "4 migration files" is 2 migrations.
 */
export function isDownMigration(file: string): boolean {
  return /(^|\/)migrations?\/(down|undo|rollback|revert)\/[^/]+$/.test(file) || /[._-]down\.(sql|[cm]?[jt]s)$/.test(file);
}

/**
 * A code file in a migrations folder is a database migration when it has the shape every runner asks for: an `up` or
 * `down` step (Knex, Kysely, Sequelize, umzug, node-pg-migrate, migrate-mongo, MikroORM) or TypeORM's interface. A
 * script that migrates the project's own files (a codemod kept in `migrations/`) has neither and changes no database.
 */
export function isCodeMigration(text: string): boolean {
  return /\b(?:up|down)\s*(?:[:=(<]|\?\s*:)|\bMigrationInterface\b|\bqueryRunner\b|\bqueryInterface\b|\baddSql\s*\(/.test(text);
}

const CODE = /\.[cm]?[jt]s$/;

/** Code files are read to tell a database migration from a codemod; SQL files are migrations by their folder. */
export function isMigrationContent(file: string, read: (file: string) => string | undefined): boolean {
  return !CODE.test(file) || isCodeMigration(read(file) ?? '');
}
