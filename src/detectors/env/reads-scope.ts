/**
 * What surrounds a read: the name a config module exports it under, the literal list a loop reads names from, the
 * helper function whose parameter names the variable.
 */
import { lastName, propertyNameText, staticString } from '../shared/ast.js';
import { ts } from '../../scan/ts.js';
import { keyIdentifier } from './helper-key.js';

/**
 * A function that reads `process.env[param]`: calls to it with a literal name are reads (`Utils.getEnv('X')`). A list
 * helper reads every name of an array parameter (`checkMissing(['A', 'B'])`).
 */
export interface EnvHelper {
  readonly name: string;
  readonly param: number;
  readonly list?: boolean;
  /** The helper throws or exits when the variable is unset (`helper-required.ts`): a call without a fallback requires it. */
  readonly failsWhenUnset?: boolean;
  /** The helper returns a default when the variable is unset (`process.env[key] || []`): its calls have a fallback. */
  readonly fallback?: boolean;
  /**
   * What the helper puts before the name it is given (`process.env[\`${PREFIX}${name}\`]` with `PREFIX = 'APP_'`):
   * `getVar('DB_HOST')` reads `APP_DB_HOST`. '' for a plain `process.env[name]`; absent means `['']`.
   */
  readonly prefixes?: readonly string[];
}

/**
 * `process.env[\`${prefix}${name}\`]` / `process.env[PREFIX + name]` where `name` is a parameter of a named function:
 * a helper that reads the name with a prefix, when the prefix is a constant of the file; `open` when it is not (the
 * helper reads names the code computes, so no name can be said unread or unset because of it).
 */
export function prefixedHelperOf(arg: ts.Expression, constants: ReadonlyMap<string, ts.Expression>): { helper: EnvHelper; open?: boolean } | undefined {
  let parts: ts.Expression[] | undefined;
  let last: ts.Expression | undefined;
  let head = '';
  if (ts.isTemplateExpression(arg)) {
    const spans = arg.templateSpans;
    if (spans.length === 0 || spans[spans.length - 1].literal.text !== '') return undefined;
    if (spans.slice(0, -1).some((sp) => sp.literal.text !== '' && !/^\w+$/.test(sp.literal.text))) return undefined;
    head = arg.head.text;
    parts = spans.slice(0, -1).map((sp) => sp.expression);
    last = spans[spans.length - 1].expression;
    const literals = spans.slice(0, -1).map((sp) => sp.literal.text);
    const helper = ts.isIdentifier(last) ? helperOf(last) : undefined;
    if (!helper) return undefined;
    let prefixes: string[] | undefined = [head];
    for (const [i, e] of parts.entries()) {
      const values = prefixValues(e, constants);
      prefixes = values && prefixes.length * values.length <= 8 ? prefixes.flatMap((p) => values.map((v) => p + v + literals[i])) : undefined;
      if (!prefixes) break;
    }
    return withPrefixes(helper, prefixes);
  }
  if (ts.isBinaryExpression(arg) && arg.operatorToken.kind === ts.SyntaxKind.PlusToken && ts.isIdentifier(arg.right)) {
    const helper = helperOf(arg.right);
    return helper ? withPrefixes(helper, prefixValues(arg.left, constants)) : undefined;
  }
  return undefined;
}

function withPrefixes(helper: EnvHelper, prefixes: readonly string[] | undefined): { helper: EnvHelper; open?: boolean } {
  if (prefixes && prefixes.every((p) => /^\w*$/.test(p))) return { helper: { ...helper, prefixes: [...new Set(prefixes)].sort() } };
  return { helper: { ...helper, prefixes: [OPEN_PREFIX] }, open: true };
}

/**
 * The values a prefix can have: a constant (`const PREFIX = 'APP_'`), either side of a conditional of such
 * (`prod ? 'EBAY_PRODUCTION_' : 'EBAY_SANDBOX_'`), or the items of a literal list a loop walks
 * (`for (const prefix of ['NEXT_PUBLIC_', ''])`). Undefined when any part is computed.
 */
