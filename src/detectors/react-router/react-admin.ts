/**
 * react-admin / ra-core routes: `<Resource name="deals" list={…} create={…} edit={…} show={…} />` serves `/deals`,
 * `/deals/create`, `/deals/:id` and `/deals/:id/show` for the views it is given (props, or a spread object such as
 * `{...deals}` from the resource's index module), plus its `<Route>` children under `/deals/`. `<CustomRoutes>`
 * children are plain `<Route>` elements, read like `<Routes>`. Also the path of `<Route path={Page.path}>`, where the
 * page component carries its path as a static property (`Page.path = "/settings"`).
 */
import { ts } from '../../scan/ts.js';
import { property } from '../shared/ast.js';
import { resolveComponent, type ComponentRef } from '../shared/component-ref.js';
import { staticValue } from '../shared/static-value.js';
import type { Ctx, RouteTreeReader } from './tree.js';

/** Views in the order react-admin registers their routes, with the path each serves under the resource. */
const VIEWS: readonly (readonly [string, string])[] = [
  ['list', ''],
  ['create', '/create'],
  ['edit', '/:id'],
  ['show', '/:id/show'],
];

export function readResource(reader: RouteTreeReader, node: ts.JsxElement | ts.JsxSelfClosingElement, ctx: Ctx): void {
  const sf = ctx.sf;
  const attrs = (ts.isJsxElement(node) ? node.openingElement.attributes : node.attributes).properties;
  const views = new Map<string, { expr: ts.Expression; sf: ts.SourceFile }>();
  let name: string | undefined;
  for (const a of attrs) {
    if (ts.isJsxSpreadAttribute(a)) {
      // `{...deals}`: an object literal, here or the default export of the resource's module.
      const found = reader.deref(a.expression, sf);
      if (!found || !ts.isObjectLiteralExpression(found.node)) continue;
      for (const [view] of VIEWS) {
        const value = property(found.node, view);
        if (value) views.set(view, { expr: value, sf: found.sf });
      }
      continue;
    }
    if (!ts.isJsxAttribute(a) || !a.initializer) continue;
    const key = a.name.getText(sf);
    const value = ts.isStringLiteral(a.initializer) ? a.initializer : ts.isJsxExpression(a.initializer) ? a.initializer.expression : undefined;
    if (!value) continue;
    if (key === 'name') name = staticValue(reader.index, sf, value)?.text;
    else if (VIEWS.some(([v]) => v === key)) views.set(key, { expr: value, sf });
  }
  if (!name) return;
  const base = `/${name}`;
  for (const [view, suffix] of VIEWS) {
    const v = views.get(view);
    if (!v) continue;
    const component = viewComponent(reader, v.expr, v.sf);
    reader.emit(ctx, sf, node, { path: `${base}${suffix}`, isIndex: false, component, wrappers: [], extras: { adminResource: name, view } });
  }
  // `<Resource name="contacts"><Route path=":id/notes/:noteId" … /></Resource>`: routes under /contacts/.
  if (ts.isJsxElement(node)) reader.fromJsxChildren(node.children, { ...ctx, prefix: ctx.prefix ? `${ctx.prefix.replace(/\/$/, '')}${base}` : base });
}

function viewComponent(reader: RouteTreeReader, expr: ts.Expression, sf: ts.SourceFile): ComponentRef | undefined {
  if (ts.isIdentifier(expr) || ts.isPropertyAccessExpression(expr)) return resolveComponent(reader.index, sf, expr.getText(sf));
  if (ts.isJsxElement(expr) || ts.isJsxSelfClosingElement(expr)) return reader.fromElement(expr, sf).component;
  return undefined;
}

/** `path={SettingsPage.path}` where the page's module sets `SettingsPage.path = "/settings"`. */
export function staticPathProperty(reader: RouteTreeReader, expr: ts.Expression, sf: ts.SourceFile): string | undefined {
  if (!ts.isPropertyAccessExpression(expr) || !ts.isIdentifier(expr.expression)) return undefined;
  const owner = expr.expression.text;
  const ref = resolveComponent(reader.index, sf, owner);
  const file = ref.file ?? sf.fileName;
  const text = reader.index.read(file) ?? '';
  const m = new RegExp(`(?:^|\\n)\\s*${owner}\\.${expr.name.text}\\s*=\\s*(['"\`])([^'"\`$]*)\\1`).exec(text);
  return m?.[2];
}
