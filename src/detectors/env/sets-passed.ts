/**
 * `function run(script, env) { spawn(node, [script], { env: { ...process.env, ...env } }) }` called as
 * `run('a.js', { SMOKE_ID: id })`: the caller's object literal is the child's environment, so its keys are set. One
 * level of local call only: the parameter spread beside `process.env`, the function declared in the same file, and
 * the argument an object literal (its keys, and those of `...(c ? { X } : {})` / `...{ X }` inside it). Names only.
 */
import { propertyNameText } from '../shared/ast.js';
import { lineOf, ts, walk } from '../../scan/ts.js';
import { isEnvName } from './names.js';
import { skipParens } from './read-shapes.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { importsFromText } from '../shared/import-text.js';
import { moduleResolver } from '../shared/resolve-module.js';
import { codeOnly } from '../shared/text-scan.js';

export interface PassedKey {
  readonly name: string;
  readonly line: number;
}

/** `run('a.js', bootstrap.smokeEnv)`: the property passed (`smokeEnv`), built in an imported module (propertyKeysIn). */
export interface PassedProperty {
  readonly property: string;
}

/** The keys callers pass for a parameter that `obj` (an environment built on `process.env`) spreads. */
export function passedEnvKeys(obj: ts.ObjectLiteralExpression, properties: PassedProperty[] = []): PassedKey[] {
  const out: PassedKey[] = [];
  for (const p of obj.properties) {
    if (!ts.isSpreadAssignment(p) || !ts.isIdentifier(p.expression)) continue;
    const fn = declaringFunction(p.expression);
    if (!fn) continue;
    const position = fn.node.parameters.findIndex((x) => ts.isIdentifier(x.name) && x.name.text === (p.expression as ts.Identifier).text);
    if (position === -1) continue;
    walk(obj.getSourceFile(), (n) => {
      if (!ts.isCallExpression(n) || !ts.isIdentifier(n.expression) || n.expression.text !== fn.name) return;
      const arg = n.arguments[position] && skipParens(n.arguments[position]);
      if (arg && ts.isObjectLiteralExpression(arg)) out.push(...objectKeys(arg, properties));
      else if (arg && ts.isPropertyAccessExpression(arg)) properties.push({ property: arg.name.text });
    });
  }
  return out;
}

/** The named function (`function f(env)` or `const f = (env) => …`) whose parameter `id` is. */
function declaringFunction(id: ts.Identifier): { node: ts.SignatureDeclaration; name: string } | undefined {
  for (let n: ts.Node | undefined = id.parent; n; n = n.parent) {
    if (!ts.isFunctionLike(n)) continue;
    if (!n.parameters.some((x) => ts.isIdentifier(x.name) && x.name.text === id.text)) continue;
    if (ts.isFunctionDeclaration(n) && n.name) return { node: n, name: n.name.text };
    if ((ts.isArrowFunction(n) || ts.isFunctionExpression(n)) && ts.isVariableDeclaration(n.parent) && ts.isIdentifier(n.parent.name)) return { node: n, name: n.parent.name.text };
    return undefined;
  }
  return undefined;
}

function objectKeys(obj: ts.ObjectLiteralExpression, properties: PassedProperty[]): PassedKey[] {
  return obj.properties.flatMap((p): PassedKey[] => {
    if (ts.isSpreadAssignment(p)) {
      const e = skipParens(p.expression);
      if (ts.isObjectLiteralExpression(e)) return objectKeys(e, properties);
      if (ts.isConditionalExpression(e)) return [e.whenTrue, e.whenFalse].map(skipParens).filter(ts.isObjectLiteralExpression).flatMap((o) => objectKeys(o, properties));
      if (ts.isPropertyAccessExpression(e)) properties.push({ property: e.name.text });
      return [];
    }
    const name = p.name ? propertyNameText(p.name) : undefined;
    return name && isEnvName(name) && /^[A-Z][A-Z0-9_]*$/.test(name) ? [{ name, line: lineOf(p) }] : [];
  });
}

/**
 * The variable-named keys of `property: { … }` object literals in a module's text (`smokeEnv: { SMOKE_API_BASE_URL:
 * config.apiBaseUrl, … }`), one level deep, strings and comments blanked first. Names and lines only.
 */
export function propertyKeysIn(code: string, property: string, lineAt: (offset: number) => number): PassedKey[] {
  const out: PassedKey[] = [];
  for (const m of code.matchAll(new RegExp(`(?<![\\w$.])${property.replace(/[$]/g, '\\$')}\\s*:\\s*\\{`, 'g'))) {
    let depth = 0;
    const start = m.index + m[0].length - 1;
    for (let i = start; i < code.length; i++) {
      const c = code[i];
      if (c === '{' || c === '(' || c === '[') depth++;
      else if (c === '}' || c === ')' || c === ']') {
        if (--depth === 0) break;
      } else if (depth === 1 && /[A-Z]/.test(c) && /[\s,{]/.test(code[i - 1])) {
        const key = /^([A-Z][A-Z0-9_]*)\s*:/.exec(code.slice(i, i + 80));
        if (key && isEnvName(key[1])) out.push({ name: key[1], line: lineAt(i) });
        if (key) i += key[1].length - 1;
      }
    }
  }
  return out;
}

/** The keys `properties` hold where the modules `file` imports build them (`smokeEnv: { … }`), cited there. */
export function importedPropertyKeys(index: RepoIndex, file: string, text: string, properties: readonly PassedProperty[]): (PassedKey & { file: string })[] {
  const names = [...new Set(properties.map((p) => p.property))];
  const resolver = moduleResolver(index);
  const modules = new Set([...importsFromText(text).values()].map((b) => resolver.resolve(file, b.module)).filter((f): f is string => !!f && f !== file));
  const out: (PassedKey & { file: string })[] = [];
  for (const m of modules) {
    const source = index.read(m);
    if (!source || !names.some((n) => source.includes(n))) continue;
    const code = codeOnly(source);
    for (const n of names) out.push(...propertyKeysIn(code, n, (o) => index.lineAt(m, o) ?? 0).map((k) => ({ ...k, file: m })));
  }
  return out;
}
