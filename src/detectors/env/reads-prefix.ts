/**
 * A copy of the environment filtered by a name prefix: `Object.entries(import.meta.env)` (or `Object.keys(process.env)`)
 * kept by `key.startsWith('VITE_APP_')` or `/^VITE_APP_/.test(key)`. Every variable with that prefix is read, none by
 * name: the env model gives each such variable set or declared anywhere a read here.
 */
import { staticString } from '../shared/ast.js';
import { ts, walk } from '../../scan/ts.js';

/** The prefix a copy of env (`Object.entries(env)`, the call at `copy`) is filtered by, when the statement holding it says. */
export function copyPrefix(copy: ts.CallExpression, constants: ReadonlyMap<string, ts.Expression>): string | undefined {
  let holder: ts.Node = copy;
  while (holder.parent && !ts.isStatement(holder) && !ts.isSourceFile(holder.parent)) holder = holder.parent;
  let prefix: string | undefined;
  walk(holder, (n) => {
    if (prefix !== undefined) return false;
    if (!ts.isCallExpression(n) || !ts.isPropertyAccessExpression(n.expression)) return undefined;
    const method = n.expression.name.text;
    if (method === 'startsWith') {
      const key = staticString(n.arguments[0], constants);
      if (key?.resolved && /^[A-Za-z_][A-Za-z0-9_]*$/.test(key.text)) prefix = key.text;
    } else if (method === 'test' && ts.isRegularExpressionLiteral(n.expression.expression)) {
      const m = /^\/\^([A-Za-z_][A-Za-z0-9_]*)\/[a-z]*$/.exec(n.expression.expression.text);
      if (m) prefix = m[1];
    }
    return undefined;
  });
  return prefix;
}
