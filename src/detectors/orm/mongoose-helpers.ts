/**
 * Project helpers that wrap Mongoose: `Database.createSchema({...})` returning `new mongoose.Schema(def, opts)`, or
 * `createModel('User', {...})` returning `mongoose.model(name, new Schema(def))`. Followed one level, conservatively:
 * the helper's parameter must go straight into `new Schema(…)` / `model(…)`, and a caller must import the helper's file.
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import { parseSource, ts, walk } from '../../scan/ts.js';
import { importsOf, lastName, mentions } from '../shared/ast.js';
import { moduleResolver } from '../shared/resolve-module.js';
import { pushTo } from '../../collections.js';

/** What a helper does with its arguments (parameter positions). */
export interface MongooseHelper {
  readonly name: string;
  readonly file: string;
  /** The parameter that becomes the schema definition (`new Schema(def)`), if any. */
  readonly def?: number;
  /** The parameter that becomes the model name (`model(name, …)`): the helper makes a model, not only a schema. */
  readonly modelName?: number;
  /** The parameter passed to `model(name, schema)` as the schema, when the caller builds it. */
  readonly schema?: number;
  /** `{ timestamps: true }` given to the schema inside the helper. */
  readonly timestamps?: boolean;
}

/** Helper names → helpers, from the files that import mongoose; one table per index. */
export function mongooseHelpers(index: RepoIndex, files: readonly string[]): Map<string, MongooseHelper[]> {
  const out = new Map<string, MongooseHelper[]>();
  for (const file of files) {
    const text = index.read(file);
    if (!text || !mentions(text, ["'mongoose'", '"mongoose"']) || !/\b(Schema|model)\s*[(<]/.test(text)) continue;
    for (const h of index.memo('orm.mongoose-helpers@2', file, (t) => helpersIn(file, t)) ?? []) {
      pushTo(out, h.name, h);
    }
  }
  return out;
}

/** The helpers a file may call: those whose file its import of the callee's root name resolves to. */
export function helpersFor(index: RepoIndex, file: string, sf: ts.SourceFile, helpers: ReadonlyMap<string, MongooseHelper[]>) {
  const imports = importsOf(sf);
  return (call: ts.CallExpression | ts.NewExpression): MongooseHelper | undefined => {
    const name = lastName(call.expression);
    const candidates = name ? helpers.get(name) : undefined;
    if (!candidates) return undefined;
    let root: ts.Expression = call.expression;
    while (ts.isPropertyAccessExpression(root)) root = root.expression;
    if (!ts.isIdentifier(root)) return undefined;
    const local = candidates.find((h) => h.file === file);
    if (local) return local;
    const binding = imports.get(root.text);
    const target = binding ? moduleResolver(index).resolve(file, binding.module) : undefined;
    return candidates.find((h) => h.file === target);
  };
}

function helpersIn(file: string, text: string): MongooseHelper[] {
  const sf = parseSource(file, text);
  const out: MongooseHelper[] = [];
  walk(sf, (node) => {
    const fn = functionOf(node);
    if (!fn || !fn.body) return;
    const params = fn.params.map((p) => (ts.isIdentifier(p.name) ? p.name.text : ''));
    const at = (e: ts.Expression | undefined) => (e && ts.isIdentifier(e) ? params.indexOf(e.text) : -1);
    let def = -1;
    let timestamps = false;
    let modelName = -1;
    let schema = -1;
    const schemaVars = new Set<string>();
    walk(fn.body, (n) => {
      if (ts.isNewExpression(n) && lastName(n.expression) === 'Schema' && at(n.arguments?.[0]) >= 0) {
        def = at(n.arguments![0]);
        timestamps ||= /\btimestamps\s*:\s*true\b/.test(n.arguments?.[1]?.getText(sf) ?? '');
        if (ts.isVariableDeclaration(n.parent) && ts.isIdentifier(n.parent.name)) schemaVars.add(n.parent.name.text);
      }
      if (ts.isCallExpression(n) && lastName(n.expression) === 'model' && n.arguments.length >= 2 && at(n.arguments[0]) >= 0) {
        const s = n.arguments[1];
        modelName = at(n.arguments[0]);
        if (at(s) >= 0) schema = at(s);
        else if (!(ts.isNewExpression(s) || (ts.isIdentifier(s) && schemaVars.has(s.text)))) modelName = -1;
      }
    });
    // A function named `model`/`Schema` is read as Mongoose's own by `mongooseModels`. Only names that say schema or
    // model (`createModel`, `_Schema`): every file whose text calls a helper is parsed, so `get(def)` would cost a parse
    // of most files.
    if ((def < 0 && modelName < 0) || fn.name === 'model' || fn.name === 'Schema' || !/schema|model/i.test(fn.name)) return;
    out.push({
      name: fn.name,
      file,
      ...(def >= 0 ? { def } : {}),
      ...(modelName >= 0 ? { modelName } : {}),
      ...(schema >= 0 ? { schema } : {}),
      ...(timestamps ? { timestamps } : {}),
    });
  });
  return out;
}

/** A named function: a declaration, a method, or a function/arrow assigned to a const or a property. */
function functionOf(node: ts.Node): { name: string; params: readonly ts.ParameterDeclaration[]; body?: ts.Node } | undefined {
  if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) && node.name && ts.isIdentifier(node.name)) {
    return { name: node.name.text, params: node.parameters, body: node.body };
  }
  if ((ts.isVariableDeclaration(node) || ts.isPropertyAssignment(node) || ts.isPropertyDeclaration(node)) && node.initializer) {
    const init = node.initializer;
    if ((ts.isArrowFunction(init) || ts.isFunctionExpression(init)) && ts.isIdentifier(node.name)) {
      return { name: node.name.text, params: init.parameters, body: init.body };
    }
  }
  return undefined;
}
