/** Expressions: literals, names, operators, object/array literals, functions, property reads, calls and `new`. */
import path from 'node:path';
import { ts } from '../../scan/ts.js';
import { getProp } from './access.js';
import { call, construct } from './calls.js';
import type { Interpreter } from './interpreter.js';
import { propertyKey } from './interpreter.js';
import { UNDEF, stringOf, truthy, unknown, unknownWithRefs, type Env, type ObjValue, type Value } from './values.js';

const GLOBALS = new Set(['Object', 'JSON', 'Math', 'String', 'Number', 'Boolean', 'Array', 'Promise', 'Date', 'URL']);

export function evaluate(it: Interpreter, expr: ts.Expression, env: Env): Value {
  it.steps++;
  if (it.exhausted()) return unknown(expr);
  if (ts.isStringLiteralLike(expr)) return { k: 'str', v: expr.text, n: expr };
  if (ts.isNumericLiteral(expr)) return { k: 'num', v: Number(expr.text), n: expr };
  switch (expr.kind) {
    case ts.SyntaxKind.TrueKeyword:
      return { k: 'bool', v: true, n: expr };
    case ts.SyntaxKind.FalseKeyword:
      return { k: 'bool', v: false, n: expr };
    case ts.SyntaxKind.NullKeyword:
      return { k: 'undef', n: expr };
    case ts.SyntaxKind.ThisKeyword:
      return it.selfOf(env) ?? unknown(expr);
  }
  if (ts.isIdentifier(expr)) return identifier(it, expr, env);
  if (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr) || ts.isNonNullExpression(expr) || ts.isTypeAssertionExpression(expr) || ts.isSatisfiesExpression(expr) || ts.isAwaitExpression(expr)) {
    return evaluate(it, expr.expression, env);
  }
  if (ts.isTemplateExpression(expr)) {
    let text = expr.head.text;
    let abs = false;
    let known = true;
    const parts: Value[] = [];
    expr.templateSpans.forEach((span, i) => {
      const v = evaluate(it, span.expression, env);
      parts.push(v);
      const s = stringOf(v);
      if (s === undefined) known = false;
      else {
        if (i === 0 && expr.head.text === '' && v.k === 'str' && v.abs) abs = true;
        text += s;
      }
      text += span.literal.text;
    });
    return known ? { k: 'str', v: text, n: expr, abs } : unknownWithRefs(expr, parts);
  }
  if (ts.isBinaryExpression(expr)) return binary(it, expr, env);
  if (ts.isPrefixUnaryExpression(expr)) {
    const v = evaluate(it, expr.operand, env);
    if (expr.operator === ts.SyntaxKind.ExclamationToken) {
      const t = truthy(v);
      return t === undefined ? unknown(expr) : { k: 'bool', v: !t, n: expr };
    }
    if (expr.operator === ts.SyntaxKind.MinusToken && v.k === 'num') return { k: 'num', v: -v.v, n: expr };
    return unknown(expr);
  }
  if (ts.isConditionalExpression(expr)) {
    const t = truthy(evaluate(it, expr.condition, env));
    if (t === true) return evaluate(it, expr.whenTrue, env);
    if (t === false) return evaluate(it, expr.whenFalse, env);
    const cond = expr.condition.getText().replace(/\s+/g, ' ');
    const a = it.withCondition(cond, () => evaluate(it, expr.whenTrue, env));
    const b = it.withCondition(`!(${cond})`, () => evaluate(it, expr.whenFalse, env));
    const structured = (v: Value) => ['rec', 'res', 'attr', 'obj', 'arr', 'fn', 'class'].includes(v.k);
    // One class or another: remember both, so `new` creates each under its condition (alternative stacks).
    if (a.k === 'class' && b.k === 'class' && a.decl !== b.decl) return { ...a, either: [{ condition: cond, value: a }, { condition: `!(${cond})`, value: b }] };
    if (structured(a)) return a;
    if (structured(b)) return b;
    return unknown(expr);
  }
  if (ts.isPropertyAccessExpression(expr)) {
    if (ts.isMetaProperty(expr.expression)) return importMeta(expr, env);
    const target = evaluate(it, expr.expression, env);
    if (expr.questionDotToken && target.k === 'undef') return target;
    return getProp(it, target, expr.name.text, expr);
  }
  if (ts.isElementAccessExpression(expr)) {
    const target = evaluate(it, expr.expression, env);
    const key = stringOf(evaluate(it, expr.argumentExpression, env));
    return key === undefined ? unknown(expr) : getProp(it, target, key, expr);
  }
  if (ts.isCallExpression(expr)) return call(it, expr, env);
  if (ts.isNewExpression(expr)) return construct(it, expr, env);
  if (ts.isObjectLiteralExpression(expr)) return objectLiteral(it, expr, env);
  if (ts.isArrayLiteralExpression(expr)) {
    const items: Value[] = [];
    let open = false;
    for (const el of expr.elements) {
      if (ts.isSpreadElement(el)) {
        const v = evaluate(it, el.expression, env);
        if (v.k === 'arr') {
          items.push(...v.items);
          open ||= v.open;
        } else open = true;
      } else if (!ts.isOmittedExpression(el)) items.push(evaluate(it, el, env));
    }
    return { k: 'arr', items, open, n: expr };
  }
  if (ts.isArrowFunction(expr) || ts.isFunctionExpression(expr)) {
    return { k: 'fn', fn: expr, env, name: nameFromParent(expr), n: expr };
  }
  if (ts.isClassExpression(expr)) return { k: 'class', decl: expr, file: env.file, n: expr };
  if (ts.isVoidExpression(expr)) return UNDEF;
  return unknown(expr);
}

