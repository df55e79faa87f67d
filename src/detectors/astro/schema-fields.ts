/**
 * The top-level fields of an Astro collection's zod schema, read from the syntax tree: `z.object({...})`, a local
 * `const base = z.object(...)` through `.extend()`, `.merge()`, `.pick()`, `.omit()`, `.partial()`. A nested
 * `z.object` (a field's own shape) is never taken for the schema; what cannot be followed is said, not guessed.
 */
import { ts } from '../../scan/ts.js';
import { dottedName, propertyNameText } from '../shared/ast.js';
import { oneLine } from '../../markdown/text.js';
import { clip } from '../../secrets/clip.js';

export interface CollectionField {
  readonly name: string;
  /** Short zod description: `string`, `date`, `string[]`, `reference('authors')`. */
  readonly type: string;
  readonly optional: boolean;
  readonly hasDefault: boolean;
}

export interface SchemaRead {
  readonly fields: CollectionField[];
  /** A base the fields extend that could not be read (imported, computed): the fields are only part of the schema. */
  readonly alsoFrom?: string;
  /** The schema as written, when none of its fields could be read. */
  readonly unread?: string;
}

/** Calls that keep the object's input fields as they are. */
const SAME_SHAPE = new Set(['strict', 'passthrough', 'strip', 'catchall', 'refine', 'superRefine', 'transform', 'describe', 'brand', 'readonly']);

export function schemaFields(schema: ts.Expression | undefined, constants: Map<string, ts.Expression>): SchemaRead {
  if (!schema) return { fields: [] };
  const read = readShape(schema, constants, 0);
  return read ?? { fields: [], unread: clip(oneLine(schema.getText()), 60) };
}

type Shape = { fields: CollectionField[]; alsoFrom?: string };

function readShape(e: ts.Expression, constants: Map<string, ts.Expression>, depth: number): Shape | undefined {
  if (depth > 12) return undefined;
  const next = (x: ts.Expression) => readShape(x, constants, depth + 1);
  if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e)) return next(e.expression);
  if (ts.isIdentifier(e)) {
    const value = constants.get(e.text);
    return value ? next(value) : undefined;
  }
  if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) {
    if (!ts.isBlock(e.body)) return next(e.body);
    const ret = e.body.statements.find(ts.isReturnStatement);
    return ret?.expression ? next(ret.expression) : undefined;
  }
  if (!ts.isCallExpression(e) || !ts.isPropertyAccessExpression(e.expression)) return undefined;
  const method = e.expression.name.text;
  const receiver = e.expression.expression;
  const arg = e.arguments[0];
  if (method === 'object') {
    const literal = arg && objectLiteral(arg, constants);
    return literal ? { fields: literalFields(literal, constants) } : undefined;
  }
  if (SAME_SHAPE.has(method)) return next(receiver);
  if (method === 'partial' && !arg) return mapShape(next(receiver), (f) => ({ ...f, optional: true }));
  if (method === 'required' && !arg) return mapShape(next(receiver), (f) => ({ ...f, optional: false }));
  if (method === 'extend' || method === 'merge') {
    const base = next(receiver);
    const added = method === 'extend' ? (arg && objectLiteral(arg, constants) ? { fields: literalFields(objectLiteral(arg, constants)!, constants) } : undefined) : arg && next(arg);
    if (!added) return undefined;
    if (!base) return { fields: added.fields, alsoFrom: clip(oneLine(receiver.getText()), 40) };
    return { fields: mergeFields(base.fields, added.fields), ...(base.alsoFrom || added.alsoFrom ? { alsoFrom: base.alsoFrom ?? added.alsoFrom } : {}) };
  }
  if (method === 'pick' || method === 'omit') {
    const base = next(receiver);
    const keys = arg && ts.isObjectLiteralExpression(arg) ? new Set(arg.properties.map((p) => (p.name ? propertyNameText(p.name) : undefined))) : undefined;
    // Picking from a base only partly known could miss fields: say nothing then.
    if (!base || !keys || (method === 'pick' && base.alsoFrom)) return undefined;
    return { ...base, fields: base.fields.filter((f) => keys.has(f.name) === (method === 'pick')) };
  }
  return undefined;
}

