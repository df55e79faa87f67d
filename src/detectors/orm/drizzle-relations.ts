/** Drizzle relations: `relations(table, ({ one, many }) => …)` and v1's `defineRelations(schema, (r) => …)`. */
import { ts } from '../../scan/ts.js';
import { lastName, property, propertyNameText } from '../shared/ast.js';
import type { OrmField } from './types.js';
import { pushTo } from '../../collections.js';

/** `({ one, many }) => ({ posts: many(posts), author: one(users, { fields: [...] }) })`. */
export function relationFields(fn: ts.Expression | undefined): OrmField[] {
  const obj = fn && (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) ? returned(fn) : undefined;
  if (!obj || !ts.isObjectLiteralExpression(obj)) return [];
  const out: OrmField[] = [];
  for (const p of obj.properties) {
    if (!ts.isPropertyAssignment(p) || !ts.isCallExpression(p.initializer)) continue;
    const kind = lastName(p.initializer.expression);
    const target = p.initializer.arguments[0];
    if (!target || (kind !== 'one' && kind !== 'many')) continue;
    const fieldsArg = property(p.initializer.arguments[1], 'fields');
    const fields = fieldsArg && ts.isArrayLiteralExpression(fieldsArg) ? fieldsArg.elements.map((e) => lastName(e) ?? e.getText()) : undefined;
    const model = target.getText();
    out.push({
      name: propertyNameText(p.name) ?? p.name.getText(),
      type: model,
      ...(kind === 'many' ? { list: true } : {}),
      attributes: ['relation'],
      relation: { model, kind: kind === 'many' ? 'one-to-many' : fields ? 'many-to-one' : 'one-to-one', ...(fields ? { fields } : {}) },
    });
  }
  return out;
}

/**
 * Drizzle v1 `defineRelations(schema, (r) => ({ users: { posts: r.many.posts() }, posts: { author: r.one.users({ from:
 * r.posts.authorId, to: r.users.id }) } }))`: table key → its relation fields. `from: r.a.id.through(r.ab.aId)` goes
 * through a junction table, named as such.
 */
export function definedRelations(fn: ts.Expression | undefined): Map<string, OrmField[]> {
  const out = new Map<string, OrmField[]>();
  const obj = fn && (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) ? returned(fn) : undefined;
  const r = fn && (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) ? fn.parameters[0]?.name : undefined;
  if (!obj || !ts.isObjectLiteralExpression(obj) || !r || !ts.isIdentifier(r)) return out;
  for (const t of obj.properties) {
    const table = ts.isPropertyAssignment(t) ? propertyNameText(t.name) : undefined;
    if (!table || !ts.isPropertyAssignment(t) || !ts.isObjectLiteralExpression(t.initializer)) continue;
    for (const p of t.initializer.properties) {
      if (!ts.isPropertyAssignment(p) || !ts.isCallExpression(p.initializer)) continue;
      // `r.many.posts(…)` / `r.one.users(…)`
      const callee = p.initializer.expression;
      const side = ts.isPropertyAccessExpression(callee) && ts.isPropertyAccessExpression(callee.expression) ? callee.expression : undefined;
      if (!side || !ts.isIdentifier(side.expression) || side.expression.text !== r.text || (side.name.text !== 'one' && side.name.text !== 'many')) continue;
      const many = side.name.text === 'many';
      const model = (callee as ts.PropertyAccessExpression).name.text;
      const from = property(p.initializer.arguments[0], 'from');
      // `r.listings.id.through(r.listingImages.listingId)`: the junction is the through argument's table.
      const through = from && ts.isCallExpression(from) && lastName(from.expression) === 'through' ? from.arguments[0] : undefined;
      const junction = through && ts.isPropertyAccessExpression(through) && ts.isPropertyAccessExpression(through.expression) ? through.expression.name.text : undefined;
      const cols = !through && from ? (ts.isArrayLiteralExpression(from) ? [...from.elements] : [from]) : [];
      const fields = cols.every((c) => ts.isPropertyAccessExpression(c)) ? cols.map((c) => (c as ts.PropertyAccessExpression).name.text) : [];
      const kind = junction ? `${many ? 'many' : 'one'} through ${junction}` : many ? 'one-to-many' : fields.length ? 'many-to-one' : 'one-to-one';
      pushTo(out, table, {
        name: propertyNameText(p.name) ?? p.name.getText(),
        type: model,
        ...(many ? { list: true } : {}),
        attributes: ['relation'],
        relation: { model, kind, ...(fields.length ? { fields } : {}) },
      });
    }
  }
  return out;
}

/** What an arrow or function expression returns: its expression body, or its block's `return`. */
export function returned(fn: ts.ArrowFunction | ts.FunctionExpression): ts.Expression | undefined {
  let body: ts.Node = fn.body;
  if (ts.isBlock(body)) {
    const ret = body.statements.find(ts.isReturnStatement);
    body = ret?.expression ?? body;
  }
  while (ts.isParenthesizedExpression(body as ts.Expression)) body = (body as ts.ParenthesizedExpression).expression;
  return ts.isBlock(body) ? undefined : (body as ts.Expression);
}
