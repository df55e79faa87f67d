/**
 * Statements, in order, the way the app would run them: declarations bind names, `if` enters only the branch a known
 * condition selects (both, each with its condition remembered, when it is unknown), loops over literal arrays are
 * unrolled, other loops are entered once. `return` values are collected for `Interpreter.call`.
 */
import { ts } from '../../scan/ts.js';
import { evaluate } from './evaluate.js';
import type { Interpreter } from './interpreter.js';
import { UNDEF, truthy, unknown, type Env, type ObjValue, type Value } from './values.js';
import { clip } from '../../secrets/clip.js';

const MAX_ITERATIONS = 300;

/** True when a `return` on every path ended the function: later statements are unreachable. */
export function execBlock(it: Interpreter, statements: readonly ts.Statement[], parent: Env, scoped = true): boolean {
  const env: Env = scoped ? { vars: new Map(), parent, file: parent.file } : parent;
  for (const st of statements) {
    if (ts.isFunctionDeclaration(st) && st.name) env.vars.set(st.name.text, { k: 'fn', fn: st, env, name: st.name.text, n: st.name });
  }
  for (const [i, st] of statements.entries()) {
    if (it.exhausted()) break;
    if (ts.isReturnStatement(st)) {
      const value = st.expression ? evaluate(it, st.expression, env) : UNDEF;
      it.returns?.push({ value, conditional: it.conditions.length > it.returnDepth });
      return true;
    }
    if (ts.isIfStatement(st)) {
      // `if (!existsSync(dir)) { return; }` with the condition not known: what follows runs only when the branch that
      // returned was not taken, so it is created under the opposite condition, not always.
      const r = execIf(it, st, env);
      if (r.stopped) return true;
      if (r.rest !== undefined) return it.withCondition(r.rest, () => execBlock(it, statements.slice(i + 1), env, false));
      continue;
    }
    if (execStatement(it, st, env)) return true;
  }
  return false;
}

/** An `if`: whether it ended the function on every path, or else the condition under which the code after it runs. */
function execIf(it: Interpreter, st: ts.IfStatement, env: Env): { stopped: boolean; rest?: string } {
  const known = truthy(evaluate(it, st.expression, env));
  if (known === true) return { stopped: execBlock(it, blockOf(st.thenStatement), env) };
  if (known === false) return { stopped: st.elseStatement ? execBlock(it, blockOf(st.elseStatement), env) : false };
  const cond = oneLineText(st.expression);
  const a = it.withCondition(cond, () => execBlock(it, blockOf(st.thenStatement), env));
  const b = st.elseStatement ? it.withCondition(`!(${cond})`, () => execBlock(it, blockOf(st.elseStatement!), env)) : false;
  if (a && b) return { stopped: true };
  return { stopped: false, rest: a ? `!(${cond})` : b ? cond : undefined };
}

/** The value a function returns: one unconditional `return`, or the value every path agrees on; else unknown. */
export function returned(returns: readonly { value: Value; conditional: boolean }[], callSite: ts.Node | undefined): Value {
  if (returns.length === 0) return UNDEF;
  if (returns.every((r) => !r.conditional)) return returns[returns.length - 1].value;
  const values = returns.map((r) => r.value);
  const first = values[0];
  if (first.k === 'rec' && values.every((v) => v.k === 'rec' && v.rec === first.rec)) return first;
  if (first.k === 'str' && values.every((v) => v.k === 'str' && v.v === first.v)) return first;
  // `if (!enabled) return; return new Table(...)`: the construct is what the helper is for.
  const structured = values.filter((v) => v.k !== 'undef');
  if (structured.length === 1 && ['rec', 'res', 'obj', 'arr'].includes(structured[0].k)) return structured[0];
  if (structured.length > 1 && structured.every((v) => v.k === 'obj')) return mergedObject(structured as ObjValue[], callSite);
  return unknown(callSite);
}

/**
 * Objects returned on different paths (`const props = (() => { if (!idp) return base; return { ...base, oAuth } })()`):
 * every key any path returns, a key the paths disagree on as unknown, and open, since a path may lack a key.
 */
