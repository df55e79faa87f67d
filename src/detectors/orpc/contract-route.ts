/**
 * The route an oRPC contract procedure declares: `userContract.list` → `oc.route({ method: 'GET', path: '/' })` under
 * `oc.prefix('/user').router({ list: … })` is `GET /user/`. Followed through consts, imports and re-exporting barrels;
 * only literal methods, paths and prefixes count, and anything else leaves the route unsaid. A contract may also be
 * written with a project's own builder, `route({ method, path }).input(…).build()`: that counts only when `route` is
 * imported from a module that itself calls `oc….route(…)` from `@orpc/contract`, and the chain after it only adds
 * schemas, errors and docs (a `.method(…)` or `.path(…)` there could change the route, so it is left unsaid).
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import { ts, walk } from '../../scan/ts.js';
import { importsOf, propertyNameText } from '../shared/ast.js';
import { findDefinition } from '../shared/definitions.js';
import { moduleResolver } from '../shared/resolve-module.js';

export interface ContractRoute {
  readonly method?: string;
  readonly path?: string;
}

const MAX_HOPS = 12;
/** Builder calls after `route({…})` that leave its method and path as written. */
const ROUTE_KEEPING = new Set(['input', 'output', 'errors', 'build', 'summary', 'description', 'tags', 'deprecated', 'meta', 'entity']);

export function contractRoute(index: RepoIndex, file: string, contract: string): ContractRoute | undefined {
  const [root, ...rest] = contract.split('.');
  if (!root || rest.length === 0) return undefined;
  return named(index, file, root, rest, '', 0);
}

/** A name as seen from `file`: a top-level const there, or an import to follow to its definition. */
function named(index: RepoIndex, file: string, name: string, path: readonly string[], prefix: string, hops: number): ContractRoute | undefined {
  if (hops > MAX_HOPS) return undefined;
  const sf = index.parse(file);
  if (!sf) return undefined;
  const local = constInit(sf, name);
  if (local) return evaluate(index, file, local, path, prefix, hops + 1);
  const binding = importsOf(sf).get(name);
  if (!binding || binding.imported === '*' || binding.imported === 'default') return undefined;
  const target = moduleResolver(index).resolve(file, binding.module);
  if (!target) return undefined;
  const def = findDefinition(index, { file: target, name: binding.imported });
  if (!def || def.line === undefined) return undefined;
  const dsf = index.parse(def.file);
  const init = dsf && constInit(dsf, binding.imported);
  return init ? evaluate(index, def.file, init, path, prefix, hops + 1) : undefined;
}

function constInit(sf: ts.SourceFile, name: string): ts.Expression | undefined {
  for (const s of sf.statements) {
    if (!ts.isVariableStatement(s)) continue;
    for (const d of s.declarationList.declarations) if (ts.isIdentifier(d.name) && d.name.text === name && d.initializer) return d.initializer;
  }
  return undefined;
}

