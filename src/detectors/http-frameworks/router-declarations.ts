/**
 * What one file declares for Express, Fastify, Hono and Koa routing: the router "units" it creates (an app or router
 * held in a variable, or a function that receives one: a Fastify plugin, `registerRoutes(app)`), the routes declared on
 * each, the mounts that attach other units under a prefix (`app.use('/x', router)`, `register(plugin, { prefix })`,
 * `app.route('/x', sub)`), and which unit an importer of the file gets. What each expression stands for is read by
 * router-targets.ts; mount targets in other files stay symbolic here and are resolved by the graph.
 */
import { ts, lineOf, walk } from '../../scan/ts.js';
import { property } from '../shared/ast.js';
import { normaliseMethod } from './paths.js';
import { handlerRef, hookRefs, middlewareRef, middlewareRefs, FASTIFY_HOOKS } from './router-refs.js';
import type { FileRouting, MiddlewareRef, MountTarget, Unit } from './router-types.js';
import type { CrossFileLinks } from './router-links.js';
import { openApiRoute } from './openapi-routes.js';
import { elysiaChainRoot } from './router-creation.js';
import { assignedRouter, autoloadDir, chainRoot, enclosingFunctionOf, frameworkOfModule, functionUnitName, optionCondition } from './router-syntax.js';
import { METHOD_SET, NO_BASE, routingScope, type Base } from './router-targets.js';
import { loopMounts, type RowMount } from './router-rows.js';
import { classRouterAliases } from './router-classes.js';
import { autoloadOptions, isFastifyPluginCall } from './router-autoload.js';
import { foldOnlyHandlers, loopPaths, type OnlyHandler } from './router-use-paths.js';

export type { FileRouting, Hook, MiddlewareRef, Mount, MountTarget, RouteDecl, Unit } from './router-types.js';
export { frameworkOfModule };

