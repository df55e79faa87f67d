/**
 * One file's tRPC: procedure builders (`protectedProcedure = t.procedure.use(isAuthed)`), middleware
 * (`isAuthed = t.middleware(…)`), and routers (`router({ …})`, `createTRPCRouter`, `mergeRouters`) with their entries:
 * procedures (`create: protectedProcedure.input(…).mutation(…)`) or nested routers (local, imported or inline).
 */
import { ts, lineOf, walk } from '../../scan/ts.js';
import { dottedName, importsOf, lastName, propertyNameText, type ImportBinding } from '../shared/ast.js';

export const PROCEDURE_TYPES = ['query', 'mutation', 'subscription'] as const;
export type ProcedureType = (typeof PROCEDURE_TYPES)[number];

const ROUTER_CALLEES = /^(router|createTRPCRouter|createRouter|createTrpcRouter|t\.router|trpc\.router)$/;
const MERGE_CALLEES = /^(mergeRouters|mergeTRPCRouters|t\.mergeRouters)$/;
/** Calls a builder chain may hold before it becomes a procedure. */
const BUILDER_METHODS = new Set(['use', 'input', 'output', 'meta', 'concat', 'unstable_concat', 'experimental_caller']);

/** A name as used in the file: a local definition, or an import to follow. */
export interface Ref {
  readonly name: string;
  readonly binding?: ImportBinding;
}

export interface Middleware {
  readonly ref: Ref;
  readonly line: number;
}

export interface Builder {
  /** What it starts from: `t.procedure`, or another builder. */
  readonly base?: Ref;
  readonly middleware: readonly Middleware[];
  readonly line: number;
}

export interface ProcedureEntry {
  readonly kind: 'procedure';
  readonly key: string;
  readonly type: ProcedureType;
  readonly builder?: Ref;
  /** `.use(…)` in the procedure's own chain. */
  readonly middleware: readonly Middleware[];
  /** The resolver: inline (its line) or a named function to follow. */
  readonly handler?: Ref;
  readonly handlerLine?: number;
  readonly line: number;
}

export interface NestedEntry {
  readonly kind: 'router';
  /** `''` for routers merged at the same level (`mergeRouters(a, b)`). */
  readonly key: string;
  readonly router: Ref | { readonly inline: string };
  readonly line: number;
}

export type RouterEntry = ProcedureEntry | NestedEntry;

export interface TrpcFile {
  readonly builders: Map<string, Builder>;
  /** `t.middleware(…)` definitions: name → line. */
  readonly middleware: Map<string, number>;
  /** Routers by name (variables, `default` for a default export, `inline@line` for nested literals). */
  readonly routers: Map<string, { entries: RouterEntry[]; line: number }>;
  /** Exported name → local name. */
  readonly exports: Map<string, string>;
}

