/**
 * Reads one React Router route tree — route objects (`createBrowserRouter([...])`, `useRoutes`) or `<Route>` JSX
 * (`<Routes>`, `createRoutesFromElements`) — composing nested paths and carrying guard layouts down to children.
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import { lineOf, ts } from '../../scan/ts.js';
import { lastName, property } from '../shared/ast.js';
import { staticValue } from '../shared/static-value.js';
import { dynamicImport, followExport, importsCached, localDeclaration, resolveComponent, type ComponentRef } from '../shared/component-ref.js';
import { composePath, routeKey, type FrontendRouteData } from '../shared/frontend-route.js';
import { moduleResolver } from '../shared/resolve-module.js';
import { clip } from '../../secrets/clip.js';
import { mappedRoute, readMappedRoutes } from './mapped-routes.js';
import { derefValue } from './deref.js';
import { configComponent, readJsxValue } from './jsx-values.js';
import { branches, filteredArray, isNothing } from './route-array.js';
import { readResource, staticPathProperty } from './react-admin.js';
import { isGuardComponent } from './guard-shape.js';

export interface Mount {
  readonly prefix: string;
  readonly guards: readonly string[];
  readonly depth: number;
  /** Key (`routeKey`) of the route whose children these are, so a layout's own routes can be counted. */
  readonly parent?: string;
}

export interface Ctx extends Mount {
  readonly sf: ts.SourceFile;
}

/** Calls whose first argument is a route tree. */
export const ROUTER_CALLS = new Set(['createBrowserRouter', 'createHashRouter', 'createMemoryRouter', 'useRoutes', 'createStaticHandler']);
export const ELEMENT_CALLS = new Set(['createRoutesFromElements', 'createRoutesFromChildren']);

export class RouteTreeReader {
  readonly routes: FrontendRouteData[] = [];
  /** Guard components met while reading (wrappers such as `<RequireAuth>`), by name → where they are defined. */
  readonly guardAt: Record<string, { file: string; line?: number }> = {};
  /** Route arrays or entries not read (built by a call, a function, a variable this reader cannot follow). */
  readonly unread: { file: string; line: number; text: string }[] = [];

  constructor(
    readonly index: RepoIndex,
    private readonly app: string,
  ) {}

  /** The argument of a router call: an array, a const holding one (here or imported), or `createRoutesFromElements`. */
  fromArray(expr: ts.Expression | undefined, ctx: Ctx, seen = 0): void {
    if (!expr || seen > 20) return;
    const found = this.deref(expr, ctx.sf);
    if (!found) return this.notRead(expr, ctx.sf);
    const { node, sf } = found;
    const here = { ...ctx, sf };
    const filtered = filteredArray(node);
    if (filtered) return this.fromArray(filtered, here, seen + 1);
    const conditional = branches(node, sf);
    if (conditional) {
      // `...(cond ? [a] : [])`: each branch's routes exist only when its condition holds.
      for (const b of conditional) if (!isNothing(b.expr)) this.fromArray(b.expr, { ...here, guards: [...here.guards, b.when] }, seen + 1);
    } else if (ts.isArrayLiteralExpression(node)) {
      for (const el of node.elements) {
        if (ts.isSpreadElement(el)) this.fromArray(el.expression, here, seen + 1);
        else this.fromEntry(el, here);
      }
    } else if (ts.isCallExpression(node) && ELEMENT_CALLS.has(lastName(node.expression) ?? '')) {
      this.fromJsxChildren([node.arguments[0]].filter(Boolean) as ts.Node[], here);
    } else if (ts.isObjectLiteralExpression(node)) {
      this.fromObject(node, here);
    } else this.notRead(node, sf);
  }

  /** One array entry: a route object, or `cond ? {…} : null` / `cond && {…}`, whose route exists only when cond holds. */
  private fromEntry(el: ts.Expression, ctx: Ctx): void {
    if (isNothing(el)) return;
    const conditional = branches(ts.isParenthesizedExpression(el) ? el.expression : el, ctx.sf);
    if (!conditional) return this.fromObject(el, ctx);
    for (const b of conditional) if (!isNothing(b.expr)) this.fromEntry(b.expr, { ...ctx, guards: [...ctx.guards, b.when] });
  }

  /** A route array or entry built in a way this reader does not follow: the route list is then incomplete. */
  notRead(node: ts.Expression, sf: ts.SourceFile): void {
    this.unread.push({ file: sf.fileName, line: lineOf(node, sf), text: clip(node.getText(sf).replace(/\s+/g, ' '), 60) });
  }