function identifier(it: Interpreter, expr: ts.Identifier, env: Env): Value {
  const name = expr.text;
  if (name === 'undefined') return { k: 'undef', n: expr };
  if (name === '__dirname') return { k: 'str', v: dirOf(env.file), abs: true, n: expr };
  if (name === '__filename') return { k: 'str', v: env.file, abs: true, n: expr };
  const v = it.lookup(name, env);
  if (v) return v;
  if (name === 'process') return { k: 'ext', module: 'process', path: [], n: expr };
  if (GLOBALS.has(name)) return { k: 'ext', module: 'global', path: [name], n: expr };
  return unknown(expr);
}

function importMeta(expr: ts.PropertyAccessExpression, env: Env): Value {
  if (expr.name.text === 'url' || expr.name.text === 'filename') return { k: 'str', v: env.file, abs: true, n: expr };
  if (expr.name.text === 'dirname') return { k: 'str', v: dirOf(env.file), abs: true, n: expr };
  return unknown(expr);
}

export function dirOf(file: string): string {
  const d = path.posix.dirname(file);
  return d === '.' ? '' : d;
}

function binary(it: Interpreter, expr: ts.BinaryExpression, env: Env): Value {
  const op = expr.operatorToken.kind;
  if (op === ts.SyntaxKind.EqualsToken || op === ts.SyntaxKind.PlusEqualsToken || op === ts.SyntaxKind.QuestionQuestionEqualsToken) {
    let value = evaluate(it, expr.right, env);
    if (op === ts.SyntaxKind.PlusEqualsToken) value = plus(evaluate(it, expr.left, env), value, expr);
    if (op === ts.SyntaxKind.QuestionQuestionEqualsToken) {
      const current = evaluate(it, expr.left, env);
      if (current.k !== 'undef') return current;
    }
    assignTo(it, expr.left, value, env);
    return value;
  }
  if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.AmpersandAmpersandToken) {
    const left = evaluate(it, expr.left, env);
    const decided = op === ts.SyntaxKind.QuestionQuestionToken ? (left.k === 'undef' ? false : left.k === 'unknown' ? undefined : true) : truthy(left);
    if (op === ts.SyntaxKind.AmpersandAmpersandToken) {
      if (decided === false) return left;
      const right = evaluate(it, expr.right, env);
      return decided === true ? right : unknown(expr);
    }
    if (decided === true) return left;
    const right = evaluate(it, expr.right, env);
    return decided === false ? right : unknown(expr);
  }
  const left = evaluate(it, expr.left, env);
  const right = evaluate(it, expr.right, env);
  if (op === ts.SyntaxKind.PlusToken) return plus(left, right, expr);
  if (op === ts.SyntaxKind.CommaToken) return right;
  const eq = [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken].includes(op);
  const ne = [ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken].includes(op);
  const primitive = (v: Value) => v.k === 'str' || v.k === 'num' || v.k === 'bool' || v.k === 'undef';
  if ((eq || ne) && primitive(left) && primitive(right)) {
    const same = left.k === right.k && (left.k === 'undef' || (left as { v: unknown }).v === (right as { v: unknown }).v);
    return { k: 'bool', v: eq ? same : !same, n: expr };
  }
  if (left.k === 'num' && right.k === 'num') {
    const n = arithmetic(op, left.v, right.v);
    if (n !== undefined) return { k: 'num', v: n, n: expr };
  }
  return unknown(expr);
}

