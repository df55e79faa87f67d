/**
 * A route array rendered through JSX:
 * `{routes.map(({ element: Element, ...rest }) => <Route key={rest.path} {...rest} element={<Element />} />)}` or
 * `{routes.map((route) => <Route {...route} />)}`. For one array entry, works out which value each attribute of the
 * mapped `<Route>` takes: the entry's own property (spread, destructured or `route.x`) or the JSX as written.
 */
import { ts } from '../../scan/ts.js';
import { propertyNameText } from '../shared/ast.js';
import { resolveComponent, type ComponentRef } from '../shared/component-ref.js';
import { staticValue } from '../shared/static-value.js';
import { clip } from '../../secrets/clip.js';
import type { Ctx, RouteTreeReader } from './tree.js';

export interface MappedRouteJsx {
  /** The array being mapped, as written (`routes`). */
  readonly array: ts.Expression;
  readonly param: ts.BindingName;
  readonly route: ts.JsxElement | ts.JsxSelfClosingElement;
  readonly tag: string;
}

/** One attribute's value: an expression in `sf`, or `undefined` for a bare attribute (`<Route index />`). */
export interface AttrValue {
  readonly expr?: ts.Expression;
  readonly sf: ts.SourceFile;
  /** True when the value comes from the array entry rather than from the JSX. */
  readonly fromEntry: boolean;
}

/** `X.map(fn)` (or `X.filter(…).map(fn)`) whose callback returns a `<…Route>` element. */
export function mappedRoute(expr: ts.Expression): MappedRouteJsx | undefined {
  if (!ts.isCallExpression(expr) || !ts.isPropertyAccessExpression(expr.expression) || expr.expression.name.text !== 'map') return undefined;
  let array = expr.expression.expression;
  // A filter keeps a subset of the same entries; reading them all over-reports only entries the code may hide.
  while (ts.isCallExpression(array) && ts.isPropertyAccessExpression(array.expression) && array.expression.name.text === 'filter') array = array.expression.expression;
  const fn = expr.arguments[0];
  if (!fn || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) || !fn.parameters[0]) return undefined;
  const route = returnedJsx(fn.body);
  if (!route) return undefined;
  const tagNode = ts.isJsxElement(route) ? route.openingElement.tagName : route.tagName;
  const tag = ts.isIdentifier(tagNode) || ts.isPropertyAccessExpression(tagNode) ? tagNode.getText() : '';
  if (!/Route$/.test(tag) || tag === 'Routes') return undefined;
  return { array, param: fn.parameters[0].name, route, tag };
}

function returnedJsx(body: ts.ConciseBody): ts.JsxElement | ts.JsxSelfClosingElement | undefined {
  let node: ts.Node = body;
  if (ts.isBlock(body)) {
    const ret = body.statements.find(ts.isReturnStatement);
    if (!ret?.expression) return undefined;
    node = ret.expression;
  }
  while (ts.isParenthesizedExpression(node)) node = node.expression;
  return ts.isJsxElement(node) || ts.isJsxSelfClosingElement(node) ? node : undefined;
}

/** The callback parameter's names: the whole entry, each destructured key by local name, and the rest binding. */
interface Bindings {
  readonly whole?: string;
  readonly keyOf: Map<string, string>;
  readonly rest?: string;
}

function bindingsOf(param: ts.BindingName, array?: ts.Expression): Bindings {
  const over = array && objectValuesCall(array);
  // `Object.keys(routes).map((key) => <Route path={routes[key].path} />)`: the entry is `routes[key]`.
  if (over?.method === 'keys') return ts.isIdentifier(param) && ts.isIdentifier(over.object) ? { whole: `${over.object.text}[${param.text}]`, keyOf: new Map() } : { keyOf: new Map() };
  // `Object.entries(routes).map(([name, route]) => …)`: the entry is the pair's second item.
  if (over?.method === 'entries') {
    const second = ts.isArrayBindingPattern(param) ? param.elements[1] : undefined;
    return second && ts.isBindingElement(second) ? bindingsOf(second.name) : { keyOf: new Map() };
  }
  if (ts.isIdentifier(param)) return { whole: param.text, keyOf: new Map() };
  const keyOf = new Map<string, string>();
  let rest: string | undefined;
  if (ts.isObjectBindingPattern(param)) {
    for (const el of param.elements) {
      if (!ts.isIdentifier(el.name)) continue;
      if (el.dotDotDotToken) rest = el.name.text;
      else keyOf.set(el.name.text, el.propertyName ? propertyNameText(el.propertyName) ?? el.name.text : el.name.text);
    }
  }
  return { keyOf, rest };
}