function prefixValues(expr: ts.Expression, constants: ReadonlyMap<string, ts.Expression>, depth = 0): string[] | undefined {
  if (depth > 4) return undefined;
  let e = expr;
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e)) e = e.expression;
  if (ts.isConditionalExpression(e)) {
    const a = prefixValues(e.whenTrue, constants, depth + 1);
    const b = a && prefixValues(e.whenFalse, constants, depth + 1);
    return a && b ? [...a, ...b] : undefined;
  }
  if (ts.isIdentifier(e)) {
    const listed = loopNames(e, constants);
    if (listed) return listed;
    const init = constants.get(e.text);
    if (init && (ts.isConditionalExpression(init) || ts.isIdentifier(init) || ts.isParenthesizedExpression(init))) return prefixValues(init, constants, depth + 1);
  }
  const text = staticString(e, constants);
  return text?.resolved ? [text.text] : undefined;
}

/** A prefix the code computes: the helper reads names that cannot be listed (kept in `prefixes` so calls know). */
export const OPEN_PREFIX = '*';

/**
 * The names a helper reads for a call naming `name`, and whether another name may serve instead (a second prefix, or
 * one the code computes): then no read of them is "without a fallback" or needs setting.
 */
export function helperNames(helper: EnvHelper, name: string): { names: string[]; alternatives: boolean } {
  const prefixes = helper.prefixes ?? [''];
  return { names: prefixes.filter((p) => p !== OPEN_PREFIX).map((p) => p + name), alternatives: prefixes.length > 1 };
}

/** Calls that pass a value through unchanged enough to keep its config path (`Number(process.env.PORT)`). */
const CONVERSIONS = /^(Number|parseInt|parseFloat|Boolean|String|parse|freeze|createEnv|cleanEnv|defineConfig|registerAs|required|optional|(to|as|get|parse)?\w*(Number|Int|Integer|Float|Bool|Boolean|String|Str|Url|URL|Array|List|Json|JSON|Port|Duration|Ms|Date)|bool|int|num|str|url|port|json)$/;
const ITERATORS = new Set(['forEach', 'map', 'filter', 'every', 'some', 'find', 'flatMap', 'reduce', 'reduceRight']);

/**
 * The exported name a read's value ends up in: `export const config = { db: { url: process.env.X } }` →
 * `config.db.url`, `export default {…}` → `default.…`, `module.exports = {…}`, NestJS `registerAs('db', () => ({…}))`
 * → `db.…`, `export const env = createEnv(…)` → `env.X`. Undefined when the value is used where it is read.
 */
