import { constantsOf, lastName, property, propertyNameText, staticString } from '../shared/ast.js';
import { ts } from '../../scan/ts.js';
import { clip } from '../../secrets/clip.js';

/**
 * The configuration object a JS/TS config file exports, read from its syntax tree: `export default defineConfig({…})`,
 * `export default {…}`, `module.exports = {…}`, `defineConfig(({ mode }) => ({…}))`, or a named constant exported.
 */
export function exportedConfig(sf: ts.SourceFile): ts.ObjectLiteralExpression | undefined {
  const constants = constantsOf(sf);
  for (const statement of sf.statements) {
    let expr: ts.Expression | undefined;
    if (ts.isExportAssignment(statement)) expr = statement.expression;
    else if (
      ts.isExpressionStatement(statement) &&
      ts.isBinaryExpression(statement.expression) &&
      statement.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      /^(module\.)?exports$/.test(statement.expression.left.getText(sf))
    ) {
      expr = statement.expression.right;
    }
    const obj = objectOf(expr, constants, 0);
    if (obj) return obj;
  }
  return undefined;
}

function objectOf(expr: ts.Expression | undefined, constants: Map<string, ts.Expression>, depth: number): ts.ObjectLiteralExpression | undefined {
  if (!expr || depth > 6) return undefined;
  if (ts.isObjectLiteralExpression(expr)) return expr;
  if (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr) || ts.isSatisfiesExpression(expr)) return objectOf(expr.expression, constants, depth + 1);
  if (ts.isIdentifier(expr)) return objectOf(constants.get(expr.text), constants, depth + 1);
  // `export default env.ANALYZE ? withBundleAnalyzer(…)(config) : config`: the same config either way, as a rule.
  if (ts.isConditionalExpression(expr)) return objectOf(expr.whenFalse, constants, depth + 1) ?? objectOf(expr.whenTrue, constants, depth + 1);
  if (ts.isCallExpression(expr)) {
    for (const a of expr.arguments) {
      const o = objectOf(a, constants, depth + 1);
      if (o) return o;
    }
  }
  if (ts.isArrowFunction(expr) || ts.isFunctionExpression(expr)) {
    if (ts.isBlock(expr.body)) {
      const ret = expr.body.statements.find(ts.isReturnStatement);
      return objectOf(ret?.expression, constants, depth + 1);
    }
    return objectOf(expr.body, constants, depth + 1);
  }
  return undefined;
}

/** A literal value as short text: strings, numbers, booleans; anything else as written, truncated. */
export function valueText(expr: ts.Expression | undefined): string | undefined {
  if (!expr) return undefined;
  const s = staticString(expr);
  if (s?.resolved) return s.text;
  if (expr.kind === ts.SyntaxKind.TrueKeyword) return 'true';
  if (expr.kind === ts.SyntaxKind.FalseKeyword) return 'false';
  const text = expr.getText().replace(/\s+/g, ' ');
  return clip(text, 60);
}

export function at(obj: ts.Expression | undefined, ...path: string[]): ts.Expression | undefined {
  let node: ts.Expression | undefined = obj;
  for (const key of path) node = property(node, key);
  return node;
}

/**
 * Names of the plugins/integrations a config lists: `[react(), tailwind({…}), mdx]` → `react`, `tailwind`, `mdx`;
 * `[require("tailwindcss-animate"), require("x")(opts)]` and `['tailwindcss']` → the module names; PostCSS's object form
 * `{ tailwindcss: {}, autoprefixer: {} }` → its keys.
 */
export function callNames(expr: ts.Expression | undefined): string[] {
  if (expr && ts.isObjectLiteralExpression(expr)) return keysOf(expr);
  if (!expr || !ts.isArrayLiteralExpression(expr)) return [];
  const out: string[] = [];
  for (const el of expr.elements) {
    const e = ts.isSpreadElement(el) ? el.expression : el;
    const name = ts.isStringLiteralLike(e) ? e.text : requiredModule(e) ?? (ts.isCallExpression(e) ? requiredModule(e.expression) ?? lastName(e.expression) : lastName(e));
    if (name) out.push(name);
  }
  return out;
}

/** `require("x")` → `x`: the name `require` says nothing about the plugin. */
function requiredModule(e: ts.Expression): string | undefined {
  if (!ts.isCallExpression(e) || !ts.isIdentifier(e.expression) || e.expression.text !== 'require') return undefined;
  const arg = e.arguments[0];
  return arg && ts.isStringLiteralLike(arg) ? arg.text : undefined;
}

export function keysOf(expr: ts.Expression | undefined): string[] {
  if (!expr || !ts.isObjectLiteralExpression(expr)) return [];
  return expr.properties.flatMap((p) => (p.name ? [propertyNameText(p.name as ts.PropertyName) ?? ''] : [])).filter(Boolean);
}
