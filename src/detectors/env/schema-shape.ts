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
import type { RawRead } from './reads.js';

/** A file that may hold such a call: a cheap test before the file is parsed again. */
export const SHAPE_TEXT = /\.shape\s*(\.|\[)[^;]*?\.(safe)?[pP]arse\s*\(/;

/** The reads of `file` with the verdict of the schema member each one is parsed with (others as they are). */
export function shapeVerdicts(index: RepoIndex, file: string, reads: readonly RawRead[]): RawRead[] {
  const out = [...reads];
  const sf = index.parse(file);
  if (!sf || reads.length === 0) return out;
  walk(sf, (n) => {
    if (!ts.isCallExpression(n) || !n.arguments[0] || !ts.isPropertyAccessExpression(n.expression)) return;
    if (!/^(safe)?[pP]arse(Async)?$/.test(n.expression.name.text)) return;
    const member = memberOf(n.expression.expression);
    if (!member) return;
    const arg = n.arguments[0];
    const line = lineOf(arg, sf);
    const i = out.findIndex((r) => r.line === line && arg.getText(sf).includes(r.name));
    if (i === -1) return;
    const found = schemaKeysOf(index, file, sf, member.schema);
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
