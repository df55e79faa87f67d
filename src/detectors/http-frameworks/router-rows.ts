/**
 * Routers mounted in a loop over a list kept as data: `routers.forEach((e) => app.use(e.basePath, e.router))`,
 * `for (const { path, router } of routes) app.use(path, router)`. The list is followed only when it is known
 * statically: an array literal, a constant holding one (here, or exported by another module), spreads of those, and
 * `.map((c) => ({ … }))` over one. Its elements are object literals (or constants holding them), namespace imports of
 * modules that export the properties (`import * as auth from './auth'`), or instances of classes holding a router
 * (`new AuthController()`, `container.get(AuthController)`). A list not known this way gives nothing: the caller reads
 * the mount as written and the routers it attaches stay unresolved; an element not known is left out the same way.
 */
import { ts } from '../../scan/ts.js';
import { constantsOf, importsOf, property, propertyNameText, staticString } from '../shared/ast.js';
import { localDeclaration } from '../shared/component-ref.js';
import { PATH_PROPERTY } from './router-classes.js';
import type { CrossFileLinks } from './router-links.js';
import { frameworkOfModule, unwrapConst } from './router-syntax.js';
import type { Base } from './router-targets.js';
import type { MountTarget } from './router-types.js';

type Element =
  | { readonly kind: 'object'; readonly obj: ts.ObjectLiteralExpression; readonly env: Env }
  | { readonly kind: 'module'; readonly module: string; readonly sf: ts.SourceFile }
  | { readonly kind: 'instance'; readonly cls: ts.ClassDeclaration }
  /** Anything else (`usersRouter`, `require('./x')`, `auth`): used whole, as if written in the `use` call. */
  | { readonly kind: 'value'; readonly expr: ts.Expression; readonly sf: ts.SourceFile };
/** A loop variable (no `prop`), or a name destructured from it (`({ path, router }) => …`): its element and property. */
type Env = ReadonlyMap<string, { readonly element: Element; readonly prop?: string }>;
const EMPTY: Env = new Map();

export interface RowScope {
  readonly sf: ts.SourceFile;
  readonly links?: CrossFileLinks;
  prefixOf(e: ts.Expression): Base;
  targetOf(e: ts.Expression): MountTarget | undefined;
}

export interface RowMount {
  readonly prefix: Base;
  readonly target?: MountTarget;
  /** A whole element of this file (`[auth, logger].forEach((mw) => app.use('/api', mw))`): middleware if no router. */
  readonly middleware?: ts.Expression;
}

/** One mount per element of the list `target` is read from, or undefined when that list is not known statically. */
export function loopMounts(prefix: ts.Expression, target: ts.Expression, scope: RowScope): RowMount[] | undefined {
  const loop = loopOf(target);
  const elements = loop && elementsOf(loop.list, scope.sf, scope.links, 0);
  if (!loop || !elements) return undefined;
  const rows = elements.map((element): RowMount => {
    const env: Env = new Map(loop.names.map(([name, prop]) => [name, { element, ...(prop ? { prop } : {}) }]));
    const state = { ownPath: false };
    const p = stringOf(prefix, scope.sf, env, scope, state);
    const t = targetIn(target, scope.sf, env, scope);
    // A controller's router already carries its own `routerPath` (router-classes.ts): mounted under a prefix that
    // does not read it, its routes' paths are not known, so it is left as today (unmounted, unresolved).
    const known = t?.target && !(t.carriesPath && !state.ownPath);
    return { prefix: p, ...(known ? { target: t.target } : {}), ...(t?.middleware ? { middleware: t.middleware } : {}) };
  });
  // Nothing followed: the `use` call is read as written, as before.
  return rows.some((r) => r.target || r.middleware) ? rows : undefined;
}

/** The loop `e` (in `e.router`, or destructured as `router`) is the variable of, and the names it binds. */
export function loopOf(target: ts.Expression): { list: ts.Expression; names: [string, string | undefined][] } | undefined {
  const name = ts.isPropertyAccessExpression(target) && ts.isIdentifier(target.expression) ? target.expression.text : ts.isIdentifier(target) ? target.text : undefined;
  if (!name) return undefined;
  for (let n: ts.Node | undefined = target.parent; n; n = n.parent) {
    if ((ts.isArrowFunction(n) || ts.isFunctionExpression(n)) && n.parameters[0]) {
      const names = bound(n.parameters[0].name);
      if (!names.some(([b]) => b === name)) continue;
      const call = n.parent;
      const loop = ts.isCallExpression(call) && call.arguments[0] === n && ts.isPropertyAccessExpression(call.expression) && /^(forEach|map)$/.test(call.expression.name.text);
      return loop ? { list: (call.expression as ts.PropertyAccessExpression).expression, names } : undefined;
    }
    if (ts.isForOfStatement(n) && ts.isVariableDeclarationList(n.initializer) && n.initializer.declarations[0]) {
      const names = bound(n.initializer.declarations[0].name);
      if (names.some(([b]) => b === name)) return { list: n.expression, names };
    }
  }
  return undefined;
}

