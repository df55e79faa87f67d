/**
 * Small helpers over the raw TypeScript AST, shared by detectors. Everything here is syntax-only and never evaluates
 * repository code: values are read from literals and simple local constants, or reported as unresolved.
 */
import { ts, lineOf, walk } from '../../scan/ts.js';

export interface ImportBinding {
  /** Module specifier as written: `aws-cdk-lib/aws-dynamodb`, `./handlers`. */
  readonly module: string;
  /** Imported name, `default`, or `*` for a namespace import / `require`. */
  readonly imported: string;
}

const importsCache = new WeakMap<ts.SourceFile, Map<string, ImportBinding>>();

/**
 * Local name → where it was imported from (ES imports and `const x = require('m')` / `const {a} = require('m')`).
 * Computed once per tree and shared by every caller (several detectors ask for the same file's imports), so the
 * returned map must not be modified.
 */
export function importsOf(sourceFile: ts.SourceFile): Map<string, ImportBinding> {
  let imports = importsCache.get(sourceFile);
  if (!imports) {
    imports = readImports(sourceFile);
    importsCache.set(sourceFile, imports);
  }
  return imports;
}

function readImports(sourceFile: ts.SourceFile): Map<string, ImportBinding> {
  const out = new Map<string, ImportBinding>();
  for (const statement of sourceFile.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const module = statement.moduleSpecifier.text;
      const clause = statement.importClause;
      if (!clause) continue;
      if (clause.name) out.set(clause.name.text, { module, imported: 'default' });
      const named = clause.namedBindings;
      if (named && ts.isNamespaceImport(named)) out.set(named.name.text, { module, imported: '*' });
      if (named && ts.isNamedImports(named)) {
        for (const el of named.elements) out.set(el.name.text, { module, imported: (el.propertyName ?? el.name).text });
      }
    } else if (ts.isImportEqualsDeclaration(statement) && ts.isExternalModuleReference(statement.moduleReference)) {
      const expr = statement.moduleReference.expression;
      if (ts.isStringLiteral(expr)) out.set(statement.name.text, { module: expr.text, imported: '*' });
    } else if (ts.isVariableStatement(statement)) {
      for (const decl of statement.declarationList.declarations) {
        const module = requiredModule(decl.initializer);
        if (!module) continue;
        if (ts.isIdentifier(decl.name)) out.set(decl.name.text, { module, imported: '*' });
        else if (ts.isObjectBindingPattern(decl.name)) {
          for (const el of decl.name.elements) {
            if (!ts.isIdentifier(el.name)) continue;
            const imported = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : el.name.text;
            out.set(el.name.text, { module, imported });
          }
        }
      }
    }
  }
  return out;
}

function requiredModule(expr: ts.Expression | undefined): string | undefined {
  if (!expr || !ts.isCallExpression(expr)) return undefined;
  if (!ts.isIdentifier(expr.expression) || expr.expression.text !== 'require') return undefined;
  const arg = expr.arguments[0];
  return arg && ts.isStringLiteralLike(arg) ? arg.text : undefined;
}

/** Dotted text of an expression like `api.root.addResource` or `this.table`; undefined for anything more complex. */
export function dottedName(expr: ts.Expression): string | undefined {
  if (ts.isIdentifier(expr)) return expr.text;
  if (expr.kind === ts.SyntaxKind.ThisKeyword) return 'this';
  if (ts.isPropertyAccessExpression(expr)) {
    const left = dottedName(expr.expression);
    return left === undefined ? undefined : `${left}.${expr.name.text}`;
  }
  if (ts.isNonNullExpression(expr) || ts.isParenthesizedExpression(expr)) return dottedName(expr.expression);
  return undefined;
}

/** The last name of a callee or constructed class: `Table` for `new dynamodb.Table(...)`, `addMethod` for `r.addMethod(...)`. */
export function lastName(expr: ts.Expression): string | undefined {
  if (ts.isIdentifier(expr)) return expr.text;
  if (ts.isPropertyAccessExpression(expr)) return expr.name.text;
  if (ts.isNonNullExpression(expr) || ts.isParenthesizedExpression(expr)) return lastName(expr.expression);
  return undefined;
}

/** A property's initializer in an object literal (`{ name: value }`, shorthand `{ name }` gives the identifier). */
export function property(obj: ts.Expression | undefined, name: string): ts.Expression | undefined {
  if (!obj || !ts.isObjectLiteralExpression(obj)) return undefined;
  for (const p of obj.properties) {
    if (ts.isPropertyAssignment(p) && propertyNameText(p.name) === name) return p.initializer;
    if (ts.isShorthandPropertyAssignment(p) && p.name.text === name) return p.name;
  }
  return undefined;
}

