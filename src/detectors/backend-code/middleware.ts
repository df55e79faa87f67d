/**
 * Middleware in backend code: higher-order handler wrappers (`withAuth(handler)` returning a new handler), middy
 * `.use(...)` chains, and server middleware functions (`(req, res, next)`, `(ctx, next)`).
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import { ts, lineOf, walk } from '../../scan/ts.js';
import { lastName } from '../shared/ast.js';
import { importsFromText } from '../shared/import-text.js';
import { chainsAfterCalls, codeOnly, lineAt } from '../shared/text-scan.js';
import { moduleResolver } from '../shared/resolve-module.js';
import { firstSentence } from '../../markdown/text.js';
import type { MiddlewareData } from './types.js';
import { importersFinder } from './usage.js';

const HANDLER_PARAM = /^(handler|fn|func|next|inner|wrapped|h|cb|callback|lambda|route|resolver|controller|action)$|Handler$/i;

/**
 * `ifApplied`: a function that takes a function and returns one forwarding to it (`withAdmin(fn) => (...args) =>
 * fn(...args)`), the shape of `memoize` and `debounce` too: a wrapper only where it is applied to a handler.
 */
type Candidate = Omit<MiddlewareData, 'usedBy'> & { readonly ifApplied?: boolean };

/**
 * What a file defining middleware contains: a `next` parameter closing a parameter list (`(req, res, next) =>`,
 * `(ctx: Context, next: Next) {`), or a function assigned or declared with the handler it wraps as its first
 * parameter (`withAuth = (handler) =>`, `function wrap(fn: Handler)`, `= async (h) =>`). Calls (`middy(baseHandler)`,
 * `setItems(next)`) and callbacks (`.map((h) => …)`) are not definitions: only exported functions are read.
 */
const WRAPPED = String.raw`(?:handler|fn|func|inner|wrapped|h|cb|callback|lambda|route|resolver|controller|action|[\w$]*Handler)`;
const PARAMS_OPEN = String.raw`(?:=\s*(?:async\s*)?(?:<[^<>()]*>\s*)?|\bfunction\s*\*?\s*[\w$]*\s*(?:<[^<>()]*>\s*)?)\(\s*`;
const MIDDLEWARE_TEXT = new RegExp(
  String.raw`,\s*next\s*(?::[^),]*)?\)\s*(?:=>|\{|:)|${PARAMS_OPEN}${WRAPPED}\s*[:,)?=]|=\s*(?:async\s*)?${WRAPPED}\s*=>|${PARAMS_OPEN}[\w$]+\s*:\s*[\w$.]*Handler\b`,
);

/** Every match of MIDDLEWARE_TEXT holds one of these words: finding them first is much faster than the full pattern. */
const WORDS = /\bnext\b|\b(?:handler|fn|func|inner|wrapped|h|cb|callback|lambda|route|resolver|controller|action)\b|Handler\b/g;

export function mayHaveMiddleware(text: string): boolean {
  WORDS.lastIndex = 0;
  for (let m = WORDS.exec(text); m; m = WORDS.exec(text)) {
    // The full pattern, in a window around the word (its longest reach: a typed parameter list's opening).
    if (MIDDLEWARE_TEXT.test(text.slice(Math.max(0, m.index - 120), m.index + 40))) return true;
  }
  return false;
}

/** Wrappers and server middleware defined in one file (without their users yet). */
export function middlewareDefinitions(file: string, sf: ts.SourceFile): Candidate[] {
  const out: Candidate[] = [];
  for (const { name, fn, at } of exportedFunctions(sf)) {
    const params = fn.parameters;
    const first = params[0];
    if (!first) continue;
    if (!ts.isIdentifier(first.name)) {
      if (returnsMiddleware(fn)) out.push({ name, kind: 'server', detail: docSentence(at, sf), file, line: lineOf(at, sf) });
      continue;
    }
    const paramNames = params.map((p) => (ts.isIdentifier(p.name) ? p.name.text : ''));
    const typeText = first.type?.getText(sf) ?? '';
    // What makes a wrapper is what it returns, not what its parameter is called (`fn` is every helper's name).
    const shape = returnedShape(fn, first.name.text, sf);
    if (shape === 'handler' || shape === 'middy' || (shape && /Handler\b/.test(typeText))) {
      out.push({ name, kind: 'wrapper', detail: docSentence(at, sf), file, line: lineOf(at, sf) });
    } else if (shape === 'forwards' && HANDLER_PARAM.test(first.name.text)) {
      out.push({ name, kind: 'wrapper', detail: docSentence(at, sf), file, line: lineOf(at, sf), ifApplied: true });
    } else if (returnsMiddleware(fn)) {
      // `auth(...rights)` returning `(req, res, next) => …`: a middleware factory.
      out.push({ name, kind: 'server', detail: docSentence(at, sf), file, line: lineOf(at, sf) });
    } else if (
      (params.length === 3 && /^(req|request)$/.test(paramNames[0]) && paramNames[2] === 'next') ||
      (params.length === 2 && /^(ctx|c|context)$/.test(paramNames[0]) && paramNames[1] === 'next')
    ) {
      out.push({ name, kind: 'server', detail: docSentence(at, sf), file, line: lineOf(at, sf) });
    }
  }
  return out;
}

