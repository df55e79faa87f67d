/**
 * The environment handed to a schema through a name: `envSchema.parse(env)` where `env` is an alias of
 * `process.env` (`const env = process.env`, a parameter defaulting to it, `function loadConfig(env = process.env)`),
 * or a parameter a call of the same file hands `process.env` (`loadConfig(process.env)`). Each key of the schema is
 * then a read with the key's verdict (required, optional, a default), like `envSchema.parse(process.env)`.
 */
import { lastName } from '../shared/ast.js';
import { ts, walk } from '../../scan/ts.js';
import { PARSE_CALL } from './reads-schema.js';
import { skipParens } from './read-shapes.js';

type FunctionNode = ts.SignatureDeclaration & { readonly parameters: ts.NodeArray<ts.ParameterDeclaration> };

/**
 * A predicate: the expression is the environment (`isEnv`: `process.env`, an alias), or names a parameter that a call
 * in this file hands `process.env` (`export const CONFIG = loadConfig(process.env)` → `env` in
 * `function loadConfig(env) { … }`). The file is walked for those calls once, on the first parameter asked about.
 */
export function envHolders(sf: ts.SourceFile, isEnv: (e: ts.Expression) => boolean): (e: ts.Expression) => boolean {
  let params: Set<ts.ParameterDeclaration> | undefined;
  const collect = (): Set<ts.ParameterDeclaration> => {
    const out = new Set<ts.ParameterDeclaration>();
    const handed = new Map<string, Set<number>>();
    walk(sf, (n) => {
      if (!ts.isCallExpression(n) || !ts.isIdentifier(n.expression)) return;
      n.arguments.forEach((a, i) => {
        if (!isEnv(a)) return;
        const set = handed.get((n.expression as ts.Identifier).text) ?? new Set<number>();
        handed.set((n.expression as ts.Identifier).text, set.add(i));
      });
    });
    if (handed.size === 0) return out;
    const add = (name: string, fn: FunctionNode) => {
      for (const i of handed.get(name) ?? []) if (fn.parameters[i]) out.add(fn.parameters[i]);
    };
    // Functions of the file by name: declarations and `const f = (env) => …` at any depth.
    walk(sf, (n) => {
      if (ts.isFunctionDeclaration(n) && n.name && n.body) add(n.name.text, n);
      else if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer) {
        const init = skipParens(n.initializer);
        if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) add(n.name.text, init);
      }
    });
    return out;
  };
  return (e) => {
    if (isEnv(e)) return true;
    const id = skipParens(e);
    if (!ts.isIdentifier(id)) return false;
    // The nearest function declaring a parameter of that name decides (an inner one shadows it).
    for (let n: ts.Node | undefined = id.parent; n; n = n.parent) {
      if (!ts.isFunctionLike(n)) continue;
      const param = n.parameters.find((p) => ts.isIdentifier(p.name) && p.name.text === id.text);
      if (param) return (params ??= collect()).has(param);
    }
    return false;
  };
}

/**
 * `schema.parse(env)` / `safeParse(env)` / `v.parse(Schema, env)` with `env` a name that holds the environment: the
 * call validates the environment (its schema's keys are reads), it does not hand it to an unknown function.
 */
export function parsesEnvName(call: ts.CallExpression, holdsEnv: (e: ts.Expression) => boolean): boolean {
  if (!PARSE_CALL.test(lastName(call.expression) ?? '') || !ts.isPropertyAccessExpression(call.expression)) return false;
  return call.arguments.some((a) => ts.isIdentifier(skipParens(a)) && holdsEnv(a));
}
