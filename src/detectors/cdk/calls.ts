/**
 * Calls and `new`: project functions and methods are entered, package calls become opaque values (or path results),
 * CDK constructors become records, and methods on constructs and API resources record what they add.
 */
import { ts } from '../../scan/ts.js';
import { builtinMethod, extCall, runCallbacks } from './builtins.js';
import { categoryOf, isConstructModule } from './catalogue.js';
import { findMember, instantiate, superCall } from './classes.js';
import { createConstruct, genericConstruct } from './constructs.js';
import { evaluate } from './evaluate.js';
import { createLibraryConstruct } from './library.js';
import { libraryConstruct } from './library-catalogue.js';
import type { Interpreter } from './interpreter.js';
import { cdkMethod, resourceMethod } from './methods.js';
import { UNDEF, stringOf, unknown, type Env, type ObjValue, type Value } from './values.js';

function evalArgs(it: Interpreter, args: readonly ts.Expression[] | undefined, env: Env): Value[] {
  const out: Value[] = [];
  for (const a of args ?? []) {
    if (ts.isSpreadElement(a)) {
      const v = evaluate(it, a.expression, env);
      if (v.k === 'arr' && !v.open) out.push(...v.items);
      else out.push(unknown(a));
    } else out.push(evaluate(it, a, env));
  }
  return out;
}

export function call(it: Interpreter, expr: ts.CallExpression, env: Env): Value {
  const args = evalArgs(it, expr.arguments, env);
  if (expr.expression.kind === ts.SyntaxKind.SuperKeyword) {
    const self = it.selfOf(env);
    let cls: ts.Node | undefined = expr.parent;
    while (cls && !ts.isClassLike(cls)) cls = cls.parent;
    if (self?.k === 'rec' && cls && ts.isClassLike(cls)) superCall(it, cls, self.rec, args);
    return UNDEF;
  }
  let callee: ts.Expression = expr.expression;
  while (ts.isParenthesizedExpression(callee) || ts.isNonNullExpression(callee)) callee = callee.expression;
  if (ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee)) {
    const target = evaluate(it, callee.expression, env);
    const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : stringOf(evaluate(it, callee.argumentExpression, env));
    if (name === undefined || (callee.questionDotToken && target.k === 'undef')) return unknown(expr);
    return callMethod(it, target, name, args, expr);
  }
  if (ts.isIdentifier(callee) && callee.text === 'require' && args[0]?.k === 'str' && !it.lookup('require', env)) {
    const file = it.program.resolver.resolve(env.file, args[0].v);
    return file ? { k: 'ext', module: `file:${file}`, path: [], n: expr } : { k: 'ext', module: args[0].v, path: [], n: expr };
  }
  return callValue(it, evaluate(it, callee, env), args, expr);
}

export function callValue(it: Interpreter, fn: Value, args: readonly Value[], node: ts.Node, self?: Value): Value {
  if (fn.k === 'fn') return it.call(fn, args, node, self);
  if (fn.k === 'ext') return extCall(it, fn, args, node);
  runCallbacks(it, args, node);
  return unknown(node);
}