export function readTrpcFile(sf: ts.SourceFile): TrpcFile {
  const imports = importsOf(sf);
  const ref = (name: string): Ref => {
    const root = name.split('.')[0];
    const binding = imports.get(root);
    return binding ? { name, binding } : { name };
  };
  const out: TrpcFile = { builders: new Map(), middleware: new Map(), routers: new Map(), exports: new Map() };

  /** `a.use(x).input(y)`: the root expression and the builder calls in order (innermost first). */
  const chainOf = (e: ts.Expression): { root: ts.Expression; calls: ts.CallExpression[] } => {
    const calls: ts.CallExpression[] = [];
    let cur = e;
    while (ts.isCallExpression(cur) && ts.isPropertyAccessExpression(cur.expression)) {
      calls.unshift(cur);
      cur = cur.expression.expression;
    }
    return { root: cur, calls };
  };
  const middlewareOf = (calls: readonly ts.CallExpression[]): Middleware[] =>
    calls
      .filter((c) => (c.expression as ts.PropertyAccessExpression).name.text === 'use')
      .flatMap((c) => c.arguments.map((a) => ({ ref: ref(dottedName(a) ?? (ts.isCallExpression(a) ? `${dottedName(a.expression) ?? '?'}(…)` : '(inline middleware)')), line: lineOf(a, sf) })));
  /** A builder expression: `t.procedure…`, or a known/imported builder name, with only builder calls after it. */
  const builderBase = (root: ts.Expression): Ref | undefined => {
    const name = dottedName(root);
    if (!name) return undefined;
    if (lastName(root) === 'procedure') return { name };
    return ref(name);
  };

  /** `router({ … })`, `mergeRouters(a, b)`, or a plain router record (`{ … } satisfies TRPCRouterRecord`). */
  const routerOf = (call: ts.CallExpression | ts.ObjectLiteralExpression, name: string): void => {
    const callee = ts.isCallExpression(call) ? (dottedName(call.expression) ?? '') : '';
    const entries: RouterEntry[] = [];
    if (ts.isCallExpression(call) && MERGE_CALLEES.test(callee)) {
      for (const a of call.arguments) {
        const entry = entryOf('', a, lineOf(a, sf));
        if (entry?.kind === 'router') entries.push(entry);
      }
    } else {
      const obj = ts.isCallExpression(call) ? call.arguments[0] : call;
      if (!obj || !ts.isObjectLiteralExpression(obj)) return;
      for (const p of obj.properties) {
        if (ts.isShorthandPropertyAssignment(p)) {
          entries.push({ kind: 'router', key: p.name.text, router: ref(p.name.text), line: lineOf(p, sf) });
          continue;
        }
        if (!ts.isPropertyAssignment(p)) continue;
        const key = propertyNameText(p.name);
        if (key === undefined) continue;
        const entry = entryOf(key, p.initializer, lineOf(p, sf));
        if (entry) entries.push(entry);
      }
    }
    out.routers.set(name, { entries, line: lineOf(call, sf) });
  };
  const entryOf = (key: string, value: ts.Expression, line: number): RouterEntry | undefined => {
    const v = ts.isAsExpression(value) || ts.isSatisfiesExpression(value) ? value.expression : value;
    if (ts.isIdentifier(v) || ts.isPropertyAccessExpression(v)) {
      const n = dottedName(v);
      return n ? { kind: 'router', key, router: ref(n), line } : undefined;
    }
    if (!ts.isCallExpression(v)) return undefined;
    const callee = dottedName(v.expression) ?? '';
    if (ROUTER_CALLEES.test(callee) || MERGE_CALLEES.test(callee)) {
      const inline = `inline@${lineOf(v, sf)}`;
      routerOf(v, inline);
      return { kind: 'router', key, router: { inline }, line };
    }
    const method = ts.isPropertyAccessExpression(v.expression) ? v.expression.name.text : '';
    if (!(PROCEDURE_TYPES as readonly string[]).includes(method)) return undefined;
    const { root, calls } = chainOf((v.expression as ts.PropertyAccessExpression).expression);
    if (!calls.every((c) => BUILDER_METHODS.has((c.expression as ts.PropertyAccessExpression).name.text))) return undefined;
    const builder = builderBase(root);
    const resolver = v.arguments[0];
    const inline = resolver && (ts.isArrowFunction(resolver) || ts.isFunctionExpression(resolver));
    const handlerName = resolver && !inline ? dottedName(resolver) : undefined;
    return {
      kind: 'procedure',
      key,
      type: method as ProcedureType,
      ...(builder ? { builder } : {}),
      middleware: middlewareOf(calls),
      ...(handlerName ? { handler: ref(handlerName) } : {}),
      ...(inline ? { handlerLine: lineOf(resolver, sf) } : {}),
      line,
    };
  };

  /** `x.query(…)`, `x.input(…).mutation(…)`: a procedure, whatever it is built from. */
  const isProcedure = (e: ts.Expression): boolean =>
    ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && (PROCEDURE_TYPES as readonly string[]).includes(e.expression.name.text);

  walk(sf, (node) => {
    let name: string | undefined;
    let init: ts.Expression | undefined;
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) [name, init] = [node.name.text, node.initializer];
    else if (ts.isExportAssignment(node)) [name, init] = ['default', node.expression];
    if (!name || !init) return;
    const typed = /TRPCRouterRecord|RouterRecord/.test(
      (ts.isVariableDeclaration(node) ? node.type?.getText(sf) : '') + (ts.isSatisfiesExpression(init) || ts.isAsExpression(init) ? init.type.getText(sf) : ''),
    );
    while (ts.isAsExpression(init) || ts.isSatisfiesExpression(init) || ts.isParenthesizedExpression(init)) init = init.expression;
    // tRPC v11: a sub-router may be a plain object of procedures (`{ … } satisfies TRPCRouterRecord`).
    if (ts.isObjectLiteralExpression(init) && (typed || init.properties.some((p) => ts.isPropertyAssignment(p) && isProcedure(p.initializer)))) {
      return routerOf(init, name);
    }
    if (ts.isCallExpression(init)) {
      const callee = dottedName(init.expression) ?? '';
      if (ROUTER_CALLEES.test(callee) || MERGE_CALLEES.test(callee)) return routerOf(init, name);
      if (/^(t\.middleware|middleware|trpc\.middleware|experimental_standaloneMiddleware)$/.test(callee) || lastName(init.expression) === 'middleware') {
        out.middleware.set(name, lineOf(node, sf));
        return;
      }
    }
    const { root, calls } = chainOf(init);
    if (calls.length > 0 && !calls.every((c) => BUILDER_METHODS.has((c.expression as ts.PropertyAccessExpression).name.text))) return;
    // `export const publicProcedure = t.procedure` or `protectedProcedure = publicProcedure.use(isAuthed)`.
    const looksLikeBuilder = lastName(root) === 'procedure' || (/Procedure$/.test(name) && (ts.isIdentifier(root) || ts.isPropertyAccessExpression(root)));
    if (!looksLikeBuilder) return;
    const base = builderBase(root);
    out.builders.set(name, { ...(base ? { base } : {}), middleware: middlewareOf(calls), line: lineOf(node, sf) });
  });

  for (const s of sf.statements) {
    if (ts.isExportDeclaration(s) && s.exportClause && ts.isNamedExports(s.exportClause) && !s.moduleSpecifier) {
      for (const el of s.exportClause.elements) out.exports.set(el.name.text, (el.propertyName ?? el.name).text);
    } else if (ts.isExportAssignment(s) && ts.isIdentifier(s.expression)) {
      out.exports.set('default', s.expression.text);
    }
  }
  return out;
}
