/**
 * A read kept in a config object of the same file and given its fallback where the object is used:
 * `const env = { port: process.env.PORT }` … `app.listen(env.port || 8080)`. Only when every use of that key in the
 * file copes with unset and the object goes nowhere else (not exported, not passed whole): then the fallback is seen.
 */
import { propertyNameText } from '../shared/ast.js';
import { ts, walk } from '../../scan/ts.js';

/** How deep holders are followed (`a = { x: process.env.X }`, `b = { y: a.x }`, …): mutual holders would never end. */
let active = 0;

/** `read`: the read as its parent sees it (parentheses and optional chains included); `copes`: a use copes with unset. */
export function objectHolderCopes(read: ts.Node, copes: (use: ts.Node) => boolean): boolean {
  if (active >= 2) return false;
  active++;
  try {
    return holderCopes(read, copes);
  } finally {
    active--;
  }
}

function holderCopes(read: ts.Node, copes: (use: ts.Node) => boolean): boolean {
  const path: string[] = [];
  let n: ts.Node = read;
  for (let depth = 0; depth < 6 && ts.isPropertyAssignment(n.parent) && n.parent.initializer === n; depth++) {
    const key = propertyNameText(n.parent.name);
    if (key === undefined || !ts.isObjectLiteralExpression(n.parent.parent)) return false;
    path.unshift(key);
    n = n.parent.parent;
  }
  const decl = n.parent;
  if (path.length === 0 || !decl || !ts.isVariableDeclaration(decl) || decl.initializer !== n || !ts.isIdentifier(decl.name)) return false;
  const list = decl.parent;
  if (!ts.isVariableDeclarationList(list) || !(list.flags & ts.NodeFlags.Const)) return false;
  const st = list.parent;
  if (ts.isVariableStatement(st) && st.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return false;
  const holder = decl.name.text;
  const sf = read.getSourceFile();
  const wanted = [holder, ...path].join('.');
  if (!sf.text.includes(wanted)) return false;
  let uses = 0;
  let ok = true;
  walk(sf, (x) => {
    if (!ok) return false;
    if (!ts.isIdentifier(x) || x.text !== holder || x === decl.name) return undefined;
    // Climb the property chain the holder heads: `env.port` (or deeper); anything else is the object going elsewhere.
    let chain: ts.Node = x;
    const keys: string[] = [];
    while (ts.isPropertyAccessExpression(chain.parent) && chain.parent.expression === chain && keys.length < path.length) {
      keys.push(chain.parent.name.text);
      chain = chain.parent;
    }
    if (ts.isPropertyAccessExpression(x.parent) && x.parent.name === x) return undefined; // `other.env`: not the holder
    if (ts.isPropertyAssignment(x.parent) && x.parent.name === x) return undefined; // `{ env: … }`: a key
    if (keys.length === 0) ok = false; // `export default env`, `start(env)`, `{ ...env }`
    else if (keys.join('.') === path.slice(0, keys.length).join('.')) {
      if (keys.length < path.length) ok = false; // `env.db` handed on whole
      else if (inLog(chain)) return undefined; // `console.log(\`port ${env.port}\`)` only prints it
      else if (copes(chain)) uses++;
      else ok = false;
    }
    return undefined;
  });
  return ok && uses > 0;
}

/** The use is only printed: an argument of `console.log`/`info`/`warn`/`error`/`debug`, or a template in one. */
function inLog(use: ts.Node): boolean {
  for (let n: ts.Node = use; n.parent && !ts.isStatement(n.parent); n = n.parent) {
    const p = n.parent;
    if (ts.isTemplateSpan(p) || ts.isTemplateExpression(p) || ts.isParenthesizedExpression(p) || (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.PlusToken)) continue;
    return ts.isCallExpression(p) && p.arguments.includes(n as ts.Expression) && /^console\.(log|info|warn|error|debug)$/.test(p.expression.getText());
  }
  return false;
}
