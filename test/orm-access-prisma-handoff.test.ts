import { describe, expect, it } from 'vitest';
import { ormDetector, type OrmWrapperData } from '../src/detectors/orm/index.js';
import { databaseSchemaStep } from '../src/steps/04-database-schema.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { detect, indexOf, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

describe('ORM access: Prisma delegates handed to code that calls them under another name', () => {
  it('records `super(prisma.post)` as a hand-off of Post, not `typeof prisma.tag`', async () => {
    const wrappers = (await detect(ormDetector, 'orm-access-prisma-handoff')).filter((f) => f.kind === 'orm.wrapper').map((f) => f.data as OrmWrapperData);
    expect(wrappers).toEqual([{ orm: 'prisma', via: 'a Prisma model delegate', name: 'prisma.post', model: 'Post', file: 'src/repositories.ts', line: 6 }]);
  });

  it('says where a handed-on model goes instead of "no direct calls", and keeps the sentence for the others', async () => {
    const s = await section(databaseSchemaStep, 'orm-access-prisma-handoff');
    expect(missingCitations(s.markdown, await indexOf('orm-access-prisma-handoff'))).toEqual([]);
    expect(s.markdown).toContain('No direct calls found in code for `Tag`, `AuditLog`.');
    expect(s.markdown).toContain(
      '`Post` is handed on as `prisma.post` (`/src/repositories.ts:6`), to code that calls it under another name, which this map does not follow.',
    );
    expect(s.markdown).not.toMatch(/No direct calls found[^\n]*`Post`/);
  });

  it('says nothing is uncalled when a delegate is picked by a computed key (`prisma[model]`)', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'dyn', dependencies: { '@prisma/client': '^5.20.0' } }),
      'prisma/schema.prisma': 'model User {\n  id Int @id\n}\n\nmodel Post {\n  id Int @id\n}\n',
      'src/crud.ts': "import { prisma } from './db';\n\nexport const list = (model: 'user' | 'post') => (prisma[model] as any).findMany();\nexport const users = () => prisma.user.findMany();\n",
      'src/db.ts': "import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n",
    });
    const s = await section(databaseSchemaStep, root);
    expect(s.markdown).not.toContain('No direct calls found');
    expect(s.markdown).toContain('`Post` may be read and written through `prisma[…]` (`/src/crud.ts:3`), which this map could not tie to a model.');
  });
});
