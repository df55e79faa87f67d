import { describe, expect, it } from 'vitest';
import { ormDetector, type OrmModelData } from '../src/detectors/orm/index.js';
import { detect } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const models = async (files: Record<string, string>) =>
  (await detect(ormDetector, tempRepo(files))).filter((f) => f.kind === 'orm.model').map((f) => f.data as OrmModelData);

describe('Prisma block attributes', () => {
  it('reads @@index(a) / @@unique(a, map: …) without brackets as well as @@id(fields: [a, b])', async () => {
    const schema = [
      'model Passkey {',
      '  id     String @id',
      '  userId String',
      '  slug   String',
      '  @@index(userId)',
      '  @@unique(slug, map: "passkey_slug")',
      '  @@index([userId, slug(sort: Desc)])',
      '}',
      'model Pair {',
      '  a Int',
      '  b Int',
      '  @@id(fields: [a, b])',
      '}',
    ].join('\n');
    const list = await models({ 'package.json': '{"name":"x","dependencies":{"@prisma/client":"5"}}', 'prisma/schema.prisma': schema });
    const passkey = list.find((m) => m.name === 'Passkey')!;
    expect(passkey.indexes).toEqual([
      { fields: ['userId'], unique: false },
      { fields: ['slug'], unique: true, name: 'passkey_slug' },
      { fields: ['userId', 'slug'], unique: false },
    ]);
    expect(list.find((m) => m.name === 'Pair')!.primaryKey).toEqual(['a', 'b']);
  });
});

describe('Drizzle foreignKey() in the extra config', () => {
  it('reads foreignKey({ columns, foreignColumns }) as a many-to-one relation, single and composite', async () => {
    const schema = [
      "import { pgTable, uuid, timestamp, primaryKey, foreignKey } from 'drizzle-orm/pg-core';",
      "export const chat = pgTable('Chat', { id: uuid('id').primaryKey() });",
      "export const document = pgTable('Document', { id: uuid('id').notNull(), createdAt: timestamp('createdAt').notNull() },",
      '  (table) => ({ pk: primaryKey({ columns: [table.id, table.createdAt] }) }));',
      "export const stream = pgTable('Stream', { id: uuid('id').notNull(), chatId: uuid('chatId').notNull() },",
      '  (table) => ({',
      '    pk: primaryKey({ columns: [table.id] }),',
      '    chatRef: foreignKey({ columns: [table.chatId], foreignColumns: [chat.id] }),',
      '  }));',
      "export const suggestion = pgTable('Suggestion', { id: uuid('id').notNull(), documentId: uuid('documentId').notNull(), documentCreatedAt: timestamp('documentCreatedAt').notNull() },",
      '  (t) => [foreignKey({ columns: [t.documentId, t.documentCreatedAt], foreignColumns: [document.id, document.createdAt] }).onDelete("cascade")]);',
    ].join('\n');
    const list = await models({ 'package.json': '{"name":"x","dependencies":{"drizzle-orm":"0.30"}}', 'lib/db/schema.ts': schema });
    const rel = (model: string, field: string) => list.find((m) => m.name === model)!.fields.find((f) => f.name === field)!.relation;
    expect(rel('stream', 'chatId')).toEqual({ model: 'chat', kind: 'many-to-one', fields: ['chatId'] });
    expect(rel('suggestion', 'documentId')).toEqual({ model: 'document', kind: 'many-to-one', fields: ['documentId', 'documentCreatedAt'] });
  });
});

describe('TypeORM @JoinColumn', () => {
  it('names a foreign key on the owning side (ManyToOne) only: a @JoinColumn on a OneToMany is ignored, as TypeORM ignores it', async () => {
    const article = [
      "import { Entity, PrimaryGeneratedColumn, OneToMany, JoinColumn } from 'typeorm';",
      "import { Comment } from './comment.entity';",
      '@Entity()',
      'export class Article {',
      '  @PrimaryGeneratedColumn() id: number;',
      '  @OneToMany(type => Comment, comment => comment.article, { eager: true })',
      '  @JoinColumn()',
      '  comments: Comment[];',
      '}',
    ].join('\n');
    const comment = [
      "import { Entity, PrimaryGeneratedColumn, ManyToOne, JoinColumn } from 'typeorm';",
      "import { Article } from './article.entity';",
      '@Entity()',
      'export class Comment {',
      '  @PrimaryGeneratedColumn() id: number;',
      '  @ManyToOne(type => Article, article => article.comments)',
      '  @JoinColumn()',
      '  article: Article;',
      '}',
    ].join('\n');
    const list = await models({ 'package.json': '{"name":"x","dependencies":{"typeorm":"0.3"}}', 'src/article.entity.ts': article, 'src/comment.entity.ts': comment });
    expect(list.find((m) => m.name === 'Article')!.fields.find((f) => f.name === 'comments')!.relation).toEqual({ model: 'Comment', kind: 'one-to-many' });
    expect(list.find((m) => m.name === 'Comment')!.fields.find((f) => f.name === 'article')!.relation).toEqual({ model: 'Article', kind: 'many-to-one', fields: ['articleId'] });
  });
});