export function exportPath(node: ts.Node, exported: () => ReadonlySet<string>, leaf?: string): string | undefined {
  let path: string[] = leaf ? [leaf] : [];
  let n: ts.Node = node;
  for (let depth = 0; depth < 16; depth++) {
    const p = n.parent;
    if (!p) return undefined;
    if (ts.isPropertyAssignment(p) && p.initializer === n) {
      const key = propertyNameText(p.name);
      if (key === undefined) return undefined;
      path.unshift(key);
      n = p.parent;
      continue;
    }
    if (ts.isVariableDeclaration(p) && p.initializer === n) {
      if (!ts.isIdentifier(p.name) || !exported().has(p.name.text)) return undefined;
      return [p.name.text, ...path].join('.');
    }
    if (ts.isExportAssignment(p)) return ['default', ...path].join('.');
    // A config class: `class Env { public PORT = this.toNumber(environment.PORT) }`.
    if (ts.isPropertyDeclaration(p) && p.initializer === n && ts.isClassLike(p.parent) && p.parent.name) {
      const key = propertyNameText(p.name);
      return key === undefined ? undefined : [p.parent.name.text, key, ...path].join('.');
    }
    if (ts.isBinaryExpression(p) && p.right === n && p.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const left = p.left.getText();
      return /^(module\.)?exports\b/.test(left) ? [left, ...path].join('.') : undefined;
    }
    if (ts.isArrowFunction(p) && p.body === n) {
      const call = p.parent;
      if (ts.isCallExpression(call) && lastName(call.expression) === 'registerAs' && ts.isStringLiteralLike(call.arguments[0])) return [call.arguments[0].text, ...path].join('.');
      return undefined;
    }
    if (ts.isCallExpression(p) && p.arguments.includes(n as ts.Expression)) {
      // A conversion keeps the path (`port: Number(process.env.PORT)`); any other call makes something else of it
      // (`axios.create({ baseURL })` is a client, not a config object).
      if (!CONVERSIONS.test(lastName(p.expression) ?? '')) return undefined;
      // t3-env: a key of `server`/`client` or of `runtimeEnv` is `env.KEY`, not `env.server.KEY`.
      if (lastName(p.expression) === 'createEnv') path = path.slice(-1);
      n = p;
      continue;
    }
    if (
      ts.isParenthesizedExpression(p) ||
      ts.isAsExpression(p) ||
      ts.isSatisfiesExpression(p) ||
      ts.isNonNullExpression(p) ||
      ts.isObjectLiteralExpression(p) ||
      ts.isConditionalExpression(p) ||
      ts.isPrefixUnaryExpression(p) ||
      (ts.isBinaryExpression(p) && p.operatorToken.kind !== ts.SyntaxKind.EqualsToken) ||
      (ts.isPropertyAccessExpression(p) && p.expression === n) ||
      (ts.isCallExpression(p) && p.expression === n)
    ) {
      n = p;
      continue;
    }
    return undefined;
  }
  return undefined;
}

/** Names a file exports: `export const x`, `export { x }`, `export default x`, `module.exports = x`. */
export function exportedNames(sf: ts.SourceFile): Set<string> {
  const out = new Set<string>();
  for (const st of sf.statements) {
    if (ts.isVariableStatement(st) && st.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
      for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name)) out.add(d.name.text);
    } else if (ts.isExportDeclaration(st) && !st.moduleSpecifier && st.exportClause && ts.isNamedExports(st.exportClause)) {
      for (const e of st.exportClause.elements) out.add((e.propertyName ?? e.name).text);
    } else if (ts.isExportAssignment(st) && ts.isIdentifier(st.expression)) {
      out.add(st.expression.text);
    } else if (ts.isExpressionStatement(st) && ts.isBinaryExpression(st.expression) && /^(module\.)?exports\b/.test(st.expression.left.getText(sf))) {
      const right = st.expression.right;
      if (ts.isIdentifier(right)) out.add(right.text);
      else if (ts.isObjectLiteralExpression(right)) for (const p of right.properties) if (ts.isShorthandPropertyAssignment(p)) out.add(p.name.text);
    }
  }
  return out;
}

/**
 * `process.env[key]` where `key` walks a literal list: `for (const key of ['A', 'B'])`, `REQUIRED.forEach((key) => …)`,
 * `Object.keys({ A: 1 }).map(…)`. The names, or undefined when the list is not a literal of the file.
 */
export function loopNames(key: ts.Identifier, constants: ReadonlyMap<string, ts.Expression>): string[] | undefined {
  const found = iterated(key);
  if (!found) return undefined;
  // `[name, value]` of `Object.entries(OBJ)` (through `.filter(…)`/`.sort(…)`/`.slice(…)`): the names are OBJ's keys.
  if (found.entry) return ts.isCallExpression(found.list) && found.list.expression.getText() === 'Object.entries' ? listNames(found.list, constants) : undefined;
  return ts.isCallExpression(found.list) && found.list.expression.getText() === 'Object.entries' ? undefined : listNames(found.list, constants);
}

