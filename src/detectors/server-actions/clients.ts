/**
 * Action clients: next-safe-action's `createSafeActionClient()` and the clients derived from it with middleware
 * (`authActionClient = actionClient.use(async ({ next }) => …)`), and zsa's `createServerActionProcedure`. An action
 * made from a client runs that client's middleware chain first: it is the action's guard.
 */
import type { Citation } from '../../facts.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { ts, lineOf, walk } from '../../scan/ts.js';
import { dottedName, importsOf } from '../shared/ast.js';
import { findDefinition } from '../shared/definitions.js';
import type { MiddlewareUse } from '../shared/middleware-use.js';
import { moduleResolver } from '../shared/resolve-module.js';

export const CLIENT_TEXT = /createSafeActionClient|createServerActionProcedure|createServerAction\b/;
const FACTORIES = /^(createSafeActionClient|createServerActionProcedure|createServerAction)$/;
/** Calls on a client that keep it a client (and add middleware, for `use`). */
const CLIENT_METHODS = new Set(['use', 'metadata', 'schema', 'inputSchema', 'outputSchema', 'bindArgsSchemas', 'handler']);

export interface ActionClient {
  readonly name: string;
  readonly file: string;
  readonly line: number;
  /** The chain, base client's first. */
  readonly middleware: readonly MiddlewareUse[];
}

/** Clients by `file#name`, read from the files that create or derive them. */
export function actionClients(index: RepoIndex, files: readonly string[]): Map<string, ActionClient> {
  const resolver = moduleResolver(index);
  const raw = new Map<string, { base?: string; middleware: MiddlewareUse[]; line: number }>();
  const bases = new Map<string, { file: string; imported: string }>();
  for (const file of files) {
    const sf = index.parse(file);
    if (!sf) continue;
    const imports = importsOf(sf);
    walk(sf, (node) => {
      if (!ts.isVariableDeclaration(node) || !ts.isIdentifier(node.name) || !node.initializer) return;
      const calls: ts.CallExpression[] = [];
      let e: ts.Expression = node.initializer;
      while (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && CLIENT_METHODS.has(e.expression.name.text)) {
        calls.unshift(e);
        e = e.expression.expression;
      }
      const factory = ts.isCallExpression(e) && FACTORIES.test(dottedName(e.expression) ?? '');
      const baseName = !factory && ts.isIdentifier(e) && calls.length > 0 ? e.text : undefined;
      if (!factory && !baseName) return;
      const middleware = calls
        .filter((c) => (c.expression as ts.PropertyAccessExpression).name.text === 'use')
        .flatMap((c) => c.arguments.map((a) => useOf(index, file, sf, a)));
      const key = `${file}#${node.name.text}`;
      raw.set(key, { ...(baseName ? { base: baseName } : {}), middleware, line: lineOf(node, sf) });
      if (baseName) {
        const b = imports.get(baseName);
        const target = b && resolver.resolve(file, b.module);
        bases.set(key, target ? { file: target, imported: b.imported } : { file, imported: baseName });
      }
    });
  }
  const out = new Map<string, ActionClient>();
  const chain = (key: string, depth = 0): MiddlewareUse[] => {
    const r = raw.get(key);
    if (!r || depth > 8) return [];
    const base = bases.get(key);
    return [...(base ? chain(`${base.file}#${base.imported}`, depth + 1) : []), ...r.middleware];
  };
  for (const [key, r] of raw) {
    const [file, name] = [key.slice(0, key.lastIndexOf('#')), key.slice(key.lastIndexOf('#') + 1)];
    out.set(key, { name, file, line: r.line, middleware: chain(key) });
  }
  return out;
}

function useOf(index: RepoIndex, file: string, sf: ts.SourceFile, a: ts.Expression): MiddlewareUse {
  const at: Citation = { file, line: lineOf(a, sf) };
  if (ts.isArrowFunction(a) || ts.isFunctionExpression(a)) return { name: '(inline middleware)', kind: 'action-client', at, code: at };
  const name = dottedName(a) ?? `${a.getText(sf).slice(0, 40)}`;
  const b = importsOf(sf).get(name.split('.')[0]);
  const target = b ? moduleResolver(index).resolve(file, b.module) : file;
  const code = target ? findDefinition(index, { file: target, name: b ? b.imported : name }) : undefined;
  return { name, kind: 'action-client', at, ...(code?.line !== undefined ? { code } : {}) };
}