  private fromObject(expr: ts.Expression, ctx: Ctx): void {
    const found = this.deref(expr, ctx.sf);
    if (!found || !ts.isObjectLiteralExpression(found.node)) return this.notRead(found?.node ?? expr, found?.sf ?? ctx.sf);
    const { node: obj, sf } = found;
    const isIndex = property(obj, 'index')?.kind === ts.SyntaxKind.TrueKeyword;
    const path = staticValue(this.index, sf, property(obj, 'path'))?.text;
    let component: ComponentRef | undefined;
    let wrappers: string[] = [];
    const element = property(obj, 'element');
    const Component = property(obj, 'Component') ?? property(obj, 'component');
    const lazy = property(obj, 'lazy');
    if (element) ({ component, wrappers } = this.fromElement(element, sf));
    else if (Component && (ts.isIdentifier(Component) || ts.isPropertyAccessExpression(Component))) {
      component = resolveComponent(this.index, sf, Component.getText(sf));
    } else if (lazy) component = this.lazyModule(lazy, sf);
    const errorElement = property(obj, 'errorElement');
    const extras: Record<string, string> = {};
    if (errorElement) {
      const err = this.fromElement(errorElement, sf).component;
      if (err) extras.errorElement = err.name;
    }
    if (property(obj, 'loader')) extras.loader = 'yes';
    this.emit(ctx, sf, obj, { path, isIndex, component, wrappers, children: property(obj, 'children'), extras });
  }

  /** Records one route and reads its children (used by `mapped-routes.ts` too). */
  emit(
    ctx: Ctx,
    sf: ts.SourceFile,
    at: ts.Node,
    r: {
      path?: string;
      isIndex: boolean;
      component?: ComponentRef;
      wrappers: string[];
      children?: ts.Expression | readonly ts.Node[];
      extras?: Record<string, string>;
    },
  ): void {
    const full = r.isIndex && r.path === undefined ? ctx.prefix || '/' : composePath(ctx.prefix, r.path);
    const hasChildren = Array.isArray(r.children) ? r.children.length > 0 : !!r.children;
    const guards = [...ctx.guards, ...r.wrappers.filter((w) => this.isGuard(w, sf))];
    let key = ctx.parent;
    if (r.component || r.path !== undefined || r.isIndex) {
      // A layout route without a path adds no URL segment: its children sit at its parent's path.
      const pathless = r.path === undefined && !r.isIndex && hasChildren;
      const extras = { ...r.extras, ...(pathless ? { pathless: 'yes' } : {}) };
      const route: FrontendRouteData = {
        app: this.app,
        router: 'react-router',
        path: full,
        component: r.component?.name,
        file: r.component?.file,
        line: r.component?.line,
        module: r.component?.module,
        declaredAt: { file: sf.fileName, line: lineOf(at, sf) },
        index: r.isIndex,
        layout: hasChildren,
        lazy: !!r.component?.lazy,
        guards,
        depth: ctx.depth,
        extras: Object.keys(extras).length ? extras : undefined,
        ...(ctx.parent ? { parent: ctx.parent } : {}),
      };
      this.routes.push(route);
      key = routeKey(route);
    }
    const isGuard = !!r.component && isGuardComponent(this.index, r.component.name, r.component);
    const childGuards = r.component && hasChildren && isGuard ? [...guards, r.component.name] : guards;
    if (r.component?.file && isGuard) this.guardAt[r.component.name] ??= { file: r.component.file, line: r.component.line };
    const child: Ctx = { sf, prefix: full, guards: childGuards, depth: ctx.depth + 1, ...(key ? { parent: key } : {}) };
    if (Array.isArray(r.children)) this.fromJsxChildren(r.children, child);
    else if (r.children) this.fromArray(r.children as ts.Expression, child);
  }