/** `process.env[key]` where `key` walks an array parameter of a named function: a list helper (`checkMissing(vars)`). */
export function listHelperOf(key: ts.Identifier): EnvHelper | undefined {
  const found = iterated(key);
  if (!found || found.entry || !ts.isIdentifier(found.list)) return undefined;
  const helper = helperOf(found.list);
  return helper ? { ...helper, list: true } : undefined;
}

/** `key` itself, or the first element of an array pattern (`[key, value]`: an entry). */
function binds(name: ts.BindingName, key: string): 'name' | 'entry' | undefined {
  if (ts.isIdentifier(name)) return name.text === key ? 'name' : undefined;
  if (ts.isArrayBindingPattern(name)) {
    const first = name.elements[0];
    return first && ts.isBindingElement(first) && !first.dotDotDotToken && ts.isIdentifier(first.name) && first.name.text === key ? 'entry' : undefined;
  }
  return undefined;
}

/**
 * The list a loop variable walks: `for (const k of LIST)`, `LIST.forEach((k) => …)`, `LIST.reduce((acc, k) => …)`, or
 * the key of an entry (`for (const [k, v] of Object.entries(OBJ))`, `Object.entries(OBJ).filter(([k, v]) => …)`).
 */
export function iterated(key: ts.Identifier): { list: ts.Expression; entry: boolean } | undefined {
  for (let n: ts.Node | undefined = key.parent; n; n = n.parent) {
    if (ts.isForOfStatement(n) && ts.isVariableDeclarationList(n.initializer)) {
      const how = n.initializer.declarations.map((d) => binds(d.name, key.text)).find((b) => b);
      if (how) return { list: n.expression, entry: how === 'entry' };
    }
    if (ts.isFunctionLike(n)) {
      const how = n.parameters.map((p) => binds(p.name, key.text)).find((b) => b);
      if (!how) continue;
      const call = n.parent;
      if (!(ts.isArrowFunction(n) || ts.isFunctionExpression(n)) || !ts.isCallExpression(call) || call.arguments[0] !== n) return undefined;
      if (!ts.isPropertyAccessExpression(call.expression) || !ITERATORS.has(call.expression.name.text)) return undefined;
      const element = n.parameters[/^reduce/.test(call.expression.name.text) ? 1 : 0];
      if (!element || !binds(element.name, key.text)) return undefined;
      let list = call.expression.expression;
      // `Object.entries(OBJ).filter(…).map(([k]) => …)`: filtering keeps OBJ's entries.
      while (how === 'entry' && ts.isCallExpression(list) && ts.isPropertyAccessExpression(list.expression) && /^(filter|sort|slice|reverse|toSorted)$/.test(list.expression.name.text)) list = list.expression.expression;
      return { list, entry: how === 'entry' };
    }
  }
  return undefined;
}

function listNames(expr: ts.Expression, constants: ReadonlyMap<string, ts.Expression>, depth = 0): string[] | undefined {
  let e = expr;
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  if (depth > 4) return undefined;
  if (ts.isIdentifier(e)) {
    const init = constants.get(e.text);
    return init ? listNames(init, constants, depth + 1) : undefined;
  }
  if (ts.isArrayLiteralExpression(e)) {
    const names = e.elements.map((el) => (ts.isExpression(el) ? staticString(el, constants) : undefined));
    return names.every((s) => s?.resolved) ? names.map((s) => s!.text) : undefined;
  }
  const obj = objectOf(e, constants);
  if (!obj) return undefined;
  // `Object.values(KEYS)`: the names are the values (`{ openai: 'OPENAI_API_KEY' }`).
  if (obj.values) {
    const names = obj.literal.properties.map((p) => (ts.isPropertyAssignment(p) ? staticString(p.initializer, constants) : undefined));
    return names.every((n) => n?.resolved) ? names.map((n) => n!.text) : undefined;
  }
  const keys = obj.literal.properties.map((p) => (p.name ? keyText(p.name, constants) : undefined));
  return keys.every((k) => k !== undefined) ? (keys as string[]) : undefined;
}

