/**
 * Project classes: stacks, stages, construct wrappers (`class KvFunction extends Construct`), subclasses of CDK
 * constructs (`class Api extends RestApi`) and plain helper classes. `new` on one of them enters its constructor with
 * the arguments bound, `super(...)` included, so wrappers resolve through their call sites.
 */
import { ts } from '../../scan/ts.js';
import { baseKindOf, categoryOf, serviceOf, type Category } from './catalogue.js';
import { evaluate } from './evaluate.js';
import type { Interpreter } from './interpreter.js';
import { propertyKey } from './interpreter.js';
import type { Rec } from './records.js';
import { idAsWritten, textOf, unknown, type ClassValue, type Env, type Value } from './values.js';

export interface Member {
  readonly node: ts.MethodDeclaration | ts.GetAccessorDeclaration | ts.PropertyDeclaration;
  readonly file: string;
}

export interface ClassKind {
  readonly kind: 'stack' | 'stage' | 'construct' | 'cdk' | 'app' | 'plain';
  /** For subclasses of CDK construct classes: the CDK class and its category. */
  readonly cdk?: { readonly module: string; readonly name: string; readonly category?: Category };
  /** The `extends` clause as written. */
  readonly extendsText: string;
}

const bases = new WeakMap<ts.ClassLikeDeclaration, Value | null>();

export function fileOf(node: ts.Node): string {
  return node.getSourceFile().fileName;
}

export function baseOf(it: Interpreter, decl: ts.ClassLikeDeclaration): Value | undefined {
  if (bases.has(decl)) return bases.get(decl) ?? undefined;
  bases.set(decl, null);
  const clause = decl.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword);
  const expr = clause?.types[0]?.expression;
  const value = expr ? evaluate(it, expr, it.moduleEnv(fileOf(decl))) : undefined;
  bases.set(decl, value ?? null);
  return value;
}

export function classKind(it: Interpreter, decl: ts.ClassLikeDeclaration, depth = 0): ClassKind {
  const clause = decl.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword);
  const extendsText = clause?.types[0]?.expression.getText() ?? '';
  const base = baseOf(it, decl);
  if (!base || depth > 10) return { kind: 'plain', extendsText };
  if (base.k === 'class') return { ...classKind(it, base.decl, depth + 1), extendsText };
  if (base.k === 'ext' && base.path.length > 0) {
    const name = base.path[base.path.length - 1];
    const kind = baseKindOf(base.module, name);
    if (kind) return { kind, extendsText };
    const category = categoryOf(base.module, base.path);
    if (category) return { kind: 'cdk', cdk: { module: base.module, name, category }, extendsText };
    // `class UpdateClaims extends sfn.StateMachine`: an AWS resource of that class, counted as one.
    const service = serviceOf(base.module);
    if (service && service !== 'core' && service !== 'cloudformation' && /^[A-Z]/.test(name)) return { kind: 'cdk', cdk: { module: base.module, name }, extendsText };
  }
  return { kind: 'plain', extendsText };
}

/** A method, getter or property of a class or its project base classes. */
export function findMember(it: Interpreter, decl: ts.ClassLikeDeclaration, name: string, isStatic: boolean): Member | undefined {
  for (let c: ts.ClassLikeDeclaration | undefined = decl, i = 0; c && i < 10; i++) {
    for (const m of c.members) {
      if (!(ts.isMethodDeclaration(m) || ts.isGetAccessorDeclaration(m) || ts.isPropertyDeclaration(m))) continue;
      const staticMember = (ts.getCombinedModifierFlags(m) & ts.ModifierFlags.Static) !== 0;
      if (staticMember === isStatic && propertyKey(m.name) === name && (!ts.isMethodDeclaration(m) || m.body)) {
        return { node: m, file: fileOf(c) };
      }
    }
    const base = baseOf(it, c);
    c = base?.k === 'class' ? base.decl : undefined;
  }
  return undefined;
}

