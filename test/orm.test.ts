import { describe, expect, it } from 'vitest';
import { ormDetector, type OrmEnumData, type OrmModelData } from '../src/detectors/orm/index.js';
import { FactSet } from '../src/facts.js';
import { ormSchemaPart } from '../src/steps/parts/orm-schema.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { detect, indexOf } from './helpers/fixture.js';

async function models(fixture: string): Promise<OrmModelData[]> {
  return (await detect(ormDetector, fixture)).filter((f) => f.kind === 'orm.model').map((f) => f.data as OrmModelData);
}
const model = (list: readonly OrmModelData[], name: string) => list.find((m) => m.name === name)!;
const field = (m: OrmModelData, name: string) => m.fields.find((f) => f.name === name)!;

async function part(fixture: string): Promise<string> {
  const index = await indexOf(fixture);
  const md = ormSchemaPart(new FactSet(await detect(ormDetector, fixture)));
  expect(missingCitations(md, index)).toEqual([]);
  expect(md).not.toMatch(/^#{1,3} /m);
  return md;
}

describe('Prisma', () => {
  it('reads models, field types and attributes, relations, block attributes and enums', async () => {
    const facts = await detect(ormDetector, 'be-prisma');
    const list = facts.filter((f) => f.kind === 'orm.model').map((f) => f.data as OrmModelData);
    expect(list.map((m) => `${m.name}:${m.line}`)).toEqual(['User:16', 'Profile:30', 'Post:37', 'Tag:51', 'UserInfo:59']);
    expect(model(list, 'UserInfo').block).toBe('view');
    const user = model(list, 'User');
    expect(user).toMatchObject({ orm: 'prisma', table: 'users', primaryKey: ['id'], indexes: [{ fields: ['name'], unique: false }] });
    expect(field(user, 'email')).toEqual({ name: 'email', type: 'String', attributes: ['unique'] });
    expect(field(user, 'name')).toMatchObject({ optional: true });
    // Post also lists users (`likedBy`), but `posts` pairs with the unnamed `author` side: one-to-many.
    expect(field(user, 'posts').relation).toEqual({ model: 'Post', kind: 'one-to-many' });
    expect(field(user, 'likes').relation).toEqual({ model: 'Post', kind: 'many-to-many' });
    const post = model(list, 'Post');
    expect(field(post, 'author').relation).toEqual({ model: 'User', kind: 'many-to-one', fields: ['authorId'] });
    expect(field(post, 'tags').relation).toEqual({ model: 'Tag', kind: 'many-to-many' });
    expect(post.indexes).toEqual([
      { fields: ['authorId', 'title'], unique: true },
      { fields: ['authorId', 'published'], unique: false },
    ]);
    expect(field(model(list, 'Profile'), 'user').relation).toMatchObject({ kind: 'one-to-one', fields: ['userId'] });
    expect(model(list, 'Tag').primaryKey).toEqual(['name', 'group']);
    const enums = facts.filter((f) => f.kind === 'orm.enum').map((f) => f.data as OrmEnumData);
    expect(enums).toEqual([{ orm: 'prisma', name: 'Role', values: ['USER', 'ADMIN'], file: 'prisma/schema.prisma', line: 11 }]);
  });

  it('writes a model table with keys and relations', async () => {
    const md = await part('be-prisma');
    expect(md).toContain('#### Prisma models\n\n4 models, 1 view, 1 enum in `/prisma/schema.prisma`.');
    expect(md).toContain(
      '| `Post` | `id: String` (default uuid()), `title: String`, `published: Boolean` (default false), `authorId: Int`, `updatedAt: DateTime` (updatedAt) | PK `id`; unique (`authorId`, `title`); index (`authorId`, `published`) | `author` → `User` (many-to-one via `authorId`); `tags` → `Tag` (many-to-many); `likedBy` → `User` (many-to-many) | `/prisma/schema.prisma:37` |',
    );
  });
});

describe('Drizzle', () => {
  it('reads tables, column builders, extra config, table creators, enums and relations() from another file', async () => {
    const list = await models('be-drizzle');
    expect(list.map((m) => `${m.name}/${m.table}`)).toEqual(['auditLog/audit_log', 'users/users', 'posts/posts', 'postTags/post_tags']);
    const users = model(list, 'users');
    expect(field(users, 'email')).toEqual({ name: 'email', type: 'varchar', attributes: ['unique'] });
    expect(field(users, 'name')).toMatchObject({ type: 'text', optional: true });
    expect(users.indexes).toEqual([{ fields: ['email'], unique: true, name: 'users_email_idx' }]);
    expect(field(users, 'posts').relation).toEqual({ model: 'posts', kind: 'one-to-many' });
    const posts = model(list, 'posts');
    expect(field(posts, 'authorId').relation).toEqual({ model: 'users', kind: 'many-to-one', fields: ['authorId'] });
    expect(posts.indexes).toEqual([{ fields: ['authorId', 'title'], unique: false, name: 'posts_author_idx' }]);
    expect(model(list, 'postTags').primaryKey).toEqual(['postId', 'tag']);
    expect(model(list, 'auditLog')).toMatchObject({ primaryKey: ['id'], fields: [{ name: 'id', type: 'integer' }, { name: 'action', type: 'varchar' }] });
    const md = await part('be-drizzle');
    expect(md).toContain('| `roleEnum` | `user`, `admin` | `/src/db/schema.ts:3` |');
  });
});

describe('TypeORM', () => {
  it('reads entities, columns, generated keys, nullable/unique options, relations with join columns and indexes', async () => {
    const list = await models('be-typeorm');
    const user = model(list, 'User');
    expect(user).toMatchObject({ orm: 'typeorm', table: 'users', primaryKey: ['id'], indexes: [{ fields: ['firstName', 'lastName'], unique: true }] });
    expect(field(user, 'id')).toMatchObject({ type: 'uuid', attributes: ['id', 'generated(uuid)'] });
    expect(field(user, 'email')).toMatchObject({ type: 'string', optional: true, attributes: ['unique'] });
    expect(field(user, 'photos')).toMatchObject({ list: true, relation: { model: 'Photo', kind: 'one-to-many' } });
    const photo = model(list, 'Photo');
    expect(photo).toMatchObject({ table: 'photos', indexes: [{ fields: ['url'], unique: false }] });
    expect(field(photo, 'owner').relation).toEqual({ model: 'User', kind: 'many-to-one', fields: ['owner_id'] });
    await part('be-typeorm');
  });
});

describe('Mongoose', () => {
  it('reads schema fields, refs, required, timestamps, schema.index and the model name', async () => {
    const list = await models('be-mongoose');
    const order = model(list, 'Order');
    expect(order).toMatchObject({ orm: 'mongoose', name: 'Order', table: 'orders', primaryKey: ['_id'] });
    expect(field(order, 'customer')).toEqual({ name: 'customer', type: 'ObjectId', attributes: [], relation: { model: 'Customer', kind: 'ref' } });
    expect(field(order, 'items')).toMatchObject({ type: 'String', list: true });
    expect(field(order, 'updatedAt')).toMatchObject({ attributes: ['timestamps'] });
    expect(order.indexes).toContainEqual({ fields: ['customer', 'createdAt'], unique: false });
    expect(await part('be-mongoose')).toContain('`Order` (collection `orders`)');
    // A schema only embedded in another (`lines: [lineSchema]`) is a sub-document, not a model.
    expect(list.map((m) => m.name).sort()).toEqual(['Customer', 'Order']);
    // CommonJS, and `mongoose.Schema(...)` called without `new`.
    const customer = model(list, 'Customer');
    expect(field(customer, 'email')).toEqual({ name: 'email', type: 'String', attributes: ['unique'] });
    expect(field(customer, 'orders')).toMatchObject({ list: true, relation: { model: 'Order', kind: 'ref' } });
  });
});

describe('orm', () => {
  it('is off without an ORM and gives an empty part', async () => {
    expect(await detect(ormDetector, 'be-express')).toEqual([]);
    expect(ormSchemaPart(new FactSet([]))).toBe('');
  });
});
