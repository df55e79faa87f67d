/**
 * Accesses through entity classes and models: TypeORM / MikroORM repositories (`@InjectRepository(User) repo:
 * Repository<User>`, `getRepository(User)`), entity managers (`manager.save(User, …)`), active records
 * (`User.find()`), query builders; Mongoose models (`User.findOne(…)`, `new User(…).save()`).
 */
import { ts } from '../../scan/ts.js';
import { dottedName, lastName, staticString } from '../shared/ast.js';
import type { AccessVisitor, FileContext, Hit, ModelTable } from './access.js';
import { fetchedRepository, repositoryClass, REPOSITORY_TYPES, type RepositoryModules } from './access-repositories.js';
import { isRequestUser } from './passport-user.js';
import type { OrmModelData } from './types.js';

type Kind = 'read' | 'write';

const kinds = (read: readonly string[], write: readonly string[]): ReadonlyMap<string, Kind> =>
  new Map([...read.map((m) => [m, 'read'] as const), ...write.map((m) => [m, 'write'] as const)]);

export const ENTITY_METHODS = kinds(
  ['find', 'findBy', 'findOne', 'findOneBy', 'findOneOrFail', 'findOneByOrFail', 'findAndCount', 'findAndCountBy', 'findByIds', 'findAll',
    'count', 'countBy', 'exist', 'exists', 'existsBy', 'sum', 'average', 'minimum', 'maximum', 'preload'],
  ['save', 'insert', 'update', 'upsert', 'delete', 'remove', 'softDelete', 'softRemove', 'restore', 'recover', 'increment', 'decrement',
    'clear', 'nativeInsert', 'nativeUpdate', 'nativeDelete', 'insertMany', 'upsertMany'],
);

export const MONGOOSE_METHODS = kinds(
  ['find', 'findOne', 'findById', 'countDocuments', 'estimatedDocumentCount', 'count', 'exists', 'distinct', 'aggregate', 'where', 'paginate'],
  ['create', 'insertMany', 'updateOne', 'updateMany', 'replaceOne', 'deleteOne', 'deleteMany', 'findOneAndUpdate', 'findByIdAndUpdate',
    'findOneAndDelete', 'findByIdAndDelete', 'findOneAndRemove', 'findByIdAndRemove', 'findOneAndReplace', 'bulkWrite', 'remove'],
);

const BUILDER_WRITES = new Set(['insert', 'update', 'delete', 'softDelete', 'restore', 'into']);

/** Queries that give one Mongoose document (not `lean()`), and the document methods that write it back. */
export const DOCUMENT_QUERIES = new Set(['findById', 'findOne', 'findOneAndUpdate', 'findByIdAndUpdate']);
const DOCUMENT_WRITES = new Set(['save', 'deleteOne', 'remove', 'updateOne']);
const QUERY_CHAIN = new Set(['exec', 'populate', 'select', 'orFail', 'session', 'sort']);

/** `await User.findById(id).populate('x').exec()` → `User`: the model a fetched document belongs to. */
function fetchedDocument(init: ts.Expression): ts.Expression | undefined {
  let e = init;
  while (ts.isAwaitExpression(e) || ts.isParenthesizedExpression(e) || ts.isAsExpression(e)) e = e.expression;
  while (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && QUERY_CHAIN.has(e.expression.name.text)) e = e.expression.expression;
  if (!ts.isCallExpression(e) || !ts.isPropertyAccessExpression(e.expression) || !DOCUMENT_QUERIES.has(e.expression.name.text)) return undefined;
  return e.expression.expression;
}

