/**
 * TypeORM repositories declared in one module and used from others: `export const userRepository =
 * dataSource.getRepository(User)` (also with `.extend({...})`), and custom repository classes (`class UserRepository
 * extends Repository<User>`, `@EntityRepository(User)`). Read before the access pass from the few files that can hold
 * one, so that an imported repository is known whichever file the pass reaches first.
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import { ts } from '../../scan/ts.js';
import { lastName } from '../shared/ast.js';
import type { FileContext, ModelTable } from './access.js';
import type { OrmModelData } from './types.js';

/** File → exported name → the entity its repository holds. */
export type RepositoryModules = ReadonlyMap<string, ReadonlyMap<string, OrmModelData>>;

export const REPOSITORY_GETTERS = new Set(['getRepository', 'getMongoRepository', 'getTreeRepository']);
export const REPOSITORY_TYPES = new Set(['Repository', 'MongoRepository', 'TreeRepository', 'EntityRepository']);

/** Cheap text test for a file that can declare a repository of its own. */
export function mayDeclareRepository(text: string): boolean {
  return text.includes('Repository') && (text.includes('getRepository') || /extends\s+(?:\w+\.)?(?:Mongo|Tree)?Repository\b|@EntityRepository\(/.test(text));
}

export function repositoryModules(
  index: RepoIndex,
  files: readonly string[],
  entities: ModelTable,
  contextOf: (file: string, sf: ts.SourceFile) => FileContext,
): RepositoryModules {
  const out = new Map<string, Map<string, OrmModelData>>();
  for (const file of files) {
    // Kept: the access pass reaches most of these files again (`parse` keeps the tree for it).
    const sf = index.parse(file);
    if (!sf) continue;
    const context = contextOf(file, sf);
    const found = new Map<string, OrmModelData>();
    for (const statement of sf.statements) {
      if (ts.isVariableStatement(statement)) {
        for (const decl of statement.declarationList.declarations) {
          const model = ts.isIdentifier(decl.name) ? fetchedRepository(decl.initializer, context, entities) : undefined;
          if (model) found.set((decl.name as ts.Identifier).text, model);
        }
      } else if (ts.isExportAssignment(statement)) {
        const model = fetchedRepository(statement.expression, context, entities);
        if (model) found.set('default', model);
      } else if (ts.isClassDeclaration(statement) && statement.name) {
        const model = repositoryClass(statement, context, entities);
        if (model) found.set(statement.name.text, model);
      }
    }
    if (found.size > 0) out.set(file, found);
  }
  return out;
}

/** `getRepository(User)`, `dataSource.getRepository(User)`, `(await …)`, `….extend({ … })`. */
export function fetchedRepository(expr: ts.Expression | undefined, context: FileContext, entities: ModelTable): OrmModelData | undefined {
  for (let i = 0; expr && i < 6; i++) {
    if (ts.isAwaitExpression(expr) || ts.isParenthesizedExpression(expr)) expr = expr.expression;
    else if (ts.isCallExpression(expr) && ts.isPropertyAccessExpression(expr.expression) && expr.expression.name.text === 'extend') {
      expr = expr.expression.expression;
    } else break;
  }
  if (!expr || !ts.isCallExpression(expr) || !REPOSITORY_GETTERS.has(lastName(expr.expression) ?? '')) return undefined;
  const arg = expr.arguments[0];
  return arg && ts.isIdentifier(arg) ? context.refersTo(entities, arg.text) : undefined;
}

/** `class UserRepository extends Repository<User>` or `@EntityRepository(User) class …`. */
export function repositoryClass(cls: ts.ClassDeclaration, context: FileContext, entities: ModelTable): OrmModelData | undefined {
  const decorated = ts.getDecorators(cls)?.find((d) => ts.isCallExpression(d.expression) && lastName(d.expression.expression) === 'EntityRepository');
  const arg = decorated && (decorated.expression as ts.CallExpression).arguments[0];
  if (arg && ts.isIdentifier(arg)) return context.refersTo(entities, arg.text);
  for (const clause of cls.heritageClauses ?? []) {
    if (clause.token !== ts.SyntaxKind.ExtendsKeyword) continue;
    const base = clause.types[0];
    if (!base || !REPOSITORY_TYPES.has(lastName(base.expression) ?? '')) continue;
    const entity = base.typeArguments?.[0];
    if (entity && ts.isTypeReferenceNode(entity) && ts.isIdentifier(entity.typeName)) return context.refersTo(entities, entity.typeName.text);
  }
  return undefined;
}
