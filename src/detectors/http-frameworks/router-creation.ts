/** Which calls make an app or router: `express()`, `Router()`, `new Hono().basePath('/api')`, `Fastify()`, koa-router. */
import { ts } from '../../scan/ts.js';
import { lastName, property, staticString, type ImportBinding } from '../shared/ast.js';
import type { MountTarget } from './router-types.js';
import { frameworkOfModule } from './router-syntax.js';
import type { HttpFramework } from './types.js';

/** Calls that return the same router typed differently (`withTypeProvider`) or the instance itself. */
export const ALIAS_METHODS = /^(withTypeProvider)$/;

export interface Created {
  readonly framework: HttpFramework;
  readonly prefix: string;
  /** The factory's own router, when a factory made this one: its `use` middleware applies here too. */
  readonly base?: MountTarget;
  readonly baseOptions?: Record<string, boolean>;
  /** A router made to be mounted (`express.Router()`, koa-router), not an app that listens by itself. */
  readonly mountable?: boolean;
}

/** `express()`, `Router()`, `new Hono().basePath('/api')`, `Fastify({...})`, `new Router({ prefix })`. */
export function routerCreation(expr: ts.Expression, imports: ReadonlyMap<string, ImportBinding>, constants: ReadonlyMap<string, ts.Expression>): Created | undefined {
  const str = (e: ts.Expression | undefined) => (e ? staticString(e, constants) : undefined);
  if (ts.isCallExpression(expr) && ts.isPropertyAccessExpression(expr.expression) && expr.expression.name.text === 'basePath') {
    const inner = routerCreation(expr.expression.expression, imports, constants);
    return inner && { ...inner, prefix: inner.prefix + (str(expr.arguments[0])?.text ?? '') };
  }
  // `Fastify({ logger: true }).withTypeProvider<ZodTypeProvider>()` is the app, typed.
  if (ts.isCallExpression(expr) && ts.isPropertyAccessExpression(expr.expression) && ALIAS_METHODS.test(expr.expression.name.text)) {
    return routerCreation(expr.expression.expression, imports, constants);
  }
  // `createFactory({ initApp }).createApp()`, `factory.createApp()` (hono/factory): the factory's app is a `new Hono()`.
  if (ts.isCallExpression(expr) && ts.isPropertyAccessExpression(expr.expression) && expr.expression.name.text === 'createApp' && isHonoFactory(expr.expression.expression, imports, constants)) {
    return { framework: 'hono', prefix: '' };
  }
  if (!ts.isCallExpression(expr) && !ts.isNewExpression(expr)) return undefined;
  let root: ts.Expression = expr.expression;
  while (ts.isPropertyAccessExpression(root) || ts.isCallExpression(root)) root = root.expression;
  const framework = frameworkOfModule((ts.isIdentifier(root) ? imports.get(root.text) : undefined)?.module ?? '');
  if (!framework) return undefined;
  const name = lastName(expr.expression) ?? '';
  if (framework === 'express' && (ts.isCallExpression(expr) || name === 'Router')) return { framework, prefix: '', ...(name === 'Router' ? { mountable: true } : {}) };
  if (framework === 'fastify' && ts.isCallExpression(expr)) return { framework, prefix: '' };
  if (framework === 'hono' && ts.isNewExpression(expr) && /Hono$/.test(name)) return { framework, prefix: '' };
  // `new Elysia({ prefix: '/api' })`: the prefix applies to its routes and to the plugins it `use`s.
  if (framework === 'elysia' && ts.isNewExpression(expr) && name === 'Elysia') return { framework, prefix: str(property(expr.arguments?.[0], 'prefix'))?.text ?? '' };
  if (framework === 'koa' && ts.isNewExpression(expr)) {
    return { framework, prefix: str(property(expr.arguments?.[0], 'prefix'))?.text ?? '', ...(name === 'Koa' ? {} : { mountable: true }) };
  }
  return undefined;
}

/** `createFactory(…)` / `new Factory(…)` imported from `hono/factory` (or `hono`), or a constant of the file holding one. */
export function isHonoFactory(expr: ts.Expression, imports: ReadonlyMap<string, ImportBinding>, constants: ReadonlyMap<string, ts.Expression>, depth = 0): boolean {
  let e = expr;
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
  if (ts.isIdentifier(e)) {
    const value = depth < 3 ? constants.get(e.text) : undefined;
    return !!value && isHonoFactory(value, imports, constants, depth + 1);
  }
  if (!ts.isCallExpression(e) && !ts.isNewExpression(e)) return false;
  const callee = e.expression;
  // `createFactory()`, or `factory.createFactory()` through a namespace import.
  const local = ts.isIdentifier(callee) ? callee : ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) ? callee.expression : undefined;
  const binding = local ? imports.get(local.text) : undefined;
  if (!binding || frameworkOfModule(binding.module) !== 'hono') return false;
  const name = ts.isIdentifier(callee) ? binding.imported : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
  return name === 'createFactory' || name === 'Factory';
}

/**
 * `new Elysia().use(a).model(…).get(…).listen(3000)`: every Elysia method returns the instance, so any chain on a
 * `new Elysia(…)` is that app; its root, or undefined when the chain does not start there.
 */
export function elysiaChainRoot(expr: ts.Expression, imports: ReadonlyMap<string, ImportBinding>): ts.Expression | undefined {
  let e = expr;
  while (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression)) e = e.expression.expression;
  if (!ts.isNewExpression(e) || !ts.isIdentifier(e.expression)) return undefined;
  return frameworkOfModule(imports.get(e.expression.text)?.module ?? '') === 'elysia' ? e : undefined;
}