/** `e` → `[['e', undefined]]`; `{ path, router: r }` → `[['path', 'path'], ['r', 'router']]`. */
function bound(name: ts.BindingName): [string, string | undefined][] {
  if (ts.isIdentifier(name)) return [[name.text, undefined]];
  if (!ts.isObjectBindingPattern(name)) return [];
  return name.elements.flatMap((el): [string, string | undefined][] => {
    if (el.dotDotDotToken || !ts.isIdentifier(el.name)) return [];
    const prop = el.propertyName ? propertyNameText(el.propertyName) : el.name.text;
    return prop ? [[el.name.text, prop]] : [];
  });
}

export function elementsOf(expr: ts.Expression, sf: ts.SourceFile, links: CrossFileLinks | undefined, depth: number): Element[] | undefined {
  const e = unwrapConst(expr);
  if (depth > 4) return undefined;
  if (ts.isArrayLiteralExpression(e)) {
    return e.elements.flatMap((el) => (ts.isSpreadElement(el) ? elementsOf(el.expression, sf, links, depth + 1) : elementOf(el, sf, links, depth + 1)) ?? []);
  }
  if (ts.isIdentifier(e)) {
    const v = valueOf(e, sf, links);
    return v && elementsOf(v.value, v.sf, links, depth + 1);
  }
  // `[…].map((c) => ({ basePath: `/api${c.routerPath}`, router: c.router }))`: each element seen through the object.
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'map') {
    const fn = e.arguments[0];
    const obj = fn && (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && fn.parameters[0] ? returnedObject(fn) : undefined;
    const names = obj ? bound((fn as ts.ArrowFunction).parameters[0].name) : [];
    const inner = obj && elementsOf(e.expression.expression, sf, links, depth + 1);
    return inner?.map((element) => ({ kind: 'object', obj: obj!, env: new Map(names.map(([n, prop]) => [n, { element, ...(prop ? { prop } : {}) }])) }));
  }
  return undefined;
}

function elementOf(expr: ts.Expression, sf: ts.SourceFile, links: CrossFileLinks | undefined, depth: number): Element | undefined {
  const e = unwrapConst(expr);
  if (ts.isObjectLiteralExpression(e)) return { kind: 'object', obj: e, env: EMPTY };
  // `new AuthController()`, `container.get(AuthController)`: an instance of a class declared in the repository.
  const cls = ts.isNewExpression(e) ? e.expression : ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.arguments.length === 1 ? e.arguments[0] : undefined;
  const decl = cls && ts.isIdentifier(cls) ? classOf(cls.text, sf, links) : undefined;
  if (decl) return { kind: 'instance', cls: decl };
  const whole: Element = { kind: 'value', expr, sf };
  if (!ts.isIdentifier(e) || depth > 6) return whole;
  const b = importsOf(sf).get(e.text);
  if (b?.imported === '*') return { kind: 'module', module: b.module, sf };
  const v = valueOf(e, sf, links);
  const inner = v && elementOf(v.value, v.sf, links, depth + 1);
  return inner && inner.kind !== 'value' ? inner : whole;
}

/** `(c) => ({ … })` or `(c) => { return { … }; }`: the object made for each element. */
function returnedObject(fn: ts.ArrowFunction | ts.FunctionExpression): ts.ObjectLiteralExpression | undefined {
  const body = ts.isBlock(fn.body) ? fn.body.statements.find(ts.isReturnStatement)?.expression : fn.body;
  const obj = body && unwrapConst(body);
  return obj && ts.isObjectLiteralExpression(obj) ? obj : undefined;
}

/** A constant here, or one another module exports (through barrels). */
function valueOf(id: ts.Identifier, sf: ts.SourceFile, links: CrossFileLinks | undefined): { value: ts.Expression; sf: ts.SourceFile } | undefined {
  const local = constants(sf).get(id.text);
  if (local) return { value: local, sf };
  const b = importsOf(sf).get(id.text);
  return b && b.imported !== '*' ? links?.exportedConst(sf.fileName, b.module, b.imported) : undefined;
}

function classOf(name: string, sf: ts.SourceFile, links: CrossFileLinks | undefined): ts.ClassDeclaration | undefined {
  const local = localDeclaration(sf, name);
  if (local) return ts.isClassDeclaration(local) ? local : undefined;
  const b = importsOf(sf).get(name);
  return b && b.imported !== '*' ? links?.classDeclaration(sf.fileName, b.module, b.imported) : undefined;
}

const constantsCache = new WeakMap<ts.SourceFile, Map<string, ts.Expression>>();
function constants(sf: ts.SourceFile): Map<string, ts.Expression> {
  let c = constantsCache.get(sf);
  if (!c) constantsCache.set(sf, (c = constantsOf(sf)));
  return c;
}

