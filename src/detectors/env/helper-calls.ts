/**
 * Calls to env helpers (`getEnv('STAGE')`, `Utils.getEnv("DOMAIN", "")`, `required(['A', 'B'])`), in two halves: what a
 * file's tree holds, whatever the helpers turn out to be (a tree memo, computed while any step has the tree), and the
 * reads that gives once the env detector's first pass has found the helpers. The helpers are only known after every
 * file was read, so a function of the helper list would have to parse the calling files again.
 */
import { lastName } from '../shared/ast.js';
import { lineOf, ts, walkMentioning } from '../../scan/ts.js';
import { isEnvName } from './names.js';
import { isDefaultValue } from './read-shapes.js';
import { hasKnownFormat } from '../../secrets/known-formats.js';
import type { RawRead } from './raw-reads.js';
import { helperNames, type EnvHelper } from './reads-scope.js';

/** One name-shaped string literal passed to a named function: the helper's argument `param`, or an item of it (`list`). */
export interface LiteralArgument {
  readonly callee: string;
  readonly param: number;
  readonly list: boolean;
  readonly name: string;
  readonly line: number;
  /** How many arguments the call passes (a further one after the name is a fallback). */
  readonly args: number;
  /** The call runs when the module loads (not inside a function): a helper that fails makes startup fail. */
  readonly topLevel?: boolean;
  /** The call's result is the left side of `??` / `||` (`optionalEnv('X') ?? 'x'`): the caller gives the default. */
  readonly orElse?: boolean;
}

/** A quoted name: every literal a helper call can name lies in the text of the call that passes it. */
export const QUOTED_NAME = /['"`][A-Za-z_][A-Za-z0-9_]*['"`]/g;

/** Every string literal with a variable-shaped name passed, directly or in an array literal, to a named function. */
export function literalArgumentsOf(sf: ts.SourceFile): LiteralArgument[] {
  const out: LiteralArgument[] = [];
  const named = (n: ts.Node): n is ts.StringLiteralLike => ts.isStringLiteralLike(n) && isEnvName(n.text) && nameShaped(n.text);
  walkMentioning(sf, QUOTED_NAME, (node) => {
    if (!ts.isCallExpression(node)) return;
    const callee = lastName(node.expression);
    if (callee === undefined) return;
    const args = node.arguments.length;
    const top = { ...(topLevel(node) ? { topLevel: true } : {}), ...(orElse(node) ? { orElse: true } : {}) };
    node.arguments.forEach((arg, param) => {
      if (named(arg)) out.push({ callee, param, list: false, name: arg.text, line: lineOf(arg, sf), args, ...top });
      else if (ts.isArrayLiteralExpression(arg)) {
        for (const n of arg.elements) if (named(n)) out.push({ callee, param, list: true, name: n.text, line: lineOf(n, sf), args, ...top });
      }
    });
  });
  return out;
}

/**
 * This memo is kept in the per-file cache on disk, so it holds only what can be a variable's name, never a value that
 * merely has a name's characters: `UPPER_SNAKE` (digits allowed), or letters and underscores alone (`stage`, `apiKey`).
 * A token (`whsec_MZOl…`, `zq4z6xc3…`: mixed case or lower case with digits) or a known secret format is not kept.
 */
function nameShaped(text: string): boolean {
  if (hasKnownFormat(text)) return false;
  return /^[A-Z_][A-Z0-9_]*$/.test(text) || (/^[A-Za-z_]+$/.test(text) && text.length <= 40);
}

/** The reads among a file's literal arguments: those a helper takes as its variable name (or list of names). */
export function helperCallsIn(calls: readonly LiteralArgument[], helpers: ReadonlyMap<string, EnvHelper>): RawRead[] {
  const out: RawRead[] = [];
  for (const c of calls) {
    const helper = helpers.get(c.callee);
    if (!helper || helper.param !== c.param || !!helper.list !== c.list) continue;
    // A further argument is the caller's default; a helper that returns its own default (`|| []`) copes itself.
    // A helper reading several names (`process.env[\`APP_${name}\`] ?? process.env[name]`): each one is the other's fallback.
    const { names, alternatives } = helperNames(helper, c.name);
    const fallback = alternatives || (!c.list && (c.args > c.param + 1 || !!helper.fallback || !!c.orElse));
    // A helper that throws (or exits) when the variable is unset: at startup for a module-level call.
    const required = helper.failsWhenUnset && !fallback ? { required: c.topLevel ? ('guard' as const) : ('check' as const), requiredBy: c.callee } : {};
    for (const name of names) out.push({ name, line: c.line, via: 'helper', receiver: 'process', fallback, ...required });
  }
  return out;
}

/**
 * The value is followed by an alternative: `get('A') ?? 'x'`, `a || get('B') || ''` (parsed `(a || get('B')) || ''`),
 * not `?? null`; also through `(…)`, `!`, `as T` and a method on the result (`get('A')?.trim() ?? 'x'`).
 */
export function orElse(call: ts.Node): boolean {
  let n = call;
  while (ts.isParenthesizedExpression(n.parent) || ts.isNonNullExpression(n.parent) || ts.isAsExpression(n.parent)
    || (ts.isPropertyAccessExpression(n.parent) && n.parent.expression === n && ts.isCallExpression(n.parent.parent) && n.parent.parent.expression === n.parent)) {
    n = ts.isPropertyAccessExpression(n.parent) ? n.parent.parent : n.parent;
  }
  for (; ts.isBinaryExpression(n.parent); n = n.parent) {
    const op = n.parent.operatorToken.kind;
    if (op !== ts.SyntaxKind.BarBarToken && op !== ts.SyntaxKind.QuestionQuestionToken) return false;
    // `get('A')?.toUpperCase() ?? null`: null is no default, the code still gets nothing.
    if (n.parent.left === n && isDefaultValue(n.parent.right)) return true;
  }
  return false;
}

function topLevel(node: ts.Node): boolean {
  for (let n = node.parent; n; n = n.parent) if (ts.isFunctionLike(n) || ts.isClassLike(n)) return false;
  return true;
}
