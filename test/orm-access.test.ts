import { describe, expect, it } from 'vitest';
import { ormDetector, type OrmAccessData, type OrmAccessFact, type OrmModelFact } from '../src/detectors/orm/index.js';
import { FactSet } from '../src/facts.js';
import { databaseSchemaStep } from '../src/steps/04-database-schema.js';
import { ormAccessPart } from '../src/steps/parts/orm-access.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { detect, indexOf, section } from './helpers/fixture.js';

/** `model kind method file:line function`, in fact order. */
async function rows(fixture: string): Promise<string[]> {
  return (await detect(ormDetector, fixture))
    .filter((f) => f.kind === 'orm.access')
    .map((f) => {
      const a = f.data as OrmAccessData;
      return `${a.model} ${a.kind} ${a.method} ${a.file}:${a.line} ${a.function ?? '-'}`;
    });
}

async function step(fixture: string): Promise<string> {
  const s = await section(databaseSchemaStep, `orm-access-${fixture}`);
  expect(missingCitations(s.markdown, await indexOf(`orm-access-${fixture}`))).toEqual([]);
  return s.markdown;
}

describe('ORM access: Prisma', () => {
  it('finds model calls through any client variable, in $transaction callbacks and arrays, not in tests', async () => {
    expect(await rows('orm-access-prisma')).toEqual([
      'Post read count src/server/router.ts:7 postCount',
      'Post write updateMany src/transfer.ts:6 mergeUsers',
      'User write delete src/transfer.ts:7 mergeUsers',
      'Post write deleteMany src/transfer.ts:12 purge',
      'UserProfile write delete src/transfer.ts:12 purge',
      'User read findMany src/users.ts:4 listUsers',
      'User read findMany src/users.ts:8 searchUsers',
      'UserProfile write upsert src/users.ts:12 saveProfile',
      'Post write create src/users.ts:16 publish',
    ]);
  });

  it('writes one table per model, one row per file and method, and names the models nothing calls', async () => {
    const md = await step('prisma');
    expect(md).toContain('No DynamoDB tables in CDK code; the schema comes from the ORM definitions below, access patterns from the code that calls them.');
    expect(md).toContain('### ORM access patterns');
    expect(md).toContain('#### Access patterns: `User`\n\nPrisma model `User` (`/prisma/schema.prisma:6`): 2 reads and 1 write in 2 files.');
    expect(md).toContain('| read | `findMany` | `listUsers`, `searchUsers` | `/src/users.ts:4` (2 calls) |');
    expect(md).toContain('| write | `delete` | `mergeUsers` | `/src/transfer.ts:7` |');
    expect(md).toContain('| write | `create` | `publish` | `/src/users.ts:16` |');
    expect(md).toContain('No direct calls found in code for `AuditLog`.');
    // Schema order: User, UserProfile, Post.
    expect(md.indexOf('Access patterns: `User`')).toBeLessThan(md.indexOf('Access patterns: `UserProfile`'));
    expect(md.indexOf('Access patterns: `UserProfile`')).toBeLessThan(md.indexOf('Access patterns: `Post`'));
  });
});

describe('ORM access: Prisma in a monorepo', () => {
  it('gives each call the model its package can reach, and skips packages that reach no Prisma client', async () => {
    const facts = (await detect(ormDetector, 'orm-access-prisma-mono')).filter((f) => f.kind === 'orm.access');
    expect(facts.map((f) => { const a = f.data as OrmAccessData; return `${a.model}@${a.modelFile} ${a.method} ${a.file}:${a.line}`; })).toEqual([
      'Post@packages/shop/prisma/schema.prisma create packages/api/src/listing.ts:4',
      'Post@packages/blog/prisma/schema.prisma findMany packages/blog/src/posts.ts:5',
    ]);
    const md = await step('prisma-mono');
    expect(md).toContain('Prisma model `Post` (`/packages/shop/prisma/schema.prisma:1`): 1 write in 1 file.');
    expect(md).not.toContain('/packages/mock/');
    // Two models named `Post`: each heading names its schema.
    expect(md).toContain('#### Access patterns: `Post` (`/packages/blog/prisma/schema.prisma`)');
    expect(md).toContain('#### Access patterns: `Post` (`/packages/shop/prisma/schema.prisma`)');
  });
});

describe('ORM access: two copies of one Prisma schema', () => {
  it('names a model uncalled only when no copy of it is called through any client', async () => {
    const md = await step('prisma-copies');
    // The admin app calls User through its client, the store calls Cart through its own: neither is uncalled.
    expect(md).toContain('Prisma model `User` (`/apps/admin/prisma/schema.prisma:6`): 1 read in 1 file.');
    expect(md).toContain('Prisma model `Cart` (`/apps/store/prisma/schema.prisma:12`): 1 read in 1 file.');
    expect(md).toContain('No direct calls found in code for `AuditLog`.');
  });
});

