import { constantsOf, lastName, property, propertyNameText, staticString } from '../shared/ast.js';
import { lineOf, ts, walk, walkMentioning } from '../../scan/ts.js';
import { isEnvName } from './names.js';
import type { EnvReadVia } from './types.js';
import { clip } from '../../secrets/clip.js';

export interface RawRead {
  readonly name: string;
  readonly line: number;
  readonly via: EnvReadVia;
  readonly receiver: 'process' | 'import.meta';
  /** `process.env.X ?? 'x'`, `|| 'x'`, `{ X = 'x' } = process.env`: the code copes when it is unset. */
  readonly fallback: boolean;
}

export interface RawDynamic {
  readonly line: number;
  readonly expression: string;
}

/** A function that reads `process.env[param]`: calls to it with a literal name are reads (`Utils.getEnv('X')`). */
export interface EnvHelper {
  readonly name: string;
  readonly param: number;
}

const ENV = /env/g;
const ENV_OR_CREATE = /env|createEnv/g;

/**
 * Every environment variable a source file reads: `process.env.X`, `process.env['X']`, `import.meta.env.X`,
 * `const { X, Y: y = 1 } = process.env`, an alias (`const env = process.env; env.X`), and schema-validated env
 * (`cleanEnv(process.env, { X: str() })`, `schema.parse(process.env)` with `z.object({ X: … })`).
 */
export function envReadsOf(sf: ts.SourceFile): { reads: RawRead[]; dynamic: RawDynamic[]; helpers: EnvHelper[] } {
  const reads: RawRead[] = [];
  const dynamic: RawDynamic[] = [];
  const helpers: EnvHelper[] = [];
  const aliases = new Map<string, 'process' | 'import.meta'>();
  let constants: Map<string, ts.Expression> | undefined;
  const consts = () => (constants ??= constantsOf(sf));

  const receiver = (expr: ts.Expression): 'process' | 'import.meta' | undefined => {
    const e = skipParens(expr);
    if (ts.isIdentifier(e)) return aliases.get(e.text);
    if (!ts.isPropertyAccessExpression(e) || e.name.text !== 'env') return undefined;
    const obj = skipParens(e.expression);
    if (ts.isIdentifier(obj) && obj.text === 'process') return 'process';
    if (ts.isPropertyAccessExpression(obj) && obj.name.text === 'process' && ts.isIdentifier(obj.expression)) {
      return ['globalThis', 'global', 'window'].includes(obj.expression.text) ? 'process' : undefined;
    }
    if (ts.isMetaProperty(obj) && obj.keywordToken === ts.SyntaxKind.ImportKeyword) return 'import.meta';
    return undefined;
  };

  // Every read, alias and schema call below holds the identifier `env` (`process.env`, `import.meta.env`), an alias
  // or `createEnv`: the walks enter only the parts of the tree that mention one of them.
  // Aliases first, so `env.X` before the alias's line in walk order is still seen.
  walkMentioning(sf, ENV, (node) => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      const r = receiver(node.initializer);
      if (r && !ts.isIdentifier(skipParens(node.initializer))) aliases.set(node.name.text, r);
    }
  });

  const mentioned = [...aliases.keys()].map((a) => a.replace(/[$]/g, '\\$&'));
  walkMentioning(sf, mentioned.length === 0 ? ENV_OR_CREATE : new RegExp(['env', 'createEnv', ...mentioned].join('|'), 'g'), (node) => {
    if (ts.isPropertyAccessExpression(node)) {
      const r = receiver(node.expression);
      if (r && isEnvName(node.name.text)) {
        reads.push({ name: node.name.text, line: lineOf(node, sf), via: r === 'process' ? 'process.env' : 'import.meta.env', receiver: r, fallback: hasFallback(node) });
      }
    } else if (ts.isElementAccessExpression(node)) {
      const r = receiver(node.expression);
      if (!r) return;
      const key = staticString(node.argumentExpression, consts());
      if (key?.resolved && isEnvName(key.text)) {
        reads.push({ name: key.text, line: lineOf(node, sf), via: r === 'process' ? 'process.env' : 'import.meta.env', receiver: r, fallback: hasFallback(node) });
      } else {
        const helper = helperOf(node.argumentExpression);
        if (helper) helpers.push(helper);
        else dynamic.push({ line: lineOf(node, sf), expression: clip(node.getText(sf), 80) });
      }
    } else if (ts.isVariableDeclaration(node) && ts.isObjectBindingPattern(node.name) && node.initializer) {
      const r = receiver(node.initializer);
      if (!r) return;
      for (const el of node.name.elements) {
        const name = el.propertyName ? propertyNameText(el.propertyName) : ts.isIdentifier(el.name) ? el.name.text : undefined;
        if (name && !el.dotDotDotToken && isEnvName(name)) reads.push({ name, line: lineOf(el, sf), via: 'destructuring', receiver: r, fallback: el.initializer !== undefined });
      }
    } else if (ts.isCallExpression(node) && lastName(node.expression) === 'createEnv') {
      // t3-env: `createEnv({ server: { X: z.string() }, client: {…}, shared: {…}, runtimeEnv: process.env })`.
      const options = node.arguments[0];
      const groups = ['server', 'client', 'shared'].map((k) => property(options, k)).filter((o): o is ts.ObjectLiteralExpression => !!o && ts.isObjectLiteralExpression(o));
      for (const name of objectKeys(groups)) reads.push({ name: name.text, line: name.line, via: 'schema', receiver: 'process', fallback: name.fallback });
    } else if (ts.isCallExpression(node) && node.arguments.some((a) => receiver(a) && !ts.isIdentifier(skipParens(a)))) {
      for (const name of schemaKeys(node, consts())) reads.push({ name: name.text, line: name.line, via: 'schema', receiver: 'process', fallback: name.fallback });
    }
  });
  return { reads, dynamic, helpers };
}

