import { describe, expect, it } from 'vitest';
import { databaseSchemaStep } from '../src/steps/04-database-schema.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { indexOf, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

// Columns spread into a table from a helper (`...timestamps()`), and columns built by a helper object (`id.type()`).
describe('Drizzle: columns from spreads and helpers of another module', () => {
  const files = {
    'package.json': JSON.stringify({ name: 'db', private: true, dependencies: { 'drizzle-orm': '^0.44.0', 'audit-cols': '^1.0.0' } }),
    'src/schema-utils.ts':
      "import * as d from 'drizzle-orm/pg-core';\n\n" +
      "export const id = {\n  primaryKey: () => id.type().generatedAlwaysAsIdentity().primaryKey(),\n  type: (name?: string) => (name ? d.bigint(name, { mode: 'number' }) : d.bigint({ mode: 'number' })),\n};\n\n" +
      "export const timestamps = () => ({\n  createdAt: d.timestamp().notNull().defaultNow(),\n  updatedAt: d.timestamp().notNull().defaultNow(),\n});\n",
    'src/listings.ts':
      "import * as d from 'drizzle-orm/pg-core';\nimport { auditColumns } from 'audit-cols';\nimport { id, timestamps } from './schema-utils';\n\n" +
      "export const listings = d.pgTable('listings', {\n  id: id.primaryKey(),\n  ownerId: id.type().notNull(),\n  reviewerId: id.type(),\n  title: d.text().notNull(),\n  ...timestamps(),\n});\n\n" +
      "export const notes = d.pgTable('notes', {\n  id: id.primaryKey(),\n  body: d.text().notNull(),\n  ...auditColumns(),\n});\n",
  };

  it('lists the columns of `...timestamps()`, marks a nullable helper column optional, and says an unread spread adds more', async () => {
    const root = tempRepo(files);
    const md = (await section(databaseSchemaStep, root)).markdown;
    expect(missingCitations(md, await indexOf(root))).toEqual([]);
    expect(md).toContain(
      '| `listings` | `id: id.primaryKey`, `ownerId: id.type`, `reviewerId: id.type?`, `title: text`, `createdAt: timestamp` (defaultNow), `updatedAt: timestamp` (defaultNow) |',
    );
    expect(md).toContain('| `notes` | `id: id.primaryKey`, `body: text`; more columns from `...auditColumns()` (`/src/listings.ts:16`) |');
  });
});
