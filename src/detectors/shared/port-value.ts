/**
 * A dev server's `port` setting read from a config file's syntax tree, never run. The number is given when it can be
 * read statically: a literal, a local `const`, an environment read with a fallback (`Number(process.env.PORT) || 3000`,
 * `process.env.PORT ?? 3000`), and a member of an object constant defined here or imported from a repository file
 * (`CLIENT.DEFAULT_PORT`, `import { CLIENT } from '../shared/src/config/app.js'`). Otherwise the setting is still
 * reported, as written, so no step falls back to the framework's default port for a config that sets one.
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import { ts, lineOf } from '../../scan/ts.js';
import { oneLine } from '../../markdown/text.js';
import { clip } from '../../secrets/clip.js';
import { constantsOf, importsOf, property } from './ast.js';
import { exportedConst } from './exported-const.js';

export interface PortSetting {
  /** The line of the `port` setting in the config file. */
  readonly line: number;
  /** The port when the expression resolves to a number (the fallback when an env variable comes first). */
  readonly port?: number;
  /** The environment variable that overrides it: `CLIENT_PORT` in `Number(process.env.CLIENT_PORT) || 3000`. */
  readonly env?: string;
  /** The expression as written, when it is not a plain number literal. */
  readonly written?: string;
}

interface Scope {
  readonly file: string;
  readonly constants: Map<string, ts.Expression>;
  readonly imports: ReturnType<typeof importsOf>;
}

interface Value {
  readonly port?: number;
  readonly env?: string;
  readonly object?: { expr: ts.ObjectLiteralExpression; scope: Scope };
}

const MAX_DEPTH = 8;

/** The setting `expr` (the initializer of `port:` in `file`), or undefined when the config has no port. */
export function portSetting(index: RepoIndex, file: string, expr: ts.Expression | undefined): PortSetting | undefined {
  if (!expr) return undefined;
  const sf = expr.getSourceFile();
  const scope: Scope = { file, constants: constantsOf(sf), imports: importsOf(sf) };
  const v = valueOf(index, expr, scope, 0);
  const plain = ts.isNumericLiteral(unwrap(expr));
  return {
    line: lineOf(expr, sf),
    ...(v.port !== undefined ? { port: v.port } : {}),
    ...(v.env ? { env: v.env } : {}),
    ...(plain ? {} : { written: clip(oneLine(expr.getText(sf)), 60) }),
  };
}

function unwrap(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isNonNullExpression(e) || ts.isTypeAssertionExpression(e)) e = e.expression;
  return e;
}

function valueOf(index: RepoIndex, raw: ts.Expression, scope: Scope, depth: number): Value {
  if (depth > MAX_DEPTH) return {};
  const e = unwrap(raw);
  if (ts.isNumericLiteral(e)) return { port: Number(e.text) };
  if (ts.isStringLiteralLike(e)) return /^\d{2,5}$/.test(e.text) ? { port: Number(e.text) } : {};
  if (ts.isObjectLiteralExpression(e)) return { object: { expr: e, scope } };
  const env = envName(e);
  if (env) return { env };
  if (ts.isIdentifier(e)) return named(index, e.text, scope, depth);
  // `Number(x)`, `parseInt(x, 10)`, `+x`: the number x is.
  if (ts.isCallExpression(e) && ts.isIdentifier(e.expression) && /^(Number|parseInt|parseFloat)$/.test(e.expression.text) && e.arguments[0]) {
    return valueOf(index, e.arguments[0], scope, depth + 1);
  }
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.PlusToken) return valueOf(index, e.operand, scope, depth + 1);
  if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.BarBarToken || e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)) {
    const left = valueOf(index, e.left, scope, depth + 1);
    // A number first is the value; otherwise the left side (an env read) may be unset and the right side is used.
    if (left.port !== undefined) return left;
    const right = valueOf(index, e.right, scope, depth + 1);
    return { ...(right.port !== undefined ? { port: right.port } : {}), ...((left.env ?? right.env) ? { env: left.env ?? right.env } : {}) };
  }
  if (ts.isPropertyAccessExpression(e)) {
    const holder = valueOf(index, e.expression, scope, depth + 1);
    const member = holder.object && property(holder.object.expr, e.name.text);
    return member ? valueOf(index, member, holder.object!.scope, depth + 1) : {};
  }
  return {};
}

/** `process.env.X`, `process.env['X']`, `import.meta.env.X`. */
function envName(e: ts.Expression): string | undefined {
  const holder = ts.isPropertyAccessExpression(e) ? e.expression : ts.isElementAccessExpression(e) ? e.expression : undefined;
  if (!holder) return undefined;
  const text = holder.getText();
  if (text !== 'process.env' && text !== 'import.meta.env') return undefined;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  const arg = (e as ts.ElementAccessExpression).argumentExpression;
  return ts.isStringLiteralLike(arg) ? arg.text : undefined;
}

/** A name's value: a `const` of the file, or the exported constant of the repository file it is imported from. */
function named(index: RepoIndex, name: string, scope: Scope, depth: number): Value {
  const local = scope.constants.get(name);
  if (local) return valueOf(index, local, scope, depth + 1);
  const binding = scope.imports.get(name);
  if (!binding || binding.imported === '*') return {};
  const found = exportedConst(index, scope.file, binding.module, binding.imported);
  if (!found) return {};
  const { value, sf } = found;
  return valueOf(index, value, { file: sf.fileName, constants: constantsOf(sf), imports: importsOf(sf) }, depth + 1);
}
