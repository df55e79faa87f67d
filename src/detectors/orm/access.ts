/**
 * Where application code reads and writes the models the schema detectors found: one pass over the source files, a
 * text pre-filter built from the model names (a file that names no model, or never calls a model method on one,
 * cannot hold an access), then one walk per remaining file that each ORM's visitor watches.
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import { ts, lineOf, walkMentioning } from '../../scan/ts.js';
import { importsOf } from '../shared/ast.js';
import { enclosingName } from '../shared/naming.js';
import { moduleResolver } from '../shared/resolve-module.js';
import { isAppSource } from '../shared/source-scope.js';
import { mayDeclareRepository, repositoryModules, type RepositoryModules } from './access-repositories.js';
import { ModelTable, PackageReach, prismaScope } from './access-scope.js';
import { mongooseVisitor, typeormVisitor, ENTITY_METHODS, MONGOOSE_METHODS } from './access-entities.js';
import { drizzleVisitor, prismaVisitor, PRISMA_METHODS } from './access-queries.js';
import { prismaHandoffs } from './access-handoff.js';
import { TSED_PRISMA, tsedPrismaVisitor, type UnmatchedRepository } from './access-tsed.js';
import { REQUEST_USER_WRITE, requestUserModel } from './passport-user.js';
import { exportsNamespace } from './namespace-reexport.js';
import type { OrmAccessData, OrmModelData, OrmWrapperData } from './types.js';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export type { ModelTable };

/** An access found in one file, before it becomes a fact. */
export interface Hit {
  readonly model: OrmModelData;
  readonly kind: OrmAccessData['kind'];
  readonly method: string;
  readonly node: ts.Node;
}

/** Watches the nodes of one file's walk; `finish` resolves what needed the whole file (bindings declared later). */
export interface AccessVisitor {
  visit(node: ts.Node): void;
  finish(): Hit[];
}

export interface FileContext {
  readonly file: string;
  readonly sf: ts.SourceFile;
  /**
   * The model an identifier stands for in this file: imported under the model's name (or by default import / require
   * under that name), or declared in the model's own file. A local variable that merely shares the name is not one.
   * With `wholeModule`, a module imported whole under another name stands for the one model it defines (Mongoose
   * model files export their model).
   */
  refersTo(table: ModelTable, name: string, wholeModule?: boolean): OrmModelData | undefined;
  /** The repository file and exported name an imported identifier comes from (relative imports, tsconfig paths). */
  importedFrom(name: string): { file: string; name: string } | undefined;
  /** `schema.users` through a namespace import: the table by its property name. */
  namespaceMember(table: ModelTable, expr: ts.Expression): OrmModelData | undefined;
}

export interface Tables {
  readonly repositories: RepositoryModules;
  readonly prisma: ModelTable;
  readonly drizzle: ModelTable;
  readonly entities: ModelTable;
  readonly mongoose: ModelTable;
  /** The Mongoose model Passport's `deserializeUser` loads: `req.user` is a document of it. */
  readonly requestUser?: OrmModelData;
}

/** Names the visitors act on besides the method tables (a node the walk skips holds none of these). */
const WALKED = ['from', 'into', 'insert', 'update', 'delete', 'count', 'innerJoin', 'leftJoin', 'rightJoin', 'fullJoin', 'crossJoin', 'save', 'new', 'model', 'createQueryBuilder', 'InjectModel'];

/**
 * The accesses, and the places the code reaches models through a wrapper the reader could not tie to one model (a
 * `@tsed/prisma` repository whose name matches no model): evidence that "no calls found" would not be true of them.
 */