export function withUsers(
  usersOf: (def: { file: string; name: string }) => string[],
  defs: readonly Candidate[],
  read: (file: string) => string | undefined,
): MiddlewareData[] {
  return defs.flatMap(({ ifApplied, ...d }) => {
    const usedBy = usersOf(d);
    if (ifApplied && ![d.file, ...usedBy].some((f) => appliesToHandler(read(f) ?? '', d.name))) return [];
    return [{ ...d, usedBy }];
  });
}

/** Import statements and `require` destructurings, over code whose strings are blanked (quotes kept). */
const IMPORTS = /\bimport\s[^;'"]*?\bfrom\s*(['"])[^'"\n]*\1|\b(?:const|let|var)\s*\{[^}]*\}\s*=\s*require\s*\(\s*(['"])[^'"\n]*\2\s*\)/g;

/**
 * The file names what it imports as `name` (under its local name) again beyond the import statements. A file that
 * imports it otherwise (a namespace, a default) is kept: its use is not read here.
 */
export function namedOutsideImports(text: string, name: string): boolean {
  const locals = [...importsFromText(text)].filter(([, b]) => b.imported === name).map(([local]) => local);
  if (locals.length === 0) return true;
  const code = codeOnly(text).replace(IMPORTS, (m) => ' '.repeat(m.length));
  return locals.some((l) => new RegExp(`(^|[^\\w$])${l.replace(/\$/g, '\\$')}(?![\\w$])`).test(code));
}

/**
 * `export const purge = withAdmin(async () => …)`, `export default withAuth(async function …)`,
 * `export const GET = withKey((req) => …)`: exported, wrapping an async function or one taking a request — not
 * `const square = memoize((n) => n * n)`.
 */
function appliesToHandler(text: string, name: string): boolean {
  const n = name.replace(/\$/g, '\\$');
  const applied = String.raw`\bexport\s+(?:default|(?:const|let|var)\s+[\w$]+\s*(?::[^=]*)?=)\s*${n}\s*(?:<[^<>()]*>\s*)?\(\s*`;
  const handler = String.raw`(?:async\b|\(\s*_?(?:req|request|event|ctx|c|context)\b|_?(?:req|request|event|ctx|context)\s*=>)`;
  return new RegExp(applied + handler).test(text);
}

/**
 * `middy(handler).use(a()).use(b())`: one entry per middleware name, with every file that uses it. Read from the text:
 * Lambda code wraps every handler in middy, and parsing hundreds of handlers for one chain each cost most of step 3.
 */
export function middyUses(index: RepoIndex, file: string, text: string): MiddlewareData[] {
  const imports = importsFromText(text);
  const middy = [...imports].find(([, b]) => b.module === '@middy/core')?.[0];
  if (!middy) return [];
  const out: MiddlewareData[] = [];
  for (const chain of chainsAfterCalls(text, middy)) {
    for (const call of chain) {
      if (call.method !== 'use') continue;
      for (const arg of call.args) {
        const callee = /^\s*([\w$]+(?:\s*\.\s*[\w$]+)*)\s*(?:\(|$)/.exec(arg.text)?.[1]?.replace(/\s/g, '');
        if (!callee) continue;
        const name = callee.slice(callee.lastIndexOf('.') + 1);
        const binding = imports.get(callee.includes('.') ? name : callee);
        // `(handler, middlewares) => middy(handler).use(middlewares)`: whatever a caller passes, not a named middleware.
        if (!binding && callee === arg.text.trim() && isParameterAt(text, callee, arg.offset) && declaredBefore(text, callee, arg.offset) === undefined) continue;
        const local = binding && moduleResolver(index).resolve(file, binding.module);
        const at = lineAt(text, arg.offset + (arg.text.length - arg.text.trimStart().length));
        out.push({
          name,
          kind: 'middy',
          detail: binding && !local ? `from ${binding.module}` : undefined,
          usedBy: [file],
          file: local ?? file,
          line: local ? definitionLine(index, local, binding.imported) : binding ? at : (localLine(index, file, name) ?? declaredBefore(text, callee, arg.offset) ?? at),
        });
      }
    }
  }
  return out;
}

/**
 * `const http = computeHttpMiddleware(args); … .use(http)`: the middleware is defined where the name is declared in
 * the file (the last declaration before the use), not at the `.use(…)` call.
 */
function declaredBefore(text: string, name: string, offset: number): number | undefined {
  if (!/^[\w$]+$/.test(name)) return undefined;
  const n = name.replace(/\$/g, '\\$');
  const re = new RegExp(String.raw`(?:\b(?:const|let|var)\s+${n}\s*(?::[^=;]*)?=(?!=)|\bfunction\s*\*?\s*${n}\s*[(<])`, 'g');
  let last: number | undefined;
  for (let m = re.exec(text); m && m.index < offset; m = re.exec(text)) last = m.index;
  return last === undefined ? undefined : lineAt(text, last);
}

/**
 * `name` is a parameter of a function whose parameter list comes before `offset` (`(handler, middlewares) =>`,
 * `function wrap(handler, middlewares) {`): read from the text, the nearest such list that names it.
 */
function isParameterAt(text: string, name: string, offset: number): boolean {
  if (!/^[\w$]+$/.test(name)) return false;
  const re = /\(([^()]*)\)\s*(?::\s*[^={};]+)?(?:=>|\{)/g;
  let found = false;
  for (let m = re.exec(text); m && m.index < offset; m = re.exec(text)) {
    const params = m[1].split(',').map((p) => p.trim().replace(/^\.\.\./, '').split(/[\s:=?]/)[0]);
    if (params.includes(name)) found = true;
  }
  return found;
}

function localLine(index: RepoIndex, file: string, name: string): number | undefined {
  const sf = index.parse(file);
  const found = sf && exportedFunctions(sf).find((f) => f.name === name);
  return found && sf ? lineOf(found.at, sf) : undefined;
}

const definitionLines = new WeakMap<RepoIndex, Map<string, number>>();

/** Where an exported middleware is defined; asked once per use, so kept per file and name. */
function definitionLine(index: RepoIndex, file: string, name: string): number {
  let lines = definitionLines.get(index);
  if (!lines) definitionLines.set(index, (lines = new Map()));
  const key = `${file}\0${name}`;
  let line = lines.get(key);
  if (line === undefined) {
    const sf = index.parse(file);
    const found = sf && exportedFunctions(sf).find((f) => f.name === name);
    line = found && sf ? lineOf(found.at, sf) : 1;
    lines.set(key, line);
  }
  return line;
}

interface ExportedFunction {
  readonly name: string;
  readonly fn: ts.FunctionLikeDeclaration;
  readonly at: ts.Node;
}

function exportedFunctions(sf: ts.SourceFile): ExportedFunction[] {
  const out: ExportedFunction[] = [];
  const exported = (node: ts.Node) =>
    ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  const commonJs = commonJsExports(sf);
  for (const s of sf.statements) {
    if (ts.isFunctionDeclaration(s) && s.name && (exported(s) || commonJs.has(s.name.text))) out.push({ name: s.name.text, fn: s, at: s });
    if (ts.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) {
        const init = d.initializer && unwrap(d.initializer);
        if (!exported(s) && !(ts.isIdentifier(d.name) && commonJs.has(d.name.text))) continue;
        if (ts.isIdentifier(d.name) && init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) {
          out.push({ name: d.name.text, fn: init, at: s });
        }
      }
    }
  }
  return out;
}

/** Local names a CommonJS module exports: `module.exports = x`, `module.exports = { a, b }`, `exports.a = a`. */
function commonJsExports(sf: ts.SourceFile): Set<string> {
  const out = new Set<string>();
  for (const s of sf.statements) {
    if (!ts.isExpressionStatement(s) || !ts.isBinaryExpression(s.expression)) continue;
    const { left, right } = s.expression;
    if (!/^(module\.)?exports(\.\w+)?$/.test(left.getText(sf))) continue;
    if (ts.isIdentifier(right)) out.add(right.text);
    if (ts.isObjectLiteralExpression(right)) {
      for (const p of right.properties) {
        if (ts.isShorthandPropertyAssignment(p)) out.add(p.name.text);
        else if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.initializer)) out.add(p.initializer.text);
      }
    }
  }
  return out;
}

function unwrap(e: ts.Expression): ts.Expression {
  return ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) ? unwrap(e.expression) : e;
}

/** A function returning `(req, res, next) => …` or `(ctx, next) => …`. */
function returnsMiddleware(fn: ts.FunctionLikeDeclaration): boolean {
  const isMw = (e: ts.Expression | undefined) => {
    const u = e && unwrap(e);
    if (!u || !(ts.isArrowFunction(u) || ts.isFunctionExpression(u))) return false;
    const names = u.parameters.map((p) => p.name.getText());
    return (names.length === 3 && /^_?req/.test(names[0]) && /^_?next$/.test(names[2])) || (names.length === 2 && /^(ctx|c)$/.test(names[0]) && names[1] === 'next');
  };
  if (!fn.body) return false;
  if (!ts.isBlock(fn.body)) return isMw(fn.body);
  return fn.body.statements.some((st) => ts.isReturnStatement(st) && isMw(st.expression));
}

const REQUEST_PARAM = /^_?(req|request|event|evt|ctx|c|context)$/;
const REQUEST_TYPE = /\b\w*(Request|Event|Context)\b/;

/**
 * What the function returns, when that is a function: `handler` — one taking a request (`(req, res, next)`,
 * `(event, context)`, `(c, next)`, `(request: NextRequest)`) and calling the wrapped parameter; `middy` — a middy
 * chain; `forwards` — any other function that calls the wrapped parameter; `other` — a function that does not (still a
 * wrapper when the parameter is typed `Handler`).
 */
function returnedShape(fn: ts.FunctionLikeDeclaration, wrapped: string, sf: ts.SourceFile): 'handler' | 'middy' | 'forwards' | 'other' | undefined {
  const body = fn.body;
  if (!body) return undefined;
  const shapes: ('handler' | 'middy' | 'forwards' | 'other')[] = [];
  const shapeOf = (e: ts.Expression | undefined): void => {
    if (!e) return;
    const u = unwrap(e);
    if (ts.isCallExpression(u) && /^(middy|use)$/.test(lastName(u.expression) ?? '')) shapes.push('middy');
    if (!ts.isArrowFunction(u) && !ts.isFunctionExpression(u)) return;
    const names = u.parameters.map((p) => p.name.getText(sf));
    const firstType = u.parameters[0]?.type?.getText(sf) ?? '';
    const request = REQUEST_PARAM.test(names[0] ?? '') || REQUEST_TYPE.test(firstType) || (names.length >= 2 && /^_?next$/.test(names[names.length - 1]));
    // A request handler that never calls the parameter is made by a middleware factory (`validate(schema)`).
    const forwards = calls(u, wrapped);
    shapes.push(request && forwards ? 'handler' : forwards ? 'forwards' : 'other');
  };
  if (!ts.isBlock(body)) shapeOf(body);
  else {
    walk(body, (node) => {
      if (ts.isFunctionLike(node)) return false;
      if (ts.isReturnStatement(node)) shapeOf(node.expression);
      return undefined;
    });
  }
  return (['handler', 'middy', 'forwards', 'other'] as const).find((s) => shapes.includes(s));
}

function calls(fn: ts.Node, name: string): boolean {
  let found = false;
  walk(fn, (n) => {
    if (found) return false;
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === name) found = true;
    return undefined;
  });
  return found;
}

/** The first sentence of the JSDoc above a declaration: the author's own summary. */
export function docSentence(node: ts.Node, sf: ts.SourceFile): string | undefined {
  const ranges = ts.getLeadingCommentRanges(sf.text, node.getFullStart()) ?? [];
  const doc = ranges.reverse().find((r) => sf.text.startsWith('/**', r.pos));
  if (!doc) return undefined;
  const text = sf.text
    .slice(doc.pos + 3, doc.end - 2)
    .split('\n')
    .map((l) => l.replace(/^\s*\*\s?/, ''))
    .filter((l) => !l.startsWith('@'))
    .join(' ')
    .trim();
  return text ? firstSentence(text) : undefined;
}