function objectLiteral(e: ts.Expression, constants: Map<string, ts.Expression>): ts.ObjectLiteralExpression | undefined {
  const value = ts.isIdentifier(e) ? constants.get(e.text) : e;
  return value && ts.isObjectLiteralExpression(value) ? value : undefined;
}

function literalFields(object: ts.ObjectLiteralExpression, constants: Map<string, ts.Expression>): CollectionField[] {
  const fields: CollectionField[] = [];
  for (const p of object.properties) {
    if (!ts.isPropertyAssignment(p)) continue;
    const name = propertyNameText(p.name);
    if (name) fields.push({ name, ...zodType(p.initializer, constants) });
  }
  return fields;
}

/** Later fields replace earlier ones of the same name in place, as zod's `extend` does. */
function mergeFields(base: readonly CollectionField[], added: readonly CollectionField[]): CollectionField[] {
  const byName = new Map(added.map((f) => [f.name, f]));
  return [...base.map((f) => byName.get(f.name) ?? f), ...added.filter((f) => !base.some((b) => b.name === f.name))];
}

function mapShape(shape: Shape | undefined, fn: (f: CollectionField) => CollectionField): Shape | undefined {
  return shape && { ...shape, fields: shape.fields.map(fn) };
}

const OPTIONAL = new Set(['optional', 'nullish']);

/**
 * Reads a zod chain outside-in: `z.array(z.string()).default([])` → `string[]` with a default; a local schema constant
 * (`title: titleSchema.optional()`) is followed; `a.or(b)` gives `a | b`.
 */
export function zodType(expr: ts.Expression, constants?: Map<string, ts.Expression>, depth = 0): { type: string; optional: boolean; hasDefault: boolean } {
  let optional = false;
  let hasDefault = false;
  const alternatives: string[] = [];
  const result = (type: string) => ({ type: [type, ...alternatives].join(' | '), optional, hasDefault });
  let e: ts.Expression = expr;
  for (let i = 0; i < 20 && ts.isCallExpression(e); i++) {
    const callee = e.expression;
    if (ts.isPropertyAccessExpression(callee)) {
      const base = dottedName(callee.expression);
      // `z.string()`, `z.coerce.date()`, `z.iso.datetime()`.
      if (base === 'z' || base === 'zod' || base?.startsWith('z.')) return result(describe(callee.name.text, e.arguments, constants, depth));
      if (OPTIONAL.has(callee.name.text)) optional = true;
      if (callee.name.text === 'default') hasDefault = true;
      if (callee.name.text === 'or' && e.arguments[0]) alternatives.unshift(zodType(e.arguments[0], constants, depth + 1).type);
      e = callee.expression;
      continue;
    }
    if (ts.isIdentifier(callee)) return result(describe(callee.text, e.arguments, constants, depth));
    break;
  }
  const value = ts.isIdentifier(e) && depth < 5 ? constants?.get(e.text) : undefined;
  if (value) {
    const inner = zodType(value, constants, depth + 1);
    optional ||= inner.optional;
    hasDefault ||= inner.hasDefault;
    return result(inner.type);
  }
  return result(clip(oneLine(expr.getText().replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, ' ')), 40));
}

function describe(name: string, args: ts.NodeArray<ts.Expression>, constants: Map<string, ts.Expression> | undefined, depth: number): string {
  const first = args[0];
  if (name === 'array' && first) return `${zodType(first, constants, depth + 1).type}[]`;
  if (name === 'enum' && first && ts.isArrayLiteralExpression(first)) {
    return first.elements.map((el) => (ts.isStringLiteralLike(el) ? `'${el.text}'` : oneLine(el.getText()))).join(' | ');
  }
  if ((name === 'reference' || name === 'literal') && first && ts.isStringLiteralLike(first)) return `${name}('${first.text}')`;
  return name;
}