/** `process.env[name]` where `name` is a parameter of the enclosing named function or method. */
function helperOf(arg: ts.Expression): EnvHelper | undefined {
  if (!ts.isIdentifier(arg)) return undefined;
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

/** Calls to env helpers with a literal variable name: `getEnv('STAGE')`, `Utils.getEnv("DOMAIN", "")`. */
export function helperCallsOf(sf: ts.SourceFile, helpers: ReadonlyMap<string, number>): RawRead[] {
  const out: RawRead[] = [];
  walk(sf, (node) => {
    if (!ts.isCallExpression(node)) return;
    const name = lastName(node.expression);
    const param = name === undefined ? undefined : helpers.get(name);
    if (param === undefined) return;
    const arg = node.arguments[param];
    if (arg && ts.isStringLiteralLike(arg) && isEnvName(arg.text)) {
      out.push({ name: arg.text, line: lineOf(node, sf), via: 'helper', receiver: 'process', fallback: node.arguments.length > param + 1 });
    }
  });
  return out;
}

/** Keys of the env schema a call validates `process.env` against. */
function schemaKeys(call: ts.CallExpression, constants: Map<string, ts.Expression>): { text: string; line: number; fallback: boolean }[] {
  const objects: ts.ObjectLiteralExpression[] = [];
  // `cleanEnv(process.env, { X: str() })`, `envsafe(...)`.
  for (const a of call.arguments) if (ts.isObjectLiteralExpression(a)) objects.push(a);
  // `schema.parse(process.env)` / `safeParse`: find `object({...})` in the schema's definition.
  const callee = call.expression;
  if (objects.length === 0 && ts.isPropertyAccessExpression(callee) && /^(safe)?[pP]arse(Async)?$/.test(callee.name.text)) {
    const target = skipParens(callee.expression);
    const init = ts.isIdentifier(target) ? constants.get(target.text) : target;
    const schemaObject = (n: ts.Node): boolean => {
      if (ts.isCallExpression(n) && /(^|\.)(object|strictObject)$/.test(n.expression.getText()) && n.arguments[0] && ts.isObjectLiteralExpression(n.arguments[0])) {
        objects.push(n.arguments[0]);
        return true;
      }
      return false;
    };
    if (init && !schemaObject(init)) walk(init, (n) => (schemaObject(n) ? false : undefined));
  }
  return objectKeys(objects);
}

/** Upper-case keys of schema objects, with whether each has a default or is optional. */
function objectKeys(objects: readonly ts.ObjectLiteralExpression[]): { text: string; line: number; fallback: boolean }[] {
  const out: { text: string; line: number; fallback: boolean }[] = [];
  for (const obj of objects) {
    for (const p of obj.properties) {
      const name = p.name && propertyNameText(p.name as ts.PropertyName);
      const fallback = /\.(default|optional)\(|\bdefault\s*:/.test(p.getText());
      if (name && /^[A-Z][A-Z0-9_]*$/.test(name)) out.push({ text: name, line: lineOf(p), fallback });
    }
  }
  return out;
}

/** True when the read is the left side of `??` / `||` (through parentheses and `!`), or of a `?? =` default. */
function hasFallback(node: ts.Node): boolean {
  let n: ts.Node = node;
  while (ts.isParenthesizedExpression(n.parent) || ts.isNonNullExpression(n.parent) || ts.isAsExpression(n.parent)) n = n.parent;
  const p = n.parent;
  if (ts.isBinaryExpression(p) && p.left === n) {
    const op = p.operatorToken.kind;
    return op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken;
  }
  // A default parameter value (`secret = process.env.X`) is a fallback for callers, not for the variable.
  return false;
}

function skipParens(expr: ts.Expression): ts.Expression {
  let e = expr;
  while (ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e) || ts.isAsExpression(e) || ts.isTypeAssertionExpression(e)) e = e.expression;
  return e;
}

const TEXT_READ = /\b(process\.env|import\.meta\.env)(?:\.([A-Za-z_][A-Za-z0-9_]*)|\[\s*['"]([A-Za-z_][A-Za-z0-9_]*)['"]\s*\])/g;

/** For files the TypeScript parser cannot read (`.astro`, `.vue`, `.svelte`, `.html`): a text scan for the same forms. */
export function envReadsInText(text: string): RawRead[] {
  const out: RawRead[] = [];
  text.split('\n').forEach((line, i) => {
    for (const m of line.matchAll(TEXT_READ)) {
      const name = m[2] ?? m[3];
      if (isEnvName(name)) {
        const fallback = /^\s*(\?\?|\|\|)/.test(line.slice((m.index ?? 0) + m[0].length));
        out.push({ name, line: i + 1, via: 'text', receiver: m[1] === 'process.env' ? 'process' : 'import.meta', fallback });
      }
    }
  });
  return out;
}
