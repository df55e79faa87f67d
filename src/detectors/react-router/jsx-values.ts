/**
 * `<Route>` elements held in a variable and rendered as a JSX expression (React Router v5 apps often do this):
 * `{routes}` (an array of `<Route>`s), `{routes.admin}`, or `{routes[routeType]}` where `routes` is an object of such
 * arrays — every array of the object is read, each route marked with the key that selects it.
 */
import { ts } from '../../scan/ts.js';
import { property, propertyNameText } from '../shared/ast.js';
import { clip } from '../../secrets/clip.js';
import { resolveComponent, type ComponentRef } from '../shared/component-ref.js';
import type { Ctx, RouteTreeReader } from './tree.js';

/** Reads the routes a non-JSX child expression holds; a call that builds routes is reported as not read. */
export function readJsxValue(reader: RouteTreeReader, expr: ts.Expression, ctx: Ctx, seen = 0): void {
  if (seen > 8) return;
  while (ts.isParenthesizedExpression(expr)) expr = expr.expression;
  if (ts.isJsxElement(expr) || ts.isJsxSelfClosingElement(expr) || ts.isJsxFragment(expr)) return reader.fromJsxChildren([expr], ctx);
  if (ts.isElementAccessExpression(expr)) return readIndexed(reader, expr, ctx, seen);
  if (ts.isArrayLiteralExpression(expr)) {
    for (const el of expr.elements) readJsxValue(reader, ts.isSpreadElement(el) ? el.expression : el, ctx, seen + 1);
    return;
  }
  if (ts.isPropertyAccessExpression(expr) && ts.isIdentifier(expr.expression)) {
    const obj = reader.deref(expr.expression, ctx.sf);
    if (obj && ts.isObjectLiteralExpression(obj.node)) {
      const value = property(obj.node, expr.name.text);
      if (value) readJsxValue(reader, value, { ...ctx, sf: obj.sf }, seen + 1);
      return;
    }
  }
  if (ts.isCallExpression(expr)) {
    // `{renderRoutes(routes)}` (react-router-config) and the like build routes this reader does not follow.
    if (/route/i.test(expr.getText(ctx.sf))) reader.notRead(expr, ctx.sf);
    return;
  }
  if (!ts.isIdentifier(expr)) return;
  const found = reader.deref(expr, ctx.sf);
  // A parameter or prop (`{children}`) is not a route list of this file: nothing to read, nothing to report.
  if (!found || ts.isIdentifier(found.node)) return;
  readJsxValue(reader, found.node, { ...ctx, sf: found.sf }, seen + 1);
}

/** `routes[routeType]`: the object's arrays, each route marked `when routeType === 'key'` (one key when it is literal). */
function readIndexed(reader: RouteTreeReader, expr: ts.ElementAccessExpression, ctx: Ctx, seen: number): void {
  const obj = ts.isIdentifier(expr.expression) ? reader.deref(expr.expression, ctx.sf) : undefined;
  if (!obj || !ts.isObjectLiteralExpression(obj.node)) {
    if (/route/i.test(expr.expression.getText(ctx.sf))) reader.notRead(expr, ctx.sf);
    return;
  }
  const arg = expr.argumentExpression;
  const literal = ts.isStringLiteralLike(arg) || ts.isNumericLiteral(arg) ? arg.text : undefined;
  const key = clip(arg.getText(ctx.sf).replace(/\s+/g, ' '), 32);
  for (const p of obj.node.properties) {
    if (!ts.isPropertyAssignment(p) && !ts.isShorthandPropertyAssignment(p)) continue;
    const name = propertyNameText(p.name);
    if (!name || (literal !== undefined && name !== literal)) continue;
    const value = ts.isPropertyAssignment(p) ? p.initializer : p.name;
    const guards = literal !== undefined ? ctx.guards : [...ctx.guards, `when ${key} === '${name}'`];
    readJsxValue(reader, value, { ...ctx, sf: obj.sf, guards }, seen + 1);
  }
}

/**
 * `component={routes.home.component}` where `routes` is an object of route configs (here or imported): the component
 * the config names (`component: Home`), resolved where the config is written. Undefined for anything else.
 */
export function configComponent(reader: RouteTreeReader, expr: ts.PropertyAccessExpression | ts.Identifier, sf: ts.SourceFile): ComponentRef | undefined {
  const keys: string[] = [];
  let base: ts.Expression = expr;
  while (ts.isPropertyAccessExpression(base)) {
    keys.unshift(base.name.text);
    base = base.expression;
  }
  if (keys.length < 2 || !ts.isIdentifier(base)) return undefined;
  let found = reader.deref(base, sf);
  for (const key of keys) {
    if (!found || !ts.isObjectLiteralExpression(found.node)) return undefined;
    const value = property(found.node, key);
    if (!value) return undefined;
    found = key === keys[keys.length - 1] ? { node: value, sf: found.sf } : reader.deref(value, found.sf);
  }
  const value = found?.node;
  if (!found || !value || !(ts.isIdentifier(value) || ts.isPropertyAccessExpression(value))) return undefined;
  const ref = resolveComponent(reader.index, found.sf, value.getText(found.sf));
  return { ...ref, name: value.getText(found.sf) };
}
