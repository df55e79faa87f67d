/** Syntax helpers for router analysis: chains, plugin functions, handler names, autoload folders. */
import { ts, lineOf } from '../../scan/ts.js';
import { dottedName, lastName, staticString } from '../shared/ast.js';
import { HTTP_METHODS } from './paths.js';
import type { HttpFramework } from './types.js';
import type { Mount } from './router-types.js';

const METHOD_SET = new Set<string>(HTTP_METHODS);

export function frameworkOfModule(module: string): HttpFramework | undefined {
  if (module === 'express') return 'express';
  if (module === 'fastify') return 'fastify';
  if (module === 'hono' || module.startsWith('hono/') || module === '@hono/zod-openapi') return 'hono';
  if (module === 'elysia') return 'elysia';
  if (module === 'koa' || module === '@koa/router' || module === 'koa-router') return 'koa';
  return undefined;
}

/** `Object.assign(router, { helpers })` returns `router` itself, with members added (a project's router factory). */
export function assignedRouter(expr: ts.Expression): ts.Expression {
  let e = expr;
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  const first = ts.isCallExpression(e) ? e.arguments[0] : undefined;
  return first && dottedName((e as ts.CallExpression).expression) === 'Object.assign' ? assignedRouter(first) : e;
}

/** A chain of routing calls on a router (`router.get('/', h).post('/', h)`) returns that router: its root name. */
export function chainedRouterName(expr: ts.Expression): string | undefined {
  let e = assignedRouter(expr);
  while (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression)) {
    const method = e.expression.name.text;
    if (!/^(use|route|on|openapi|doc|doc31|withTypeProvider)$/.test(method) && !METHOD_SET.has(method)) return undefined;
    e = assignedRouter(e.expression.expression);
  }
  return ts.isIdentifier(e) ? e.text : undefined;
}

export function enclosingFunctionOf(node: ts.Node): ts.SignatureDeclaration | undefined {
  for (let n = node.parent; n; n = n.parent) if (ts.isFunctionLike(n)) return n;
  return undefined;
}

/** The innermost receiver of a call chain: `Router()` in `Router().use(a).get('/x', h)`. */
export function chainRoot(expr: ts.Expression): ts.Expression {
  let e = expr;
  while (
    ts.isCallExpression(e) &&
    ts.isPropertyAccessExpression(e.expression) &&
    (ts.isCallExpression(e.expression.expression) || ts.isNewExpression(e.expression.expression))
  ) {
    const method = e.expression.name.text;
    if (!/^(use|route|on|openapi|withTypeProvider)$/.test(method) && !METHOD_SET.has(method)) break;
    e = e.expression.expression;
  }
  return e;
}

export function frameworkOfType(type: string, fallback: HttpFramework | undefined): HttpFramework | undefined {
  if (type === 'FastifyInstance') return 'fastify';
  if (type === 'Hono' || type === 'OpenAPIHono') return 'hono';
  if (type === 'KoaRouter') return 'koa';
  if (type === 'Elysia') return 'elysia';
  if (type === 'Express' || type === 'Application') return 'express';
  return fallback ?? 'express';
}

/** `const plugin: FastifyPluginAsync = async (fastify) => …` types the function through its variable. */
export function declaredTypeOf(fn: ts.Node, sf: ts.SourceFile): string {
  const p = fn.parent;
  return p && ts.isVariableDeclaration(p) && p.type ? p.type.getText(sf).replace(/FastifyPlugin\w*/, 'FastifyInstance') : '';
}

/** A function literal passed straight to `register(...)` or to `fp(...)`. */
export function isRegisteredOrWrapped(fn: ts.Node): boolean {
  const p = fn.parent;
  return !!p && ts.isCallExpression(p) && /^(register|fp|fastifyPlugin)$/.test(lastName(p.expression) ?? '');
}

