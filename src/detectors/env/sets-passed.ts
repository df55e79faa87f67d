/**
 * `function run(script, env) { spawn(node, [script], { env: { ...process.env, ...env } }) }` called as
 * `run('a.js', { SMOKE_ID: id })`: the caller's object literal is the child's environment, so its keys are set. One
 * level of local call only: the parameter spread beside `process.env`, the function declared in the same file, and
 * the argument an object literal (its keys, and those of `...(c ? { X } : {})` / `...{ X }` inside it). Names only.
 */
import { propertyNameText } from '../shared/ast.js';
import { lineOf, ts, walk } from '../../scan/ts.js';
import { isEnvName } from './names.js';
import { skipParens } from './read-shapes.js';

export interface PassedKey {
  readonly name: string;
  readonly line: number;
}

/** The keys callers pass for a parameter that `obj` (an environment built on `process.env`) spreads. */
export function passedEnvKeys(obj: ts.ObjectLiteralExpression): PassedKey[] {
  const out: PassedKey[] = [];
  for (const p of obj.properties) {
    if (!ts.isSpreadAssignment(p) || !ts.isIdentifier(p.expression)) continue;
    const fn = declaringFunction(p.expression);
    if (!fn) continue;
    const position = fn.node.parameters.findIndex((x) => ts.isIdentifier(x.name) && x.name.text === (p.expression as ts.Identifier).text);
    if (position === -1) continue;
    walk(obj.getSourceFile(), (n) => {
      if (!ts.isCallExpression(n) || !ts.isIdentifier(n.expression) || n.expression.text !== fn.name) return;
      const arg = n.arguments[position] && skipParens(n.arguments[position]);
      if (arg && ts.isObjectLiteralExpression(arg)) out.push(...objectKeys(arg));
    });
  }
  return out;
}

/** The named function (`function f(env)` or `const f = (env) => …`) whose parameter `id` is. */
function declaringFunction(id: ts.Identifier): { node: ts.SignatureDeclaration; name: string } | undefined {
  for (let n: ts.Node | undefined = id.parent; n; n = n.parent) {
    if (!ts.isFunctionLike(n)) continue;
    if (!n.parameters.some((x) => ts.isIdentifier(x.name) && x.name.text === id.text)) continue;
    if (ts.isFunctionDeclaration(n) && n.name) return { node: n, name: n.name.text };
    if ((ts.isArrowFunction(n) || ts.isFunctionExpression(n)) && ts.isVariableDeclaration(n.parent) && ts.isIdentifier(n.parent.name)) return { node: n, name: n.parent.name.text };
    return undefined;
  }
  return undefined;
}

function objectKeys(obj: ts.ObjectLiteralExpression): PassedKey[] {
  return obj.properties.flatMap((p): PassedKey[] => {
    if (ts.isSpreadAssignment(p)) {
      const e = skipParens(p.expression);
      if (ts.isObjectLiteralExpression(e)) return objectKeys(e);
      if (ts.isConditionalExpression(e)) return [e.whenTrue, e.whenFalse].map(skipParens).filter(ts.isObjectLiteralExpression).flatMap(objectKeys);
      return [];
    }
    const name = p.name ? propertyNameText(p.name) : undefined;
    return name && isEnvName(name) && /^[A-Z][A-Z0-9_]*$/.test(name) ? [{ name, line: lineOf(p) }] : [];
  });
}