function mergedObject(objs: readonly ObjValue[], callSite: ts.Node | undefined): ObjValue {
  const props = new Map<string, Value>();
  const nodes = new Map<string, ts.Node>();
  for (const o of objs) {
    for (const [key, v] of o.props) {
      const seen = props.get(key);
      const node = o.nodes?.get(key);
      if (!seen) {
        props.set(key, v);
        if (node) nodes.set(key, node);
      } else if (seen !== v && !(seen.k === 'str' && v.k === 'str' && seen.v === v.v)) {
        props.set(key, unknown(nodes.get(key) ?? node ?? callSite));
      }
    }
  }
  return { k: 'obj', props, open: true, n: callSite ?? objs[0].n, nodes };
}

export function execStatement(it: Interpreter, st: ts.Statement, env: Env): boolean {
  it.steps++;
  if (ts.isExpressionStatement(st)) {
    evaluate(it, st.expression, env);
  } else if (ts.isVariableStatement(st)) {
    for (const decl of st.declarationList.declarations) it.bind(decl.name, decl.initializer ? evaluate(it, decl.initializer, env) : UNDEF, env);
  } else if (ts.isIfStatement(st)) {
    return execIf(it, st, env).stopped;
  } else if (ts.isBlock(st)) {
    return execBlock(it, st.statements, env);
  } else if (ts.isForOfStatement(st) || ts.isForInStatement(st)) {
    return execLoop(it, st, env);
  } else if (ts.isForStatement(st) && countedLoop(it, st, env)) {
    return false;
  } else if (ts.isForStatement(st) || ts.isWhileStatement(st) || ts.isDoStatement(st)) {
    const inner: Env = { vars: new Map(), parent: env, file: env.file };
    if (ts.isForStatement(st) && st.initializer && ts.isVariableDeclarationList(st.initializer)) {
      for (const d of st.initializer.declarations) it.bind(d.name, unknown(d.name), inner);
    }
    // The count of iterations is not known: the body is read once, and what it creates is marked as made in a loop.
    it.withLoop(st, () => execBlock(it, blockOf(st.statement), inner));
  } else if (ts.isTryStatement(st)) {
    const stopped = execBlock(it, st.tryBlock.statements, env);
    if (st.catchClause) execBlock(it, st.catchClause.block.statements, env);
    if (st.finallyBlock) execBlock(it, st.finallyBlock.statements, env);
    return stopped;
  } else if (ts.isSwitchStatement(st)) {
    const on = evaluate(it, st.expression, env);
    const taken = knownClause(it, st, on, env);
    // `switch (accessType) { case 'read': table.grantReadData(fn); break; … }` called with 'read': only that case
    // runs (and what falls through from it), as when an `if` is decided; every case ran only for an unknown value.
    if (taken !== undefined) return execClauses(it, st.caseBlock.clauses.slice(taken), env);
    for (const clause of st.caseBlock.clauses) {
      const cond = ts.isCaseClause(clause) ? `${oneLineText(st.expression)} === ${oneLineText(clause.expression)}` : `default of ${oneLineText(st.expression)}`;
      it.withCondition(cond, () => execBlock(it, clause.statements.filter((s) => !ts.isBreakStatement(s)), env));
    }
  } else if (ts.isLabeledStatement(st)) {
    return execStatement(it, st.statement, env);
  } else if (ts.isClassDeclaration(st) && st.name) {
    env.vars.set(st.name.text, { k: 'class', decl: st, file: env.file, n: st.name });
  }
  return false;
}

type Clause = ts.SwitchStatement['caseBlock']['clauses'][number];

/** The index of the clause a known value selects (a case equal to it, else `default`); undefined when a case is not known. */
function knownClause(it: Interpreter, st: ts.SwitchStatement, on: ReturnType<typeof evaluate>, env: Env): number | undefined {
  if (on.k !== 'str' && on.k !== 'num' && on.k !== 'bool') return undefined;
  const clauses = st.caseBlock.clauses;
  for (let i = 0; i < clauses.length; i++) {
    const clause = clauses[i];
    if (!ts.isCaseClause(clause)) continue;
    const value = evaluate(it, clause.expression, env);
    if (value.k !== 'str' && value.k !== 'num' && value.k !== 'bool') return undefined;
    if (value.k === on.k && value.v === on.v) return i;
  }
  const fallback = clauses.findIndex((c) => !ts.isCaseClause(c));
  return fallback === -1 ? clauses.length : fallback;
}

