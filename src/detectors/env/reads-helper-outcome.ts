/**
 * What an env helper does when the variable is unset (fails or falls back), merged over the reads that found it, and
 * the helpers that wrap it within its file.
 */
import { lastName } from '../shared/ast.js';
import { ts, walk } from '../../scan/ts.js';
import { failsWhenUnset, returnsDefault } from './helper-required.js';
import { enclosingFunction } from './read-shapes.js';
import { helperOf, type EnvHelper } from './reads-scope.js';

/**
 * Helpers of helpers: `getTypedEnvVar(name, fallback)` calling `getEnvVar(name)` with its own parameter is a helper
 * too (followed a few levels, within the file that defines them).
 */
export function wrappingHelpers(sf: ts.SourceFile, found: readonly EnvHelper[]): EnvHelper[] {
  const known = new Map<string, EnvHelper>();
  for (const h of found) if (!h.list) known.set(h.name, mergeHelper(known.get(h.name), h));
  const out: EnvHelper[] = [];
  for (let round = 0; round < 3; round++) {
    const added: EnvHelper[] = [];
    walk(sf, (node) => {
      if (!ts.isCallExpression(node)) return;
      const inner = known.get(lastName(node.expression) ?? '');
      const arg = inner === undefined ? undefined : node.arguments[inner.param];
      const helper = arg && helperOf(arg);
      if (!helper || known.has(helper.name)) return;
      // The wrapper inherits what the helper it calls does when unset (`getOsPath` → `getOsEnv` throws,
      // `getOsPaths` → `getOsEnvArray` falls back to `[]`), unless it adds a default or a check of its own. A call
      // passing a further argument (a default, decided by the wrapper's caller) inherits neither.
      const own = withOutcome(helper, node, enclosingFunction(node));
      const passes = node.arguments.length <= inner!.param + 1;
      added.push({ ...own, ...(inner!.prefixes ? { prefixes: inner!.prefixes } : {}), ...(passes && inner!.failsWhenUnset && !own.fallback ? { failsWhenUnset: true } : {}), ...(passes && inner!.fallback ? { fallback: true } : {}) });
    });
    if (added.length === 0) break;
    for (const h of added) known.set(h.name, mergeHelper(known.get(h.name), h));
    out.push(...added);
  }
  return out;
}

/** What a helper does when its read (or inner helper call) `node` finds the variable unset: fails, or returns a default. */
export function withOutcome(helper: EnvHelper, node: ts.Node, fn: ts.Node | undefined): EnvHelper {
  if (returnsDefault(node, fn)) return { ...helper, fallback: true };
  return failsWhenUnset(node as ts.Expression, fn) ? { ...helper, failsWhenUnset: true } : helper;
}

/** A helper found at several reads (`if (typeof process.env[key] …) throw …; return process.env[key]`) keeps each outcome. */
export function mergeHelper(a: EnvHelper | undefined, b: EnvHelper): EnvHelper {
  if (!a) return b;
  // `process.env[\`${PREFIX}${name}\`] ?? process.env[name]`: both names are read.
  const prefixes = [...new Set([...(a.prefixes ?? ['']), ...(b.prefixes ?? [''])])].sort();
  const { prefixes: _a, ...restA } = a;
  const { prefixes: _b, ...restB } = b;
  return {
    ...restA,
    ...restB,
    ...(a.failsWhenUnset || b.failsWhenUnset ? { failsWhenUnset: true } : {}),
    ...(a.fallback || b.fallback ? { fallback: true } : {}),
    ...(prefixes.length === 1 && prefixes[0] === '' ? {} : { prefixes }),
  };
}
