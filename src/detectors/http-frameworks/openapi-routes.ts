/**
 * `app.openapi(route, handler)` of @hono/zod-openapi: the route is a `createRoute({ method, path, middleware })`
 * object, written inline, held in a constant of the file, or exported by another module (`routes.getUser`).
 */
import { lineOf, ts } from '../../scan/ts.js';
import { constantsOf, importsOf, property, staticString, type ImportBinding } from '../shared/ast.js';
import { localDefinitions, middlewareRef, type RefContext } from './router-refs.js';
import type { CrossFileLinks } from './router-links.js';
import type { MiddlewareRef } from './router-types.js';

/**
 * The route an `app.openapi(route, …)` call declares: method, path (as zod-openapi writes it, `/users/{id}`) and the
 * definition's middleware. `ctx` is the calling file's; the definition may be in another one.
 */
export function openApiRoute(
  arg: ts.Expression,
  ctx: RefContext,
  constants: ReadonlyMap<string, ts.Expression>,
  links: CrossFileLinks | undefined,
): { method: string; path?: ts.Expression; guards: MiddlewareRef[] } | undefined {
  const sf = ctx.sf;
  const here = routeDefinitionHere(arg, constants);
  const there = here ? undefined : routeDefinitionThere(arg, ctx.imports, sf.fileName, links);
  const def = here ?? there?.def;
  const defSf = there?.sf ?? sf;
  const defConstants = there ? constantsOf(defSf) : constants;
  const methodExpr = property(def, 'method');
  const method = methodExpr && staticString(methodExpr, defConstants)?.text;
  if (!def || !method) return undefined;
  // From another file the path is passed on as its text (the caller reads expressions in its own file).
  const pathExpr = property(def, 'path');
  const p = pathExpr && staticString(pathExpr, defConstants);
  const path = there ? (p ? ts.factory.createStringLiteral(p.text) : undefined) : pathExpr;
  // Each guard is resolved in the file it is written in; one written in another file is cited there.
  const mwExpr = property(def, 'middleware');
  const guards = routeMiddleware(mwExpr, defSf, links).map((item) => {
    const line = item.sf === defSf ? lineOf(mwExpr!, defSf) : lineOf(item.expr, item.sf);
    const ref = middlewareRef(item.expr, item.sf === sf ? ctx : refContextOf(item.sf), line);
    return item.sf === sf ? ref : { ...ref, file: item.sf.fileName };
  });
  return { method, path, guards };
}

/** Imports and local definitions of another file, for middleware written there. */
const refContexts = new WeakMap<ts.SourceFile, RefContext>();
function refContextOf(sf: ts.SourceFile): RefContext {
  let c = refContexts.get(sf);
  if (!c) refContexts.set(sf, (c = { sf, imports: importsOf(sf), locals: localDefinitions(sf) }));
  return c;
}

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
