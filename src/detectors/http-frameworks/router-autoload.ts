/**
 * Fastify specifics of plugin registration: the options object an `@fastify/autoload` registration is given (also
 * through a same-file helper, `register(autoload, dirOf('auth'))`), and whether a plugin is wrapped in
 * `fastify-plugin`, whose skip-override makes Fastify ignore the `prefix` it is registered with.
 */
import { ts } from '../../scan/ts.js';
import type { ImportBinding } from '../shared/ast.js';

/**
 * `register(autoload, getComponentDir('auth'))` where `function getComponentDir(c) { return { dir: … c } }`: the
 * object the helper returns, with its parameters bound to the call's arguments (as constants) so its `dir` resolves.
 */
export function autoloadOptions(
  arg: ts.Expression | undefined,
  sf: ts.SourceFile,
  constants: ReadonlyMap<string, ts.Expression>,
): { opts: ts.ObjectLiteralExpression; constants: ReadonlyMap<string, ts.Expression> } | undefined {
  if (!arg) return undefined;
  if (ts.isObjectLiteralExpression(arg)) return { opts: arg, constants };
  if (!ts.isCallExpression(arg) || !ts.isIdentifier(arg.expression)) return undefined;
  const fn = localFunction(sf, arg.expression.text);
  const returned = fn && returnedExpression(fn);
  if (!fn || !returned || !ts.isObjectLiteralExpression(returned)) return undefined;
  const bound = new Map(constants);
  fn.parameters.forEach((p, i) => {
    const value = arg.arguments[i] ?? p.initializer;
    if (ts.isIdentifier(p.name)) {
      if (value) bound.set(p.name.text, value);
      else bound.delete(p.name.text);
    }
  });
  return { opts: returned, constants: bound };
}

/** `fp(plugin)` / `fastifyPlugin(async (fastify) => …)`, the wrapper imported from `fastify-plugin`. */
export function isFastifyPluginCall(e: ts.Expression, imports: ReadonlyMap<string, ImportBinding>): boolean {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  if (!ts.isCallExpression(e)) return false;
  const callee = e.expression;
  const root = ts.isIdentifier(callee) ? callee : ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) ? callee.expression : undefined;
  return !!root && imports.get(root.text)?.module === 'fastify-plugin';
}

/** A function literal that is itself the argument of a `fastify-plugin` call: the plugin the call makes. */
export function isWrappedByFastifyPlugin(fn: ts.Node, imports: ReadonlyMap<string, ImportBinding>): boolean {
  let p = fn.parent;
  while (p && (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isSatisfiesExpression(p))) p = p.parent;
  return !!p && ts.isCallExpression(p) && p.arguments[0] !== undefined && isFastifyPluginCall(p, imports) && unwrap(p.arguments[0]) === fn;
}

function unwrap(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e;
}

function localFunction(sf: ts.SourceFile, name: string): ts.SignatureDeclaration | undefined {
  for (const s of sf.statements) {
    if (ts.isFunctionDeclaration(s) && s.name?.text === name) return s;
    if (!ts.isVariableStatement(s)) continue;
    for (const d of s.declarationList.declarations) {
      const init = d.initializer && unwrap(d.initializer);
      if (ts.isIdentifier(d.name) && d.name.text === name && init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) return init;
    }
  }
  return undefined;
}

/** The one value a function returns: an arrow's expression body, or its body's single top-level `return`. */
function returnedExpression(fn: ts.SignatureDeclaration): ts.Expression | undefined {
  const body = (fn as ts.FunctionLikeDeclaration).body;
  if (!body) return undefined;
  if (!ts.isBlock(body)) return unwrap(body);
  const returns = body.statements.filter(ts.isReturnStatement);
  return returns.length === 1 && returns[0].expression ? unwrap(returns[0].expression) : undefined;
}
