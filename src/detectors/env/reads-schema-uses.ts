/**
 * Where a schema's verdict reaches reads the schema does not hold itself: a renamed copy validated by a schema
 * (`Schema.safeParse({ APP_URL: process.env.NEXT_PUBLIC_URL })`), a schema a framework validates env with (NestJS
 * `validationSchema`), and what a key says beyond its fallback (required, a default).
 */
import { importsOf, lastName, propertyNameText } from '../shared/ast.js';
import { lineOf, ts, walk } from '../../scan/ts.js';
import { clip } from '../../secrets/clip.js';
import { receiverSchemaKeys, type SchemaKey } from './reads-schema.js';
import type { RawRead, SchemaImport } from './raw-reads.js';

/**
 * `const vars = { APP_URL: process.env.NEXT_PUBLIC_URL }; Schema.safeParse(vars)`, or the object written in the call
 * (`Schema.parse({ VITE_API_URL: import.meta.env.VITE_API_URL })`): each read takes what the schema
 * says of the key it is renamed to (a default, optional, required). `reads` is updated in place.
 */
export function renamedSchemaReads(sf: ts.SourceFile, reads: RawRead[], constants: ReadonlyMap<string, ts.Expression>): void {
  walk(sf, (n) => {
    if (!ts.isCallExpression(n) || !n.arguments[0]) return;
    // The object is a constant of the file, or written in the call (`Schema.parse({ X: import.meta.env.X })`).
    let obj = ts.isIdentifier(n.arguments[0]) ? constants.get(n.arguments[0].text) : n.arguments[0];
    while (obj && (ts.isAsExpression(obj) || ts.isSatisfiesExpression(obj) || ts.isParenthesizedExpression(obj))) obj = obj.expression;
    if (!obj || !ts.isObjectLiteralExpression(obj)) return;
    const keys = receiverSchemaKeys(n, constants);
    if (keys.length === 0) return;
    for (const p of obj.properties) {
      const key = ts.isPropertyAssignment(p) ? keys.find((k) => k.text === propertyNameText(p.name)) : undefined;
      if (!key) continue;
      const line = lineOf(p, sf);
      const i = reads.findIndex((r) => r.line === line && p.getText(sf).includes(r.name));
      if (i !== -1) reads[i] = { ...reads[i], fallback: reads[i].fallback || key.fallback, ...schemaFacts({ ...key, required: key.required && !reads[i].fallback }) };
    }
  });
}

/**
 * NestJS `ConfigModule.forRoot({ validationSchema })`: the imported Joi schema validates `process.env` at startup
 * and assigns its defaults to it (the defaults are set sites; the reads are where the code uses the values).
 */
export function nestValidationSchemas(sf: ts.SourceFile): SchemaImport[] {
  const out: SchemaImport[] = [];
  const imports = importsOf(sf);
  walk(sf, (n) => {
    if (!ts.isCallExpression(n) || lastName(n.expression) !== 'forRoot' || !n.arguments[0] || !ts.isObjectLiteralExpression(n.arguments[0])) return;
    for (const p of n.arguments[0].properties) {
      const value = ts.isShorthandPropertyAssignment(p) ? p.name : ts.isPropertyAssignment(p) ? p.initializer : undefined;
      if (!value || !p.name || propertyNameText(p.name as ts.PropertyName) !== 'validationSchema' || !ts.isIdentifier(value)) continue;
      const binding = imports.get(value.text);
      if (binding) out.push({ module: binding.module, imported: binding.imported, line: lineOf(p, sf), expression: clip(n.getText(sf), 80), defaultsOnly: true });
    }
  });
  return out;
}

/** What a schema key says beyond its fallback: required, or a default (cited where the schema gives it). */
export function schemaFacts(k: SchemaKey, file?: string): Pick<RawRead, 'required' | 'defaultAt'> {
  if (k.hasDefault) return { defaultAt: { ...(file ? { file } : {}), line: k.line } };
  return k.required ? { required: 'schema' } : {};
}

