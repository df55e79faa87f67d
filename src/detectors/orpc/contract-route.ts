/**
 * The route an oRPC contract procedure declares: `userContract.list` → `oc.route({ method: 'GET', path: '/' })` under
 * `oc.prefix('/user').router({ list: … })` is `GET /user/`. Followed through consts, imports and re-exporting barrels;
 * only literal methods, paths and prefixes count, and anything else leaves the route unsaid.
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import { ts } from '../../scan/ts.js';
import { importsOf, propertyNameText } from '../shared/ast.js';
import { findDefinition } from '../shared/definitions.js';
import { moduleResolver } from '../shared/resolve-module.js';

export interface ContractRoute {
  readonly method?: string;
  readonly path?: string;
}

const MAX_HOPS = 12;

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
  const route = calls.find((c) => c.name === 'route')?.args[0];
  if (!route || !ts.isObjectLiteralExpression(route)) return calls.length > 0 ? {} : undefined;
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