describe('ORM access: Drizzle', () => {
  it('matches tables by imported binding (aliases, namespace imports), not by local names', async () => {
    expect(await rows('orm-access-drizzle')).toEqual([
      'posts read findMany src/feed.ts:4 latest',
      'posts read select src/feed.ts:6 firstPost',
      'users read select src/users.ts:6 getUser',
      'users write insert src/users.ts:10 createUser',
      'posts write update src/users.ts:14 renamePost',
      'posts write delete src/users.ts:19 deleteUser',
      'users write delete src/users.ts:20 deleteUser',
      'posts read select (join) src/users.ts:25 userPosts',
      'users read select src/users.ts:25 userPosts',
      'users read count src/users.ts:28 userCount',
    ]);
    const md = await step('drizzle');
    expect(md).toContain('Drizzle table `users` (`/src/db/schema.ts:3`): 3 reads and 2 writes in 1 file.');
    expect(md).toContain('| read | `select (join)` | `userPosts` | `/src/users.ts:25` |');
    expect(md).toContain('No direct calls found in code for `comments`.');
  });
});

describe('ORM access: TypeORM', () => {
  it('follows injected, fetched, imported and custom repositories, entity managers, query builders and active records', async () => {
    expect(await rows('orm-access-typeorm')).toEqual([
      // Repositories declared in other modules: an exported `getRepository(...).extend()` and a custom class.
      'Photo write delete src/gallery.ts:10 Gallery.clearOwner',
      'User write remove src/gallery.ts:11 Gallery.clearOwner',
      'User read count src/gallery.ts:15 countUsers',
      'Order read find src/orders.ts:3 openOrders',
      'Order write delete src/orders.ts:11 cancel',
      'Photo read find src/photos.ts:8 photosOf',
      'Photo write save src/photos.ts:12 addPhoto',
      'Photo write delete src/photos.ts:17 removeOwner',
      'User write delete src/photos.ts:18 removeOwner',
      'Photo write createQueryBuilder src/photos.ts:23 importPhotos',
      'Photo read createQueryBuilder src/photos.ts:27 photoUrls',
      // `this` in the methods given to `.extend({...})` and in a class extending `Repository<User>`.
      'Photo read findOneBy src/repositories/photo.repository.ts:6 byUrl',
      'User read findOne src/repositories/user.repository.ts:7 UserRepository.findByEmail',
      'User read find src/users/users.service.ts:14 UsersService.findAll',
      'User read findOneBy src/users/users.service.ts:18 UsersService.findByEmail',
      'User write save src/users/users.service.ts:23 UsersService.register',
      'User write createQueryBuilder src/users/users.service.ts:27 UsersService.purgeInactive',
    ]);
    const md = await step('typeorm');
    expect(md).toContain('TypeORM entity `User` (`/src/entity/User.ts:3`): 4 reads and 4 writes in 4 files.');
    expect(md).toContain('| write | `createQueryBuilder` | `UsersService.purgeInactive` | `/src/users/users.service.ts:27` |');
    expect(md).toContain('No direct calls found in code for `Audit`.');
  });
});

describe('ORM access: Mongoose', () => {
  it('finds model statics through require (under any name), named exports and model(name), and writes through new and fetched documents', async () => {
    expect(await rows('orm-access-mongoose')).toEqual([
      // A model module required under another name.
      'Audit write create src/services/audit.service.js:3 record',
      'Audit read find src/services/audit.service.js:5 history',
      // Documents fetched, then written back: `await doc.save()`, `doc.deleteOne()`, a callback's `(err, doc)`.
      'Post read findById src/services/post-edit.service.ts:4 rename',
      'Post write save src/services/post-edit.service.ts:6 rename',
      'Post read findOne src/services/post-edit.service.ts:10 drop',
      'Post write deleteOne src/services/post-edit.service.ts:11 drop',
      'Post read findById src/services/post-edit.service.ts:15 retitleLater',
      'Post write save src/services/post-edit.service.ts:17 retitleLater',
      'Post read findById src/services/post-edit.service.ts:22 snapshot',
      'Post read find src/services/post.service.ts:4 recent',
      'Post write findByIdAndUpdate src/services/post.service.ts:6 retitle',
      'Post read aggregate src/services/post.service.ts:8 byAuthor',
      'Post read countDocuments src/services/post.service.ts:12 countPosts',
      'User read findOne src/services/user.service.js:3 getUserByEmail',
      'User write create src/services/user.service.js:5 createUser',
      'User write save src/services/user.service.js:9 register',
      'User write save src/services/user.service.js:13 quickRegister',
      'User read findById src/services/user.service.js:16 removeUser',
      'User write remove src/services/user.service.js:17 removeUser',
    ]);
    const md = await step('mongoose');
    expect(md).toContain('| write | `save` | `register`, `quickRegister` | `/src/services/user.service.js:9` (2 calls) |');
    expect(md).not.toContain('No direct calls found');
  });
});

