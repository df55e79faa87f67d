/**
 * A schema parsed against a hand-built object of env reads, with the object or the schema in another module — the
 * older create-t3-app `env/schema.mjs` + `env/client.mjs` shape:
 * `export const clientEnv = { NEXT_PUBLIC_X: process.env.NEXT_PUBLIC_X }` in one module and
 * `clientSchema.safeParse(clientEnv)` (both imported) in another. Each key of the object takes what the schema says of
 * it (required, optional, a default), and the variable is the one read in the key's value. Both in the same module
 * is `renamedSchemaReads` (reads-schema-uses.ts).
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import { lineOf, ts, walk } from '../../scan/ts.js';
import { clip } from '../../secrets/clip.js';
import { constantsOf, importsOf, propertyNameText } from '../shared/ast.js';
import { moduleResolver } from '../shared/resolve-module.js';
import { exportedSchemaKeys, PARSE_CALL, receiverSchemaKeys, resolve, type SchemaKey } from './reads-schema.js';
import { schemaFacts } from './reads-schema-uses.js';
import type { RawRead } from './raw-reads.js';

/** A key of the hand-built object and the variable its value reads as it is (`process.env.X`, no fallback or wrapper). */
export interface ObjectEntry {
  readonly key: string;
  readonly name: string;
}

interface Imported {
  readonly module: string;
  readonly imported: string;
}

/** `schema.safeParse(object)` with at least one of the two imported: plain data, resolved after the first pass. */
export interface ObjectParse {
  readonly line: number;
  readonly expression: string;
  readonly object: { readonly entries: ObjectEntry[] } | Imported;
  readonly schema: { readonly keys: SchemaKey[] } | Imported;
}

/** A file that may parse a schema against an object named like env (`clientEnv`, `processEnv`): a cheap test first. */
export const OBJECT_PARSE_TEXT = /\.(safe)?[pP]arse(Async)?\(\s*\w*[eE]nv\w*\s*\)/;

/** The parse calls of a file whose object or schema is imported (both local: `renamedSchemaReads`). */
export function objectParses(sf: ts.SourceFile, isEnv: (e: ts.Expression) => boolean): ObjectParse[] {
  if (!OBJECT_PARSE_TEXT.test(sf.text)) return [];
  const out: ObjectParse[] = [];
  let constants: Map<string, ts.Expression> | undefined;
  walk(sf, (n) => {
    if (!ts.isCallExpression(n) || n.arguments.length !== 1 || !ts.isPropertyAccessExpression(n.expression)) return;
    const arg = n.arguments[0];
    if (!PARSE_CALL.test(n.expression.name.text) || !ts.isIdentifier(arg) || isEnv(arg)) return;
    const consts = (constants ??= constantsOf(sf));
    const imports = importsOf(sf);
    const objectRef = consts.has(arg.text) ? undefined : imports.get(arg.text);
    const receiver = n.expression.expression;
    const schemaRef = ts.isIdentifier(receiver) && !consts.has(receiver.text) ? imports.get(receiver.text) : undefined;
    if (!objectRef && !schemaRef) return;
    const local = objectRef ? undefined : resolve(arg, consts);
    const object = objectRef ?? (local && ts.isObjectLiteralExpression(local) ? { entries: entriesOf(local, isEnv) } : undefined);
    const schema = schemaRef ?? { keys: receiverSchemaKeys(n, consts) };
    if (!object || ('entries' in object && object.entries.length === 0) || ('keys' in schema && schema.keys.length === 0)) return;
    out.push({ line: lineOf(n, sf), expression: clip(n.getText(sf), 80), object, schema });
  });
  return out;
}

/** Keys whose value is a bare read (`process.env.X`, `process.env['X']`, `import.meta.env.X`, through `as` and parentheses). */
function entriesOf(obj: ts.ObjectLiteralExpression, isEnv: (e: ts.Expression) => boolean): ObjectEntry[] {
  const out: ObjectEntry[] = [];
  for (const p of obj.properties) {
    if (!ts.isPropertyAssignment(p)) continue;
    const key = propertyNameText(p.name);
    let v: ts.Expression = p.initializer;
    while (ts.isParenthesizedExpression(v) || ts.isAsExpression(v) || ts.isNonNullExpression(v) || ts.isSatisfiesExpression(v)) v = v.expression;
    // `Boolean(process.env.X)`, `process.env.X ?? 'a'`: the schema checks the result, not whether X is set.
    const name = ts.isPropertyAccessExpression(v) ? v.name.text : ts.isElementAccessExpression(v) && ts.isStringLiteralLike(v.argumentExpression) ? v.argumentExpression.text : undefined;
    const from = ts.isPropertyAccessExpression(v) || ts.isElementAccessExpression(v) ? v.expression : undefined;
    if (key && name && from && isEnv(from)) out.push({ key, name });
  }
  return out;
}

/** The reads a parse makes, at its line: each object key the schema holds, with the schema's verdict on it. */
export function objectParseReads(index: RepoIndex, file: string, p: ObjectParse): RawRead[] {
  const resolver = moduleResolver(index);
  const target = (ref: Imported) => {
    const at = resolver.resolve(file, ref.module);
    const sf = at ? index.parse(at) : undefined;
    return at && sf ? { at, sf } : undefined;
  };
  let entries: readonly ObjectEntry[] = [];
  if ('entries' in p.object) entries = p.object.entries;
  else {
    const t = target(p.object);
    const consts = t && constantsOf(t.sf);
    const obj = consts && p.object.imported !== '*' ? resolve(consts.get(p.object.imported), consts) : undefined;
    if (t && obj && ts.isObjectLiteralExpression(obj)) entries = entriesOf(obj, (e) => isProcessEnv(e));
  }
  let keys: readonly SchemaKey[] = [];
  let schemaFile: string | undefined;
  if ('keys' in p.schema) keys = p.schema.keys;
  else {
    const t = target(p.schema);
    if (t) [keys, schemaFile] = [exportedSchemaKeys(t.sf, p.schema.imported), t.at];
  }
  const out: RawRead[] = [];
  for (const e of entries) {
    const k = keys.find((x) => x.text === e.key);
    if (k) out.push({ name: e.name, line: p.line, via: 'schema', receiver: 'process', fallback: k.fallback, ...schemaFacts(k, schemaFile) });
  }
  return out;
}

/** `process.env` / `import.meta.env` in a module read for its object alone (no aliases followed there). */
function isProcessEnv(e: ts.Expression): boolean {
  const t = e.getText();
  return t === 'process.env' || t === 'import.meta.env';
}
