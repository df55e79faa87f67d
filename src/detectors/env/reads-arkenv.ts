/**
 * arkenv: `export const env = arkenv({ PORT: "number = 3000", "DEBUG?": "boolean" })` validates `process.env` at
 * start-up against an ArkType schema, and the code reads `env.PORT`. `@arkenv/vite-plugin`'s `arkenv(Env)` (with
 * `Env = type({ VITE_X: "string" })`) validates the variables Vite hands the client when dev or build starts.
 * ArkType keys are required unless optional (`"KEY?"`, `"string?"`, `.optional()`) or given a default
 * (`"number = 3000"`, `["number", "=", 3000]`, `.default(x)`).
 */
import { importsOf, lastName, propertyNameText } from '../shared/ast.js';
import { lineOf, ts } from '../../scan/ts.js';
import { resolve, type SchemaKey } from './reads-schema.js';

/** The call is arkenv's (its default export or `createEnv`, from `arkenv` or an `@arkenv/…` plugin). */
export function isArkenvCall(sf: ts.SourceFile, call: ts.CallExpression): boolean {
  if (!ts.isIdentifier(call.expression)) return false;
  const binding = importsOf(sf).get(call.expression.text);
  if (!binding) return false;
  if (binding.module === 'arkenv') return binding.imported === 'default' || binding.imported === 'createEnv';
  return /^@arkenv\//.test(binding.module) && binding.imported === 'default';
}

/** The schema's upper-case keys, cited where they are declared. */
export function arkenvKeys(call: ts.CallExpression, constants: ReadonlyMap<string, ts.Expression>): SchemaKey[] {
  let schema = resolve(call.arguments[0], constants);
  // `arkenv(type({…}))` / `Env = type({…})`: ArkType's `type` wraps the same object.
  if (schema && ts.isCallExpression(schema) && lastName(schema.expression) === 'type') schema = resolve(schema.arguments[0], constants);
  if (!schema || !ts.isObjectLiteralExpression(schema)) return [];
  const out: SchemaKey[] = [];
  for (const p of schema.properties) {
    if (!ts.isPropertyAssignment(p)) continue;
    const key = propertyNameText(p.name);
    const name = key?.replace(/\?$/, '');
    if (!key || !name || !/^[A-Z][A-Z0-9_]*$/.test(name)) continue;
    const value = resolve(p.initializer, constants);
    const definition = value && ts.isStringLiteralLike(value) ? value.text : undefined;
    const text = p.initializer.getText();
    const hasDefault = (definition !== undefined && /\s=\s/.test(definition)) || /\.default\(/.test(text) || (!!value && ts.isArrayLiteralExpression(value) && value.elements.some((e) => ts.isStringLiteralLike(e) && e.text === '='));
    const optional = key.endsWith('?') || (definition !== undefined && /\?\s*$/.test(definition)) || /\.optional\(/.test(text);
    const fallback = hasDefault || optional;
    out.push({ text: name, line: lineOf(p), fallback, hasDefault, required: !fallback });
  }
  return out;
}