export function typeormVisitor(context: FileContext, entities: ModelTable, modules: RepositoryModules): AccessVisitor {
  const entityOf = (expr: ts.Node | undefined) => (expr && ts.isIdentifier(expr) ? context.refersTo(entities, expr.text) : undefined);
  /** A repository another module declares, by the name this file imported it under. */
  const imported = (name: string) => {
    const from = context.importedFrom(name);
    return from ? modules.get(from.file)?.get(from.name) : undefined;
  };
  /** `Repository<User>` (or `typeorm.Repository<User>`), or a custom repository class: the entity a type holds. */
  const repositoryType = (type: ts.TypeNode | undefined) => {
    if (!type || !ts.isTypeReferenceNode(type)) return undefined;
    if (!REPOSITORY_TYPES.has(rightmost(type.typeName))) return ts.isIdentifier(type.typeName) ? imported(type.typeName.text) : undefined;
    const arg = type.typeArguments?.[0];
    return arg && ts.isTypeReferenceNode(arg) && ts.isIdentifier(arg.typeName) ? context.refersTo(entities, arg.typeName.text) : undefined;
  };
  /** `getRepository(User)`, `dataSource.getRepository(User)`, `getCustomRepository(UserRepository)`. */
  const repositoryCall = (expr: ts.Expression | undefined): OrmModelData | undefined => {
    const fetched = fetchedRepository(expr, context, entities);
    if (fetched || !expr || !ts.isCallExpression(expr) || lastName(expr.expression) !== 'getCustomRepository') return fetched;
    const arg = expr.arguments[0];
    return arg && ts.isIdentifier(arg) ? imported(arg.text) : undefined;
  };
  /** Repository variables and members by how the code names them (`repo`, `this.userRepository`). */
  const repositories = new Map<string, OrmModelData>();
  /** Custom repository classes of this file: `this.find()` inside one reads its entity. */
  const classes = new Map<ts.Node, OrmModelData>();
  const calls: ts.CallExpression[] = [];
  return {
    visit(node) {
      if (ts.isParameter(node) || ts.isPropertyDeclaration(node)) {
        if (!ts.isIdentifier(node.name)) return;
        const injected = ts.getDecorators(node)?.find((d) => ts.isCallExpression(d.expression) && lastName(d.expression.expression) === 'InjectRepository');
        const model =
          (injected && entityOf((injected.expression as ts.CallExpression).arguments[0])) || repositoryType(node.type) || repositoryCall(node.initializer);
        if (!model) return;
        repositories.set(`this.${node.name.text}`, model);
        if (ts.isParameter(node)) repositories.set(node.name.text, model);
      } else if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name)) {
        const model = repositoryCall(node.initializer);
        if (model) repositories.set(node.name.text, model);
      } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
        const target = dottedName(node.left);
        const model = target && repositoryCall(node.right);
        if (target && model) repositories.set(target, model);
      } else if (ts.isClassDeclaration(node)) {
        const model = repositoryClass(node, context, entities);
        if (model) classes.set(node, model);
      } else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) calls.push(node);
    },
    finish() {
      const hits: Hit[] = [];
      /** `this` in a custom repository: a class of this file, or the methods given to `getRepository(User).extend({…})`. */
      const own = (receiver: ts.Expression) => {
        if (receiver.kind !== ts.SyntaxKind.ThisKeyword) return undefined;
        for (let n: ts.Node | undefined = receiver.parent; n; n = n.parent) {
          if (ts.isClassDeclaration(n)) return classes.get(n);
          if (ts.isObjectLiteralExpression(n) && ts.isCallExpression(n.parent) && lastName(n.parent.expression) === 'extend') {
            return fetchedRepository(n.parent, context, entities);
          }
        }
        return undefined;
      };
      for (const call of calls) {
        const callee = call.expression as ts.PropertyAccessExpression;
        const method = callee.name.text;
        const receiver = callee.expression;
        if (method === 'from' || method === 'into') {
          // Query builder: `.select().from(User, 'u')`, `.insert().into(User)`, `.delete().from(User)`.
          const model = entityOf(call.arguments[0]);
          if (model) hits.push({ model, kind: method === 'into' ? 'write' : builderKind(call), method: 'createQueryBuilder', node: call });
          continue;
        }
        const name = dottedName(receiver) ?? '';
        const repository = repositoryCall(receiver) ?? repositories.get(name) ?? (ts.isIdentifier(receiver) ? imported(name) : own(receiver));
        if (method === 'createQueryBuilder') {
          if (repository) hits.push({ model: repository, kind: builderKind(call), method, node: call });
          continue;
        }
        const kind = ENTITY_METHODS.get(method);
        if (!kind) continue;
        // A repository, an entity manager given the entity (`manager.save(User, …)`), or an active record (`User.find()`).
        const model = repository ?? entityOf(call.arguments[0]) ?? entityOf(receiver);
        if (model) hits.push({ model, kind, method, node: call });
      }
      return hits;
    },
  };
}