  /** `<Route>` elements among JSX children (fragments and `{cond && <Route/>}` included). */
  fromJsxChildren(nodes: readonly ts.Node[], ctx: Ctx): void {
    for (const node of nodes) {
      if (ts.isJsxElement(node) || ts.isJsxSelfClosingElement(node)) {
        const tag = tagName(node);
        if (tag && /Route$/.test(tag) && tag !== 'Routes') this.fromJsxRoute(node, tag, ctx);
        else if (tag === 'Resource') readResource(this, node, ctx);
        else if (ts.isJsxElement(node)) this.fromJsxChildren(node.children, ctx);
      } else if (ts.isJsxFragment(node)) this.fromJsxChildren(node.children, ctx);
      else if (ts.isJsxExpression(node) && node.expression) {
        // `{isAdmin && <Route …/>}`: the routes exist only when the condition holds.
        const e = node.expression;
        const mapped = mappedRoute(e);
        if (mapped) {
          readMappedRoutes(this, mapped, ctx);
          continue;
        }
        const condition = ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken ? e.left : ts.isConditionalExpression(e) ? e.condition : undefined;
        const text = condition ? condition.getText(ctx.sf).replace(/\s+/g, ' ') : '';
        const when = text ? `when ${clip(text, 48)}` : undefined;
        this.fromJsxChildren(jsxIn(e), when ? { ...ctx, guards: [...ctx.guards, when] } : ctx);
      }
      else if (ts.isParenthesizedExpression(node)) this.fromJsxChildren([node.expression], ctx);
      // `{routes}`, `{routes[routeType]}`: `<Route>`s kept in a variable (`jsx-values.ts`).
      else if (ts.isIdentifier(node) || ts.isElementAccessExpression(node) || ts.isPropertyAccessExpression(node) || ts.isCallExpression(node)) readJsxValue(this, node, ctx);
    }
  }

  private fromJsxRoute(node: ts.JsxElement | ts.JsxSelfClosingElement, tag: string, ctx: Ctx): void {
    const sf = ctx.sf;
    const attrs = ts.isJsxElement(node) ? node.openingElement.attributes : node.attributes;
    const attr = (name: string): ts.Expression | true | undefined => {
      for (const a of attrs.properties) {
        if (!ts.isJsxAttribute(a) || a.name.getText(sf) !== name) continue;
        if (!a.initializer) return true;
        if (ts.isStringLiteral(a.initializer)) return a.initializer;
        if (ts.isJsxExpression(a.initializer)) return a.initializer.expression;
      }
      return undefined;
    };
    const pathAttr = attr('path');
    // A path that cannot be resolved is shown as written, not dropped (which would make the route look pathless).
    const path =
      pathAttr && pathAttr !== true
        ? (staticValue(this.index, sf, pathAttr)?.text ?? staticPathProperty(this, pathAttr, sf) ?? `{${clip(pathAttr.getText(sf), 40)}}`)
        : undefined;
    const indexAttr = attr('index');
    const isIndex = indexAttr === true || (indexAttr !== undefined && indexAttr.kind === ts.SyntaxKind.TrueKeyword);
    let component: ComponentRef | undefined;
    let wrappers: string[] = tag !== 'Route' ? [tag] : [];
    const element = attr('element');
    const Component = attr('Component') ?? attr('component');
    const lazy = attr('lazy');
    if (element && element !== true) {
      const r = this.fromElement(element, sf);
      component = r.component;
      wrappers = [...wrappers, ...r.wrappers];
    } else if (Component && Component !== true && (ts.isIdentifier(Component) || ts.isPropertyAccessExpression(Component))) {
      component = configComponent(this, Component, sf) ?? resolveComponent(this.index, sf, Component.getText(sf));
    } else if (lazy && lazy !== true) component = this.lazyModule(lazy, sf);
    const children = ts.isJsxElement(node) ? node.children.filter((c) => !ts.isJsxText(c)) : [];
    // v5 style: `<Route path="/x"><Page /></Route>` renders its only child.
    if (!component && path !== undefined && children.length > 0 && !children.some(isRouteElement)) {
      const r = this.fromElement(children[0] as ts.Expression, sf);
      component = r.component;
    }
    const routeChildren = children.filter(isRouteElementOrContainer);
    // v5 `<Route component={NotFound} />` with no path matches every URL (inside `<Switch>`: every URL no earlier
    // route took), so it is the catch-all, not the parent's path.
    const catchAll = path === undefined && !isIndex && routeChildren.length === 0 && attr('component') !== undefined;
    this.emit(ctx, sf, node, { path: catchAll ? '*' : path, isIndex, component, wrappers, children: routeChildren });
  }

