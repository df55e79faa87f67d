/**
 * `function forward(env: WorkerEnv) { env.WEBHOOK_URL }` with `WorkerEnv` imported from a module that declares
 * `type WorkerEnv = z.infer<typeof workerEnvSchema>`: the object is a schema's output (the code parsed it before handing
 * it over), so whether the variable may be missing is the schema's to say, not the read's. The read makes no
 * "without a fallback" claim then; the schema's own verdict is not asserted here (where it is parsed is not followed).
 */
import { importsOf } from '../shared/ast.js';
import { moduleResolver } from '../shared/resolve-module.js';
import { lineOf, ts } from '../../scan/ts.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import type { RawRead } from './raw-reads.js';
import { exportedSchemaKeys } from './reads-schema.js';

/** The imported type of the parameter the read's receiver names (`env` in `env.X`, declared `env: WorkerEnv`). */
export function receiverType(node: ts.Node): { module: string; imported: string } | undefined {
  if (!ts.isPropertyAccessExpression(node) || !ts.isIdentifier(node.expression)) return undefined;
  const name = node.expression.text;
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (!ts.isFunctionLike(n)) continue;
    const p = n.parameters.find((x) => ts.isIdentifier(x.name) && x.name.text === name);
    if (!p) continue;
    if (!p.type || !ts.isTypeReferenceNode(p.type) || !ts.isIdentifier(p.type.typeName) || p.type.typeArguments) return undefined;
    const binding = importsOf(node.getSourceFile()).get(p.type.typeName.text);
    return binding && binding.module.startsWith('.') ? { module: binding.module, imported: binding.imported } : undefined;
  }
  return undefined;
}

/** `z.infer<typeof S>`, `z.output<typeof S>`, `v.InferOutput<typeof S>`: the output type of schema `S`. */
const OUTPUT_TYPE = /^(\w+\.)?(infer|output|Infer|InferOutput|TypeOf)$/;

/** The schema whose output type the module's type alias `name` is, with its keys; undefined when it is not one. */
function schemaOfType(sf: ts.SourceFile, name: string): { line: number; keys: Set<string> } | undefined {
  for (const st of sf.statements) {
    if (!ts.isTypeAliasDeclaration(st) || st.name.text !== name) continue;
    const t = st.type;
    if (!ts.isTypeReferenceNode(t) || !OUTPUT_TYPE.test(t.typeName.getText(sf)) || t.typeArguments?.length !== 1) return undefined;
    const arg = t.typeArguments[0];
    if (!ts.isTypeQueryNode(arg) || !ts.isIdentifier(arg.exprName)) return undefined;
    const keys = exportedSchemaKeys(sf, arg.exprName.text);
    return keys.length > 0 ? { line: lineOf(st, sf), keys: new Set(keys.map((k) => k.text)) } : undefined;
  }
  return undefined;
}

/** Reads through a schema-typed parameter, keyed by the schema: marked `parsedBy` the type's declaration. */
export function withParsedType(index: RepoIndex, file: string, reads: readonly RawRead[]): RawRead[] {
  if (!reads.some((r) => r.typedAs)) return [...reads];
  const resolver = moduleResolver(index);
  const found = new Map<string, { file: string; line: number; keys: Set<string> } | undefined>();
  return reads.map((r) => {
    if (!r.typedAs) return r;
    const id = `${r.typedAs.module}#${r.typedAs.imported}`;
    if (!found.has(id)) {
      const target = resolver.resolve(file, r.typedAs.module);
      const sf = target ? index.parse(target) : undefined;
      const schema = sf && target ? schemaOfType(sf, r.typedAs.imported) : undefined;
      found.set(id, schema && target ? { file: target, ...schema } : undefined);
    }
    const schema = found.get(id);
    return schema?.keys.has(r.name) ? { ...r, parsedBy: { file: schema.file, line: schema.line } } : r;
  });
}
