/**
 * Reads CDK code the way `cdk synth` would run it, but symbolically: statements are walked in order, project
 * functions and classes are entered with their arguments bound, loops over literal arrays are unrolled, `if` blocks are
 * entered with their condition remembered. Nothing is executed; what cannot be known stays `unknown`, as written.
 */
import path from 'node:path';
import { ts } from '../../scan/ts.js';
import { evaluate } from './evaluate.js';
import { Program, boundNames, type FnNode, type ModuleInfo } from './program.js';
import { Model, type Frame } from './records.js';
import { getProp } from './access.js';
import { UNDEF, unknown, type Env, type FnValue, type Value } from './values.js';

const MAX_STEPS = 2_000_000;
const MAX_DEPTH = 40;
const MAX_ITERATIONS = 300;

export class Interpreter {
  readonly model = new Model();
  frame: Frame;
  conditions: string[] = [];
  /** The literal row of a data array being iterated (route tables), if any. */
  row?: ts.Node;
  steps = 0;
  depth = 0;
  /** Class declarations and functions that have been entered at least once. */
  readonly entered = new Set<ts.Node>();
  private readonly modules = new Map<string, Env>();
  private readonly moduleValues = new Map<string, Map<string, Value | null>>();

  constructor(readonly program: Program) {
    this.frame = { name: 'app', kind: 'script', counts: new Map() };
  }

  exhausted(): boolean {
    return this.steps > MAX_STEPS;
  }

  /** Reads a file as a script from top to bottom (the CDK app entry). */
  runScript(file: string): void {
    const info = this.program.module(file);
    if (!info) return;
    const env = this.moduleEnv(file);
    this.withFrame({ name: path.posix.basename(file), kind: 'script', counts: new Map() }, () => {
      for (const st of info.sf.statements) {
        if (ts.isVariableStatement(st)) {
          for (const decl of st.declarationList.declarations) this.topValue(info, boundNames(decl.name)[0] ?? '');
        } else if (!ts.isFunctionDeclaration(st) && !ts.isClassDeclaration(st)) {
          this.execStatement(st, env);
        }
      }
    });
  }

  withFrame<T>(frame: Frame, body: () => T): T {
    const saved = this.frame;
    this.frame = frame;
    try {
      return body();
    } finally {
      this.frame = saved;
    }
  }

  withCondition<T>(condition: string | undefined, body: () => T): T {
    if (condition === undefined) return body();
    this.conditions.push(condition);
    try {
      return body();
    } finally {
      this.conditions.pop();
    }
  }

  moduleEnv(file: string): Env {
    let env = this.modules.get(file);
    if (!env) {
      const info = this.program.module(file);
      env = { vars: new Map(), file, module: (name) => (info ? this.topValue(info, name) : undefined) };
      this.modules.set(file, env);
    }
    return env;
  }

  /** A top-level name of a module, evaluated once (cycles give unknown). */
  topValue(info: ModuleInfo, name: string): Value | undefined {
    let values = this.moduleValues.get(info.file);
    if (!values) this.moduleValues.set(info.file, (values = new Map()));
    if (values.has(name)) return values.get(name) ?? unknown();
    const decl = info.decls.get(name);
    const env = this.moduleEnv(info.file);
    if (decl) {
      values.set(name, null);
      let value: Value;
      if (ts.isVariableDeclaration(decl)) {
        const init = decl.initializer ? evaluate(this, decl.initializer, env) : UNDEF;
        if (ts.isIdentifier(decl.name)) value = init;
        else {
          const scratch: Env = { vars: new Map(), parent: env, file: info.file };
          this.bind(decl.name, init, scratch);
          value = scratch.vars.get(name) ?? unknown(decl);
        }
      } else if (ts.isFunctionDeclaration(decl)) {
        value = { k: 'fn', fn: decl, env, name, n: decl.name };
      } else if (ts.isClassDeclaration(decl)) {
        value = { k: 'class', decl, file: info.file, n: decl.name };
      } else {
        value = enumValue(decl);
      }
      values.set(name, value);
      return value;
    }
    const binding = info.imports.get(name);
    if (!binding) return undefined;
    const target = this.program.resolveImport(info.file, binding);
    let value: Value;
    if (target.kind === 'ext') value = { k: 'ext', module: target.module, path: target.name === '*' || target.name === 'default' ? [] : [target.name] };
    else if (target.kind === 'namespace') value = { k: 'ext', module: `file:${target.file}`, path: [] };
    else {
      const other = this.program.module(target.file);
      value = (other && this.topValue(other, target.name)) ?? unknown();
    }
    values.set(name, value);
    return value;
  }