/** `e.basePath` or a destructured `path`: the element and property read. */
function envRead(e: ts.Expression, env: Env): { element: Element; prop: string } | undefined {
  if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression)) {
    const v = env.get(e.expression.text);
    return v && !v.prop ? { element: v.element, prop: e.name.text } : undefined;
  }
  const v = ts.isIdentifier(e) ? env.get(e.text) : undefined;
  return v?.prop ? { element: v.element, prop: v.prop } : undefined;
}

const asWritten = (e: ts.Expression): Base => ({ text: `\${${e.getText()}}`, resolved: false });

/** A prefix, with what it reads of the element filled in; `state.ownPath` when it reads a controller's own path. */
function stringOf(expr: ts.Expression, sf: ts.SourceFile, env: Env, scope: RowScope, state: { ownPath: boolean }): Base {
  let e = expr;
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e)) e = e.expression;
  const read = envRead(e, env);
  if (read) return propertyString(read.element, read.prop, scope, state) ?? asWritten(e);
  const whole = ts.isIdentifier(e) ? env.get(e.text)?.element : undefined;
  if (whole) return whole.kind === 'value' ? stringOf(whole.expr, whole.sf, EMPTY, scope, state) : asWritten(e);
  if (ts.isTemplateExpression(e)) {
    const parts = e.templateSpans.map((s) => stringOf(s.expression, sf, env, scope, state));
    return { text: e.head.text + parts.map((p, i) => p.text + e.templateSpans[i].literal.text).join(''), resolved: parts.every((p) => p.resolved) };
  }
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const [l, r] = [stringOf(e.left, sf, env, scope, state), stringOf(e.right, sf, env, scope, state)];
    return { text: l.text + r.text, resolved: l.resolved && r.resolved };
  }
  if (sf === scope.sf) return scope.prefixOf(e);
  return staticString(e, constants(sf)) ?? asWritten(e);
}

function propertyString(el: Element, prop: string, scope: RowScope, state: { ownPath: boolean }): Base | undefined {
  if (el.kind === 'value') return undefined;
  if (el.kind === 'object') {
    const v = property(el.obj, prop);
    return v && stringOf(v, el.obj.getSourceFile(), el.env, scope, state);
  }
  if (el.kind === 'module') {
    const v = scope.links?.exportedConst(el.sf.fileName, el.module, prop);
    return v && stringOf(v.value, v.sf, EMPTY, scope, state);
  }
  // The class's own `routerPath`: its router's routes already carry it (router-classes.ts), so it adds nothing here.
  const csf = el.cls.getSourceFile();
  if (PATH_PROPERTY.test(prop) && scope.links?.inheritedRouters(csf, el.cls).mountPath) {
    state.ownPath = true;
    return { text: '', resolved: true };
  }
  const member = el.cls.members.find((m) => ts.isPropertyDeclaration(m) && propertyNameText(m.name) === prop) as ts.PropertyDeclaration | undefined;
  return member?.initializer ? staticString(member.initializer, constants(csf)) : undefined;
}

/** What a mount's router argument attaches, with what it reads of the element followed. */
type Attached = { target?: MountTarget; carriesPath?: boolean; middleware?: ts.Expression };
function targetIn(expr: ts.Expression, sf: ts.SourceFile, env: Env, scope: RowScope): Attached | undefined {
  const read = envRead(expr, env);
  if (read) return propertyTarget(read.element, read.prop, scope);
  const whole = ts.isIdentifier(expr) ? env.get(expr.text)?.element : undefined;
  if (whole?.kind === 'value') return { ...targetIn(whole.expr, whole.sf, EMPTY, scope), ...(whole.sf === scope.sf ? { middleware: whole.expr } : {}) };
  if (whole) return undefined;
  if (sf === scope.sf) return { target: scope.targetOf(expr) };
  // In the module that holds the list: a name it imports, or a router of its own.
  const file = sf.fileName;
  if (!ts.isIdentifier(expr)) return undefined;
  const b = importsOf(sf).get(expr.text);
  if (b) return frameworkOfModule(b.module) ? undefined : { target: { kind: 'import', module: b.module, imported: b.imported === '*' ? 'default' : b.imported, file } };
  return { target: { kind: 'unit', name: expr.text, file } };
}

function propertyTarget(el: Element, prop: string, scope: RowScope): Attached | undefined {
  if (el.kind === 'value') return undefined;
  if (el.kind === 'object') {
    const v = property(el.obj, prop);
    return v && targetIn(v, el.obj.getSourceFile(), el.env, scope);
  }
  const file = el.kind === 'module' ? el.sf.fileName : el.cls.getSourceFile().fileName;
  const at = file === scope.sf.fileName ? {} : { file };
  if (el.kind === 'module') return { target: { kind: 'import', module: el.module, imported: prop, ...at } };
  // The class's router is the unit its file names `AuthController.router` (router-declarations.ts).
  if (!el.cls.name) return undefined;
  const held = scope.links?.inheritedRouters(el.cls.getSourceFile(), el.cls);
  return { target: { kind: 'unit', name: `${el.cls.name.text}.${prop}`, ...at }, carriesPath: !!held?.mountPath && held.routers.some((r) => r.property === prop) };
}
