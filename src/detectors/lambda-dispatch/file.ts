/**
 * One Lambda handler file that routes requests itself: `switch (event.routeKey) { case 'GET /items': … }`,
 * `switch (event.resource)` with the method tested inside or around it, `if (event.httpMethod === 'POST' &&
 * event.path === '/items')`, or a lookup table (`const routes = { 'GET /items': listItems }; routes[event.routeKey]`).
 * Each branch's handler is the first function it calls (or the table's value), kept as written with its import.
 */
import { ts, lineOf, walk } from '../../scan/ts.js';
import { constantsOf, dottedName, importsOf, propertyNameText, type ImportBinding } from '../shared/ast.js';

export interface InnerRoute {
  readonly method: string;
  readonly path: string;
  /** What the code reads to route: `routeKey`, `resource`, `path`, `rawPath`, … */
  readonly key: string;
  readonly handler?: string;
  /** The import the handler comes from, or its same-file definition line. */
  readonly binding?: ImportBinding;
  readonly localLine?: number;
  /** False when the branch calls something that cannot be followed (`handlers[name](event)`). */
  readonly resolved: boolean;
  readonly line: number;
}

export const DISPATCH_TEXT = /\b(routeKey|httpMethod|rawPath|resourcePath)\b|\.(resource|path)\b[^;]{0,40}['"`]\//;

const METHOD_FIELDS = /^(httpMethod|method)$/;
/** Calls that are not the route's handler. */
const BUILTIN = /^(console|JSON|Object|Math|Promise|Array|String|Number|Date|Buffer|logger|log|metrics|tracer|process)\b|\.(push|map|filter|forEach|then|catch|toString|toUpperCase|toLowerCase|split|join|parse|stringify|includes|startsWith|replace|trim)$/;
const RESPONSE_HELPER = /^(respond|response|json|ok|created|noContent|badRequest|notFound|unauthorized|forbidden|success|error|failure|send|reply|res)$|Response$/i;
const PATH_FIELDS = /^(resource|path|rawPath|resourcePath)$/;
const HTTP = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ANY)$/;

type KeyKind = { kind: 'route' | 'method' | 'path'; field: string };

