/** Small readers for what a store names: state keys, reducer keys, slice reducers, API endpoints, context hooks. */
import { ts, walk } from '../../scan/ts.js';
import { lastName, property, propertyNameText, staticString } from '../shared/ast.js';
import { clip } from '../../secrets/clip.js';

export function objectKeys(e: ts.Expression | undefined): string[] {
  if (!e || !ts.isObjectLiteralExpression(e)) return [];
  return e.properties.map((p) => (p.name ? propertyNameText(p.name) : undefined)).filter((n): n is string => !!n);
}

/** A string property of an options object (`name: 'auth'`); for arrays (query keys) the first element. */
export function keyOf(e: ts.Expression | undefined, name: string): string | undefined {
  const value = property(e, name);
  if (!value) return undefined;
  const first = ts.isArrayLiteralExpression(value) ? value.elements[0] : value;
  const s = first ? staticString(first) : undefined;
  return s ? s.text : undefined;
}

/** Keys of the first object literal a store creator returns: `(set) => ({ items: [], add() {} })`. */
export function returnedKeys(call: ts.CallExpression): string[] {
  let keys: string[] = [];
  const visit = (n: ts.Node): boolean | void => {
    if (keys.length) return false;
    if (ts.isArrowFunction(n) || ts.isFunctionExpression(n)) {
      let body: ts.Node = n.body;
      while (ts.isParenthesizedExpression(body)) body = body.expression;
      if (ts.isObjectLiteralExpression(body)) keys = objectKeys(body);
      else if (ts.isBlock(body)) {
        for (const st of body.statements) {
          if (ts.isReturnStatement(st) && st.expression) {
            let r: ts.Expression = st.expression;
            while (ts.isParenthesizedExpression(r)) r = r.expression;
            if (ts.isObjectLiteralExpression(r)) keys = objectKeys(r);
          }
        }
      }
    }
  };
  walk(call, visit);
  return keys.slice(0, 12);
}

export function reduxDetails(call: ts.CallExpression, kind: 'store' | 'slice' | 'api'): string[] {
  const options = call.arguments[0];
  if (kind === 'store') {
    const reducer = property(options, 'reducer');
    return reducer && ts.isObjectLiteralExpression(reducer) ? objectKeys(reducer) : [];
  }
  if (kind === 'slice') return objectKeys(property(options, 'reducers'));
  const endpoints = property(options, 'endpoints');
  const names: string[] = [];
  if (endpoints && (ts.isArrowFunction(endpoints) || ts.isFunctionExpression(endpoints))) {
    let body: ts.Node = endpoints.body;
    while (ts.isParenthesizedExpression(body)) body = body.expression;
    if (ts.isObjectLiteralExpression(body)) {
      for (const p of body.properties) {
        if (!ts.isPropertyAssignment(p) || !p.name) continue;
        const kind = ts.isCallExpression(p.initializer) ? lastName(p.initializer.expression) : undefined;
        names.push(`${propertyNameText(p.name)}${kind ? ` (${kind})` : ''}`);
      }
    }
  }
  return names;
}

/** For a context `XContext`: the provider components and hooks declared in the same file. */
export function contextDetails(sf: ts.SourceFile, ctx: string): string[] {
  const providers = new Set<string>();
  const hooks = new Set<string>();
  const text = sf.text;
  for (const st of sf.statements) {
    const fn = functionOf(st);
    if (!fn) continue;
    const body = text.slice(fn.node.pos, fn.node.end);
    if (!/^use[A-Z]/.test(fn.name) && (body.includes(`<${ctx}.Provider`) || body.includes(`<${ctx} `) || body.includes(`<${ctx}>`))) providers.add(fn.name);
    if (new RegExp(`\\b(useContext|use)\\(\\s*${ctx}\\s*\\)`).test(body) && /^use[A-Z]/.test(fn.name)) hooks.add(fn.name);
  }
  return [...[...providers].map((p) => `provider ${p}`), ...[...hooks].map((h) => `hook ${h}`)];
}

function functionOf(st: ts.Statement): { name: string; node: ts.Node } | undefined {
  if (ts.isFunctionDeclaration(st) && st.name) return { name: st.name.text, node: st };
  if (ts.isVariableStatement(st)) {
    for (const d of st.declarationList.declarations) {
      if (ts.isIdentifier(d.name) && d.initializer && (ts.isArrowFunction(d.initializer) || ts.isFunctionExpression(d.initializer))) {
        return { name: d.name.text, node: d };
      }
    }
  }
  return undefined;
}

/** A query key as written: `['account', 'usage']`, `/api/me`, a constant's value, or the call that builds it. */
export function keyText(e: ts.Expression | undefined, constants: ReadonlyMap<string, ts.Expression>): string | undefined {
  if (!e) return undefined;
  const value = ts.isIdentifier(e) ? constants.get(e.text) ?? e : e;
  if (ts.isStringLiteralLike(value)) return value.text;
  const text = value.getText().replace(/\s+/g, ' ').replace(/,\s*\]$/, ']').replace(/ as const$/, '');
  return clip(text, 48);
}
