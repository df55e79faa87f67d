/**
 * Reads CDK code the way `cdk synth` would run it, but symbolically: statements are walked in order, project
 * functions and classes are entered with their arguments bound, loops over literal arrays are unrolled, `if` blocks are
 * entered with their condition remembered. Nothing is executed; what cannot be known stays `unknown`, as written.
 */
import path from 'node:path';
import { ts } from '../../scan/ts.js';
import { evaluate } from './evaluate.js';
import { Program, boundNames, type FnNode, type ModuleInfo } from './program.js';
import { Model, type Frame, type Rec } from './records.js';
import { getProp } from './access.js';
import { execBlock, execStatement, returned } from './statements.js';
import { UNDEF, unknown, type Env, type FnValue, type Value } from './values.js';

const MAX_STEPS = 2_000_000;
const MAX_DEPTH = 40;

export class Interpreter {
  readonly model = new Model();
  frame: Frame;
  conditions: string[] = [];
  /** Loops whose iterations are not known statically, innermost last: their body is read once for all of them. */
  loops: ts.Node[] = [];
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

  /** The files read as modules (the entry and what it imports, followed). */
  readFiles(): string[] {
    return [...this.modules.keys()];
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
          execStatement(this, st, env);
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

  /** The stack whose constructor (or a call inside it) is being read. */
  stackBeingRead(): Rec | undefined {
    for (let f: Frame | undefined = this.frame; f; f = f.parent) {
      const rec = f.kind === 'stack' && f.fnNode ? this.model.stackRecs.get(f.fnNode) : undefined;
      if (rec) return rec;
    }
    return undefined;
  }

  withLoop<T>(loop: ts.Node, body: () => T): T {
    this.loops.push(loop);
    try {
      return body();
    } finally {
      this.loops.pop();
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
      const saved = { returns: this.returns, depth: this.returnDepth };
      this.returns = [];
      this.returnDepth = this.conditions.length;
      this.depth++;
      try {
        const body = fn.fn.body;
        if (!body) return UNDEF;
        if (!ts.isBlock(body)) return evaluate(this, body, env);
        this.execBlock(body.statements, env);
        return returned(this.returns, callSite);
      } finally {
        this.depth--;
        this.returns = saved.returns;
        this.returnDepth = saved.depth;
      }
    };
    const result = callSite ? this.withFrame({ name: frameName ?? fn.name, kind: 'fn', callSite, fnNode: fn.fn, parent: this.frame, counts: new Map() }, run) : run();
    // An unknown result reads best as the call that produced it (`getEnv("STAGE")`), not as code inside the helper.
    return result.k === 'unknown' && callSite ? unknown(callSite) : result;
  }

  /** Runs a callback given to a built-in (`forEach`, an unknown API) without a frame of its own. */
  callback(fn: FnValue, args: readonly Value[]): Value {
    return this.call(fn, args, undefined);
  }

  /** Executes statements in order; true when a `return` reached on every path stops the enclosing function. */
  execBlock(statements: readonly ts.Statement[], parent: Env, scoped = true): boolean {
    return execBlock(this, statements, parent, scoped);
  }

  /** Where `return` values of the function being read are collected, and the condition depth it was entered at. */
  returns?: { value: Value; conditional: boolean }[];
  returnDepth = 0;
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