/** The unit name of a function: its declared name, its variable, `default` for default exports, else `inline@line`. */
export function functionUnitName(fn: ts.SignatureDeclaration, sf: ts.SourceFile): string | undefined {
  if (ts.isFunctionDeclaration(fn)) {
    const isDefault = (ts.getModifiers(fn) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
    return fn.name?.text ?? (isDefault ? 'default' : undefined);
  }
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return undefined;
  let p: ts.Node = fn.parent;
  // `export default (async (fastify) => { … }) satisfies FastifyPluginAsync` is the default export.
  while (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isSatisfiesExpression(p) || (ts.isCallExpression(p) && /^(fp|fastifyPlugin)$/.test(lastName(p.expression) ?? ''))) p = p.parent;
  if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
  if (ts.isExportAssignment(p)) return 'default';
  if (ts.isBinaryExpression(p) && /^(module\.)?exports$/.test(p.left.getText(sf))) return 'default';
  if (ts.isCallExpression(p)) return `inline@${lineOf(fn, sf)}`;
  return undefined;
}

export function nameOf(e: ts.Expression): string | undefined {
  if (ts.isIdentifier(e) || ts.isPropertyAccessExpression(e)) return dottedName(e);
  if (ts.isCallExpression(e)) {
    const inner = e.arguments.length === 1 ? e.arguments[0] : undefined;
    if (inner && (ts.isIdentifier(inner) || ts.isPropertyAccessExpression(inner))) return dottedName(inner);
    return dottedName(e.expression);
  }
  return undefined;
}

export function rootIdentifier(e: ts.Expression): string | undefined {
  let r = ts.isCallExpression(e) && e.arguments.length === 1 ? e.arguments[0] : e;
  while (ts.isPropertyAccessExpression(r)) r = r.expression;
  return ts.isIdentifier(r) ? r.text : undefined;
}

/** `path.join(__dirname, 'routes')` → `routes` (relative to the file's folder). */
export function autoloadDir(expr: ts.Expression | undefined, constants: ReadonlyMap<string, ts.Expression>): string | undefined {
  // `const routesPath = path.join(…); register(autoload, { dir: routesPath })`.
  if (expr && ts.isIdentifier(expr)) expr = constants.get(expr.text);
  if (!expr || !ts.isCallExpression(expr)) return undefined;
  const here = (a: ts.Expression) => (ts.isIdentifier(a) && a.text === '__dirname') || /^import\.meta\.(dirname|dir)$/.test(a.getText()) || dirOfModule(a);
  const parts = expr.arguments.map((a) => (here(a) ? '.' : staticString(a, constants)?.text));
  if (parts.some((p) => p === undefined) || parts[0] !== '.') return undefined;
  return parts.slice(1).join('/');
}

/**
 * `dirname(fileURLToPath(import.meta.url))`, or a project helper named for it (`getDirName(import.meta.url)`): the
 * folder of the module itself.
 */
function dirOfModule(a: ts.Expression): boolean {
  if (!ts.isCallExpression(a) || a.arguments.length !== 1 || !/dir_?name$/i.test(lastName(a.expression) ?? '')) return false;
  const arg = a.arguments[0];
  const url = ts.isCallExpression(arg) && lastName(arg.expression) === 'fileURLToPath' && arg.arguments.length === 1 ? arg.arguments[0] : arg;
  return url.getText() === 'import.meta.url';
}

/**
 * `if (isProtected) r.use(auth)` (or `!isProtected`) inside a function whose first parameter destructures
 * `{ isProtected = true }`: the option the call depends on.
 */
export function optionCondition(call: ts.Node): Mount['when'] {
  for (let n: ts.Node = call; n.parent; n = n.parent) {
    const p = n.parent;
    if (ts.isFunctionLike(p)) return undefined;
    if (!ts.isIfStatement(p) || p.thenStatement !== n) continue;
    const e = p.expression;
    const negated = ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken;
    const cond = ts.isPrefixUnaryExpression(e) && negated ? e.operand : e;
    if (!ts.isIdentifier(cond)) return undefined;
    for (let f: ts.Node | undefined = p.parent; f; f = f.parent) {
      if (!ts.isFunctionLike(f)) continue;
      const pattern = f.parameters[0]?.name;
      const el = pattern && ts.isObjectBindingPattern(pattern) ? pattern.elements.find((e) => ts.isIdentifier(e.name) && e.name.text === cond.text) : undefined;
      if (!el) return undefined;
      const option = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : cond.text;
      const init = el.initializer?.kind;
      const fallback = init === ts.SyntaxKind.TrueKeyword ? true : init === ts.SyntaxKind.FalseKeyword ? false : undefined;
      return { option, negated, ...(fallback !== undefined ? { fallback } : {}) };
    }
    return undefined;
  }
  return undefined;
}

/** `{ … } as const`, `Object.freeze({ … })`: the object literal. */
export function unwrapConst(e: ts.Expression): ts.Expression {
  let v = e;
  while (ts.isAsExpression(v) || ts.isParenthesizedExpression(v) || ts.isSatisfiesExpression(v)) v = v.expression;
  return ts.isCallExpression(v) && /^Object\.freeze$/.test(v.expression.getText()) && v.arguments[0] ? unwrapConst(v.arguments[0]) : v;
}
