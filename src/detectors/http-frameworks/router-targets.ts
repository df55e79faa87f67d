/**
 * What an expression in a routing file stands for, read once per file for the walk that records its routes
 * (router-declarations.ts): the router unit a name refers to (`unitOf`), the router a call is made on and the path a
 * chain continues under (`receiverOf`), what a mount attaches (`targetOf`: a unit here or an import), a prefix as
 * written (`prefixOf`) and whether an argument is a path (`isPath`), not middleware.
 */
import { ts } from '../../scan/ts.js';
import { constantsOf, dottedName, importsOf, property, staticString, type StaticString } from '../shared/ast.js';
import { HTTP_METHODS } from './paths.js';
import { localDefinitions, type RefContext } from './router-refs.js';
import type { MountTarget, Unit } from './router-types.js';
import { discoverUnits, type DiscoveredUnits } from './router-units.js';
import type { CrossFileLinks } from './router-links.js';
import { frameworkOfModule, unwrapConst } from './router-syntax.js';

export const METHOD_SET = new Set<string>(HTTP_METHODS);
/** The path a chain continues under (`app.basePath('/api').get('/x')`), and whether it is known. */
export interface Base {
  readonly text: string;
  readonly resolved: boolean;
}
export const NO_BASE: Base = { text: '', resolved: true };
/** Calls that return the same router, typed differently. */
const ALIAS_METHODS = /^withTypeProvider$/;

export interface Receiver {
  readonly unit: Unit;
  readonly base: string;
  readonly baseResolved?: false;
  readonly chained?: ts.Expression;
  /** Fastify `app.register(auth).get(…)`: plugins registered earlier in the chain, in front of its routes. */
  readonly registered?: readonly ts.Expression[];
}

export interface RoutingScope extends DiscoveredUnits {
  readonly imports: ReturnType<typeof importsOf>;
  readonly constants: Map<string, ts.Expression>;
  readonly ctx: RefContext;
  str(e: ts.Expression | undefined): StaticString | undefined;
  prefixOf(e: ts.Expression | undefined): Base;
  unitOf(expr: ts.Expression): Unit | undefined;
  receiverOf(expr: ts.Expression): Receiver | undefined;
  targetOf(arg: ts.Expression): MountTarget | undefined;
  /** `baseApiUrl + '/logs'` is a string, so a path (shown unresolved when a part is not known), never middleware. */
  isPath(e: ts.Expression | undefined): boolean;
}

