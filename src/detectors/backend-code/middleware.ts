/**
 * Middleware in backend code: higher-order handler wrappers (`withAuth(handler)` returning a new handler), middy
 * `.use(...)` chains, and server middleware functions (`(req, res, next)`, `(ctx, next)`).
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import { ts, lineOf, walk } from '../../scan/ts.js';
import { importsOf, lastName } from '../shared/ast.js';
import { moduleResolver } from '../shared/resolve-module.js';
import { firstSentence } from '../../markdown/text.js';
import type { MiddlewareData } from './types.js';
import { importersOf } from './usage.js';

const HANDLER_PARAM = /^(handler|fn|func|next|inner|wrapped|h|cb|callback|lambda|route|resolver|controller|action)$|Handler$/i;

type Candidate = Omit<MiddlewareData, 'usedBy'>;

export function mayHaveMiddleware(text: string): boolean {
  return /handler|next|middy/i.test(text);
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
    if ((HANDLER_PARAM.test(first.name.text) || /Handler\b/.test(typeText)) && returnsFunction(fn)) {
      out.push({ name, kind: 'wrapper', detail: docSentence(at, sf), file, line: lineOf(at, sf) });
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

export function withUsers(index: RepoIndex, files: readonly string[], defs: readonly Candidate[]): MiddlewareData[] {
  return defs.map((d) => ({ ...d, usedBy: importersOf(index, files, d.file, d.name) }));
}

/** `middy(handler).use(a()).use(b())`: one entry per middleware name, with every file that uses it. */
export function middyUses(index: RepoIndex, file: string, sf: ts.SourceFile): MiddlewareData[] {
  const imports = importsOf(sf);
  const middy = [...imports].find(([, b]) => b.module === '@middy/core')?.[0];
  if (!middy) return [];
  const out: MiddlewareData[] = [];
  walk(sf, (node) => {
    if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression) || node.expression.name.text !== 'use') return;
    if (!rootsAt(node.expression.expression, middy)) return;
    for (const arg of node.arguments) {
      const callee = ts.isCallExpression(arg) ? arg.expression : arg;
      const name = lastName(callee);
      if (!name) continue;
      const binding = imports.get(ts.isIdentifier(callee) ? callee.text : name);
      const local = binding && moduleResolver(index).resolve(file, binding.module);
      out.push({
        name,
        kind: 'middy',
        detail: binding && !local ? `from ${binding.module}` : undefined,
        usedBy: [file],
        file: local ?? file,
        line: local ? definitionLine(index, local, binding.imported) : binding ? lineOf(arg, sf) : localLine(sf, name) ?? lineOf(arg, sf),
      });
    }
  });
  return out;
}

function rootsAt(expr: ts.Expression, name: string): boolean {
  let e: ts.Expression = expr;
  for (let i = 0; i < 50; i++) {
    if (ts.isCallExpression(e)) {
      if (ts.isIdentifier(e.expression) && e.expression.text === name) return true;
      e = e.expression;
    } else if (ts.isPropertyAccessExpression(e)) e = e.expression;
    else return false;
  }
  return false;
}

function localLine(sf: ts.SourceFile, name: string): number | undefined {
  const found = exportedFunctions(sf).find((f) => f.name === name);
  return found ? lineOf(found.at, sf) : undefined;
}

function definitionLine(index: RepoIndex, file: string, name: string): number {
  const sf = index.parse(file);
  const found = sf && exportedFunctions(sf).find((f) => f.name === name);
  return found && sf ? lineOf(found.at, sf) : 1;
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

/** True when the function's result is itself a function (or a middy chain): the mark of a wrapper. */
function returnsFunction(fn: ts.FunctionLikeDeclaration): boolean {
  const body = fn.body;
  if (!body) return false;
  const isFn = (e: ts.Expression | undefined): boolean => {
    if (!e) return false;
    const u = unwrap(e);
    if (ts.isArrowFunction(u) || ts.isFunctionExpression(u)) return true;
    return ts.isCallExpression(u) && /^(middy|use)$/.test(lastName(u.expression) ?? '');
  };
  if (!ts.isBlock(body)) return isFn(body);
  let found = false;
  walk(body, (node) => {
    if (found || ts.isFunctionLike(node)) return false;
    if (ts.isReturnStatement(node) && isFn(node.expression)) found = true;
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