function rightmost(name: ts.EntityName): string {
  return ts.isIdentifier(name) ? name.text : name.right.text;
}

/** A query builder chain writes when any call of it inserts, updates or deletes. */
function builderKind(call: ts.CallExpression): Kind {
  let top: ts.Node = call;
  while (ts.isPropertyAccessExpression(top.parent) && ts.isCallExpression(top.parent.parent) && top.parent.parent.expression === top.parent) top = top.parent.parent;
  for (let e: ts.Node = top; ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression); e = e.expression.expression) {
    if (BUILDER_WRITES.has(e.expression.name.text)) return 'write';
  }
  return 'read';
}

/**
 * A call on a factory or schema builder that is handed the model class: `SchemaFactory.createForClass(User)` builds
 * Mongoose's schema from the class, `DefinitionsFactory.createForClass(User)` a definition; neither touches the data.
 */
function buildsFrom(callee: ts.Expression): boolean {
  if (!ts.isPropertyAccessExpression(callee)) return false;
  if (/ForClass$/.test(callee.name.text)) return true;
  const receiver = ts.isIdentifier(callee.expression) ? callee.expression.text : ts.isPropertyAccessExpression(callee.expression) ? callee.expression.name.text : '';
  return /(Factory|Schema|Builder)$/i.test(receiver);
}

/** Model members that are not queries: events, sub-classing, plain function members. */
const NOT_ACCESS = new Set(['on', 'once', 'off', 'emit', 'listeners', 'discriminator', 'hydrate', 'castObject', 'translateAliases', 'model', 'call', 'apply', 'bind', 'toString', 'hasOwnProperty']);

