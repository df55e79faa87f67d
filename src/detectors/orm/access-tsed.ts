/**
 * Prisma models used through the repositories `@tsed/prisma` generates: one `<Models>Repository` class per model
 * (`UsersRepository` for `model User`, named by `pluralize`), injected (`constructor(repo: UsersRepository)`,
 * `@Inject() repo: UsersRepository`, `inject(UsersRepository)`) or extended (`class X extends UsersRepository`, whose
 * `this.findFirst()` and `this.collection.findMany()` reach the model). The calls never name the client's
 * `prisma.user`, so the client pattern cannot see them.
 */
import { ts } from '../../scan/ts.js';
import { dottedName, importsOf, lastName } from '../shared/ast.js';
import type { AccessVisitor, FileContext, Hit, ModelTable } from './access.js';
import { PRISMA_METHODS } from './access-queries.js';
import type { OrmModelData } from './types.js';

export const TSED_PRISMA = '@tsed/prisma';

/** A generated repository this file imports that no model of the schema matches (an irregular plural, a stale name). */
export interface UnmatchedRepository {
  readonly name: string;
  readonly node: ts.Node;
}

const alnum = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The plurals `pluralize` may give a model name, compared without case or separators (`user_profile` → `UserProfiles`). */
function plurals(model: string): string[] {
  const m = alnum(model);
  const out = [m, `${m}s`, `${m}es`];
  if (/[^aeiou]y$/.test(m)) out.push(`${m.slice(0, -1)}ies`);
  if (/(?:f|fe)$/.test(m)) out.push(`${m.replace(/fe?$/, '')}ves`);
  if (/(?:man)$/.test(m)) out.push(`${m.slice(0, -3)}men`);
  if (/person$/.test(m)) out.push(`${m.slice(0, -6)}people`);
  if (/child$/.test(m)) out.push(`${m}ren`);
  if (/(?:us)$/.test(m)) out.push(`${m.slice(0, -2)}i`);
  return out;
}

/** The models by the lower-case name of their generated repository. */
function repositoryNames(table: ModelTable, file: string): Map<string, OrmModelData> {
  const out = new Map<string, OrmModelData>();
  for (const key of table.keys()) {
    const model = table.get(key, file);
    if (!model) continue;
    for (const p of plurals(model.name)) if (!out.has(`${p}repository`)) out.set(`${p}repository`, model);
  }
  return out;
}

export function tsedPrismaVisitor(context: FileContext, table: ModelTable, unmatched: (u: UnmatchedRepository) => void): AccessVisitor {
  /** Local name → model, for each generated repository class imported from `@tsed/prisma`. */
  const imported = new Map<string, OrmModelData>();
  const byName = repositoryNames(table, context.file);
  for (const [local, binding] of importsOf(context.sf)) {
    if (binding.module !== TSED_PRISMA || !/Repository$/.test(binding.imported)) continue;
    const model = byName.get(alnum(binding.imported));
    if (model) imported.set(local, model);
    else {
      const decl = context.sf.statements.find((s) => ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier) && s.moduleSpecifier.text === TSED_PRISMA);
      unmatched({ name: binding.imported, node: decl ?? context.sf });
    }
  }
  const typeModel = (type: ts.TypeNode | undefined) =>
    type && ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) ? imported.get(type.typeName.text) : undefined;
  /** `inject(UsersRepository)`, `new UsersRepository()`. */
  const created = (expr: ts.Expression | undefined) => {
    if (!expr) return undefined;
    if (ts.isNewExpression(expr) && ts.isIdentifier(expr.expression)) return imported.get(expr.expression.text);
    const arg = ts.isCallExpression(expr) && lastName(expr.expression) === 'inject' ? expr.arguments[0] : undefined;
    return arg && ts.isIdentifier(arg) ? imported.get(arg.text) : undefined;
  };
  /** How the code names a repository (`usersRepository`, `this.usersRepository`) → its model. */
  const repositories = new Map<string, OrmModelData>();
  const classes = new Map<ts.Node, OrmModelData>();
  const calls: ts.CallExpression[] = [];
  if (imported.size === 0) return { visit() {}, finish: () => [] };
  return {
    visit(node) {
      if ((ts.isParameter(node) || ts.isPropertyDeclaration(node)) && ts.isIdentifier(node.name)) {
        const model = typeModel(node.type) ?? created(node.initializer);
        if (!model) return;
        repositories.set(`this.${node.name.text}`, model);
        if (ts.isParameter(node)) repositories.set(node.name.text, model);
      } else if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name)) {
        const model = typeModel(node.type) ?? created(node.initializer);
        if (model) repositories.set(node.name.text, model);
      } else if (ts.isClassDeclaration(node)) {
        const base = node.heritageClauses?.find((c) => c.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
        const model = base && ts.isIdentifier(base) ? imported.get(base.text) : undefined;
        if (model) classes.set(node, model);
      } else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) calls.push(node);
    },
    finish() {
      const hits: Hit[] = [];
      for (const call of calls) {
        const callee = call.expression as ts.PropertyAccessExpression;
        const kind = PRISMA_METHODS.get(callee.name.text);
        if (!kind) continue;
        const model = repositories.get(dottedName(callee.expression) ?? '') ?? own(callee.expression, classes);
        if (model) hits.push({ model, kind, method: callee.name.text, node: call });
      }
      return hits;
    },
  };
}

/** `this.findFirst()` or `this.collection.findMany()` inside a class extending a generated repository. */
function own(receiver: ts.Expression, classes: ReadonlyMap<ts.Node, OrmModelData>): OrmModelData | undefined {
  if (ts.isPropertyAccessExpression(receiver) && receiver.name.text === 'collection') receiver = receiver.expression;
  if (receiver.kind !== ts.SyntaxKind.ThisKeyword) return undefined;
  for (let n: ts.Node | undefined = receiver.parent; n; n = n.parent) {
    if (ts.isClassDeclaration(n)) return classes.get(n);
  }
  return undefined;
}