export function routingScope(sf: ts.SourceFile, links?: CrossFileLinks): RoutingScope {
  const imports = importsOf(sf);
  const constants = constantsOf(sf);
  const discovered = discoverUnits(sf, imports, constants, links);
  const { units, scopes, paramUnits, creations, functionNames } = discovered;
  const ctx: RefContext = { sf, imports, locals: localDefinitions(sf), isRouter: (e) => unitOf(e) !== undefined };
  const str = (e: ts.Expression | undefined) => (e ? staticString(e, constants) : undefined);
  /** A prefix as written, also `SERVER.API_BASE_PATH` of a constant object here or imported; else shown as `${…}`. */
  const prefixOf = (e: ts.Expression | undefined): Base => {
    const direct = str(e);
    if (direct || !e) return direct ?? NO_BASE;
    const member = ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression) ? e : undefined;
    const b = member && imports.get((member.expression as ts.Identifier).text);
    const owner = member && (b && b.imported !== '*' ? links?.exportedConst(sf.fileName, b.module, b.imported)?.value : constants.get((member.expression as ts.Identifier).text));
    const value = owner && property(unwrapConst(owner), member.name.text);
    const found = value && staticString(value, constantsOf(value.getSourceFile()));
    return found ?? { text: `\${${e.getText(sf)}}`, resolved: false };
  };

  /** `import { base } from './config'` with `export const base = process.env.BASE || '/'`: a path, not middleware. */
  const importedPath = (e: ts.Identifier): boolean => {
    const b = imports.get(e.text);
    const value = b && b.imported !== '*' ? links?.exportedConst(sf.fileName, b.module, b.imported)?.value : undefined;
    return !!value && isPathValue(value);
  };
  /** The unit an expression refers to: a parameter of an enclosing plugin function, else a file-level variable. */
  const unitOf = (expr: ts.Expression): Unit | undefined => {
    const name = dottedName(expr);
    if (!name) return undefined;
    for (let n: ts.Node | undefined = expr.parent; n; n = n.parent) {
      const p = paramUnits.get(n);
      if (p && p.param === name) return units.get(p.unit);
      const scoped = scopes.get(n)?.get(name);
      if (scoped) return units.get(scoped);
    }
    return undefined;
  };
  /**
   * The router a call is made on, and for chains the path it continues: Express `route('/x').get(h)`, Hono
   * `app.get('/x', a).post(b)` (a method without a path takes the previous one's).
   */
  const receiverOf = (expr: ts.Expression): Receiver | undefined => {
    const created = creations.get(expr);
    const direct = created ? units.get(created) : unitOf(expr);
    if (direct) return { unit: direct, base: '' };
    if (ts.isCallExpression(expr) && ts.isPropertyAccessExpression(expr.expression)) {
      const inner = receiverOf(expr.expression.expression);
      if (!inner) return undefined;
      // Every Elysia method returns the instance (`.use(a).model(…).get(…)`); `group` routes go to its callback's unit.
      if (inner.unit.framework === 'elysia') return inner;
      const method = expr.expression.name.text;
      if (ALIAS_METHODS.test(method)) return inner;
      // `register` returns the instance, so the chain goes on on the same plugin (a `fastify-plugin` hook added there
      // runs in front of what follows).
      if (method === 'register' && inner.unit.framework === 'fastify' && expr.arguments[0]) {
        return { ...inner, registered: [...(inner.registered ?? []), expr.arguments[0]] };
      }
      // Hono `app.basePath('/api').get('/x')`: the same app's router, under the prefix.
      if (method === 'basePath' && inner.unit.framework === 'hono' && expr.arguments.length === 1) {
        const prefix = prefixOf(expr.arguments[0]);
        return { unit: inner.unit, base: inner.base + prefix.text, ...(prefix.resolved && inner.baseResolved !== false ? {} : { baseResolved: false as const }), chained: undefined };
      }
      if (method === 'route' && expr.arguments.length === 1 && inner.unit.framework !== 'fastify') {
        return { unit: inner.unit, base: inner.base + (str(expr.arguments[0])?.text ?? '') };
      }
      if (inner.unit.framework === 'hono' && (METHOD_SET.has(method) || method === 'use')) {
        const path = expr.arguments[0];
        return { ...inner, chained: path && (ts.isStringLiteralLike(path) || ts.isTemplateExpression(path)) ? path : inner.chained };
      }
      if (METHOD_SET.has(method) || method === 'use' || method === 'route' || method === 'on' || method === 'openapi') return inner;
    }
    return undefined;
  };
  const targetOf = (arg: ts.Expression): MountTarget | undefined => {
    if (ts.isParenthesizedExpression(arg) || ts.isAsExpression(arg) || ts.isSatisfiesExpression(arg)) return targetOf(arg.expression);
    if (ts.isArrowFunction(arg) || ts.isFunctionExpression(arg)) {
      const p = paramUnits.get(arg);
      return p ? { kind: 'unit', name: p.unit } : undefined;
    }
    if (ts.isCallExpression(arg)) {
      const callee = arg.expression;
      // `require('./x')`, `import('./x')`, `sub.routes()`, `fp(plugin)`, `usersRouter(deps)`.
      const first = arg.arguments[0];
      if ((ts.isIdentifier(callee) && callee.text === 'require') || callee.kind === ts.SyntaxKind.ImportKeyword) {
        return first && ts.isStringLiteralLike(first) ? { kind: 'import', module: first.text, imported: 'default' } : undefined;
      }
      if (ts.isPropertyAccessExpression(callee) && /^(routes|middleware|allowedMethods)$/.test(callee.name.text)) return targetOf(callee.expression);
      if (ts.isIdentifier(callee) && imports.get(callee.text)?.module === 'fastify-plugin' && first) return targetOf(first);
      return targetOf(callee);
    }
    if (ts.isPropertyAccessExpression(arg) && ts.isIdentifier(arg.expression)) {
      const b = imports.get(arg.expression.text);
      if (b?.imported === '*') return { kind: 'import', module: b.module, imported: arg.name.text };
    }
    const local = unitOf(arg);
    if (local) return { kind: 'unit', name: local.name };
    if (ts.isIdentifier(arg)) {
      const b = imports.get(arg.text);
      if (b && !frameworkOfModule(b.module)) return { kind: 'import', module: b.module, imported: b.imported === '*' ? 'default' : b.imported };
      if (units.has(arg.text) || functionNames.has(arg.text)) return { kind: 'unit', name: arg.text };
    }
    return undefined;
  };
  const isPath = (e: ts.Expression | undefined): boolean =>
    !!e && (ts.isStringLiteralLike(e) || ts.isTemplateExpression(e) || isConcatenation(e) || (ts.isIdentifier(e) && (!!str(e) || importedPath(e))));
  return { ...discovered, imports, constants, ctx, str, prefixOf, unitOf, receiverOf, targetOf, isPath };
}

/** `base + '/x'`, `'/' + name`: a `+` with a string literal or template on either side yields a string. */
function isConcatenation(e: ts.Expression): boolean {
  if (ts.isParenthesizedExpression(e)) return isConcatenation(e.expression);
  if (!ts.isBinaryExpression(e) || e.operatorToken.kind !== ts.SyntaxKind.PlusToken) return false;
  const stringy = (x: ts.Expression) => ts.isStringLiteralLike(x) || ts.isTemplateExpression(x) || isConcatenation(x);
  return stringy(e.left) || stringy(e.right);
}

/** A string that reads as a URL path: `'/x'`, a template, or `env || '/x'` / `env ?? '/x'`. */
function isPathValue(e: ts.Expression): boolean {
  if (ts.isStringLiteralLike(e)) return e.text.startsWith('/');
  if (ts.isTemplateExpression(e)) return e.head.text.startsWith('/');
  if (ts.isBinaryExpression(e) && /^(\|\||\?\?)$/.test(e.operatorToken.getText())) return isPathValue(e.right);
  return false;
}