export function analyseFile(sf: ts.SourceFile, links?: CrossFileLinks): FileRouting {
  const { imports, constants, units, scopes, creations, basePaths, ctx, str, prefixOf, unitOf, receiverOf, targetOf, isPath } = routingScope(sf, links);
  const exports = new Map<string, string>();
  const reExports = new Map<string, { module: string; imported: string }>();
  const starExports: string[] = [];
  const skipOverrideExports = new Set<string>();
  const decorators = new Map<string, number>();
  /**
   * A route's arguments after its path: middleware, then the handler (or, Fastify style, an options object carrying
   * `handler` and hooks such as `onRequest: [fastify.authenticate]`).
   */
  const addRoute = (u: Unit, method: string, path: ts.Expression | undefined, base: Base, rest: readonly ts.Expression[], at: ts.Node, declared: readonly MiddlewareRef[] = []) => {
    const p = path ? str(path) : { text: '', resolved: true };
    const text = p ? p.text : `\${${path!.getText(sf)}}`;
    // In a chain (`router.route('/').get(a).post(b)`) each route is cited at its own method name.
    const token = ts.isCallExpression(at) && ts.isPropertyAccessExpression(at.expression) ? at.expression.name : at;
    const line = lineOf(token, sf);
    const last = rest[rest.length - 1];
    const options = rest.find((a) => ts.isObjectLiteralExpression(a));
    const handlerArg = last && ts.isObjectLiteralExpression(last) ? property(last, 'handler') : last;
    const before = last && !ts.isObjectLiteralExpression(last) ? rest.slice(0, -1) : rest;
    const { handler, wrappers } = handlerRef(handlerArg, ctx, line);
    const middleware = [...registered, ...declared, ...hookRefs(options, ctx, line), ...middlewareRefs(before, ctx, line), ...wrappers];
    u.routes.push({ method: normaliseMethod(method), path: base.text + text, resolved: base.resolved && (p?.resolved ?? false), ...handler, middleware, line, order: token.getStart(sf) });
  };
  const addMount = (
    u: Unit,
    prefix: ts.Expression | Base | undefined,
    target: MountTarget | undefined,
    at: ts.Node,
    before: readonly MiddlewareRef[] = [],
    viaUse = false,
    asMiddleware?: MiddlewareRef,
    registrar = false,
    base: Base = NO_BASE,
  ) => {
    if (!target && !asMiddleware) return;
    const p = !prefix ? NO_BASE : 'resolved' in prefix ? prefix : str(prefix);
    const token = ts.isCallExpression(at) && ts.isPropertyAccessExpression(at.expression) ? at.expression.name : at;
    // Under a Hono basePath, `use('*', mw)` covers `/api/*` and `route('/x', sub)` mounts at `/api/x`.
    const text = p?.text ?? `\${${(prefix as ts.Expression).getText(sf)}}`;
    const when = viaUse ? optionCondition(at) : undefined;
    u.mounts.push({
      ...(when ? { when } : {}),
      prefix: base.text === '' ? text : base.text + (text === '' ? '' : text === '*' ? '/*' : text),
      resolved: base.resolved && (p?.resolved ?? false),
      middleware: before,
      ...(target ? { target } : {}),
      ...(asMiddleware ? { asMiddleware } : {}),
      viaUse,
      ...(registrar ? { registrar } : {}),
      // The line of `.use(` itself: in a chain (`new Hono()\n  .use(mw)`) the call node starts at the chain's head.
      line: lineOf(token, sf),
      order: token.getStart(sf),
    });
  };

  const onlyHandlers: OnlyHandler[] = [];
  /** The plugins registered earlier in the chain of the call being read (`app.register(auth).get(…)`). */
  let registered: MiddlewareRef[] = [];
  walk(sf, (node) => {
    if (!ts.isCallExpression(node)) return;
    const callee = node.expression;
    const args = node.arguments;
    if (!ts.isPropertyAccessExpression(callee)) {
      // `registerRoutes(app)`: a function that receives a unit attaches its routes to it.
      const passed = args.find((a) => unitOf(a));
      const target = passed && targetOf(callee);
      if (passed && target && !(ts.isIdentifier(callee) && callee.text === 'require')) addMount(unitOf(passed)!, undefined, target, node, [], false, undefined, true);
      // `const app = fastify.withTypeProvider<…>()` is handled as an alias when units are discovered.
      return;
    }
    const method = callee.name.text;
    let rows: RowMount[] | undefined;
    const recv = receiverOf(callee.expression);
    if (!recv) return;
    const u = recv.unit;
    registered = (recv.registered ?? []).map((a) => middlewareRef(a, ctx, lineOf(a, sf)));
    const base: Base = { text: recv.base, resolved: recv.baseResolved !== false };
    if (u.framework === 'elysia') {
      // `.get('/x', handler, { beforeHandle, auth: true })`: the handler comes second, hooks and macros in the options.
      // A literal in place of the handler (`.get('/', 'API')`) is the response itself, written inline.
      const handler = args[1] && !ts.isLiteralExpression(args[1]) && !ts.isObjectLiteralExpression(args[1]) && !ts.isArrayLiteralExpression(args[1]) ? [args[1]] : [];
      if (METHOD_SET.has(method) && isPath(args[0])) return addRoute(u, method, args[0], base, handler, node);
      if (method === 'route' && args.length >= 3 && isPath(args[1])) {
        const verb = str(args[0])?.text;
        return verb ? addRoute(u, verb, args[1], base, args.slice(2, 3), node) : undefined;
      }
      // `.group('/x', (app) => app.get(…))`, `.guard({ … }, (app) => …)`: the callback's routes, under the group's path.
      if ((method === 'group' && args.length >= 2 && isPath(args[0])) || (method === 'guard' && args.length >= 2)) {
        return addMount(u, method === 'group' ? args[0] : undefined, targetOf(args[args.length - 1]), node, [], false, undefined, false, base);
      }
      // `.use(plugin)`: a plugin's routes are the app's, under its prefix. A plugin that is no router (`cors()`) is
      // not listed as middleware: its hooks reach the app's routes only when it says so (`.as('global')`).
      if (method === 'use' && args.length === 1) return addMount(u, undefined, targetOf(args[0]), node, [], true, undefined, false, base);
      // `.mount(auth.handler)`, `.mount('/auth', handler)`: a fetch handler serving everything under the path.
      if (method === 'mount' && args.length >= 1) {
        const at = args.length >= 2 ? prefixOf(args[0]) : NO_BASE;
        const under: Base = { text: `${base.text}${at.text === '/' ? '' : at.text}/*`, resolved: base.resolved && at.resolved };
        return addRoute(u, 'all', undefined, under, args.slice(-1), node);
      }
      return;
    }
    // Hono `.get('/x', a).post(b)`: `post` serves `/x` too.
    if (METHOD_SET.has(method) && u.framework === 'hono' && recv.chained && !isPath(args[0]) && args.length > 0) {
      return addRoute(u, method, recv.chained, base, args, node);
    }
    if (METHOD_SET.has(method)) {
      // `router.get(['/', '/healthy'], handler)`: one route per path, all with the same handler.
      const list = args[0] && ts.isArrayLiteralExpression(args[0]) && args[0].elements.length > 0 && args[0].elements.every((e) => isPath(e)) ? args[0].elements : undefined;
      if (list && args.length >= 2) return list.forEach((p) => addRoute(u, method, p, base, args.slice(1), node));
      if (base.text !== '' && !isPath(args[0])) return addRoute(u, method, undefined, base, args, node);
      if (u.framework === 'express' && method === 'get' && args.length < 2) return; // app.get('env')
      if (u.framework === 'koa' && isPath(args[0]) && isPath(args[1])) return addRoute(u, method, args[1], base, args.slice(2), node);
      if (isPath(args[0])) addRoute(u, method, args[0], base, args.slice(1), node);
    } else if (method === 'route' && args.length === 1 && ts.isObjectLiteralExpression(args[0])) {
      const opts = args[0];
      const m = property(opts, 'method');
      const methods = m && ts.isArrayLiteralExpression(m) ? [...m.elements] : m ? [m] : [];
      for (const each of methods) {
        const text = str(each)?.text;
        if (text) addRoute(u, text, property(opts, 'url') ?? property(opts, 'path'), base, [opts], node);
      }
    } else if (method === 'route' && args.length === 2 && (isPath(args[0]) || u.framework === 'hono') && targetOf(args[1])) {
      // Hono `app.route(PREFIX, sub)` with a prefix not known statically: mounted, its routes marked unresolved.
      addMount(u, args[0], targetOf(args[1]), node, [], false, undefined, false, base);
    } else if (method === 'route' && args.length === 2 && u.framework === 'hono') {
      (u.openMounts ??= []).push(lineOf(callee.name, sf));
    } else if (method === 'on' && args.length >= 2 && isPath(args[1])) {
      const list = ts.isArrayLiteralExpression(args[0]) ? [...args[0].elements] : [args[0]];
      for (const each of list) {
        const text = str(each)?.text;
        if (!text) continue;
        addRoute(u, text, args[1], base, args.slice(2), node);
        // `app.on('POST', '/', limit(cfg))` then `app.post('/', h)`: only middleware, if a route follows (foldOnlyHandlers).
        if (args.length === 3 && ts.isCallExpression(args[2])) {
          const r = u.routes[u.routes.length - 1];
          onlyHandlers.push({ unit: u, method: r.method, path: r.path, order: r.order, ref: middlewareRef(args[2], ctx, r.line) });
        }
      }
    } else if (method === 'openapi' && args.length >= 2) {
      const route = openApiRoute(args[0], ctx, constants, links);
      if (route) addRoute(u, route.method, route.path, base, args.slice(1), node, route.guards);
    } else if ((method === 'doc' || method === 'doc31') && u.framework === 'hono' && isPath(args[0])) {
      // @hono/zod-openapi serves the generated OpenAPI document there; the call itself stands for the handler.
      addRoute(u, 'get', args[0], base, [node], node);
    } else if (method === 'use' && args.length >= 2 && (rows = loopMounts(args[0], args[args.length - 1], { sf, links, prefixOf, targetOf }))) {
      // Route tables kept as data: `routers.forEach((e) => app.use(e.basePath, e.router))` over a list known statically.
      for (const row of rows) addMount(u, row.prefix, row.target, node, [], true, row.middleware && middlewareRef(row.middleware, ctx, lineOf(callee.name, sf)));
    } else if (method === 'use') {
      // `app.use('/x', requireAuth, router)`: routers are mounted, the rest is middleware for what follows.
      // `app.use(['/a', '/b'], json())`: an array of paths is where it is mounted, once per path — not a middleware.
      // `for (const path of ['/login', '/google']) app.use(path, limit)`: each path of the loop, never a middleware.
      const looped = args.length >= 2 && !isPath(args[0]) ? loopPaths(args[0], sf, links) : undefined;
      const listed = args[0] && ts.isArrayLiteralExpression(args[0]) && args[0].elements.length > 0 && args[0].elements.every((e) => isPath(e)) ? [...args[0].elements] : undefined;
      const paths: (ts.Expression | Base)[] | undefined = looped?.length ? looped : listed;
      // `app.use(config.prefix, router)`: a value read off a settings object is where the rest is mounted, not a middleware.
      const hasPath = !!paths || !!looped || isPath(args[0]) || (args.length >= 2 && !ctx.isRouter?.(args[0]) && settingAccess(args[0], prefixOf));
      const rest = args.slice(hasPath ? 1 : 0).flatMap((a) => (ts.isArrayLiteralExpression(a) ? [...a.elements] : [a]));
      const line = lineOf(callee.name, sf);
      const refs = rest.map((arg) => middlewareRef(arg, ctx, line));
      for (const mount of paths ?? [hasPath ? args[0] : undefined]) {
        rest.forEach((arg, i) => {
          if (isErrorHandler(arg)) return;
          addMount(u, mount, targetOf(arg), node, refs.slice(0, i), true, refs[i], false, base);
        });
      }
    } else if (method === 'addHook' && u.framework === 'fastify' && args.length >= 2) {
      // `fastify.addHook('onRequest', fastify.authenticate)`: every route of this plugin (and those it registers).
      const hook = str(args[0])?.text;
      if (hook && (FASTIFY_HOOKS as readonly string[]).includes(hook)) {
        u.hooks.push({ ref: middlewareRef(args[1], ctx, lineOf(callee.name, sf), hook), order: callee.name.getStart(sf) });
      }
    } else if ((method === 'decorate' || method === 'decorateRequest' || method === 'decorateReply') && args.length >= 2) {
      const name = str(args[0])?.text;
      if (name && !decorators.has(name)) decorators.set(name, lineOf(callee.name, sf));
    } else if (method === 'register' && args[0]) {
      const opts = ts.isObjectLiteralExpression(args[1] ?? ({} as ts.Expression)) ? args[1] : undefined;
      const b = ts.isIdentifier(args[0]) ? imports.get(args[0].text) : undefined;
      if (b && /^(@fastify\/autoload|fastify-autoload)$/.test(b.module)) {
        const given = autoloadOptions(args[1], sf, constants);
        const opts = given?.opts;
        const dir = autoloadDir(property(opts, 'dir'), given?.constants ?? constants);
        const hooks = property(opts, 'autoHooks')?.kind === ts.SyntaxKind.TrueKeyword;
        const cascade = property(opts, 'cascadeHooks')?.kind === ts.SyntaxKind.TrueKeyword;
        if (dir) {
          const target: MountTarget = { kind: 'autoload', dir, ...(hooks ? { autoHooks: cascade ? 'cascade' : 'folder' } : {}) };
          addMount(u, property(property(opts, 'options'), 'prefix'), target, node);
        }
        return;
      }
      addMount(u, property(opts, 'prefix'), targetOf(args[0]), node);
      const added = u.mounts[u.mounts.length - 1];
      if (added?.line === lineOf(callee.name, sf) && isFastifyPluginCall(args[0], imports)) u.mounts[u.mounts.length - 1] = { ...added, skipOverride: true };
    }
  });

  foldOnlyHandlers(onlyHandlers);

  for (const [child, b] of basePaths) {
    const parent = units.get(b.parent);
    if (parent) addMount(parent, undefined, { kind: 'unit', name: child }, b.call, [], false, undefined, false, prefixOf(b.call.arguments[0]));
  }

  // Factories: a function returning a router stands for that router (`app.use('/x', ordersRouter())`).
  const aliases = new Map<string, string>();
  walk(sf, (node) => {
    if (!ts.isReturnStatement(node) || !node.expression) return;
    const fn = enclosingFunctionOf(node);
    const fname = fn && functionUnitName(fn, sf);
    const returned = unitOf(assignedRouter(node.expression));
    if (fname && returned && !units.has(fname)) aliases.set(fname, returned.name);
  });

  // Exports: which unit an importer gets.
  for (const s of sf.statements) {
    if (ts.isExportAssignment(s)) {
      const root = elysiaChainRoot(s.expression, imports) ?? chainRoot(s.expression);
      const target = creations.has(root) ? { kind: 'unit' as const, name: creations.get(root)! } : targetOf(s.expression);
      if (target?.kind === 'unit') exports.set('default', target.name);
      if (target?.kind === 'unit' && isFastifyPluginCall(s.expression, imports)) skipOverrideExports.add('default');
    } else if (ts.isExportDeclaration(s) && s.moduleSpecifier && ts.isStringLiteralLike(s.moduleSpecifier)) {
      // Barrels: `export { endpoints as statusEndpoints } from './status'`, `export * from './endpoint'`.
      const module = s.moduleSpecifier.text;
      if (!s.exportClause) starExports.push(module);
      else if (ts.isNamedExports(s.exportClause)) for (const el of s.exportClause.elements) reExports.set(el.name.text, { module, imported: (el.propertyName ?? el.name).text });
    } else if (ts.isExportDeclaration(s) && s.exportClause && ts.isNamedExports(s.exportClause)) {
      for (const el of s.exportClause.elements) exports.set(el.name.text, (el.propertyName ?? el.name).text);
    } else if (ts.isExpressionStatement(s) && ts.isBinaryExpression(s.expression) && s.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const left = s.expression.left.getText(sf);
      const target = targetOf(s.expression.right);
      const m = /^(?:module\.)?exports(?:\.(\w+))?$/.exec(left);
      if (m && target?.kind === 'unit') exports.set(m[1] ?? 'default', target.name);
      if (m && target?.kind === 'unit' && isFastifyPluginCall(s.expression.right, imports)) skipOverrideExports.add(m[1] ?? 'default');
    } else if (ts.isFunctionDeclaration(s) && s.name && (ts.getModifiers(s) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)) {
      exports.set('default', s.name.text);
    }
  }
  classRouterAliases(sf, scopes, units, aliases);
  // `export const endpoints = router.get(…).post(…)`: the chain returns `router`, so `endpoints` is that unit.
  for (const [name, unitName] of scopes.get(sf) ?? []) if (name !== unitName && !units.has(name) && !aliases.has(name)) aliases.set(name, unitName);
  for (const [name, target] of exports) if (aliases.has(target)) exports.set(name, aliases.get(target)!);
  for (const u of units.values()) {
    u.mounts.forEach((m, i) => {
      if (m.target?.kind === 'unit' && !m.target.file && aliases.has(m.target.name)) u.mounts[i] = { ...m, target: { kind: 'unit', name: aliases.get(m.target.name)! } };
    });
  }
  return { units, exports, aliases, decorators, reExports, starExports, skipOverrideExports };
}

/** `(err, req, res, next) => …`: an error handler, not middleware in front of routes. */
function isErrorHandler(arg: ts.Expression): boolean {
  return (ts.isArrowFunction(arg) || ts.isFunctionExpression(arg)) && arg.parameters.length === 4;
}

const PATH_WORD = /(path|prefix|url|uri|base|root|mount|mountpoint|endpoint|version|namespace)$/i;
const SETTINGS = /^(config|conf|cfg|settings|env|options|opts|constants?|consts|paths|urls)$/i;

/**
 * A property read that is a mount path: it resolves to a string, names a path (`config.apiPrefix`, `opts.basePath`),
 * is read off a settings object (`config.x`, `process.env.X`). A middleware on an object (`auth.required`) is none of these.
 */
function settingAccess(e: ts.Expression, prefixOf: (e: ts.Expression) => Base): boolean {
  if (!ts.isPropertyAccessExpression(e)) return false;
  if (prefixOf(e).resolved !== false || PATH_WORD.test(e.name.text)) return true;
  let root: ts.Expression = e;
  while (ts.isPropertyAccessExpression(root)) root = root.expression;
  return ts.isIdentifier(root) && (SETTINGS.test(root.text) || (root.text === 'process' && /^process\.env\./.test(e.getText())));
}