export function mongooseVisitor(context: FileContext, models: ModelTable, requestUser?: OrmModelData): AccessVisitor {
  /** `const User = mongoose.model('User')`: a model fetched by name. */
  const local = new Map<string, OrmModelData>();
  /** `@InjectModel(User.name) private userModel: Model<UserDocument>` (@nestjs/mongoose): `this.userModel` is `User`. */
  const injected = new Map<string, OrmModelData>();
  const modelOf = (expr: ts.Expression) =>
    ts.isIdentifier(expr) ? local.get(expr.text) ?? context.refersTo(models, expr.text, true)
    : ts.isPropertyAccessExpression(expr) && expr.expression.kind === ts.SyntaxKind.ThisKeyword ? injected.get(expr.name.text) : undefined;
  /**
   * Documents held in a variable, by the model expression they come from: `const user = new User({...})`,
   * `const doc = await User.findById(id)`, or the callback's `(err, user)` of `User.findById(id, cb)`; later
   * `user.save()` or `doc.deleteOne()` write that model.
   */
  const instances = new Map<string, ts.Expression>();
  const calls: ts.CallExpression[] = [];
  const helperCalls: ts.CallExpression[] = [];
  return {
    visit(node) {
      if ((ts.isParameter(node) || ts.isPropertyDeclaration(node)) && ts.isIdentifier(node.name)) {
        const model = injectedModel(node, context, models);
        if (model) injected.set(node.name.text, model);
      }
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
        const init = node.initializer;
        const fetched = fetchedDocument(init);
        if (ts.isNewExpression(init)) instances.set(node.name.text, init.expression);
        else if (fetched) instances.set(node.name.text, fetched);
        else if (ts.isCallExpression(init) && lastName(init.expression) === 'model' && init.arguments.length === 1) {
          const name = staticString(init.arguments[0])?.text;
          const model = name ? models.get(name, context.file) : undefined;
          if (model) local.set(node.name.text, model);
        }
      } else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
        calls.push(node);
        // `User.findById(id, '+password', (err, user) => { …; user.save() })`: the callback is handed the document.
        const cb = node.arguments[node.arguments.length - 1];
        const doc = cb && (ts.isArrowFunction(cb) || ts.isFunctionExpression(cb)) ? cb.parameters[1]?.name : undefined;
        if (doc && ts.isIdentifier(doc) && DOCUMENT_QUERIES.has(node.expression.name.text)) instances.set(doc.text, node.expression.expression);
      }
      if (ts.isCallExpression(node)) helperCalls.push(node);
    },
    finish() {
      const hits: Hit[] = [];
      // `createItem(req, City)`, `db.getItems(req, User, query)`: a generic helper given the model does the access; its
      // name says which (a helper named neither way is left out rather than guessed).
      for (const call of helperCalls) {
        const helper = lastName(call.expression) ?? '';
        const kind = /^(create|update|delete|remove|insert|save|upsert|patch|add|set)/i.test(helper) ? 'write' : /^(get|find|list|read|count|exists|paginate|fetch|load|search)/i.test(helper) ? 'read' : undefined;
        if (!kind || MONGOOSE_METHODS.has(helper) || buildsFrom(call.expression)) continue;
        for (const arg of call.arguments) {
          const model = ts.isIdentifier(arg) ? modelOf(arg) : undefined;
          if (model) hits.push({ model, kind, method: `${helper}(…, ${(arg as ts.Identifier).text})`, node: call });
        }
      }
      for (const call of calls) {
        const callee = call.expression as ts.PropertyAccessExpression;
        const method = callee.name.text;
        let receiver: ts.Expression = callee.expression;
        while (ts.isParenthesizedExpression(receiver)) receiver = receiver.expression;
        if (DOCUMENT_WRITES.has(method)) {
          const from = ts.isNewExpression(receiver) ? receiver.expression : ts.isIdentifier(receiver) ? instances.get(receiver.text) : undefined;
          const model = (from && modelOf(from)) || (requestUser && isRequestUser(receiver) ? requestUser : undefined);
          if (model) {
            hits.push({ model, kind: 'write', method, node: call });
            continue;
          }
        }
        if (method === 'save' || NOT_ACCESS.has(method)) continue;
        const model = modelOf(receiver);
        // Any other call on the model is access too: a custom static (`Session.removeByUser(id)`) does what its body
        // does, and one the tool cannot see into (a plugin's) is recorded as a call of unknown kind, never dropped.
        const kind = MONGOOSE_METHODS.get(method) ?? (model && (model.statics?.[method] ?? 'call'));
        if (kind && kind !== 'none' && model) hits.push({ model, kind, method, node: call });
      }
      return hits;
    },
  };
}

/** The model of `@InjectModel(User.name)` or `@InjectModel('User')` on a constructor parameter or a property. */
function injectedModel(node: ts.ParameterDeclaration | ts.PropertyDeclaration, context: FileContext, models: ModelTable): OrmModelData | undefined {
  for (const d of ts.getDecorators(node) ?? []) {
    const call = d.expression;
    if (!ts.isCallExpression(call) || lastName(call.expression) !== 'InjectModel') continue;
    const arg = call.arguments[0];
    if (arg && ts.isPropertyAccessExpression(arg) && arg.name.text === 'name' && ts.isIdentifier(arg.expression)) {
      return context.refersTo(models, arg.expression.text);
    }
    const name = arg ? staticString(arg) : undefined;
    return name?.resolved ? models.get(name.text, context.file) : undefined;
  }
  return undefined;
}
