/**
 * `process.env.X = process.env.X ?? derive(…);` then `process.env.DATABASE_URL = process.env.X;`: the code sets the
 * variable itself before the read, in the same straight-line code, so the read never sees it unset (Node turns any value
 * assigned to `process.env` into a string). Only `process.env` (not `import.meta.env`, a plain object), only statements
 * that run before the read on every path: earlier statements of the read's block and of the blocks around it, inside
 * the same function.
 */
import { ts } from '../../scan/ts.js';
import { ASSIGN, outer } from './read-shapes.js';

export function setBefore(read: ts.Node): boolean {
  const text = read.getText().replace(/\s+/g, '');
  if (!/^process\.env(\.|\[)/.test(text)) return false;
  for (let child: ts.Node = read, n: ts.Node | undefined = read.parent; n && !ts.isFunctionLike(n); child = n, n = n.parent) {
    if (!ts.isBlock(n) && !ts.isSourceFile(n)) continue;
    for (const st of n.statements) {
      if (st === child) break;
      if (assigns(st, text)) return true;
    }
  }
  return false;
}

/** `process.env.X = …;` (or `??=`, `||=`; not `&&=`, which sets it only when it is set) as a statement of its own. */
function assigns(st: ts.Statement, text: string): boolean {
  if (!ts.isExpressionStatement(st)) return false;
  const e = st.expression;
  return ts.isBinaryExpression(e) && ASSIGN().has(e.operatorToken.kind) && e.operatorToken.kind !== ts.SyntaxKind.AmpersandAmpersandEqualsToken && outer(e.left) === e.left && e.left.getText().replace(/\s+/g, '') === text;
}
