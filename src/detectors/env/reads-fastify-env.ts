/**
 * `@fastify/env` and `env-schema`: `fastify.register(fastifyEnv, { schema, data: process.env })` /
 * `envSchema({ schema })` validate the environment (`data` defaults to `process.env`) against a JSON schema and hand
 * the result to the code as `fastify.config.X`. Each of the schema's `properties` is a read, cited at its key; a key in
 * `required` without a `default` fails startup when unset; a `default` is the value when unset. The schema may be a
 * JSON-schema object literal or a TypeBox `Type.Object({…})` (keys required unless `Type.Optional(…)`), in this file or
 * imported from another module (then `imports`: the detector reads it there, fastify-env-schema.ts).
 */
import { importsOf, lastName, property as member, propertyNameText } from '../shared/ast.js';
import { lineOf, ts, walk } from '../../scan/ts.js';
import { clip } from '../../secrets/clip.js';
import { isEnvName } from './names.js';
import { resolve, type SchemaKey } from './reads-schema.js';
import type { SchemaImport } from './raw-reads.js';

/** Files that may hold such a call: the import names the package. */
export const FASTIFY_ENV_TEXT = /['"](@fastify\/env|fastify-env|env-schema)['"]/;

/**
 * The keys of every options object of the file that has a `schema` with `properties` (the object handed to the
 * plugin, or an `autoConfig` export that `@fastify/autoload` hands to it), and the imported schemas such an object
 * names. `data` other than the environment (a literal object, a parsed file) is not the environment: those options
 * are skipped.
 */
export function fastifyEnvKeys(sf: ts.SourceFile, constants: ReadonlyMap<string, ts.Expression>, isEnv: (e: ts.Expression) => boolean): { keys: SchemaKey[]; imports: SchemaImport[] } {
  const out: SchemaKey[] = [];
  const imports: SchemaImport[] = [];
  if (!FASTIFY_ENV_TEXT.test(sf.text)) return { keys: out, imports };
  const seen = new Set<ts.Node>();
  let bindings: ReturnType<typeof importsOf> | undefined;
  walk(sf, (n) => {
    if (!ts.isObjectLiteralExpression(n)) return;
    const schema = member(n, 'schema');
    const data = member(n, 'data');
    if (!schema || (data && !isEnv(data))) return;
    const obj = resolve(schema, constants);
    if (!obj || seen.has(obj)) return;
    if (ts.isIdentifier(obj)) {
      // `schema: envSchema` imported (`import { envSchema } from '@server/lib'`): keys are read in its module.
      const binding = (bindings ??= importsOf(sf)).get(obj.text);
      if (binding) imports.push({ module: binding.module, imported: binding.imported, line: lineOf(n, sf), expression: clip(n.getText(sf), 80), fastify: true });
      return;
    }
    const keys = fastifySchemaKeys(obj, constants, sf);
    if (keys === undefined) return;
    seen.add(obj);
    out.push(...keys);
  });
  return { keys: out, imports };
}

/** The keys of a JSON-schema object literal or a TypeBox `Type.Object({…})`; undefined when it is neither. */
export function fastifySchemaKeys(expr: ts.Expression, constants: ReadonlyMap<string, ts.Expression>, sf: ts.SourceFile): SchemaKey[] | undefined {
  const obj = resolve(expr, constants);
  if (obj && ts.isCallExpression(obj) && ts.isPropertyAccessExpression(obj.expression) && lastName(obj.expression) === 'Object') return typeBoxKeys(obj, constants, sf);
  if (!obj || !ts.isObjectLiteralExpression(obj)) return undefined;
  const properties = resolve(member(obj, 'properties'), constants);
  if (!properties || !ts.isObjectLiteralExpression(properties)) return undefined;
  const list = resolve(member(obj, 'required'), constants);
  const required = new Set(list && ts.isArrayLiteralExpression(list) ? list.elements.filter(ts.isStringLiteralLike).map((e) => e.text) : []);
  const out: SchemaKey[] = [];
  for (const p of properties.properties) {
    const name = p.name && propertyNameText(p.name as ts.PropertyName);
    if (!name || !isEnvName(name)) continue;
    const value = ts.isPropertyAssignment(p) ? resolve(p.initializer, constants) : undefined;
    const hasDefault = !!value && ts.isObjectLiteralExpression(value) && member(value, 'default') !== undefined;
    const isRequired = required.has(name) && !hasDefault;
    out.push({ text: name, line: lineOf(p, sf), fallback: !isRequired, hasDefault, required: isRequired });
  }
  return out;
}

/**
 * TypeBox `Type.Object({ X: Type.String(), Y: Type.Optional(Type.String()) })`: every key is in the schema's
 * `required` unless wrapped in `Optional`; a `{ default: … }` option fills it in (env-schema's Ajv uses defaults).
 */
function typeBoxKeys(call: ts.CallExpression, constants: ReadonlyMap<string, ts.Expression>, sf: ts.SourceFile): SchemaKey[] | undefined {
  const props = resolve(call.arguments[0], constants);
  if (!props || !ts.isObjectLiteralExpression(props)) return undefined;
  const out: SchemaKey[] = [];
  for (const p of props.properties) {
    const name = p.name && propertyNameText(p.name as ts.PropertyName);
    if (!name || !isEnvName(name) || !ts.isPropertyAssignment(p)) continue;
    const value = resolve(p.initializer, constants);
    const optional = !!value && ts.isCallExpression(value) && lastName(value.expression) === 'Optional';
    let hasDefault = false;
    walk(value ?? p.initializer, (n) => {
      if (ts.isObjectLiteralExpression(n) && member(n, 'default') !== undefined) hasDefault = true;
      return hasDefault ? false : undefined;
    });
    const isRequired = !optional && !hasDefault;
    out.push({ text: name, line: lineOf(p, sf), fallback: !isRequired, hasDefault, required: isRequired });
  }
  return out;
}
