/**
 * Env helper calls whose argument is an enum member (or a key of an `as const` object) naming the variable:
 * `processEnv(envKeys.GeminiApiKey)` with `enum envKeys { GeminiApiKey = "GEMINI_API_KEY" }` in this file or in the
 * module the enum is imported from. Few files call a helper this way: they are found by their text, then parsed.
 */
import { importsOf, lastName } from '../shared/ast.js';
import { moduleResolver } from '../shared/resolve-module.js';
import { lineOf, ts, walk } from '../../scan/ts.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { isEnvName } from './names.js';
import type { RawRead } from './raw-reads.js';
import { helperNames, type EnvHelper } from './reads-scope.js';
import { orElse } from './helper-calls.js';

/** Whether the text calls one of the helpers with a member access argument (`getEnv(Keys.X`). */
export function callsWithMember(text: string, helpers: ReadonlyMap<string, EnvHelper>): boolean {
  const names = [...helpers.keys()].map((n) => n.replace(/[$]/g, '\\$&')).join('|');
  return new RegExp(`\\b(${names})\\(\\s*[\\w$]+(\\.[\\w$]+)+\\s*[,)]`).test(text);
}

export function enumArgumentReads(index: RepoIndex, file: string, helpers: ReadonlyMap<string, EnvHelper>): RawRead[] {
  const sf = index.parse(file);
  if (!sf) return [];
  const out: RawRead[] = [];
  walk(sf, (node) => {
    if (!ts.isCallExpression(node)) return;
    const helper = helpers.get(lastName(node.expression) ?? '');
    const arg = helper && !helper.list ? node.arguments[helper.param] : undefined;
    if (!arg || !ts.isPropertyAccessExpression(arg)) return;
    const name = memberValue(index, file, sf, arg);
    if (!name || !isEnvName(name)) return;
    // A further argument, or `processEnv(Keys.X) || ''`: the code copes when it is unset.
    const { names, alternatives } = helperNames(helper!, name);
    const fallback = alternatives || node.arguments.length > helper!.param + 1 || orElse(node);
    for (const n of names) out.push({ name: n, line: lineOf(arg, sf), via: 'helper', receiver: 'process', fallback });
  });
  return out;
}

/** `Keys.X` / `ns.Keys.X`: the string the member is declared with, in this file or the module `Keys` comes from. */
function memberValue(index: RepoIndex, file: string, sf: ts.SourceFile, access: ts.PropertyAccessExpression): string | undefined {
  const owner = access.expression;
  if (ts.isIdentifier(owner)) return memberValueOf(index, file, sf, `${owner.text}.${access.name.text}`);
  if (ts.isPropertyAccessExpression(owner) && ts.isIdentifier(owner.expression)) return memberValueOf(index, file, sf, `${owner.expression.text}.${owner.name.text}.${access.name.text}`);
  return undefined;
}

/**
 * `Keys.X` / `ns.Keys.X` written in `file` (whose tree is `sf`): the string the member is declared with, in the file or
 * the module `Keys` comes from. Also what the env detector resolves a loop over enum members with.
 */
export function memberValueOf(index: RepoIndex, file: string, sf: ts.SourceFile, dotted: string): string | undefined {
  const parts = dotted.split('.');
  if (parts.length < 2 || parts.length > 3) return undefined;
  const member = parts[parts.length - 1];
  const [root, container] = parts.length === 2 ? [parts[0], parts[0]] : [parts[0], parts[1]];
  const local = root === container ? declaredMember(sf, container, member) : undefined;
  if (local !== undefined) return local;
  const binding = importsOf(sf).get(root);
  if (!binding) return undefined;
  const target = moduleResolver(index).resolve(file, binding.module);
  const other = target ? index.parse(target) : undefined;
  if (!other) return undefined;
  const name = binding.imported === '*' ? container : root === container ? binding.imported : undefined;
  return name ? declaredMember(other, name, member) : undefined;
}

/** `enum Keys { X = "NAME" }` or `const Keys = { X: "NAME" }` at the top level of a file. */
function declaredMember(sf: ts.SourceFile, container: string, member: string): string | undefined {
  for (const st of sf.statements) {
    if (ts.isEnumDeclaration(st) && st.name.text === container) {
      const m = st.members.find((x) => ts.isIdentifier(x.name) && x.name.text === member);
      return m?.initializer && ts.isStringLiteralLike(m.initializer) ? m.initializer.text : undefined;
    }
    if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        if (!ts.isIdentifier(d.name) || d.name.text !== container || !d.initializer) continue;
        let init: ts.Expression = d.initializer;
        while (ts.isAsExpression(init) || ts.isSatisfiesExpression(init) || ts.isParenthesizedExpression(init)) init = init.expression;
        if (!ts.isObjectLiteralExpression(init)) return undefined;
        const p = init.properties.find((x) => ts.isPropertyAssignment(x) && ts.isIdentifier(x.name) && x.name.text === member);
        return p && ts.isPropertyAssignment(p) && ts.isStringLiteralLike(p.initializer) ? p.initializer.text : undefined;
      }
    }
  }
  return undefined;
}
