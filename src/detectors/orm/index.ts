import type { Detector, Fact } from '../../facts.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { dependsOn } from '../../scan/package-json.js';
import { mentions } from '../shared/ast.js';
import { isAppSource, isBuildOrVendor } from '../shared/source-scope.js';
import { ormAccesses } from './access.js';
import { authAdapters } from './auth-adapter.js';
import { decoratorEntities } from './decorators.js';
import { creatorsIn, drizzleFile } from './drizzle.js';
import { declaredIn } from './drizzle-declared.js';
import { mongooseModels } from './mongoose.js';
import { helpersFor, mongooseHelpers } from './mongoose-helpers.js';
import { nestMongooseModels } from './mongoose-nest.js';
import { prismaSchemas } from './prisma.js';
import type { OrmAccessFact, OrmAuthAdapterFact, OrmEnumData, OrmEnumFact, OrmModelData, OrmModelFact, OrmWrapperFact } from './types.js';
import { pushTo } from '../../collections.js';

export type * from './types.js';

const ORM_DEPS = /^(prisma|@prisma\/client|drizzle-orm|typeorm|@mikro-orm\/core|mongoose|@nestjs\/mongoose)$/;

/**
 * Prisma, Drizzle, TypeORM, MikroORM and Mongoose schemas (`orm.model`, `orm.enum` facts) and where the code reads and
 * writes each model (`orm.access`), and wrappers it reaches models through that no model matched (`orm.wrapper`).
 */
export const ormDetector: Detector = {
  id: 'orm',
  isEnabled(index: RepoIndex): boolean {
    return index.packages.some((p) => dependsOn(p.manifest, ORM_DEPS)) || index.files.some((f) => isPrismaSchema(index, f));
  },
  detect(index: RepoIndex): Fact[] {
    const prismaFiles = index.files.filter((f) => isPrismaSchema(index, f)).flatMap((file) => {
      const text = index.read(file);
      return text ? [{ file, text }] : [];
    });
    const { models, enums } = prismaSchemas(prismaFiles);

    const sources = index.files.filter((f) => isAppSource(index, f));
    const drizzle = sources.filter((f) => mentions(index.read(f), ['drizzle-orm']));
    const creators = new Set(drizzle.flatMap((f) => {
      const sf = index.parse(f);
      return sf && index.read(f)?.includes('TableCreator') ? creatorsIn(sf) : [];
    }));
    const relations = new Map<string, OrmModelData['fields'][number][]>();
    const drizzleModels: OrmModelData[] = [];
    const declared = declaredIn(index);
    for (const file of drizzle) {
      const sf = index.parse(file);
      if (!sf) continue;
      const found = drizzleFile(file, sf, creators, declared);
      drizzleModels.push(...found.models);
      enums.push(...found.enums);
      for (const [table, fields] of found.relations) pushTo(relations, table, ...fields);
    }
    // `relations(users, …)` usually sits in another file than `users`; the table variable name joins them.
    for (const m of drizzleModels) {
      const extra = relations.get(m.name)?.filter((r) => !m.fields.some((f) => f.name === r.name)) ?? [];
      models.push(extra.length > 0 ? { ...m, fields: [...m.fields, ...extra] } : m);
    }

    // Project helpers around Mongoose (`Database.createSchema({...})`), and the text that names a call to one.
    const helpers = mongooseHelpers(index, sources);
    const helperCall = helpers.size > 0 ? new RegExp(`\\b(${[...helpers.keys()].map((k) => k.replace(/\$/g, '\\$')).join('|')})\\s*\\(`) : undefined;
    for (const file of sources) {
      const text = index.read(file);
      if (!text) continue;
      const decorated = text.includes('@Entity') && mentions(text, ["'typeorm'", '"typeorm"', '@mikro-orm/']);
      const viaHelper = !!helperCall && helperCall.test(text);
      const mongoose = viaHelper || (text.includes('Schema') && mentions(text, ["'mongoose'", '"mongoose"']));
      // `@Schema() class User` of @nestjs/mongoose, whose file need not import mongoose itself.
      const nest = text.includes('@Schema') && mentions(text, ["'@nestjs/mongoose'", '"@nestjs/mongoose"']);
      if (!decorated && !mongoose && !nest) continue;
      const sf = index.parse(file);
      if (!sf) continue;
      if (decorated) models.push(...decoratorEntities(file, sf));
      if (nest) models.push(...nestMongooseModels(file, sf));
      if (mongoose) models.push(...mongooseModels(file, sf, viaHelper ? helpersFor(index, file, sf, helpers) : undefined));
    }

    const byPlace = (a: { file: string; line: number; name: string }, b: { file: string; line: number; name: string }) =>
      a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    models.sort(byPlace);
    const found = ormAccesses(index, models);
    const accesses = found.accesses.sort((a, b) => byPlace({ ...a, name: a.model }, { ...b, name: b.model }) || (a.method < b.method ? -1 : a.method > b.method ? 1 : 0));
    return [
      ...models.map(
        (data): OrmModelFact => ({ kind: 'orm.model', id: `${data.orm} ${data.name} ${data.file}`, data, at: [{ file: data.file, line: data.line }] }),
      ),
      ...enums.sort(byPlace).map(
        (data: OrmEnumData): OrmEnumFact => ({ kind: 'orm.enum', id: `${data.orm} ${data.name} ${data.file}`, data, at: [{ file: data.file, line: data.line }] }),
      ),
      ...accesses.map(
        (data): OrmAccessFact => ({
          kind: 'orm.access',
          id: `${data.orm} ${data.model} ${data.method} ${data.file}:${data.line}`,
          data,
          at: [{ file: data.file, line: data.line }],
        }),
      ),
      ...found.wrappers.sort(byPlace).map(
        (data): OrmWrapperFact => ({ kind: 'orm.wrapper', id: `${data.orm} ${data.via} ${data.name} ${data.file}:${data.line}`, data, at: [{ file: data.file, line: data.line }] }),
      ),
      ...authAdapters(index, sources).map(
        (data): OrmAuthAdapterFact => ({ kind: 'orm.auth-adapter', id: `${data.library} ${data.name} ${data.file}:${data.line}`, data, at: [{ file: data.file, line: data.line }] }),
      ),
    ];
  },
};

function isPrismaSchema(index: RepoIndex, file: string): boolean {
  return file.endsWith('.prisma') && !isBuildOrVendor(index, file);
}
