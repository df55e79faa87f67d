/** Names for places in code, as a reader would look them up: `kvRepository.get`, `UsersController.findOne`, `handler`. */
import { ts } from '../../scan/ts.js';
import { propertyNameText } from './ast.js';

/**
 * The name of the function a node sits in: a function declaration, a class or object-literal method (qualified by its
 * owner), or the variable / property a function expression is assigned to, through wrapping calls
 * (`export const handler = withAuth(async (event) => …)` gives `handler`).
 */
export function enclosingName(node: ts.Node): string | undefined {
  let crossedFunction = false;
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isFunctionDeclaration(n)) return n.name?.text ?? 'default';
    if (ts.isMethodDeclaration(n) || ts.isGetAccessorDeclaration(n) || ts.isSetAccessorDeclaration(n)) {
      return qualify(ownerName(n.parent), propertyNameText(n.name));
    }
    if (ts.isConstructorDeclaration(n)) return qualify(ownerName(n.parent), 'constructor');
    if (ts.isArrowFunction(n) || ts.isFunctionExpression(n)) {
      crossedFunction = true;
      continue;
    }
    if (!crossedFunction) continue;
    // `const page = await paginate((args) => …)`: the callback was called, its result is what is named; the
    // function it sits in is the enclosing one further up.
    if (ts.isAwaitExpression(n)) {
      crossedFunction = false;
      continue;
    }
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name)) return n.name.text;
    if (ts.isPropertyAssignment(n) || ts.isPropertyDeclaration(n)) return qualify(ownerName(n.parent), propertyNameText(n.name));
    if (ts.isExportAssignment(n)) return 'default';
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken) return n.left.getText();
  }
  return undefined;
}

/** The enclosing function's name, else the variable a module-level expression initialises (`const verifier = …`). */
export function placeName(node: ts.Node): string | undefined {
  const fn = enclosingName(node);
  if (fn) return fn;
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name)) return n.name.text;
  }
  return undefined;
}

/** The innermost function-like node around `node` (itself included). */
export function enclosingFunction(node: ts.Node): ts.SignatureDeclaration | undefined {
  for (let n: ts.Node | undefined = node; n; n = n.parent) {
    if (ts.isFunctionLike(n)) return n;
  }
  return undefined;
}

function ownerName(node: ts.Node): string | undefined {
  if (ts.isClassLike(node)) return node.name?.text;
  if (ts.isObjectLiteralExpression(node)) {
    const parent = node.parent;
    if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
    if (ts.isPropertyAssignment(parent)) return qualify(ownerName(parent.parent), propertyNameText(parent.name));
    if (ts.isExportAssignment(parent)) return 'default';
    if (ts.isAsExpression(parent) || ts.isSatisfiesExpression(parent)) return ownerName(parent);
  }
  if (ts.isAsExpression(node) || ts.isSatisfiesExpression(node)) {
    const parent = node.parent;
    if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  }
  return undefined;
}

function qualify(owner: string | undefined, name: string | undefined): string | undefined {
  if (!name) return owner;
  return owner ? `${owner}.${name}` : name;
}

/** Names a module exports (`default` for a default export), from ES exports and `module.exports` / `exports.x`. */
export function exportedNames(sourceFile: ts.SourceFile): string[] {
  const out = new Set<string>();
  const isExported = (node: ts.Node) =>
    ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  const isDefault = (node: ts.Node) =>
    ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
  for (const s of sourceFile.statements) {
    // `export default router` / `module.exports = catchAsync` read better under the local name.
    if (ts.isExportAssignment(s)) out.add(ts.isIdentifier(s.expression) ? s.expression.text : 'default');
    else if (ts.isExportDeclaration(s) && s.exportClause && ts.isNamedExports(s.exportClause)) {
      if (!s.isTypeOnly) for (const el of s.exportClause.elements) if (!el.isTypeOnly) out.add(el.name.text);
    } else if (isExported(s)) {
      if (ts.isVariableStatement(s)) {
        for (const d of s.declarationList.declarations) if (ts.isIdentifier(d.name)) out.add(d.name.text);
      } else if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s) || ts.isEnumDeclaration(s)) && s.name) {
        out.add(isDefault(s) ? 'default' : s.name.text);
      } else if (ts.isModuleDeclaration(s) && ts.isIdentifier(s.name)) {
        out.add(s.name.text); // `export namespace Util { … }`: its members are `Util.x`, not the module's
      } else if (isDefault(s)) out.add('default');
    } else if (ts.isExpressionStatement(s) && ts.isBinaryExpression(s.expression)) {
      const left = s.expression.left.getText(sourceFile);
      const m = /^(?:module\.)?exports(?:\.(\w+))?$/.exec(left);
      if (m?.[1]) out.add(m[1]);
      else if (m && ts.isObjectLiteralExpression(s.expression.right)) {
        for (const p of s.expression.right.properties) if (p.name) out.add(propertyNameText(p.name) ?? '');
      } else if (m) out.add(ts.isIdentifier(s.expression.right) ? s.expression.right.text : 'default');
    }
  }
  out.delete('');
  return [...out].sort();
}