  lookup(name: string, env: Env): Value | undefined {
    for (let e: Env | undefined = env; e; e = e.parent) {
      const v = e.vars.get(name);
      if (v) return v;
      if (e.module) {
        const m = e.module(name);
        if (m) return m;
      }
    }
    return undefined;
  }

  selfOf(env: Env): Value | undefined {
    for (let e: Env | undefined = env; e; e = e.parent) if (e.self) return e.self;
    return undefined;
  }

  assign(name: string, value: Value, env: Env): void {
    for (let e: Env | undefined = env; e; e = e.parent) {
      if (e.vars.has(name)) {
        e.vars.set(name, value);
        return;
      }
    }
    env.vars.set(name, value);
  }

  bind(name: ts.BindingName, value: Value, env: Env): void {
    if (ts.isIdentifier(name)) {
      env.vars.set(name.text, value);
      return;
    }
    name.elements.forEach((el, i) => {
      if (ts.isOmittedExpression(el)) return;
      let v: Value;
      if (ts.isObjectBindingPattern(name)) {
        const key = el.propertyName ? propertyKey(el.propertyName) : ts.isIdentifier(el.name) ? el.name.text : undefined;
        v = el.dotDotDotToken ? { ...unknown(el), t: el.name.getText() } : key === undefined ? unknown(el) : getProp(this, value, key, el);
      } else if (el.dotDotDotToken) {
        v = value.k === 'arr' ? { k: 'arr', items: value.items.slice(i), open: value.open } : unknown(el);
      } else {
        v = value.k === 'arr' ? (value.items[i] ?? (value.open ? unknown(el) : UNDEF)) : { ...unknown(el), t: el.name.getText() };
      }
      if (v.k === 'undef' && el.initializer) v = evaluate(this, el.initializer, env);
      this.bind(el.name, v, env);
    });
  }

  /** Calls a function of the repository with its parameters bound; the value it returns (or undefined). */
  call(fn: FnValue, args: readonly Value[], callSite: ts.Node | undefined, self?: Value, frameName?: string): Value {
    if (this.depth >= MAX_DEPTH || this.exhausted()) return unknown(callSite);
    const env: Env = { vars: new Map(), parent: fn.env, file: fn.env.file, self: self ?? fn.self };
    fn.fn.parameters.forEach((p, i) => {
      let v: Value = p.dotDotDotToken ? { k: 'arr', items: args.slice(i), open: false } : (args[i] ?? UNDEF);
      if (v.k === 'undef' && p.initializer) v = evaluate(this, p.initializer, env);
      this.bind(p.name, v, env);
    });
    this.entered.add(fn.fn);
    const run = (): Value => {
      this.depth++;
      try {
        const body = fn.fn.body;
        if (!body) return UNDEF;
        if (!ts.isBlock(body)) return evaluate(this, body, env);
        return this.execBlock(body.statements, env) ?? UNDEF;
      } finally {
        this.depth--;
      }
    };
    if (!callSite) return run();
    return this.withFrame({ name: frameName ?? fn.name, kind: 'fn', callSite, parent: this.frame, counts: new Map() }, run);
  }

  /** Runs a callback given to a built-in (`forEach`, an unknown API) without a frame of its own. */
  callback(fn: FnValue, args: readonly Value[]): Value {
    return this.call(fn, args, undefined);
  }

  /** Executes statements; returns the value of a `return` reached unconditionally, else the first conditional one. */
  execBlock(statements: readonly ts.Statement[], parent: Env, scoped = true): Value | undefined {
    const env: Env = scoped ? { vars: new Map(), parent, file: parent.file } : parent;
    for (const st of statements) {
      if (ts.isFunctionDeclaration(st) && st.name) env.vars.set(st.name.text, { k: 'fn', fn: st, env, name: st.name.text, n: st.name });
    }
    let pending: Value | undefined;
    for (const st of statements) {
      if (this.exhausted()) break;
      if (ts.isReturnStatement(st)) return st.expression ? evaluate(this, st.expression, env) : UNDEF;
      const r = this.execStatement(st, env);
      pending ??= r;
    }
    return pending;
  }

