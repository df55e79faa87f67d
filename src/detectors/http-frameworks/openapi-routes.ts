/**
 * `app.openapi(route, handler)` of @hono/zod-openapi: the route is a `createRoute({ method, path, middleware })`
 * object, written inline, held in a constant of the file, or exported by another module (`routes.getUser`).
 */
import { ts } from '../../scan/ts.js';
import { constantsOf, importsOf, type ImportBinding } from '../shared/ast.js';
import type { CrossFileLinks } from './router-links.js';

/** The definition object when it is in this file. */
export function routeDefinitionHere(arg: ts.Expression, constants: ReadonlyMap<string, ts.Expression>): ts.ObjectLiteralExpression | undefined {
  const route = ts.isIdentifier(arg) ? constants.get(arg.text) : arg;
  const def = route && ts.isCallExpression(route) ? route.arguments[0] : route;
  return def && ts.isObjectLiteralExpression(def) ? def : undefined;
}

/** The definition object when it is imported: `getUserRoute` or `routes.getUserRoute` of `import * as routes`. */
export function routeDefinitionThere(
  arg: ts.Expression,
  imports: ReadonlyMap<string, ImportBinding>,
  file: string,
  links: CrossFileLinks | undefined,
): { def: ts.ObjectLiteralExpression; sf: ts.SourceFile } | undefined {
  if (!links) return undefined;
  if (ts.isIdentifier(arg)) {
    const b = imports.get(arg.text);
    return b && b.imported !== '*' ? links.routeDefinition(file, b.module, b.imported) : undefined;
  }
  if (ts.isPropertyAccessExpression(arg) && ts.isIdentifier(arg.expression)) {
    const b = imports.get(arg.expression.text);
    return b?.imported === '*' ? links.routeDefinition(file, b.module, arg.name.text) : undefined;
  }
  return undefined;
}

/**
 * The `middleware` of a route definition as a list, each item with the file it is written in: an array, a constant
 * holding one (spreads followed), a constant array imported from another module (`organizationsCreateMiddleware`).
 */
export function routeMiddleware(
  expr: ts.Expression | undefined,
  sf: ts.SourceFile,
  links?: CrossFileLinks,
  depth = 0,
): { expr: ts.Expression; sf: ts.SourceFile }[] {
  if (!expr || depth > 3) return [];
  if (ts.isIdentifier(expr)) {
    const value = constantsOf(sf).get(expr.text);
    if (value && ts.isArrayLiteralExpression(value)) return routeMiddleware(value, sf, links, depth + 1);
    const b = value ? undefined : importsOf(sf).get(expr.text);
    const there = b && b.imported !== '*' ? links?.exportedConst(sf.fileName, b.module, b.imported) : undefined;
    if (there && ts.isArrayLiteralExpression(there.value)) return routeMiddleware(there.value, there.sf, links, depth + 1);
    return [{ expr, sf }];
  }
  if (ts.isAsExpression(expr) || ts.isSatisfiesExpression(expr) || ts.isParenthesizedExpression(expr)) return routeMiddleware(expr.expression, sf, links, depth);
  if (ts.isArrayLiteralExpression(expr)) {
    return expr.elements.flatMap((e) => (ts.isSpreadElement(e) ? routeMiddleware(e.expression, sf, links, depth + 1) : [{ expr: e, sf }]));
  }
  return [{ expr, sf }];
}