function arithmetic(op: ts.SyntaxKind, a: number, b: number): number | undefined {
  switch (op) {
    case ts.SyntaxKind.MinusToken:
      return a - b;
    case ts.SyntaxKind.AsteriskToken:
      return a * b;
    case ts.SyntaxKind.SlashToken:
      return b === 0 ? undefined : a / b;
    default:
      return undefined;
  }
}

function plus(left: Value, right: Value, node: ts.Node): Value {
  if (left.k === 'num' && right.k === 'num') return { k: 'num', v: left.v + right.v, n: node };
  const a = stringOf(left);
  const b = stringOf(right);
  if (a === undefined || b === undefined) return unknownWithRefs(node, [left, right]);
  return { k: 'str', v: a + b, n: node, abs: left.k === 'str' && left.abs };
}

function assignTo(it: Interpreter, target: ts.Expression, value: Value, env: Env): void {
  if (ts.isIdentifier(target)) {
    it.assign(target.text, value, env);
    return;
  }
  if (ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target)) {
    const key = ts.isPropertyAccessExpression(target) ? target.name.text : stringOf(evaluate(it, target.argumentExpression, env));
    const owner = evaluate(it, target.expression, env);
    if (key === undefined) return;
    if (owner.k === 'rec') {
      owner.rec.fields.set(key, value);
      if (value.k === 'rec' && value.rec.variable === undefined) value.rec.variable = target.getText();
    } else if (owner.k === 'obj') owner.props.set(key, value);
  }
}

function objectLiteral(it: Interpreter, expr: ts.ObjectLiteralExpression, env: Env): ObjValue {
  const obj: ObjValue = { k: 'obj', props: new Map(), open: false, n: expr, nodes: new Map() };
  for (const p of expr.properties) {
    if (ts.isSpreadAssignment(p)) {
      for (const v of spreadParts(it, p.expression, env)) {
        if (v.k === 'obj') {
          for (const [k, pv] of v.props) {
            obj.props.set(k, pv);
            const node = v.nodes?.get(k);
            if (node) obj.nodes!.set(k, node);
            else obj.nodes!.delete(k);
          }
          obj.open ||= v.open;
        } else if (v.k !== 'undef') obj.open = true;
      }
      continue;
    }
    const key = p.name && ts.isComputedPropertyName(p.name) ? stringOf(evaluate(it, p.name.expression, env)) : p.name ? propertyKey(p.name) : undefined;
    if (key === undefined) {
      obj.open = true;
      continue;
    }
    if (ts.isPropertyAssignment(p)) {
      obj.props.set(key, evaluate(it, p.initializer, env));
      obj.nodes!.set(key, p.initializer);
    } else if (ts.isShorthandPropertyAssignment(p)) {
      obj.props.set(key, evaluate(it, p.name, env));
      obj.nodes!.set(key, p.name);
    } else if (ts.isMethodDeclaration(p) || ts.isGetAccessorDeclaration(p)) obj.props.set(key, { k: 'fn', fn: p, env, name: key, n: p.name });
  }
  return obj;
}

/**
 * What a spread adds. `...(c ? { A } : { B })` and `...(c && { A })` with a condition not known statically add the
 * keys of each branch (the true branch wins on a shared key): a setting made only under a condition, such as a
 * distribution's `domainNames` when a domain is configured, is still where it is set, never "not set".
 */
function spreadParts(it: Interpreter, expr: ts.Expression, env: Env): Value[] {
  let e = expr;
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  if (ts.isConditionalExpression(e) && truthy(evaluate(it, e.condition, env)) === undefined) {
    const cond = e.condition.getText().replace(/\s+/g, ' ');
    const whenFalse = it.withCondition(`!(${cond})`, () => spreadParts(it, (e as ts.ConditionalExpression).whenFalse, env));
    return [...whenFalse, ...it.withCondition(cond, () => spreadParts(it, (e as ts.ConditionalExpression).whenTrue, env))];
  }
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && truthy(evaluate(it, e.left, env)) === undefined) {
    const cond = e.left.getText().replace(/\s+/g, ' ');
    return it.withCondition(cond, () => spreadParts(it, (e as ts.BinaryExpression).right, env));
  }
  return [evaluate(it, e, env)];
}

function nameFromParent(node: ts.Node): string {
  const p = node.parent;
  if (p && (ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p)) && ts.isIdentifier(p.name)) return p.name.text;
  return '(anonymous)';
}
