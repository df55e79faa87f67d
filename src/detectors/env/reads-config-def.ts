/**
 * Config-definition objects that name the variable each setting comes from: figue
 * `defineConfig({ port: { doc, schema, default: 3000, env: 'PORT' } })` (also `env: ['A', 'B']`, the first set wins),
 * convict `convict({ port: { doc, format, default, env: 'PORT' } })`. The library reads `process.env[NAME]` for the
 * code, so each name is a read; a `default` is the value when it is unset.
 */
import { importsOf, propertyNameText, staticString } from '../shared/ast.js';
import { lineOf, ts } from '../../scan/ts.js';
import { clip } from '../../secrets/clip.js';
import { isEnvName } from './names.js';
import type { RawDynamic, RawRead } from './raw-reads.js';

/** Keys that make an object a setting's definition rather than any object with an `env` key (`{ env: 'test' }`). */
const DEFINITION_KEYS = new Set(['doc', 'schema', 'format', 'default']);
/** A variable's name as these libraries' users write it: `{ env: 'production', default: … }` names a stage, not one. */
const NAME = /^[A-Z_][A-Z0-9_]*$/;

/** `env: [X_ENV_KEY]` with `X_ENV_KEY` imported: the detector reads the constant in its module (`read` without the name). */
export interface ConfigConstant {
  readonly module: string;
  readonly imported: string;
  readonly expression: string;
  readonly read: Omit<RawRead, 'name'>;
}

export interface ConfigDefinitionReads {
  readonly reads: RawRead[];
  readonly dynamic: RawDynamic[];
  readonly constants: ConfigConstant[];
}

/**
 * The reads an `env:` property gives, when its object is a setting's definition: names resolved in the file are
 * reads; an imported constant is resolved by the detector in its module; anything else is a read by a computed name.
 */
export function configDefinitionReads(node: ts.PropertyAssignment, constants: ReadonlyMap<string, ts.Expression>): ConfigDefinitionReads {
  const none = { reads: [], dynamic: [], constants: [] };
  const obj = node.parent;
  if (!ts.isObjectLiteralExpression(obj)) return none;
  const keys = new Map<string, ts.ObjectLiteralElementLike>();
  for (const p of obj.properties) {
    const key = p.name && propertyNameText(p.name as ts.PropertyName);
    if (key) keys.set(key, p);
  }
  if (![...keys.keys()].some((k) => DEFINITION_KEYS.has(k))) return none;
  const value = node.initializer;
  const items = ts.isArrayLiteralExpression(value) ? value.elements.filter(ts.isExpression) : [value];
  const def = keys.get('default');
  const defaultValue = def && ts.isPropertyAssignment(def) ? def.initializer : undefined;
  const hasDefault = !!defaultValue && defaultValue.kind !== ts.SyntaxKind.NullKeyword && !(ts.isIdentifier(defaultValue) && defaultValue.text === 'undefined');
  // figue: a valibot/zod schema that accepts undefined (`v.optional(…)`) copes when unset too.
  const schema = keys.get('schema');
  const optional = !!schema && /\b(optional|nullish)\(|\.(optional|nullish|default)\(/.test(schema.getText());
  const fallback = hasDefault || optional;
  // figue validates every setting with its schema: with no `default` key and a schema that needs a value, startup
  // fails when the variable is unset. (convict always has a `default`; `default: null` gives the code null.)
  const required = !!schema && !def && !optional ? { required: 'schema' as const } : {};
  const reads: RawRead[] = [];
  const dynamic: RawDynamic[] = [];
  const imported: ConfigConstant[] = [];
  for (const item of items) {
    const name = staticString(item, constants);
    const read = { line: lineOf(item), via: 'schema' as const, receiver: 'process' as const, fallback, ...required, ...(hasDefault ? { defaultAt: { line: lineOf(def!) } } : {}) };
    const expression = clip(`env: ${item.getText()}`, 80);
    const binding = ts.isIdentifier(item) ? importsOf(item.getSourceFile()).get(item.text) : undefined;
    if (name?.resolved) {
      if (isEnvName(name.text) && NAME.test(name.text)) reads.push({ name: name.text, ...read });
    } else if (binding) imported.push({ module: binding.module, imported: binding.imported, expression, read });
    // Only a constant-like name (`env: WORKER_ENV_KEY`) is a read by a computed name: `env: environment` in an
    // object that merely has a `default` would otherwise hide every "not read" conclusion.
    else if (ts.isIdentifier(item) && NAME.test(item.text)) dynamic.push({ line: read.line, expression });
  }
  return { reads, dynamic, constants: imported };
}
