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
