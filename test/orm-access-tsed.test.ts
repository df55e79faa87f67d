import { describe, expect, it } from 'vitest';
import { ormDetector, type OrmAccessData, type OrmWrapperData } from '../src/detectors/orm/index.js';
import { FactSet } from '../src/facts.js';
import { databaseSchemaStep } from '../src/steps/04-database-schema.js';
import { ormAccessPart } from '../src/steps/parts/orm-access.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { detect, indexOf, section } from './helpers/fixture.js';

describe('ORM access: @tsed/prisma generated repositories', () => {
  it('counts calls through an injected or extended <Models>Repository as access to its model', async () => {
    const facts = await detect(ormDetector, 'orm-access-tsed');
    const rows = facts
      .filter((f) => f.kind === 'orm.access')
      .map((f) => {
        const a = f.data as OrmAccessData;
        return `${a.model} ${a.kind} ${a.method} ${a.file}:${a.line} ${a.function ?? '-'}`;
      });
    expect(rows).toEqual([
      'Session write create src/sessions.ts:10 SessionService.open',
      'Category read findFirst src/sessions.ts:17 CategoryStore.named',
      'Category write deleteMany src/sessions.ts:21 CategoryStore.purge',
      'User read findFirst src/users.repository.ts:11 UserStore.byEmail',
      'User write update src/users.repository.ts:15 UserStore.rename',
    ]);
    // `AuditRepository` names no model (`AuditLog` would be `AuditLogsRepository`): a wrapper, not a guess.
    const wrappers = facts.filter((f) => f.kind === 'orm.wrapper').map((f) => f.data as OrmWrapperData);
    expect(wrappers).toEqual([{ orm: 'prisma', via: '@tsed/prisma', name: 'AuditRepository', file: 'src/legacy.ts', line: 1 }]);
  });

  it('never says "no direct calls" of a model the code may reach through a wrapper it could not tie to a model', async () => {
    const s = await section(databaseSchemaStep, 'orm-access-tsed');
    expect(missingCitations(s.markdown, await indexOf('orm-access-tsed'))).toEqual([]);
    expect(s.markdown).toContain('#### Access patterns: `Session`');
    expect(s.markdown).toContain('| read | `findFirst` | `CategoryStore.named` | `/src/sessions.ts:17` |');
    expect(s.markdown).not.toContain('No direct calls found');
    expect(s.markdown).toContain(
      '`AuditLog` may be read and written through `AuditRepository` from `@tsed/prisma` (`/src/legacy.ts:1`), which this map could not tie to a model.',
    );
  });

  it('still names the uncalled models when no wrapper is in the way', () => {
    const model = { kind: 'orm.model', id: 'm', at: [], data: { orm: 'prisma', name: 'AuditLog', file: 'prisma/schema.prisma', line: 3, fields: [] } };
    const user = { kind: 'orm.model', id: 'u', at: [], data: { orm: 'prisma', name: 'User', file: 'prisma/schema.prisma', line: 1, fields: [] } };
    const access = { kind: 'orm.access', id: 'a', at: [], data: { orm: 'prisma', model: 'User', modelFile: 'prisma/schema.prisma', kind: 'read', method: 'findMany', file: 'src/a.ts', line: 2 } };
    expect(ormAccessPart(new FactSet([model, user, access]))).toContain('No direct calls found in code for `AuditLog`.');
  });
});
