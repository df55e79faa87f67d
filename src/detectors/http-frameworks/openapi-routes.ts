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
  const outer = definitionOf(arg, constants, ctx.imports, sf, links);
  // `{ ...listRoute, middleware: [requireAuth] }`: method and path come from the spread definition, the literal's
  // own `middleware` (when written) replaces the spread's.
  const spread = outer && !property(outer.def, 'method') ? spreadDefinition(outer.def, outer.sf, links) : undefined;
  const base = spread ?? outer;
  if (!base) return undefined;
  const def = base.def;
  const defSf = base.sf;
  const defConstants = defSf === sf ? constants : constantsOf(defSf);
  const methodExpr = property(def, 'method');
  const method = methodExpr && staticString(methodExpr, defConstants)?.text;
  if (!method) return undefined;
  // From another file the path is passed on as its text (the caller reads expressions in its own file).
  const pathExpr = property(def, 'path');
  const p = pathExpr && staticString(pathExpr, defConstants);
  const path = defSf !== sf ? (p ? ts.factory.createStringLiteral(p.text) : undefined) : pathExpr;
  // Each guard is resolved in the file it is written in; one written in another file is cited there.
  const own = spread ? property(outer!.def, 'middleware') : undefined;
  const mwExpr = own ?? property(def, 'middleware');
  const mwSf = own ? outer!.sf : defSf;
  const guards = routeMiddleware(mwExpr, mwSf, links).map((item) => {
    const line = item.sf === mwSf ? lineOf(mwExpr!, mwSf) : lineOf(item.expr, item.sf);
    const ref = middlewareRef(item.expr, item.sf === sf ? ctx : refContextOf(item.sf), line);
    return item.sf === sf ? ref : { ...ref, file: item.sf.fileName };
  });
  return { method, path, guards };
}

type Definition = { def: ts.ObjectLiteralExpression; sf: ts.SourceFile };

/** The definition object `arg` names or is, in this file or (imported) in another one. */
function definitionOf(
  arg: ts.Expression,
  constants: ReadonlyMap<string, ts.Expression>,
  imports: ReadonlyMap<string, ImportBinding>,
  sf: ts.SourceFile,
  links: CrossFileLinks | undefined,
): Definition | undefined {
  while (ts.isAsExpression(arg) || ts.isSatisfiesExpression(arg) || ts.isParenthesizedExpression(arg)) arg = arg.expression;
  const here = routeDefinitionHere(arg, constants);
  return here ? { def: here, sf } : routeDefinitionThere(arg, imports, sf.fileName, links);
}

/** The definition a literal spreads (`{ ...getUserRoute, middleware }`), the last spread holding a `method`. */
function spreadDefinition(def: ts.ObjectLiteralExpression, sf: ts.SourceFile, links: CrossFileLinks | undefined): Definition | undefined {
  const spreads = def.properties.filter(ts.isSpreadAssignment).reverse();
  for (const s of spreads) {
    const ctx = refContextOf(sf);
    const found = definitionOf(s.expression, constantsOf(sf), ctx.imports, sf, links);
    if (found && property(found.def, 'method')) return found;
  }
  return undefined;
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