/** `new ProjectClass(...)`: records the instance and enters its constructor. */
export function instantiate(it: Interpreter, cls: ClassValue, args: readonly Value[], node: ts.Node, standalone = false): Value {
  const kind = classKind(it, cls.decl);
  const className = cls.decl.name?.text ?? '(class)';
  const id = args[1];
  const idText =
    id?.k === 'str' ? { text: id.v, resolved: true } : { text: standalone ? className : idAsWritten(id, node) || className, resolved: false };
  const scope = args[0];
  const conditions = [...it.conditions];
  const use = { props: args[2], node, conditions, idText, variable: variableOf(node) };
  const known = kind.kind === 'stack' ? it.model.stackRecs.get(cls.decl) : undefined;
  if (known) {
    if (!standalone) it.model.stackUses.get(known)?.push(use);
    // The same `new` again is a loop (`for (const domain of domains) new DomainStack(this, …, { domain })`): each
    // pass builds different resources, so the constructor runs again with these props. Another call site is the same
    // stack deployed again (dev, prod): it is read once.
    if (!standalone && it.model.stackUses.get(known)?.some((u) => u !== use && u.node === node)) {
      it.withFrame({ name: className, kind: 'stack', callSite: node, fnNode: cls.decl, parent: it.frame, counts: new Map() }, () =>
        runConstructor(it, cls.decl, known, args),
      );
    }
    return { k: 'rec', rec: known, n: node };
  }
  const rec = it.model.add({
    kind: kind.kind === 'stack' ? 'stack' : kind.kind === 'stage' ? 'stage' : kind.kind === 'app' ? 'app' : kind.kind === 'plain' ? 'instance' : 'cdk',
    category: kind.cdk?.category,
    className,
    cdkClass: kind.cdk?.name,
    module: kind.cdk?.module ?? cls.file,
    idText,
    parent: scope?.k === 'rec' ? scope.rec : undefined,
    node,
    frame: it.frame,
    conditions,
    decl: cls.decl,
    idNode: id?.n,
    variable: variableOf(node),
  });
  if (kind.kind === 'stack') {
    it.model.stackRecs.set(cls.decl, rec);
    it.model.stackUses.set(rec, standalone ? [] : [use]);
  }
  const frameKind = kind.kind === 'stack' || kind.kind === 'stage' ? 'stack' : 'ctor';
  it.entered.add(cls.decl);
  it.withFrame({ name: className, kind: frameKind, callSite: standalone ? undefined : node, fnNode: cls.decl, parent: it.frame, counts: new Map() }, () =>
    runConstructor(it, cls.decl, rec, args),
  );
  return { k: 'rec', rec, n: node };
}

function runConstructor(it: Interpreter, decl: ts.ClassLikeDeclaration, rec: Rec, args: readonly Value[]): void {
  if (it.depth >= 40 || it.exhausted()) return;
  it.depth++;
  try {
    const self: Value = { k: 'rec', rec };
    const env: Env = { vars: new Map(), parent: it.moduleEnv(fileOf(decl)), file: fileOf(decl), self };
    for (const m of decl.members) {
      if (ts.isPropertyDeclaration(m) && m.initializer && !(ts.getCombinedModifierFlags(m) & ts.ModifierFlags.Static)) {
        const key = propertyKey(m.name);
        if (key !== undefined) rec.fields.set(key, evaluate(it, m.initializer, env));
      }
    }
    const ctor = decl.members.find((m): m is ts.ConstructorDeclaration => ts.isConstructorDeclaration(m) && m.body !== undefined);
    if (!ctor?.body) {
      superCall(it, decl, rec, args);
      return;
    }
    ctor.parameters.forEach((p, i) => {
      const value = args[i] ?? (p.initializer ? evaluate(it, p.initializer, env) : unknown(p.name));
      it.bind(p.name, value, env);
      const isProperty = ts.getCombinedModifierFlags(p) & (ts.ModifierFlags.ParameterPropertyModifier);
      if (isProperty && ts.isIdentifier(p.name)) rec.fields.set(p.name.text, value);
    });
    it.execBlock(ctor.body.statements, env);
  } finally {
    it.depth--;
  }
}

/** `super(scope, id, props)`: into a project base class, or the CDK class this one extends (its props are these). */
export function superCall(it: Interpreter, decl: ts.ClassLikeDeclaration, rec: Rec, args: readonly Value[]): void {
  const base = baseOf(it, decl);
  if (base?.k === 'class') {
    runConstructor(it, base.decl, rec, args);
  } else if (rec.kind === 'cdk' && (rec.category || rec.cdkClass)) {
    rec.props = args[2];
    const id = args[1];
    if (!rec.idText.resolved && id?.k === 'str') rec.idText = { text: id.v, resolved: true };
  }
}

/** Where a created value is kept: `const api = new …` → `api`, `this.table = new …` → `this.table`. */
export function variableOf(node: ts.Node): string | undefined {
  let n = node;
  while (n.parent && (ts.isAsExpression(n.parent) || ts.isParenthesizedExpression(n.parent) || ts.isNonNullExpression(n.parent) || ts.isSatisfiesExpression(n.parent))) {
    n = n.parent;
  }
  const p = n.parent;
  if (!p) return undefined;
  if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
  if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && p.right === n) return p.left.getText();
  if (ts.isPropertyDeclaration(p) && ts.isIdentifier(p.name)) return `this.${p.name.text}`;
  return undefined;
}
