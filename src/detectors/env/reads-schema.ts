/**
 * Validated env: the keys of the schema a call checks `process.env` against — t3-env `createEnv({ server, client,
 * shared })`, envalid `cleanEnv(process.env, { X: str() })`, zod `schema.parse(process.env)`, valibot
 * `v.parse(Schema, process.env)`, Joi `schema.validate(process.env)` — with the schema object found in the call, or in a
 * constant of the same file.
 */
import { constantsOf, lastName, property, propertyNameText } from '../shared/ast.js';
import { lineOf, ts, walk } from '../../scan/ts.js';

export interface SchemaKey {
  readonly text: string;
  readonly line: number;
  readonly fallback: boolean;
  /** The schema gives a default (zod/Joi `.default(x)`, envalid `default:`): a value when unset, set here. */
  readonly hasDefault: boolean;
  /** Validation fails when unset (zod/valibot/envalid without optional/default, Joi/yup `.required()`). */
  readonly required: boolean;
}

/** Calls that validate env; one of them with keys nowhere in the file is reported as an unresolved read. */
export const PARSE_CALL = /^(safe)?[pP]arse(Async)?$|^(cleanEnv|envsafe|createEnv|validateEnv|validate|load|loadEnvConfig)$/;

/** t3-env: `createEnv({ server: {…}, client: {…}, shared: {…} })` (`extends` presets are other modules). */
export function createEnvKeys(call: ts.CallExpression, constants: ReadonlyMap<string, ts.Expression>): SchemaKey[] {
  const options = resolve(call.arguments[0], constants);
  const groups = ['server', 'client', 'shared']
    .map((k) => resolve(property(options, k), constants))
    .filter((o): o is ts.ObjectLiteralExpression => !!o && ts.isObjectLiteralExpression(o));
  return objectKeys(groups);
}

/**
 * Keys of the schema a call validates env against: object-literal arguments (envalid), and `object({…})` /
 * `strictObject({…})` inside the parsed schema (`schema.parse(env)`) or a schema argument (`v.parse(Schema, env)`).
 */
export function schemaKeys(call: ts.CallExpression, isEnv: (e: ts.Expression) => boolean, constants: ReadonlyMap<string, ts.Expression>): SchemaKey[] {
  const objects: ts.ObjectLiteralExpression[] = [];
  for (const a of call.arguments) {
    if (isEnv(a)) continue;
    const arg = resolve(a, constants);
    if (arg && ts.isObjectLiteralExpression(arg)) objects.push(arg);
    else objects.push(...schemaObjects(a, constants));
  }
  const callee = call.expression;
  if (objects.length === 0 && ts.isPropertyAccessExpression(callee) && PARSE_CALL.test(callee.name.text)) objects.push(...schemaObjects(callee.expression, constants));
  return objectKeys(objects);
}

/** `Schema.parse(x)` / `safeParse(x)`: the keys of the schema the call's receiver holds (not of its argument). */
export function receiverSchemaKeys(call: ts.CallExpression, constants: ReadonlyMap<string, ts.Expression>): SchemaKey[] {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || !PARSE_CALL.test(callee.name.text)) return [];
  return objectKeys(schemaObjects(callee.expression, constants));
}

/** The keys of the schema another module exports as `name` (`export const serverSchema = z.object({…})`). */
export function exportedSchemaKeys(sf: ts.SourceFile, name: string): SchemaKey[] {
  const constants = constantsOf(sf);
  let init: ts.Expression | undefined;
  for (const st of sf.statements) {
    if (name === 'default' && ts.isExportAssignment(st)) init = st.expression;
    else if (ts.isVariableStatement(st) && st.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
      for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name) && d.name.text === name) init = d.initializer;
    }
  }
  if (!init && name !== 'default') init = constants.get(name);
  return init ? objectKeys(schemaObjects(init, constants)) : [];
}

/**
 * `object({…})` / `strictObject({…})` inside a schema expression (zod, valibot, Joi, yup-like builders), and the
 * object of a chained `.keys({…})` / `.shape({…})` / `.append({…})` / `.extend({…})` (Joi's `Joi.object().keys({…})`,
 * yup's `object().shape({…})`). A same-file constant met on the way is followed: `envVarsSchema.prefs(…).validate(env)`.
 */
function schemaObjects(expr: ts.Expression | undefined, constants: ReadonlyMap<string, ts.Expression>, depth = 0): ts.ObjectLiteralExpression[] {
  const objects: ts.ObjectLiteralExpression[] = [];
  const schemaObject = (n: ts.Node): boolean => {
    if (!ts.isCallExpression(n) || !n.arguments[0]) return false;
    const name = lastName(n.expression) ?? '';
    const chained = /^(keys|shape|append|extend)$/.test(name) && ts.isPropertyAccessExpression(n.expression);
    if (!/^(object|strictObject|looseObject)$/.test(name) && !chained) return false;
    const arg = resolve(n.arguments[0], constants);
    if (arg && ts.isObjectLiteralExpression(arg)) objects.push(arg);
    else if (!chained) return true;
    // `Joi.object().keys({…})`: the receiver may hold more keys (`object({a}).keys({b})`).
    if (chained) objects.push(...schemaObjects((n.expression as ts.PropertyAccessExpression).expression, constants, depth + 1));
    return true;
  };
  const init = resolve(expr, constants);
  if (!init || depth > 4) return objects;
  if (!schemaObject(init)) {
    walk(init, (n) => {
      if (schemaObject(n)) return false;
      // A constant holding the schema: `envVarsSchema` in `envVarsSchema.prefs({…}).validate(process.env)`.
      if (ts.isIdentifier(n) && constants.has(n.text) && constants.get(n.text) !== init) objects.push(...schemaObjects(n, constants, depth + 1));
      return undefined;
    });
  }
  return objects;
}

/** Upper-case keys of schema objects, with whether each has a default or is optional. */
function objectKeys(objects: readonly ts.ObjectLiteralExpression[]): SchemaKey[] {
  const out: SchemaKey[] = [];
  for (const obj of objects) {
    for (const p of obj.properties) {
      const name = p.name && propertyNameText(p.name as ts.PropertyName);
      // zod `.default()`, `.optional()`, `.prefault()`, `.catch()`; envalid `{ default: … }`; valibot `optional(…)`.
      const text = p.getText();
      const hasDefault = /\.(default|prefault)\(|\bdefault\s*:/.test(text);
      // Joi and yup keys are optional unless `.required()`; zod, valibot and envalid keys are required unless optional.
      const optionalByDefault = /\b(Joi|yup)\b/.test(text) && !/\.(required|defined)\(/.test(text);
      const fallback = optionalByDefault || /\.(default|optional|prefault|catch|nullish)\(|\bdefault\s*:|\b(optional|nullish)\(/.test(text);
      const required = !fallback;
      if (name && /^[A-Z][A-Z0-9_]*$/.test(name)) out.push({ text: name, line: lineOf(p), fallback, hasDefault, required });
    }
  }
  return out;
}

/** An expression, or the initializer of the same-file constant it names (through parentheses and `as`). */
export function resolve(expr: ts.Expression | undefined, constants: ReadonlyMap<string, ts.Expression>, depth = 0): ts.Expression | undefined {
  let e = expr;
  while (e && (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e))) e = e.expression;
  if (e && ts.isIdentifier(e) && depth < 4) {
    const init = constants.get(e.text);
    return init ? resolve(init, constants, depth + 1) : e;
  }
  return e;
}