describe('ORM access part', () => {
  it('is empty without accesses, and caps a long model at 12 rows with the rest counted', () => {
    expect(ormAccessPart(new FactSet([]))).toBe('');
    const model: OrmModelFact = {
      kind: 'orm.model',
      id: 'prisma User prisma/schema.prisma',
      data: { orm: 'prisma', name: 'User', fields: [], primaryKey: [], indexes: [], file: 'prisma/schema.prisma', line: 1 },
      at: [{ file: 'prisma/schema.prisma', line: 1 }],
    };
    const accesses = Array.from({ length: 15 }, (_, i): OrmAccessFact => {
      const file = `src/routes/r${String(i).padStart(2, '0')}.ts`;
      return {
        kind: 'orm.access',
        id: `prisma User findMany ${file}:3`,
        data: { orm: 'prisma', model: 'User', modelFile: 'prisma/schema.prisma', kind: 'read', method: 'findMany', file, line: 3 },
        at: [{ file, line: 3 }],
      };
    });
    const md = ormAccessPart(new FactSet([model, ...accesses]));
    expect(md.split('\n').filter((l) => l.startsWith('| read |'))).toHaveLength(12);
    expect(md).toContain('`/src/routes/r11.ts:3`');
    expect(md).not.toContain('`/src/routes/r12.ts:3`');
    expect(md).toContain('And 3 more rows (3 calls) in `/src/routes/r12.ts`, `/src/routes/r13.ts`, `/src/routes/r14.ts`.');
  });

  it('leaves repositories without an ORM alone', async () => {
    expect((await detect(ormDetector, 'be-express')).filter((f) => f.kind === 'orm.access')).toEqual([]);
    expect((await detect(ormDetector, 'be-prisma')).filter((f) => f.kind === 'orm.access')).toEqual([]);
  });
});

describe('models reached through a relation', () => {
  it('"no direct calls" for Password says it is a relation of User, written through it (nested create), not unused', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'app', private: true, dependencies: { '@prisma/client': '^5.0.0' }, devDependencies: { prisma: '^5.0.0' } }),
      'prisma/schema.prisma': [
        'datasource db {',
        '  provider = "sqlite"',
        '  url      = env("DATABASE_URL")',
        '}',
        'model User {',
        '  id       String    @id @default(cuid())',
        '  email    String    @unique',
        '  password Password?',
        '}',
        'model Password {',
        '  hash   String',
        '  user   User   @relation(fields: [userId], references: [id])',
        '  userId String @unique',
        '}',
        'model Audit {',
        '  id String @id',
        '}',
      ].join('\n'),
      'app/db.server.ts': "import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n",
      'app/user.server.ts': [
        "import { prisma } from './db.server';",
        'export function createUser(email: string, hash: string) {',
        '  return prisma.user.create({ data: { email, password: { create: { hash } } } });',
        '}',
      ].join('\n'),
    });
    const md = (await section(databaseSchemaStep, root)).markdown;
    expect(md).toContain('No direct calls found in code for `Password`, `Audit`.');
    expect(md).toContain('`Password` is a relation of `User.password`: the code may read and write it through that model');
    expect(md).not.toMatch(/`Audit` is a relation/);
  });
});

describe('Mongoose models handed to generic helpers', () => {
  it('createItem(req, City) and getItems(req, City) count as a write and a read of City; an unnamed helper does not', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'api', private: true, dependencies: { mongoose: '^7.0.0', express: '^4.0.0' } }),
      'app/models/city.js': "const mongoose = require('mongoose');\nconst CitySchema = new mongoose.Schema({ name: String });\nmodule.exports = mongoose.model('City', CitySchema);\n",
      'app/controllers/cities.js': [
        "const City = require('../models/city');",
        "const { createItem, getItems, audit } = require('../middleware/db');",
        'exports.createCity = (req, res) => createItem(req.body, City);',
        'exports.getCities = (req, res) => getItems(req, City);',
        'exports.log = () => audit(City);',
      ].join('\n'),
      'app/middleware/db.js': 'exports.createItem = (data, model) => model.create(data);\nexports.getItems = (req, model) => model.find({});\nexports.audit = () => {};\n',
    });
    const md = (await section(databaseSchemaStep, root)).markdown;
    expect(md).toContain('| write | `createItem(…, City)` | `exports.createCity` | `/app/controllers/cities.js:3` |');
    expect(md).toContain('| read | `getItems(…, City)` | `exports.getCities` | `/app/controllers/cities.js:4` |');
    expect(md).not.toContain('audit(');
  });
});
