/**
 * An alias of `process.env` handed to a function (`const processEnv = process.env; envConfigs.devConfig(processEnv)`):
 * the function reads the variables through its parameter (`(env) => ({ secret: env.JWT_SECRET })`). The detector
 * finds the function (in this file or the module it is imported from) and reads its body with the parameter as an
 * alias. Not found, or reading nothing by name, the call stays a read by a computed name (never "not read"). The same
 * holds for `process.env` itself handed over (`build(process.env)`), except a found function reading nothing at all.
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import { lineOf, ts } from '../../scan/ts.js';
import { propertyNameText } from '../shared/ast.js';
import { moduleResolver } from '../shared/resolve-module.js';
import { isEnvName } from './names.js';
import { envReadsOf } from './reads.js';
import type { RawDynamic, RawRead } from './raw-reads.js';

export interface PassedReads {
  readonly file: string;
  readonly reads: RawRead[];
}

const perIndex = new WeakMap<RepoIndex, Map<string, { reads: RawRead[]; dynamic: number[] }>>();

export function passedEnvReads(index: RepoIndex, file: string, d: RawDynamic): PassedReads | undefined {
  const to = d.passedTo;
  if (!to) return undefined;
  const target = to.module ? moduleResolver(index).resolve(file, to.module) : file;
  const sf = target ? index.parse(target) : undefined;
  if (!sf || !target) return undefined;
  const fn = functionNamed(sf, to.name);
  const param = fn?.parameters[to.param];
  if (!fn || !param) return undefined;
  const start = lineOf(fn, sf);
  const end = sf.getLineAndCharacterOfPosition(fn.getEnd()).line + 1;
  if (ts.isObjectBindingPattern(param.name)) {
    // `({ JWT_SECRET, PORT = '3000' }) => …`: each key is a read, a default its fallback.
    const reads = param.name.elements.flatMap((el): RawRead[] => {
      const name = el.propertyName ? propertyNameText(el.propertyName) : ts.isIdentifier(el.name) ? el.name.text : undefined;
      return name && !el.dotDotDotToken && isEnvName(name) ? [{ name, line: lineOf(el, sf), via: 'destructuring', receiver: 'process', fallback: el.initializer !== undefined }] : [];
    });
    return reads.length ? { file: target, reads } : undefined;
  }
  if (!ts.isIdentifier(param.name)) return undefined;
  // Several calls hand the alias to functions of one module (`testConfig`, `devConfig`, …): one read of it per name.
  const key = `${target}\0${param.name.text}`;
  let cache = perIndex.get(index);
  if (!cache) perIndex.set(index, (cache = new Map()));
  let all = cache.get(key);
  if (!all) {
    const found = envReadsOf(sf, new Map([[param.name.text, 'process' as const]]));
    cache.set(key, (all = { reads: found.reads, dynamic: found.dynamic.map((d) => d.line) }));
  }
  const reads = all.reads.filter((r) => r.line >= start && r.line <= end);
  // `process.env` itself handed to a function that reads nothing by name and nothing by a computed name (a wrapper
  // returning it: its importers read through the export): not a read. An alias keeps the computed read, as before.
  if (to.direct && reads.length === 0 && !all.dynamic.some((l) => l >= start && l <= end)) return { file: target, reads };
  return reads.length ? { file: target, reads } : undefined;
}

type FunctionNode = ts.FunctionDeclaration | ts.ArrowFunction | ts.FunctionExpression | ts.MethodDeclaration;

/**
 * The function a module calls `name`: a function declaration, a `const name = (…) => …`, or a method / property of an
 * object (`export default { devConfig }` names the const). `default`: the default export when it is a function.
 */
function functionNamed(sf: ts.SourceFile, name: string): FunctionNode | undefined {
  const fnOf = (e: ts.Node | undefined): FunctionNode | undefined => {
    let x = e;
    while (x && (ts.isParenthesizedExpression(x) || ts.isAsExpression(x))) x = x.expression;
    return x && (ts.isArrowFunction(x) || ts.isFunctionExpression(x)) ? x : undefined;
  };
  let found: FunctionNode | undefined;
  let local = name;
  if (name === 'default') {
    for (const st of sf.statements) {
      if (ts.isFunctionDeclaration(st) && st.modifiers?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)) return st;
      if (ts.isExportAssignment(st)) {
        if (fnOf(st.expression)) return fnOf(st.expression);
        if (ts.isIdentifier(st.expression)) local = st.expression.text;
      }
    }
    if (local === 'default') return undefined;
  }
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isFunctionDeclaration(n) && n.name?.text === local && n.body) found = n;
    else if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === local && fnOf(n.initializer)) found = fnOf(n.initializer);
    else if (ts.isMethodDeclaration(n) && n.name && propertyNameText(n.name) === local && n.body) found = n;
    else if (ts.isPropertyAssignment(n) && propertyNameText(n.name) === local && fnOf(n.initializer)) found = fnOf(n.initializer);
    else ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}