/** Runs clauses in order, falling through until one breaks or returns; true when a `return` ended it. */
function execClauses(it: Interpreter, clauses: readonly Clause[], env: Env): boolean {
  for (const clause of clauses) {
    // `case 'read': { …; break; }`: the break inside the clause's own block.
    const own = clause.statements.length === 1 && ts.isBlock(clause.statements[0]) ? clause.statements[0].statements : clause.statements;
    const breaks = own.findIndex((s) => ts.isBreakStatement(s));
    if (execBlock(it, breaks === -1 ? own : own.slice(0, breaks), env)) return true;
    if (breaks !== -1) return false;
  }
  return false;
}

/**
 * `for (let i = 0; i < domains.length; i++)`: a counted loop whose bounds are known runs once per index, like a
 * `for…of` (route tables indexed side by side with stack names). Anything else is read once with `i` unknown.
 */
function countedLoop(it: Interpreter, st: ts.ForStatement, env: Env): boolean {
  const init = st.initializer;
  const decl = init && ts.isVariableDeclarationList(init) && init.declarations.length === 1 ? init.declarations[0] : undefined;
  if (!decl || !ts.isIdentifier(decl.name) || !decl.initializer) return false;
  const name = decl.name.text;
  const start = evaluate(it, decl.initializer, env);
  const cond = st.condition;
  if (start.k !== 'num' || !cond || !ts.isBinaryExpression(cond) || !ts.isIdentifier(cond.left) || cond.left.text !== name) return false;
  const op = cond.operatorToken.kind;
  if (op !== ts.SyntaxKind.LessThanToken && op !== ts.SyntaxKind.LessThanEqualsToken) return false;
  const bound = evaluate(it, cond.right, env);
  const inc = st.incrementor;
  const steps =
    inc &&
    ((ts.isPostfixUnaryExpression(inc) || ts.isPrefixUnaryExpression(inc)) && inc.operator === ts.SyntaxKind.PlusPlusToken && ts.isIdentifier(inc.operand) && inc.operand.text === name);
  if (bound.k !== 'num' || !steps) return false;
  const end = op === ts.SyntaxKind.LessThanEqualsToken ? bound.v + 1 : bound.v;
  for (let i = start.v; i < end && i - start.v < MAX_ITERATIONS; i++) {
    const inner: Env = { vars: new Map(), parent: env, file: env.file };
    it.bind(decl.name, { k: 'num', v: i, n: decl.name }, inner);
    if (execBlock(it, blockOf(st.statement), inner)) return true;
  }
  return true;
}

function execLoop(it: Interpreter, st: ts.ForOfStatement | ts.ForInStatement, env: Env): boolean {
  const iterable = evaluate(it, st.expression, env);
  const init = st.initializer;
  const target = ts.isVariableDeclarationList(init) ? init.declarations[0]?.name : undefined;
  const runWith = (item: Value, row?: ts.Node): boolean => {
    const inner: Env = { vars: new Map(), parent: env, file: env.file };
    if (target) it.bind(target, item, inner);
    else if (ts.isIdentifier(init)) it.assign(init.text, item, env);
    const saved = it.row;
    it.row = row ?? saved;
    try {
      return execBlock(it, blockOf(st.statement), inner);
    } finally {
      it.row = saved;
    }
  };
  let items: Value[] | undefined;
  if (ts.isForOfStatement(st) && iterable.k === 'arr' && !iterable.open) items = iterable.items;
  if (ts.isForInStatement(st) && iterable.k === 'obj' && !iterable.open) items = [...iterable.props.keys()].map((k): Value => ({ k: 'str', v: k }));
  if (!items) return it.withLoop(st, () => runWith({ ...unknown(target ?? st.expression), t: target ? target.getText() : undefined }));
  for (const item of items.slice(0, MAX_ITERATIONS)) if (runWith(item, item.k === 'obj' ? item.n : undefined)) return true;
  return false;
}

export function blockOf(st: ts.Statement): readonly ts.Statement[] {
  return ts.isBlock(st) ? st.statements : [st];
}

export function oneLineText(node: ts.Node): string {
  const t = node.getText().replace(/\s+/g, ' ').trim();
  return clip(t, 120);
}