function evaluate(index: RepoIndex, file: string, expr: ts.Expression, path: readonly string[], prefix: string, hops: number): ContractRoute | undefined {
  let e = expr;
  while (ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isParenthesizedExpression(e)) e = e.expression;
  if (ts.isIdentifier(e)) return named(index, file, e.text, path, prefix, hops);
  if (ts.isObjectLiteralExpression(e)) return entry(index, file, e, path, prefix, hops);
  if (!ts.isCallExpression(e)) return undefined;
  // The chain, innermost call first: `oc.tag('User').prefix('/user').router({…})`, `oc.route({…}).input(…)`.
  const calls: { name: string; args: readonly ts.Expression[] }[] = [];
  let cur: ts.Expression = e;
  while (ts.isCallExpression(cur) && ts.isPropertyAccessExpression(cur.expression)) {
    calls.unshift({ name: cur.expression.name.text, args: cur.arguments });
    cur = cur.expression.expression;
  }
  let own = prefix;
  for (const c of calls) {
    if (c.name === 'prefix') {
      const p = c.args[0];
      if (!p || !ts.isStringLiteralLike(p)) return undefined;
      own += p.text;
    }
  }
  const router = calls.find((c) => c.name === 'router');
  if (router) {
    const obj = router.args[0];
    return obj && ts.isObjectLiteralExpression(obj) ? entry(index, file, obj, path, own, hops) : obj ? evaluate(index, file, obj, path, own, hops) : undefined;
  }
  if (path.length > 0) return undefined;
  if (ts.isCallExpression(cur) && ts.isIdentifier(cur.expression) && !calls.some((c) => c.name === 'route')) {
    const wrapped = cur.arguments[0];
    if (!wrapped || !ts.isObjectLiteralExpression(wrapped) || !calls.every((c) => ROUTE_KEEPING.has(c.name))) return undefined;
    return isOrpcRouteBuilder(index, file, cur.expression.text) ? literalRoute(wrapped, prefix) : undefined;
  }
  const route = calls.find((c) => c.name === 'route')?.args[0];
  if (!route || !ts.isObjectLiteralExpression(route)) return calls.length > 0 ? {} : undefined;
  return literalRoute(route, own);
}

function literalRoute(route: ts.ObjectLiteralExpression, own: string): ContractRoute {
  const literal = (key: string) => {
    const p = route.properties.find((x): x is ts.PropertyAssignment => ts.isPropertyAssignment(x) && propertyNameText(x.name) === key);
    return p && ts.isStringLiteralLike(p.initializer) ? p.initializer.text : undefined;
  };
  const method = literal('method');
  const own_path = literal('path');
  return { ...(method ? { method } : {}), ...(own_path !== undefined ? { path: `${own}${own_path}` } : {}) };
}

function entry(index: RepoIndex, file: string, obj: ts.ObjectLiteralExpression, path: readonly string[], prefix: string, hops: number): ContractRoute | undefined {
  const [key, ...rest] = path;
  if (key === undefined) return undefined;
  for (const p of obj.properties) {
    if (ts.isShorthandPropertyAssignment(p) && p.name.text === key) return named(index, file, key, rest, prefix, hops + 1);
    if (ts.isPropertyAssignment(p) && propertyNameText(p.name) === key) return evaluate(index, file, p.initializer, rest, prefix, hops + 1);
  }
  return undefined;
}

/**
 * `route` imported (through barrels) from a module that calls `oc….route(…)` on `@orpc/contract`'s builder, or on a
 * const built from it in that module (one hop): a project's wrapper around oRPC's own route, not any function so named.
 */
function isOrpcRouteBuilder(index: RepoIndex, file: string, name: string): boolean {
  if (name !== 'route') return false;
  const sf = index.parse(file);
  const binding = sf && importsOf(sf).get(name);
  if (!binding || binding.imported === '*' || binding.imported === 'default') return false;
  const target = moduleResolver(index).resolve(file, binding.module);
  const def = target && findDefinition(index, { file: target, name: binding.imported });
  const dsf = def && def.line !== undefined ? index.parse(def.file) : undefined;
  if (!dsf) return false;
  const orpc = new Set([...importsOf(dsf)].filter(([, b]) => b.module === '@orpc/contract' && b.imported !== 'default').map(([local]) => local));
  if (orpc.size === 0) return false;
  const fromOrpc = new Set(orpc);
  walk(dsf, (node) => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && orpc.has(chainRoot(node.initializer))) fromOrpc.add(node.name.text);
  });
  let found = false;
  walk(dsf, (node) => {
    if (found || !ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression) || node.expression.name.text !== 'route') return;
    if (fromOrpc.has(chainRoot(node.expression.expression))) found = true;
  });
  return found;
}

/** The name a call chain starts from: `oc` in `oc.input(…).output(…)`. */
function chainRoot(e: ts.Expression): string {
  let cur = e;
  while (ts.isCallExpression(cur) || ts.isPropertyAccessExpression(cur)) cur = cur.expression;
  return ts.isIdentifier(cur) ? cur.text : '';
}