export function ormAccesses(index: RepoIndex, models: readonly OrmModelData[]): { accesses: OrmAccessData[]; wrappers: OrmWrapperData[] } {
  const sources = index.files.filter((f) => isAppSource(index, f));
  const contextOf = (file: string, sf: ts.SourceFile) => fileContext(index, file, sf);
  const reach = new PackageReach(index);
  let tables = tablesOf(models, reach, (entities) =>
    entities.size === 0 ? new Map() : repositoryModules(index, sources.filter((f) => mayDeclareRepository(index.read(f) ?? '')), entities, contextOf),
  );
  if (tables.mongoose.size > 0) tables = { ...tables, requestUser: requestUserModel(index, sources, tables.mongoose, contextOf) };
  const prismaReachable = tables.prisma.size > 0 ? prismaScope(index, reach) : () => false;
  const wrappers: OrmWrapperData[] = prismaHandoffs(index, sources, tables.prisma, prismaReachable);
  const filters = prefilters(tables, prismaReachable, (file, sf, u) => {
    wrappers.push({ orm: 'prisma', via: TSED_PRISMA, name: u.name, file, line: lineOf(u.node, sf) });
  });
  if (filters.length === 0) return { accesses: [], wrappers };
  // With Mongoose models, generic helpers handed a model (`createItem(req, City)`) are walked too, and so is any call
  // on a model by its name (`Session.removeByUser(id)`: a custom static is access too).
  const helpers = tables.mongoose.size > 0
    ? String.raw`|\b(?:create|update|delete|remove|insert|upsert|patch|get|find|list|count|paginate|fetch|load|search)\w*\s*\(|\b(?:${[...tables.mongoose.keys()].map(escape).join('|')})\s*\.`
    : '';
  const walkPattern = new RegExp(String.raw`\b(?:${[...PRISMA_METHODS.keys(), ...ENTITY_METHODS.keys(), ...MONGOOSE_METHODS.keys(), ...WALKED].join('|')})\b|Repository${helpers}`, 'g');
  const out: OrmAccessData[] = [];
  const seen = new Set<string>();
  for (const file of sources) {
    const text = index.read(file);
    if (!text) continue;
    const active = filters.filter((f) => f.test(text, file));
    if (active.length === 0) continue;
    const sf = index.parseOnce(file);
    if (!sf) continue;
    const context = contextOf(file, sf);
    const visitors = active.map((f) => f.visitor(context, tables));
    walkMentioning(sf, walkPattern, (node) => {
      for (const v of visitors) v.visit(node);
    });
    for (const hit of visitors.flatMap((v) => v.finish())) {
      const line = lineOf(hit.node, sf);
      const key = `${hit.model.orm} ${hit.model.name} ${hit.model.file} ${hit.method} ${line}`;
      if (seen.has(`${file}\0${key}`)) continue;
      seen.add(`${file}\0${key}`);
      const fn = enclosingName(hit.node);
      out.push({
        orm: hit.model.orm,
        model: hit.model.name,
        modelFile: hit.model.file,
        kind: hit.kind,
        method: hit.method,
        ...(fn ? { function: fn } : {}),
        file,
        line,
      });
    }
  }
  return { accesses: out, wrappers };
}

function tablesOf(models: readonly OrmModelData[], reach: PackageReach, repositoriesOf: (entities: ModelTable) => RepositoryModules): Tables {
  const [prisma, drizzle, entities, mongoose] = [new ModelTable(reach), new ModelTable(reach), new ModelTable(reach), new ModelTable(reach)];
  for (const m of models) {
    // The client names each model in camelCase: `model UserProfile` is `prisma.userProfile`.
    if (m.orm === 'prisma') prisma.add(m.name.charAt(0).toLowerCase() + m.name.slice(1), m);
    else if (m.orm === 'drizzle') drizzle.add(m.name, m);
    else if (m.orm === 'typeorm' || m.orm === 'mikro-orm') entities.add(m.name, m);
    else if (m.orm === 'mongoose') {
      mongoose.add(m.name, m);
      if (m.binding) mongoose.add(m.binding, m);
    }
  }
  return { repositories: repositoriesOf(entities), prisma, drizzle, entities, mongoose };
}

interface Prefilter {
  test(text: string, file: string): boolean;
  visitor(context: FileContext, tables: Tables): AccessVisitor;
}