export function propertyNameText(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteralLike(name) || ts.isNumericLiteral(name)) return name.text;
  if (ts.isPrivateIdentifier(name)) return name.text;
  return undefined;
}

/** Module-level and function-level `const NAME = <expr>` declarations of a file, by name (first one wins). */
export function constantsOf(sourceFile: ts.SourceFile): Map<string, ts.Expression> {
  const out = new Map<string, ts.Expression>();
  walk(sourceFile, (node) => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      const list = node.parent;
      if (ts.isVariableDeclarationList(list) && list.flags & ts.NodeFlags.Const && !out.has(node.name.text)) {
        out.set(node.name.text, node.initializer);
      }
    }
  });
  return out;
}

export interface StaticString {
  /** The value, with `${…}` left in place for parts that could not be resolved. */
  readonly text: string;
  /** True when every part came from literals or resolvable constants. */
  readonly resolved: boolean;
}

/**
 * Reads a string expression without running it: literals, template literals and `+` concatenations, with identifiers
 * looked up in `constants` (depth-limited). `resolveIdentifier` can supply values for special names (e.g. `__dirname`).
 */
export function staticString(
  expr: ts.Expression | undefined,
  constants: ReadonlyMap<string, ts.Expression> = new Map(),
  resolveIdentifier?: (name: string) => string | undefined,
  depth = 0,
): StaticString | undefined {
  if (!expr || depth > 8) return undefined;
  const sf = expr.getSourceFile();
  if (ts.isStringLiteralLike(expr)) return { text: expr.text, resolved: true };
  if (ts.isNumericLiteral(expr)) return { text: expr.text, resolved: true };
  if (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr) || ts.isNonNullExpression(expr)) {
    return staticString(expr.expression, constants, resolveIdentifier, depth + 1);
  }
  if (ts.isTemplateExpression(expr)) {
    let text = expr.head.text;
    let resolved = true;
    for (const span of expr.templateSpans) {
      const part = staticString(span.expression, constants, resolveIdentifier, depth + 1) ?? {
        text: `\${${span.expression.getText(sf)}}`,
        resolved: false,
      };
      text += part.text + span.literal.text;
      resolved &&= part.resolved;
    }
    return { text, resolved };
  }
  if (ts.isBinaryExpression(expr) && expr.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    // Only the operand not known is shown as written (`${config.prefix}/logs`), not the whole concatenation again.
    const part = (e: ts.Expression) => staticString(e, constants, resolveIdentifier, depth + 1) ?? { text: `\${${e.getText(sf)}}`, resolved: false };
    const left = part(expr.left);
    const right = part(expr.right);
    return { text: left.text + right.text, resolved: left.resolved && right.resolved };
  }
  if (ts.isIdentifier(expr)) {
    const special = resolveIdentifier?.(expr.text);
    if (special !== undefined) return { text: special, resolved: true };
    const init = constants.get(expr.text);
    if (init) return staticString(init, constants, resolveIdentifier, depth + 1);
    return undefined;
  }
  return undefined;
}

/** Every `new X(...)` in a file whose class name (last part of the dotted callee) is in `names`. */
export function newExpressions(sourceFile: ts.SourceFile, names: ReadonlySet<string>): ts.NewExpression[] {
  const out: ts.NewExpression[] = [];
  walk(sourceFile, (node) => {
    if (ts.isNewExpression(node)) {
      const name = lastName(node.expression);
      if (name && names.has(name)) out.push(node);
    }
  });
  return out;
}

/** Every call whose callee's last name is in `names` (`x.addMethod(...)`, `addRoute(...)`). */
export function calls(sourceFile: ts.SourceFile, names: ReadonlySet<string>): ts.CallExpression[] {
  const out: ts.CallExpression[] = [];
  walk(sourceFile, (node) => {
    if (ts.isCallExpression(node)) {
      const name = lastName(node.expression);
      if (name && names.has(name)) out.push(node);
    }
  });
  return out;
}

/** Cheap text pre-filter before parsing: true when the file mentions any of the needles. */
export function mentions(text: string | undefined, needles: readonly string[]): boolean {
  return text !== undefined && needles.some((n) => text.includes(n));
}

export { lineOf };
