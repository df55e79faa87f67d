/**
 * Accesses through a query client: Prisma (`prisma.user.findMany`, `tx.post.create` inside `$transaction`, any client
 * variable) and Drizzle (`db.select().from(users)`, `db.insert(users)`, `db.query.users.findMany`).
 */
import { ts } from '../../scan/ts.js';
import type { AccessVisitor, FileContext, Hit, ModelTable } from './access.js';

export const PRISMA_METHODS: ReadonlyMap<string, 'read' | 'write'> = new Map([
  ...['findUnique', 'findUniqueOrThrow', 'findFirst', 'findFirstOrThrow', 'findMany', 'count', 'aggregate', 'groupBy'].map((m) => [m, 'read'] as const),
  ...['create', 'createMany', 'createManyAndReturn', 'update', 'updateMany', 'updateManyAndReturn', 'upsert', 'delete', 'deleteMany'].map((m) => [m, 'write'] as const),
]);

/**
 * `<client>.<model>.<method>(…)` with a model of the schema (camelCase, as the generated client names it) and a
 * model method: the client is whatever holds it (`prisma`, `db`, `ctx.db`, `this.prisma`, a `$transaction`
 * callback's `tx`), which a syntax-only reading cannot type, so the pair of names is the evidence.
 */
/** Methods the client only accepts with an argument (`update({ where, data })`): `req.user.update()` is not one. */
const PRISMA_NEEDS_ARGS = /^(findUnique|findUniqueOrThrow|create|createMany|createManyAndReturn|update|updateMany|updateManyAndReturn|upsert|delete)$/;

export function prismaVisitor(context: FileContext, models: ModelTable): AccessVisitor {
  const hits: Hit[] = [];
  return {
    visit(node) {
      if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return;
      const kind = PRISMA_METHODS.get(node.expression.name.text);
      const owner = node.expression.expression;
      if (!kind || !ts.isPropertyAccessExpression(owner)) return;
      if (node.arguments.length === 0 && PRISMA_NEEDS_ARGS.test(node.expression.name.text)) return;
      const model = models.get(owner.name.text, context.file);
      if (model) hits.push({ model, kind, method: node.expression.name.text, node });
    },
    finish: () => hits,
  };
}

const DRIZZLE_WRITES = new Set(['insert', 'update', 'delete']);
const DRIZZLE_JOINS = new Set(['innerJoin', 'leftJoin', 'rightJoin', 'fullJoin', 'crossJoin']);
const DRIZZLE_QUERY = new Set(['findMany', 'findFirst']);

/**
 * Drizzle calls naming a table the schema defines, by the binding the file imported (or a namespace import's member):
 * a local variable that happens to be called `users` is not the table.
 */
export function drizzleVisitor(context: FileContext, tables: ModelTable): AccessVisitor {
  const hits: Hit[] = [];
  const tableOf = (expr: ts.Expression | undefined) => {
    if (!expr) return undefined;
    if (ts.isIdentifier(expr)) return context.refersTo(tables, expr.text);
    return context.namespaceMember(tables, expr);
  };
  return {
    visit(node) {
      if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return;
      const name = node.expression.name.text;
      const receiver = node.expression.expression;
      if (DRIZZLE_QUERY.has(name)) {
        // `db.query.users.findMany()`: the table is a key of the schema object the client was built with.
        if (!ts.isPropertyAccessExpression(receiver) || !ts.isPropertyAccessExpression(receiver.expression)) return;
        if (receiver.expression.name.text !== 'query') return;
        const model = tables.get(receiver.name.text, context.file);
        if (model) hits.push({ model, kind: 'read', method: name, node });
        return;
      }
      const write = DRIZZLE_WRITES.has(name);
      const read = name === 'from' || name === '$count' || DRIZZLE_JOINS.has(name);
      if (!write && !read) return;
      if (ts.isIdentifier(receiver) && (receiver.text === 'Array' || receiver.text === 'Object')) return;
      const model = tableOf(node.arguments[0]);
      if (!model) return;
      const method = write ? name : name === '$count' ? 'count' : DRIZZLE_JOINS.has(name) ? 'select (join)' : 'select';
      hits.push({ model, kind: write ? 'write' : 'read', method, node });
    },
    finish: () => hits,
  };
}