/** `Object.keys(OBJ)` / `Object.entries(OBJ)` / `Object.values(OBJ)` of an object literal of the file. */
function objectOf(e: ts.Expression, constants: ReadonlyMap<string, ts.Expression>): { literal: ts.ObjectLiteralExpression; values: boolean } | undefined {
  if (!ts.isCallExpression(e) || !e.arguments[0]) return undefined;
  const which = /^Object\.(keys|entries|values)$/.exec(e.expression.getText())?.[1];
  if (!which) return undefined;
  let obj = e.arguments[0];
  if (ts.isIdentifier(obj)) obj = constants.get(obj.text) ?? obj;
  while (ts.isParenthesizedExpression(obj) || ts.isAsExpression(obj) || ts.isSatisfiesExpression(obj)) obj = obj.expression;
  return ts.isObjectLiteralExpression(obj) ? { literal: obj, values: which === 'values' } : undefined;
}

/** A key as written, or a computed key the file resolves (`[PREFIX + 'URL']`). */
function keyText(name: ts.PropertyName, constants: ReadonlyMap<string, ts.Expression>): string | undefined {
  if (!ts.isComputedPropertyName(name)) return propertyNameText(name);
  const s = staticString(name.expression, constants);
  return s?.resolved ? s.text : undefined;
}

/**
 * `process.env[key]` where `key` walks a list of enum members or constant-object keys (`Object.entries({ [Keys.A]: … })`,
 * `[Keys.A, Keys.B]`, `Object.values({ a: Keys.A })`): the members as written (`Keys.A`), for the detector to look up
 * where `Keys` is declared, often another module. Undefined unless every name is such a member.
 */
export function loopMembers(key: ts.Identifier, constants: ReadonlyMap<string, ts.Expression>): string[] | undefined {
  const found = iterated(key);
  if (!found) return undefined;
  let list = found.list;
  if (ts.isIdentifier(list)) list = constants.get(list.text) ?? list;
  while (ts.isParenthesizedExpression(list) || ts.isAsExpression(list) || ts.isSatisfiesExpression(list)) list = list.expression;
  const obj = objectOf(list, constants);
  let items: (ts.Node | undefined)[];
  if (obj && !obj.values && (found.entry || /\.keys$/.test((list as ts.CallExpression).expression.getText()))) {
    items = obj.literal.properties.map((p) => (p.name && ts.isComputedPropertyName(p.name) ? p.name.expression : undefined));
  } else if (obj && obj.values && !found.entry) items = obj.literal.properties.map((p) => (ts.isPropertyAssignment(p) ? p.initializer : undefined));
  else if (ts.isArrayLiteralExpression(list) && !found.entry) items = [...list.elements];
  else return undefined;
  const members = items.map((n) => (n && ts.isPropertyAccessExpression(n) && /^[\w$]+(\.[\w$]+)?$/.test(n.expression.getText()) ? n.getText() : undefined));
  return members.length > 0 && members.every((m) => m !== undefined) ? (members as string[]) : undefined;
}

/** `process.env[name]` (or `[String(name)]`, helper-key.ts) where `name` is a parameter of the enclosing named function or method. */
export function helperOf(expr: ts.Expression): EnvHelper | undefined {
  const arg = keyIdentifier(expr);
  if (!arg) return undefined;
  let fn: ts.Node | undefined = arg.parent;
  while (fn && !ts.isFunctionLike(fn)) fn = fn.parent;
  if (!fn || !ts.isFunctionLike(fn)) return undefined;
  const param = fn.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === arg.text);
  if (param === -1) return undefined;
  let name: string | undefined;
  if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) && fn.name && ts.isIdentifier(fn.name)) name = fn.name.text;
  else if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && (ts.isVariableDeclaration(fn.parent) || ts.isPropertyAssignment(fn.parent)) && ts.isIdentifier(fn.parent.name)) name = fn.parent.name.text;
  return name ? { name, param } : undefined;
}
