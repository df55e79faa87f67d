/**
 * One member of an env schema parsing one read: `envSchema.shape.NEXT_PUBLIC_DEBUG.parse(process.env.NEXT_PUBLIC_DEBUG)`
 * (or `.shape['X']`, `safeParse`), with the schema a constant of the file or imported from another module (through
 * re-exports, `export { webEnvSchema as envSchema } from '@repo/env'`). The read takes the member's verdict: a
 * default or `.optional()` is a fallback, a member with neither throws when the variable is unset.
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import { lineOf, ts, walk } from '../../scan/ts.js';
import { importsOf } from '../shared/ast.js';
import { findDefinition } from '../shared/definitions.js';
import { moduleResolver } from '../shared/resolve-module.js';
import { exportedSchemaKeys, type SchemaKey } from './reads-schema.js';
import { schemaFacts } from './reads-schema-uses.js';
import type { RawRead } from './raw-reads.js';

/**
 * A file that may hold such a call, or a call of a project validator given a read and its name
 * (`validateApiEnvPath(process.env.AUTH_SECRET, "AUTH_SECRET")`): a cheap test before the file is parsed again.
 */
export const SHAPE_TEXT = /\.shape\s*(\.|\[)[^;]*?\.(safe)?[pP]arse\s*\(|\(\s*(process|import\.meta)\.env\.([A-Za-z_]\w*)\s*,\s*['"]\4['"]/;

/** The reads of `file` with the verdict of the schema member each one is parsed with (others as they are). */
export function shapeVerdicts(index: RepoIndex, file: string, reads: readonly RawRead[]): RawRead[] {
  const out = [...reads];
  const sf = index.parse(file);
  if (!sf || reads.length === 0) return out;
  walk(sf, (n) => {
    if (!ts.isCallExpression(n) || !n.arguments[0]) return;
    const direct = ts.isPropertyAccessExpression(n.expression) && /^(safe)?[pP]arse(Async)?$/.test(n.expression.name.text) ? memberOf(n.expression.expression) : undefined;
    const via = direct ? undefined : validatorCall(index, file, sf, n);
    const member = direct ? { ...direct, value: 0 } : via;
    if (!member) return;
    const arg = n.arguments[member.value];
    const line = lineOf(arg, sf);
    const i = out.findIndex((r) => r.line === line && arg.getText(sf).includes(r.name));
    if (i === -1) return;
    const found = direct ? schemaKeysOf(index, file, sf, direct.schema) : via!.found;
    const key = found?.keys.find((k) => k.text === member.key);
    if (!found || !key) return;
    const r = out[i];
    out[i] = { ...r, fallback: r.fallback || key.fallback, ...schemaFacts({ ...key, required: key.required && !r.fallback }, found.file === file ? undefined : found.file) };
  });
  return out;
}

/** `X.shape.KEY` / `X.shape['KEY']`: the schema expression and the member's name. */
function memberOf(e: ts.Expression): { schema: ts.Expression; key: string } | undefined {
  let shape: ts.Expression;
  let key: string | undefined;
  if (ts.isPropertyAccessExpression(e)) [shape, key] = [e.expression, e.name.text];
  else if (ts.isElementAccessExpression(e) && ts.isStringLiteralLike(e.argumentExpression)) [shape, key] = [e.expression, e.argumentExpression.text];
  else return undefined;
  if (!ts.isPropertyAccessExpression(shape) || shape.name.text !== 'shape') return undefined;
  return { schema: shape.expression, key };
}

/**
 * `validateApiEnvPath(process.env.AUTH_SECRET, "AUTH_SECRET")` where the imported function's body is
 * `apiEnvSchema.shape[path].parse(input)` with `path` and `input` its parameters: the member named by the literal
 * argument parses the argument in `input`'s place.
 */
function validatorCall(index: RepoIndex, file: string, sf: ts.SourceFile, call: ts.CallExpression): { key: string; value: number; found: { file: string; keys: SchemaKey[] } | undefined } | undefined {
  if (!ts.isIdentifier(call.expression) || call.arguments.length < 2 || !call.arguments.some((a) => ts.isStringLiteralLike(a))) return undefined;
  const binding = importsOf(sf).get(call.expression.text);
  const target = binding ? moduleResolver(index).resolve(file, binding.module) : undefined;
  const at = binding && target && binding.imported !== '*' ? findDefinition(index, { file: target, name: binding.imported }) : undefined;
  const home = at?.line !== undefined ? index.parse(at.file) : undefined;
  if (!at || !home) return undefined;
  let fn: ts.SignatureDeclaration | undefined;
  for (const st of home.statements) {
    if (lineOf(st, home) !== at.line) continue;
    if (ts.isFunctionDeclaration(st)) fn = st;
    const init = ts.isVariableStatement(st) ? st.declarationList.declarations[0]?.initializer : undefined;
    if (init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) fn = init;
  }
  const params = fn?.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : '')) ?? [];
  let out: { key: string; value: number; found: { file: string; keys: SchemaKey[] } | undefined } | undefined;
  if (fn) {
    walk(fn, (n) => {
      if (out || !ts.isCallExpression(n) || !n.arguments[0] || !ts.isPropertyAccessExpression(n.expression) || !/^(safe)?[pP]arse$/.test(n.expression.name.text)) return;
      const access = n.expression.expression;
      if (!ts.isElementAccessExpression(access) || !ts.isIdentifier(access.argumentExpression) || !ts.isPropertyAccessExpression(access.expression) || access.expression.name.text !== 'shape') return;
      const keyAt = params.indexOf(access.argumentExpression.text);
      const valueAt = ts.isIdentifier(n.arguments[0]) ? params.indexOf(n.arguments[0].text) : -1;
      const literal = call.arguments[keyAt];
      if (keyAt === -1 || valueAt === -1 || !literal || !ts.isStringLiteralLike(literal) || !call.arguments[valueAt]) return;
      out = { key: literal.text, value: valueAt, found: schemaKeysOf(index, at.file, home, access.expression.expression) };
    });
  }
  return out;
}

/** The keys of the schema an identifier names: a constant of this file, or an import followed to its definition. */
function schemaKeysOf(index: RepoIndex, file: string, sf: ts.SourceFile, schema: ts.Expression): { file: string; keys: SchemaKey[] } | undefined {
  if (!ts.isIdentifier(schema)) return undefined;
  const local = exportedSchemaKeys(sf, schema.text);
  if (local.length > 0) return { file, keys: local };
  const binding = importsOf(sf).get(schema.text);
  const target = binding ? moduleResolver(index).resolve(file, binding.module) : undefined;
  if (!binding || !target || binding.imported === '*') return undefined;
  const at = findDefinition(index, { file: target, name: binding.imported });
  const home = at?.line !== undefined ? index.parse(at.file) : undefined;
  if (!at || !home) return undefined;
  // The definition's line names the constant there (`export const webEnvSchema = zod.object({…})`).
  for (const st of home.statements) {
    if (!ts.isVariableStatement(st) || lineOf(st, home) !== at.line) continue;
    for (const d of st.declarationList.declarations) {
      const name = ts.isIdentifier(d.name) ? d.name.text : undefined;
      const keys = name ? exportedSchemaKeys(home, name) : [];
      if (keys.length > 0) return { file: at.file, keys };
    }
  }
  return undefined;
}
