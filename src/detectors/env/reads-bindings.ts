/**
 * `const { COMPANY_NAME, SITE_NAME } = process.env;` … `COMPANY_NAME || SITE_NAME || ''`: a destructured variable
 * with no default still has a fallback when every use of its binding in the scope gives one. The same holds for a
 * variable that holds one read: `const envMax = process.env.X; return envMax ? parseInt(envMax, 10) : 100`.
 */
import { ts, walk } from '../../scan/ts.js';

/**
 * True when the binding has at least one use in its scope and `copes` holds for each. A second declaration of the
 * name in the scope (a shadowing parameter or variable) makes uses ambiguous: then false, as without this.
 */
export function everyUseCopes(el: ts.BindingElement | ts.VariableDeclaration, copes: (use: ts.Node) => boolean): boolean {
  if (!ts.isIdentifier(el.name)) return false;
  const name = el.name.text;
  const scope = scopeOf(el);
  if (!scope) return false;
  let uses = 0;
  let ok = true;
  walk(scope, (n) => {
    if (!ok) return false;
    if (!ts.isIdentifier(n) || n.text !== name || n === el.name) return undefined;
    const p = n.parent;
    // Not a use of the binding: a property name (`x.NAME`, `{ NAME: 1 }`), or another declaration of the name.
    if ((ts.isPropertyAccessExpression(p) && p.name === n) || (ts.isPropertyAssignment(p) && p.name === n)) return undefined;
    if ((ts.isBindingElement(p) && p.propertyName === n) || ts.isPropertySignature(p) || ts.isMethodDeclaration(p)) return undefined;
    if ((ts.isVariableDeclaration(p) || ts.isParameter(p) || ts.isBindingElement(p) || ts.isFunctionDeclaration(p) || ts.isImportSpecifier(p)) && p.name === n) {
      ok = false;
      return false;
    }
    uses++;
    if (!copes(n)) ok = false;
    return undefined;
  });
  return ok && uses > 0;
}

/** The block, function body or file the declaration's statement sits in. */
function scopeOf(el: ts.BindingElement | ts.VariableDeclaration): ts.Node | undefined {
  let n: ts.Node | undefined = el.parent;
  while (n && !ts.isVariableDeclarationList(n)) n = n.parent;
  // `var` is function-scoped and hoisted: left alone.
  if (!n || !(n.flags & (ts.NodeFlags.Const | ts.NodeFlags.Let))) return undefined;
  const statement = n.parent;
  return statement && ts.isVariableStatement(statement) ? statement.parent : undefined;
}