function entryProperties(entry: ts.ObjectLiteralExpression): Map<string, ts.Expression> {
  const out = new Map<string, ts.Expression>();
  for (const p of entry.properties) {
    if (ts.isPropertyAssignment(p)) {
      const key = propertyNameText(p.name);
      if (key) out.set(key, p.initializer);
    } else if (ts.isShorthandPropertyAssignment(p)) out.set(p.name.text, p.name);
  }
  return out;
}

/** What the mapped `<Route>` receives for one entry, attribute by attribute (later attributes win, as in React). */
export class MappedEntry {
  private readonly bindings: Bindings;
  private readonly props: Map<string, ts.Expression>;

  constructor(
    private readonly m: MappedRouteJsx,
    private readonly jsxSf: ts.SourceFile,
    private readonly entry: ts.ObjectLiteralExpression,
    private readonly entrySf: ts.SourceFile,
  ) {
    this.bindings = bindingsOf(m.param, m.array);
    this.props = entryProperties(entry);
  }

  /** Whether a name (`Element`, `route.element`) is a variable of the callback, whatever this entry holds. */
  binds(text: string): boolean {
    const [owner, key, more] = text.split('.');
    if (more !== undefined) return false;
    if (key === undefined) return this.bindings.keyOf.has(owner);
    return owner === this.bindings.whole || owner === this.bindings.rest;
  }

  /** The entry's value behind a name of the callback (`Element` → the entry's `element`), if it is one. */
  bound(text: string): ts.Expression | undefined {
    const [owner, key, more] = text.split('.');
    if (more !== undefined) return undefined;
    if (key === undefined) {
      const prop = this.bindings.keyOf.get(owner);
      return prop ? this.props.get(prop) : undefined;
    }
    return owner === this.bindings.whole || owner === this.bindings.rest ? this.props.get(key) : undefined;
  }

  attributes(): Map<string, AttrValue> {
    const out = new Map<string, AttrValue>();
    const attrs = ts.isJsxElement(this.m.route) ? this.m.route.openingElement.attributes : this.m.route.attributes;
    const fromEntry = (expr: ts.Expression): AttrValue => ({ expr, sf: this.entrySf, fromEntry: true });
    for (const a of attrs.properties) {
      if (ts.isJsxSpreadAttribute(a)) {
        const name = ts.isIdentifier(a.expression) ? a.expression.text : undefined;
        if (!name || (name !== this.bindings.whole && name !== this.bindings.rest)) continue;
        const named = new Set(this.bindings.keyOf.values());
        for (const [key, value] of this.props) if (name === this.bindings.whole || !named.has(key)) out.set(key, fromEntry(value));
        continue;
      }
      const key = a.name.getText(this.jsxSf);
      if (!a.initializer) out.set(key, { sf: this.jsxSf, fromEntry: false });
      else if (ts.isStringLiteral(a.initializer)) out.set(key, { expr: a.initializer, sf: this.jsxSf, fromEntry: false });
      else if (ts.isJsxExpression(a.initializer) && a.initializer.expression) {
        const value = a.initializer.expression;
        const text = ts.isIdentifier(value) || ts.isPropertyAccessExpression(value) ? value.getText(this.jsxSf).replace(/\s+/g, '') : undefined;
        const bound = text ? this.bound(text) : undefined;
        // `path={route.path}` for an entry without `path`: the attribute is undefined, not the text `route.path`.
        if (!bound && text && this.binds(text)) continue;
        out.set(key, bound ? fromEntry(bound) : { expr: value, sf: this.jsxSf, fromEntry: false });
      }
    }
    return out;
  }

  get at(): { node: ts.Node; sf: ts.SourceFile } {
    return { node: this.entry, sf: this.entrySf };
  }
}