  execStatement(st: ts.Statement, env: Env): Value | undefined {
    this.steps++;
    if (ts.isExpressionStatement(st)) {
      evaluate(this, st.expression, env);
    } else if (ts.isVariableStatement(st)) {
      for (const decl of st.declarationList.declarations) {
        const value = decl.initializer ? evaluate(this, decl.initializer, env) : UNDEF;
        this.bind(decl.name, value, env);
      }
    } else if (ts.isIfStatement(st)) {
      evaluate(this, st.expression, env);
      const cond = oneLineText(st.expression);
      const a = this.withCondition(cond, () => this.execBlock(blockOf(st.thenStatement), env));
      const b = st.elseStatement ? this.withCondition(`!(${cond})`, () => this.execBlock(blockOf(st.elseStatement!), env)) : undefined;
      return a ?? b;
    } else if (ts.isBlock(st)) {
      return this.execBlock(st.statements, env);
    } else if (ts.isForOfStatement(st) || ts.isForInStatement(st)) {
      return this.execLoop(st, env);
    } else if (ts.isForStatement(st) || ts.isWhileStatement(st) || ts.isDoStatement(st)) {
      const inner: Env = { vars: new Map(), parent: env, file: env.file };
      if (ts.isForStatement(st) && st.initializer && ts.isVariableDeclarationList(st.initializer)) {
        for (const d of st.initializer.declarations) this.bind(d.name, unknown(d.name), inner);
      }
      return this.execBlock(blockOf(st.statement), inner);
    } else if (ts.isTryStatement(st)) {
      const r = this.execBlock(st.tryBlock.statements, env);
      if (st.catchClause) this.execBlock(st.catchClause.block.statements, env);
      if (st.finallyBlock) this.execBlock(st.finallyBlock.statements, env);
      return r;
    } else if (ts.isSwitchStatement(st)) {
      evaluate(this, st.expression, env);
      let r: Value | undefined;
      for (const clause of st.caseBlock.clauses) {
        const cond = ts.isCaseClause(clause) ? `${oneLineText(st.expression)} === ${oneLineText(clause.expression)}` : undefined;
        r ??= this.withCondition(cond, () => this.execBlock(clause.statements.filter((s) => !ts.isBreakStatement(s)), env));
      }
      return r;
    } else if (ts.isLabeledStatement(st)) {
      return this.execStatement(st.statement, env);
    } else if (ts.isClassDeclaration(st) && st.name) {
      env.vars.set(st.name.text, { k: 'class', decl: st, file: env.file, n: st.name });
    }
    return undefined;
  }

  private execLoop(st: ts.ForOfStatement | ts.ForInStatement, env: Env): Value | undefined {
    const iterable = evaluate(this, st.expression, env);
    const init = st.initializer;
    const target = ts.isVariableDeclarationList(init) ? init.declarations[0]?.name : undefined;
    const runWith = (item: Value, row?: ts.Node): Value | undefined => {
      const inner: Env = { vars: new Map(), parent: env, file: env.file };
      if (target) this.bind(target, item, inner);
      else if (ts.isIdentifier(init)) this.assign(init.text, item, env);
      const saved = this.row;
      this.row = row ?? saved;
      try {
        return this.execBlock(blockOf(st.statement), inner);
      } finally {
        this.row = saved;
      }
    };
    let items: Value[] | undefined;
    if (ts.isForOfStatement(st) && iterable.k === 'arr' && !iterable.open) items = iterable.items;
    if (ts.isForInStatement(st) && iterable.k === 'obj' && !iterable.open) items = [...iterable.props.keys()].map((k) => ({ k: 'str', v: k }));
    if (!items) return runWith({ ...unknown(target ?? st.expression), t: target ? target.getText() : undefined });
    let r: Value | undefined;
    for (const item of items.slice(0, MAX_ITERATIONS)) r ??= runWith(item, item.k === 'obj' ? item.n : undefined);
    return r;
  }
}

export function blockOf(st: ts.Statement): readonly ts.Statement[] {
  return ts.isBlock(st) ? st.statements : [st];
}

export function oneLineText(node: ts.Node): string {
  const t = node.getText().replace(/\s+/g, ' ').trim();
  return t.length > 120 ? `${t.slice(0, 119)}…` : t;
}

export function propertyKey(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteralLike(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
  return undefined;
}

function enumValue(decl: ts.EnumDeclaration): Value {
  const props = new Map<string, Value>();
  let open = false;
  for (const m of decl.members) {
    const key = propertyKey(m.name);
    if (key === undefined) continue;
    if (m.initializer && ts.isStringLiteralLike(m.initializer)) props.set(key, { k: 'str', v: m.initializer.text, n: m.initializer });
    else open = true;
  }
  return { k: 'obj', props, open, n: decl.name };
}

export type { FnNode };