  /**
   * `<Guard><Suspense><Page /></Suspense></Guard>` → component Page, wrappers [Guard, Suspense]. `boundTag` names the
   * component behind a tag that is a variable of a `.map` callback (`<Element />`), null when this entry has none.
   */
  fromElement(expr: ts.Expression, sf: ts.SourceFile, boundTag?: (tag: string) => ComponentRef | null | undefined): { component?: ComponentRef; wrappers: string[] } {
    const resolve = (tag: string): ComponentRef | undefined => {
      const bound = boundTag?.(tag);
      return bound === null ? undefined : bound ?? resolveComponent(this.index, sf, tag);
    };
    const wrappers: string[] = [];
    const noteGuard = (tag: string) => {
      if (this.guardAt[tag]) return;
      const ref = resolveComponent(this.index, sf, tag);
      if (ref.file && isGuardComponent(this.index, tag, ref)) this.guardAt[tag] = { file: ref.file, line: ref.line };
    };
    let node: ts.Node | undefined = expr;
    for (let i = 0; i < 8 && node; i++) {
      if (ts.isParenthesizedExpression(node)) node = node.expression;
      else if (ts.isConditionalExpression(node)) {
        // `cond ? <A><Page /></A> : <B><Page /></B>`: the same page behind one wrapper or the other.
        const a = this.fromElement(node.whenTrue, sf, boundTag);
        const b = this.fromElement(node.whenFalse, sf, boundTag);
        if (a.component && a.component.name === b.component?.name && a.wrappers.length === b.wrappers.length) {
          return { component: a.component, wrappers: [...wrappers, ...a.wrappers.map((w, j) => (w === b.wrappers[j] ? w : `${w} or ${b.wrappers[j]}`))] };
        }
        node = node.whenTrue;
      }
      else if (ts.isBinaryExpression(node)) node = node.right;
      else if (ts.isJsxElement(node)) {
        const elements: ts.JsxChild[] = node.children.filter((c: ts.JsxChild) => ts.isJsxElement(c) || ts.isJsxSelfClosingElement(c));
        const tag = tagName(node);
        // `<Guard>{route.element}</Guard>` inside a `.map` callback: the page is the entry's element.
        const only = node.children.filter((c) => !ts.isJsxText(c) || c.text.trim());
        const inner = only.length === 1 && ts.isJsxExpression(only[0]) ? only[0].expression : undefined;
        const boundChild = inner && boundTag && (ts.isIdentifier(inner) || ts.isPropertyAccessExpression(inner)) ? boundTag(inner.getText(sf)) ?? undefined : undefined;
        if (boundChild && tag) {
          wrappers.push(tag);
          noteGuard(tag);
          return { component: boundChild, wrappers };
        }
        if (elements.length === 1 && tag) {
          wrappers.push(tag);
          noteGuard(tag);
          node = elements[0];
        } else return { component: tag ? resolve(tag) : undefined, wrappers };
      } else if (ts.isJsxSelfClosingElement(node)) {
        const tag = tagName(node);
        return { component: tag ? resolve(tag) : undefined, wrappers };
      } else break;
    }
    return { wrappers };
  }

  /** A wrapper tag is a guard by name or by what its definition does (`guard-shape.ts`). */
  private isGuard(tag: string, sf: ts.SourceFile): boolean {
    return isGuardComponent(this.index, tag, /^\w+(\.\w+)?$/.test(tag) ? resolveComponent(this.index, sf, tag) : undefined);
  }

  /** `lazy: () => import('./pages/Detail')` → the module file, named after it. */
  lazyModule(expr: ts.Expression, sf: ts.SourceFile): ComponentRef | undefined {
    const specifier = dynamicImport(expr);
    if (!specifier) return undefined;
    const file = moduleResolver(this.index).resolve(sf.fileName, specifier);
    const name = specifier.split('/').pop() ?? specifier;
    if (!file) return { name, lazy: true, module: specifier };
    // The definition's file and line, past any barrel (`export { default } from './Detail'`).
    const exported = followExport(this.index, file, 'Component', 0);
    return { name, ...(exported.line !== undefined ? exported : followExport(this.index, file, 'default', 0)), lazy: true };
  }

  /** An identifier's value (`deref.ts`). */
  deref(expr: ts.Expression | undefined, sf: ts.SourceFile): { node: ts.Expression; sf: ts.SourceFile } | undefined {
    return derefValue(this.index, expr, sf);
  }
}


export function tagName(node: ts.JsxElement | ts.JsxSelfClosingElement): string | undefined {
  const tag = ts.isJsxElement(node) ? node.openingElement.tagName : node.tagName;
  return ts.isIdentifier(tag) || ts.isPropertyAccessExpression(tag) ? tag.getText() : undefined;
}

function isRouteElement(node: ts.Node): boolean {
  if (!ts.isJsxElement(node) && !ts.isJsxSelfClosingElement(node)) return false;
  const tag = tagName(node);
  return !!tag && /Route$/.test(tag) && tag !== 'Routes';
}

function isRouteElementOrContainer(node: ts.Node): boolean {
  return isRouteElement(node) || ts.isJsxFragment(node) || ts.isJsxExpression(node);
}

function jsxIn(expr: ts.Expression): ts.Node[] {
  if (ts.isBinaryExpression(expr)) return [expr.right];
  if (ts.isConditionalExpression(expr)) return [expr.whenTrue, expr.whenFalse];
  if (ts.isParenthesizedExpression(expr)) return [expr.expression];
  return [expr];
}