/** `{routes.map((r) => <Route {...r} />)}`: each entry of the array is a route, declared where the entry is written. */
export function readMappedRoutes(reader: RouteTreeReader, m: MappedRouteJsx, ctx: Ctx): void {
  const entries = entriesOf(reader, m.array, ctx.sf, 0);
  // An array this reader cannot follow still holds routes: the count becomes "at least".
  if (!entries) return reader.notRead(m.array, ctx.sf);
  for (const { node, sf } of entries) {
    const entry = new MappedEntry(m, ctx.sf, node, sf);
    const attrs = entry.attributes();
    const pathAttr = attrs.get('path');
    // A path that cannot be resolved is shown as written (as for `<Route path={…}>`), not dropped (which would make the route look pathless).
    const path = pathAttr?.expr ? (staticValue(reader.index, pathAttr.sf, pathAttr.expr)?.text ?? `{${clip(pathAttr.expr.getText(pathAttr.sf), 40)}}`) : undefined;
    const indexAttr = attrs.get('index');
    const isIndex = !!indexAttr && (!indexAttr.expr || indexAttr.expr.kind === ts.SyntaxKind.TrueKeyword);
    let component: ComponentRef | undefined;
    let wrappers: string[] = m.tag !== 'Route' ? [m.tag] : [];
    const element = attrs.get('element')?.expr ? attrs.get('element') : undefined;
    const Component = attrs.get('Component') ?? attrs.get('component');
    const lazy = attrs.get('lazy');
    // An entry may hold the component itself (`element: Dashboard`) and the JSX render it as `<Element />`.
    const boundTag = (tag: string): ComponentRef | null | undefined => {
      if (!entry.binds(tag)) return undefined;
      const value = entry.bound(tag);
      if (!value) return null;
      if (ts.isIdentifier(value) || ts.isPropertyAccessExpression(value)) return resolveComponent(reader.index, sf, value.getText(sf));
      return reader.fromElement(value, sf).component;
    };
    if (element?.expr && element.fromEntry && (ts.isIdentifier(element.expr) || ts.isPropertyAccessExpression(element.expr))) {
      component = resolveComponent(reader.index, element.sf, element.expr.getText(element.sf));
    } else if (element?.expr) {
      const r = reader.fromElement(element.expr, element.sf, element.fromEntry ? undefined : boundTag);
      component = r.component;
      wrappers = [...wrappers, ...r.wrappers];
    } else if (Component?.expr && (ts.isIdentifier(Component.expr) || ts.isPropertyAccessExpression(Component.expr))) {
      component = resolveComponent(reader.index, Component.sf, Component.expr.getText(Component.sf));
    } else if (lazy?.expr) component = reader.lazyModule(lazy.expr, lazy.sf);
    reader.emit(ctx, sf, node, { path, isIndex, component, wrappers });
  }
}

/**
 * The object entries of an array (a const here or imported, spreads of other arrays followed), or of an object of
 * route configs mapped through `Object.values(routes)` / `Object.entries(routes)` / `Object.keys(routes)`.
 * Undefined when the array is built in a way this reader does not follow.
 */
function entriesOf(reader: RouteTreeReader, expr: ts.Expression, sf: ts.SourceFile, seen: number): { node: ts.ObjectLiteralExpression; sf: ts.SourceFile }[] | undefined {
  const objectOf = objectValuesCall(expr);
  if (objectOf) {
    const obj = reader.deref(objectOf.object, sf);
    if (!obj || !ts.isObjectLiteralExpression(obj.node)) return undefined;
    return obj.node.properties.flatMap((p) => {
      const value = ts.isPropertyAssignment(p) ? p.initializer : ts.isShorthandPropertyAssignment(p) ? p.name : undefined;
      const entry = value ? reader.deref(value, obj.sf) : undefined;
      return entry && ts.isObjectLiteralExpression(entry.node) ? [{ node: entry.node, sf: entry.sf }] : [];
    });
  }
  const found = reader.deref(expr, sf);
  if (!found || seen > 20 || !ts.isArrayLiteralExpression(found.node)) return undefined;
  return found.node.elements.flatMap((el) => {
    if (ts.isSpreadElement(el)) return entriesOf(reader, el.expression, found.sf, seen + 1) ?? [];
    const obj = reader.deref(el, found.sf);
    return obj && ts.isObjectLiteralExpression(obj.node) ? [{ node: obj.node, sf: obj.sf }] : [];
  });
}


/** `Object.values(x)`, `Object.entries(x)` or `Object.keys(x)`: the object mapped and how. */
function objectValuesCall(expr: ts.Expression): { object: ts.Expression; method: 'values' | 'entries' | 'keys' } | undefined {
  if (!ts.isCallExpression(expr) || !ts.isPropertyAccessExpression(expr.expression) || !expr.arguments[0]) return undefined;
  const { expression: owner, name } = expr.expression;
  if (!ts.isIdentifier(owner) || owner.text !== 'Object' || !['values', 'entries', 'keys'].includes(name.text)) return undefined;
  return { object: expr.arguments[0], method: name.text as 'values' | 'entries' | 'keys' };
}