export function callMethod(it: Interpreter, target: Value, name: string, args: readonly Value[], node: ts.Node): Value {
  if ((name === 'tryGetContext' || name === 'getContext') && args[0]?.k === 'str') it.model.contextReads.push({ key: args[0].v, node });
  // `app.node.getAllContext()` reads every key at once (often into a schema): key `*`.
  if (name === 'getAllContext') it.model.contextReads.push({ key: '*', node });
  switch (target.k) {
    case 'rec': {
      const rec = target.rec;
      if (rec.decl) {
        const member = findMember(it, rec.decl, name, false);
        if (member && ts.isMethodDeclaration(member.node)) {
          const fn = { k: 'fn' as const, fn: member.node, env: it.moduleEnv(member.file), name: `${rec.className}.${name}` };
          return it.call(fn, args, node, target);
        }
        // `private createAlarm = (…) => { new cloudwatch.Alarm(…) }` (or `this.make = function …`): a field holding a
        // function is called like a method; the arrow keeps the constructor's `this` from where it was evaluated.
        const field = rec.fields.get(name);
        if (field?.k === 'fn') return it.call(field, args, node, target);
      }
      const read = cdkMethod(it, rec, name, args, node);
      if (read) return read;
      // Kept so a stack whose only work is calls like this is not shown as creating nothing.
      if (rec.kind === 'cdk') it.model.unreadCalls.push({ stack: it.stackBeingRead(), text: `${rec.cdkClass ?? rec.className}.${name}`, node });
      return fallback(it, args, node);
    }
    case 'attr':
      if (target.name === 'node' && name === 'addDependency') return cdkMethod(it, target.of, name, args, node) ?? UNDEF;
      return fallback(it, args, node);
    case 'res':
      return resourceMethod(it, target, name, args, node);
    case 'class': {
      const member = findMember(it, target.decl, name, true);
      if (member && ts.isMethodDeclaration(member.node)) {
        return it.call({ k: 'fn', fn: member.node, env: it.moduleEnv(member.file), name: `${target.decl.name?.text ?? 'class'}.${name}` }, args, node);
      }
      return fallback(it, args, node);
    }
    case 'ext':
      if (target.args !== undefined) return cdkMethodOnValue(it, target, name, args, node);
      return extCall(it, { ...target, path: [...target.path, name] }, args, node);
    case 'fn':
      if (name === 'call') return it.call(target, args.slice(1), node, args[0]);
      return fallback(it, args, node);
    case 'arr':
    case 'str':
    case 'obj':
      return builtinMethod(it, target, name, args, node);
    default:
      return fallback(it, args, node);
  }
}

/** Calls on results of package calls: `fn.metricErrors().createAlarm(this, 'Id', {...})`. */
function cdkMethodOnValue(it: Interpreter, target: Value, name: string, args: readonly Value[], node: ts.Node): Value {
  if (name === 'createAlarm' && args[0]?.k === 'rec') {
    return createConstruct(it, { module: 'aws-cdk-lib/aws-cloudwatch', path: ['Alarm'] }, 'alarm', [args[0], args[1], withMetric(args[2], target)], node);
  }
  return fallback(it, args, node);
}

function withMetric(props: Value | undefined, metric: Value): Value {
  const obj: ObjValue = { k: 'obj', props: new Map(props?.k === 'obj' ? props.props : []), open: props?.k === 'obj' ? props.open : true, n: props?.n, nodes: new Map(props?.k === 'obj' ? props.nodes : []) };
  obj.props.set('metric', metric);
  return obj;
}

function fallback(it: Interpreter, args: readonly Value[], node: ts.Node): Value {
  runCallbacks(it, args, node);
  return unknown(node);
}

export function construct(it: Interpreter, expr: ts.NewExpression, env: Env): Value {
  const args = evalArgs(it, expr.arguments, env);
  const cls = evaluate(it, expr.expression, env);
  if (cls.k === 'class' && cls.either) {
    const made = cls.either.map((e) => it.withCondition(e.condition, () => instantiate(it, e.value, args, expr)));
    return made[0];
  }
  if (cls.k === 'class') return instantiate(it, cls, args, expr);
  if (cls.k === 'ext' && cls.args === undefined) {
    if (cls.module === 'global' && cls.path[0] === 'URL') return extCall(it, { ...cls, path: ['new URL'] }, args, expr);
    const category = categoryOf(cls.module, cls.path);
    if (category) return createConstruct(it, cls, category, args, expr, env);
    const library = libraryConstruct(cls.module, cls.path[cls.path.length - 1] ?? '');
    if (library && args[0]?.k === 'rec') return createLibraryConstruct(it, cls, library, args, expr);
    if (isConstructModule(cls.module) && args[0]?.k === 'rec' && args[1] && (args[1].k === 'str' || args[1].k === 'unknown')) {
      return genericConstruct(it, cls, args, expr);
    }
    return { k: 'ext', module: cls.module, path: cls.path, args, isNew: true, n: expr };
  }
  runCallbacks(it, args);
  return unknown(expr);
}

