import { describe, expect, it } from 'vitest';
import { databaseSchemaStep } from '../src/steps/04-database-schema.js';
import { section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

// Drizzle v1 relations (`defineRelations(schema, (r) => ({ … }))`), in a file of their own.
describe('Drizzle: defineRelations', () => {
  it('adds the relations it defines to each table, one-to-many ones included', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'db', private: true, dependencies: { 'drizzle-orm': '1.0.0-beta.2' } }),
      'src/schema.ts':
        "import { integer, pgTable, serial, text } from 'drizzle-orm/pg-core';\n" +
        "export const users = pgTable('users', { id: serial('id').primaryKey(), name: text('name').notNull() });\n" +
        "export const posts = pgTable('posts', { id: serial('id').primaryKey(), authorId: integer('author_id').notNull() });\n" +
        "export const tags = pgTable('tags', { id: serial('id').primaryKey() });\n" +
        "export const postTags = pgTable('post_tags', { postId: integer('post_id').notNull(), tagId: integer('tag_id').notNull() });\n",
      'src/relations.ts':
        "import { defineRelations } from 'drizzle-orm';\nimport * as schema from './schema';\n\n" +
        'export const relations = defineRelations(schema, (r) => ({\n' +
        '  users: { posts: r.many.posts() },\n' +
        '  posts: {\n    author: r.one.users({ from: r.posts.authorId, to: r.users.id }),\n' +
        '    tags: r.many.tags({ from: r.posts.id.through(r.postTags.postId), to: r.tags.id.through(r.postTags.tagId) }),\n  },\n}));\n',
    });
    const md = (await section(databaseSchemaStep, root)).markdown;
    expect(md).toContain('| PK `id` | `posts` → `posts` (one-to-many) | `/src/schema.ts:2` |');
    expect(md).toContain('`author` → `users` (many-to-one via `authorId`); `tags` → `tags` (many through postTags) |');
  });
});