/** One cheap text test per ORM in use, built once: the model names joined into one pattern. */
function prefilters(
  tables: Tables,
  prismaReachable: (file: string) => boolean,
  unmatched: (file: string, sf: ts.SourceFile, u: UnmatchedRepository) => void,
): Prefilter[] {
  const alternatives = (names: Iterable<string>) => [...names].map((n) => n.replace(/[$]/g, '\\$')).join('|');
  const out: Prefilter[] = [];
  if (tables.prisma.size > 0) {
    const re = new RegExp(String.raw`\.\s*(?:${alternatives(tables.prisma.keys())})\s*\.\s*(?:${alternatives(PRISMA_METHODS.keys())})\b`);
    out.push({ test: (t, file) => re.test(t) && prismaReachable(file), visitor: (c, t) => prismaVisitor(c, t.prisma) });
    // Generated repositories of `@tsed/prisma`: `usersRepository.findFirst(…)` names no client model.
    const tsed = /['"]@tsed\/prisma['"]/;
    out.push({ test: (t) => tsed.test(t) && t.includes('Repository'), visitor: (c, t) => tsedPrismaVisitor(c, t.prisma, (u) => unmatched(c.file, c.sf, u)) });
  }
  if (tables.drizzle.size > 0) {
    // The table is the call's first argument (`.from(users`, `.insert(schema.users`) or a key of `db.query`.
    const names = alternatives(tables.drizzle.keys());
    const re = new RegExp(String.raw`\.\s*(?:from|insert|update|delete|(?:inner|left|right|full|cross)Join|\$count)\s*\(\s*(?:[\w$]+\s*\.\s*)?(?:${names})\b|\.\s*query\s*\.\s*(?:${names})\b`);
    out.push({ test: (t) => re.test(t), visitor: (c, t) => drizzleVisitor(c, t.drizzle) });
  }
  if (tables.entities.size > 0) {
    // A repository typed, injected or fetched for an entity (`Repository<User>`, `InjectRepository(User)`,
    // `getRepository(User)`) or imported from the module declaring it, an entity passed to a manager or query builder,
    // or an active record.
    const names = alternatives(tables.entities.keys());
    const methods = alternatives(ENTITY_METHODS.keys());
    const direct = new RegExp(
      String.raw`Repository\s*[<(]\s*(?:${names})\b|\.\s*(?:${methods}|from|into)\s*\(\s*(?:${names})\b|\b(?:${names})\s*\.\s*(?:${methods})\s*\(`,
    );
    const declared = [...tables.repositories.values()].flatMap((m) => [...m.keys()]);
    const imported = declared.length > 0 ? new RegExp(String.raw`\b(?:${alternatives(new Set(declared))})\b`) : undefined;
    out.push({ test: (t) => direct.test(t) || imported?.test(t) === true, visitor: (c, t) => typeormVisitor(c, t.entities, t.repositories) });
  }
  if (tables.mongoose.size > 0) {
    const names = alternatives(tables.mongoose.keys());
    const re = new RegExp(String.raw`\b(?:${names})\s*\.\s*(?:${alternatives(MONGOOSE_METHODS.keys())})\b|\bnew\s+(?:${names})\b|\bmodel\s*(?:<[^>]*>)?\(\s*['"\x60](?:${names})['"\x60]\s*\)|@InjectModel\s*\(`);
    // A file importing a model module under another name (`require('../models/user.model')` as `UserModel`).
    const modules = [...new Set([...tables.mongoose.files()].map((f) => f.slice(f.lastIndexOf('/') + 1).replace(/\.[cm]?[jt]sx?$/, '')))];
    const imports = new RegExp(String.raw`/(?:${modules.map(escape).join('|')})(?:\.[cm]?[jt]s)?['"\x60]`);
    const requestUser = tables.requestUser ? REQUEST_USER_WRITE : undefined;
    out.push({ test: (t) => re.test(t) || imports.test(t) || requestUser?.test(t) === true, visitor: (c, t) => mongooseVisitor(c, t.mongoose, t.requestUser) });
  }
  return out;
}

function fileContext(index: RepoIndex, file: string, sf: ts.SourceFile): FileContext {
  const imports = importsOf(sf);
  return {
    file,
    sf,
    importedFrom(name) {
      const binding = imports.get(name);
      const target = binding && binding.imported !== '*' ? moduleResolver(index).resolve(file, binding.module) : undefined;
      return target && binding ? { file: target, name: binding.imported } : undefined;
    },
    refersTo(table, name, wholeModule) {
      const binding = imports.get(name);
      const whole = binding !== undefined && (binding.imported === 'default' || binding.imported === '*');
      const model = table.get(binding && !whole ? binding.imported : name, file);
      if (model && (binding || model.file === file)) return model;
      if (!whole || !wholeModule) return undefined;
      // `const UserModel = require('./user.model')`: the module's one model, whatever the local name.
      const target = moduleResolver(index).resolve(file, binding.module);
      const defined = target ? table.inFile(target) : [];
      return defined.length === 1 ? defined[0] : undefined;
    },
    namespaceMember(table, expr) {
      if (!ts.isPropertyAccessExpression(expr) || !ts.isIdentifier(expr.expression)) return undefined;
      const binding = imports.get(expr.expression.text);
      if (!binding || binding.imported === 'default') return undefined;
      if (binding.imported === '*') return table.get(expr.name.text, file);
      // `import { schema as Db } from '@repo/db'`, the module re-exporting `import * as schema from './schema'`.
      const target = moduleResolver(index).resolve(file, binding.module);
      return target && exportsNamespace(index, target, binding.imported) ? table.get(expr.name.text, file) : undefined;
    },
  };
}