export function innerRoutes(sf: ts.SourceFile): InnerRoute[] {
  const imports = importsOf(sf);
  const constants = constantsOf(sf);
  const aliases = new Map<string, KeyKind>();
  /** `event.routeKey`, `event.requestContext.http.method`, an alias of one (`const { httpMethod } = event`). */
  const keyOf = (e: ts.Expression): KeyKind | undefined => {
    while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
    if (ts.isIdentifier(e)) return aliases.get(e.text);
    if (!ts.isPropertyAccessExpression(e)) return undefined;
    const field = e.name.text;
    const chain = dottedName(e) ?? '';
    if (field === 'routeKey') return { kind: 'route', field };
    if (METHOD_FIELDS.test(field) && (field === 'httpMethod' || /\.http\.method$/.test(chain))) return { kind: 'method', field: field === 'method' ? 'http.method' : field };
    if (PATH_FIELDS.test(field) && !/\.(headers|body|query)\./.test(chain)) return { kind: 'path', field };
    return undefined;
  };
  walk(sf, (node) => {
    if (!ts.isVariableDeclaration(node) || !node.initializer) return;
    if (ts.isIdentifier(node.name)) {
      const k = keyOf(node.initializer);
      if (k) aliases.set(node.name.text, k);
      // `const key = \`${event.httpMethod} ${event.resource}\``: a route key.
      if (ts.isTemplateExpression(node.initializer) && routeTemplate(node.initializer)) aliases.set(node.name.text, { kind: 'route', field: routeTemplate(node.initializer)! });
    } else if (ts.isObjectBindingPattern(node.name)) {
      for (const el of node.name.elements) {
        const prop = el.propertyName ? propertyNameText(el.propertyName as ts.PropertyName) : ts.isIdentifier(el.name) ? el.name.text : undefined;
        if (!prop || !ts.isIdentifier(el.name)) continue;
        if (prop === 'routeKey') aliases.set(el.name.text, { kind: 'route', field: prop });
        else if (prop === 'httpMethod') aliases.set(el.name.text, { kind: 'method', field: prop });
        else if (PATH_FIELDS.test(prop) && /event|evt|request|req/i.test(node.initializer.getText(sf))) aliases.set(el.name.text, { kind: 'path', field: prop });
      }
    }
  });
  /** `${event.httpMethod} ${event.resource}` → `httpMethod resource`. */
  function routeTemplate(t: ts.TemplateExpression): string | undefined {
    const kinds = t.templateSpans.map((s) => keyOf(s.expression));
    if (kinds.length === 2 && kinds[0]?.kind === 'method' && kinds[1]?.kind === 'path') return `${kinds[0].field} ${kinds[1].field}`;
    return undefined;
  }
  const keyOrTemplate = (e: ts.Expression): KeyKind | undefined => {
    while (ts.isAsExpression(e) || ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
    if (ts.isTemplateExpression(e)) {
      const f = routeTemplate(e);
      return f ? { kind: 'route', field: f } : undefined;
    }
    return keyOf(e);
  };

  const out: InnerRoute[] = [];
  /**
   * The handler of a branch: among the functions it calls (not builtins, not response helpers such as
   * `json(200, …)`), one given the event, else the first imported one, else the first defined in the file. A branch
   * that calls only something we cannot follow keeps it as written; one that calls nothing handles the request inline.
   */
  const handlerIn = (nodes: readonly ts.Node[]): Pick<InnerRoute, 'handler' | 'binding' | 'localLine' | 'resolved'> => {
    const calls: ts.CallExpression[] = [];
    for (const n of nodes) {
      const visit = (x: ts.Node): void => {
        if (ts.isFunctionLike(x)) return;
        if (ts.isCallExpression(x)) calls.push(x);
        ts.forEachChild(x, visit);
      };
      visit(n);
    }
    const named = calls.filter((c) => {
      const name = dottedName(c.expression);
      return name !== undefined && !BUILTIN.test(name) && !RESPONSE_HELPER.test(name.split('.').pop()!);
    });
    const refs = named.map((c) => ({ call: c, ref: calleeRef(c.expression) }));
    const passesEvent = (c: ts.CallExpression) => c.arguments.some((a) => /^(event|evt|e|req|request)\b/.test(a.getText(sf)));
    const pick =
      refs.find((r) => r.ref.binding && passesEvent(r.call)) ??
      refs.find((r) => r.ref.binding) ??
      refs.find((r) => r.ref.localLine !== undefined && passesEvent(r.call)) ??
      refs.find((r) => r.ref.localLine !== undefined) ??
      refs.find((r) => !r.ref.resolved);
    if (pick) return pick.ref;
    const dynamic = calls.find((c) => !ts.isIdentifier(c.expression) && !ts.isPropertyAccessExpression(c.expression));
    return dynamic ? { handler: dynamic.expression.getText(sf).slice(0, 60), resolved: false } : { resolved: true };
  };
  const calleeRef = (callee: ts.Expression): Pick<InnerRoute, 'handler' | 'binding' | 'localLine' | 'resolved'> => {
    const name = dottedName(callee);
    if (!name) return { handler: callee.getText(sf).slice(0, 60), resolved: false };
    const root = name.split('.')[0];
    const b = imports.get(root);
    if (b) return { handler: name, binding: b.imported === '*' && name.includes('.') ? { module: b.module, imported: name.split('.')[1] } : b, resolved: true };
    const local = localLine(sf, root);
    return local !== undefined ? { handler: name, localLine: local, resolved: true } : { handler: name, resolved: false };
  };
  const push = (method: string, path: string, key: string, at: ts.Node, body: readonly ts.Node[]) => {
    out.push({ method, path, key, ...handlerIn(body), line: lineOf(at, sf) });
  };
  const split = (text: string, key: KeyKind, outerMethod?: string): { method: string; path: string } | undefined => {
    if (key.kind === 'route') {
      const m = /^([A-Z]+)\s+(\S+)$/.exec(text);
      if (m && HTTP.test(m[1])) return { method: m[1], path: m[2] };
      return text === '$default' ? { method: 'ANY', path: '$default' } : undefined;
    }
    if (key.kind === 'path') return text.startsWith('/') ? { method: outerMethod ?? 'ANY', path: text } : undefined;
    return undefined;
  };

  /** The method an `if`/`case` around a node already tested (`if (event.httpMethod === 'GET') { switch (path) … }`). */
  const methodAround = (node: ts.Node): string | undefined => {
    for (let n = node.parent; n && n !== sf; n = n.parent) {
      if (ts.isCaseClause(n) && ts.isSwitchStatement(n.parent.parent) && keyOf(n.parent.parent.expression)?.kind === 'method') {
        const t = literal(n.expression);
        if (t && HTTP.test(t.toUpperCase())) return t.toUpperCase();
      }
      if (ts.isIfStatement(n.parent) && n.parent.thenStatement === n) {
        const m = tests(n.parent.expression).find((c) => c.key.kind === 'method');
        if (m) return m.value.toUpperCase();
      }
      if (ts.isFunctionLike(n)) return undefined;
    }
    return undefined;
  };
  /** `a === 'x' && b === 'y'`: the key comparisons of a condition. */
  const tests = (cond: ts.Expression): { key: KeyKind; value: string }[] => {
    if (ts.isParenthesizedExpression(cond)) return tests(cond.expression);
    if (ts.isBinaryExpression(cond) && cond.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) return [...tests(cond.left), ...tests(cond.right)];
    if (ts.isBinaryExpression(cond) && (cond.operatorToken.kind === ts.SyntaxKind.EqualsEqualsEqualsToken || cond.operatorToken.kind === ts.SyntaxKind.EqualsEqualsToken)) {
      for (const [k, v] of [[cond.left, cond.right], [cond.right, cond.left]] as const) {
        const key = keyOrTemplate(k);
        const value = literal(v);
        if (key && value !== undefined) return [{ key, value }];
      }
    }
    return [];
  };

  walk(sf, (node) => {
    if (ts.isSwitchStatement(node)) {
      const key = keyOrTemplate(node.expression);
      if (!key || key.kind === 'method') {
        // `switch (event.httpMethod)` inside a path branch is read from that branch.
        return;
      }
      const outer = methodAround(node);
      for (const clause of node.caseBlock.clauses) {
        if (!ts.isCaseClause(clause)) continue;
        const text = literal(clause.expression);
        const route = text !== undefined ? split(text, key, outer) : undefined;
        if (!route) continue;
        // `case '/items': switch (event.httpMethod) { case 'GET': … }` — one route per inner method.
        const inner = nestedMethodSwitch(clause.statements);
        if (inner && route.method === 'ANY') {
          for (const c of inner.caseBlock.clauses) {
            const m = ts.isCaseClause(c) ? literal(c.expression)?.toUpperCase() : undefined;
            if (m && HTTP.test(m)) push(m, route.path, key.field, c, c.statements);
          }
          continue;
        }
        // Fall-through cases (`case 'a': case 'b': return x()`) share the next clause with statements.
        const body = clause.statements.length > 0 ? clause.statements : nextBody(node.caseBlock.clauses, clause);
        push(route.method, route.path, key.field, clause, body);
      }
    } else if (ts.isIfStatement(node)) {
      const conditions = tests(node.expression);
      const route = conditions.find((c) => c.key.kind === 'route');
      const path = conditions.find((c) => c.key.kind === 'path');
      const method = conditions.find((c) => c.key.kind === 'method')?.value.toUpperCase() ?? methodAround(node);
      if (route) {
        const r = split(route.value, route.key);
        if (r) push(r.method, r.path, route.key.field, node, [node.thenStatement]);
      } else if (path && path.value.startsWith('/')) {
        push(method ?? 'ANY', path.value, path.key.field, node, [node.thenStatement]);
      }
    } else if (ts.isElementAccessExpression(node)) {
      // `routes[event.routeKey]` over `const routes = { 'GET /items': listItems }`.
      const key = keyOrTemplate(node.argumentExpression);
      const table = ts.isIdentifier(node.expression) ? constants.get(node.expression.text) : undefined;
      if (!key || key.kind === 'method' || !table || !ts.isObjectLiteralExpression(table)) return;
      for (const p of table.properties) {
        if (!ts.isPropertyAssignment(p) && !ts.isShorthandPropertyAssignment(p)) continue;
        const text = propertyNameText(p.name);
        const route = text !== undefined ? split(text, key) : undefined;
        if (!route) continue;
        const value = ts.isPropertyAssignment(p) ? p.initializer : p.name;
        const ref = ts.isArrowFunction(value) || ts.isFunctionExpression(value) ? { resolved: true } : calleeRef(value);
        out.push({ method: route.method, path: route.path, key: key.field, ...ref, line: lineOf(p, sf) });
      }
    }
  });
  return out;
}

function literal(e: ts.Expression | undefined): string | undefined {
  return e && ts.isStringLiteralLike(e) ? e.text : undefined;
}

function nestedMethodSwitch(statements: readonly ts.Statement[]): ts.SwitchStatement | undefined {
  for (const s of statements) {
    const inner = ts.isBlock(s) ? nestedMethodSwitch(s.statements) : s;
    if (inner && ts.isSwitchStatement(inner) && /httpMethod|method/.test(inner.expression.getText())) return inner;
  }
  return undefined;
}

function nextBody(clauses: ts.NodeArray<ts.CaseOrDefaultClause>, from: ts.CaseClause): readonly ts.Statement[] {
  const i = clauses.indexOf(from);
  for (let j = i + 1; j < clauses.length; j++) if (clauses[j].statements.length > 0) return clauses[j].statements;
  return [];
}

function localLine(sf: ts.SourceFile, name: string): number | undefined {
  for (const s of sf.statements) {
    if (ts.isFunctionDeclaration(s) && s.name?.text === name) return lineOf(s, sf);
    if (ts.isVariableStatement(s) && s.declarationList.declarations.some((d) => ts.isIdentifier(d.name) && d.name.text === name)) return lineOf(s, sf);
  }
  return undefined;
}
