/**
 * Schema-first resolver maps (Apollo Server, GraphQL Yoga, Mercurius, graphql-tools): `{ Query: { books: … },
 * Mutation: { addBook: … } }` held in something named or typed as resolvers, with spreads and identifiers followed
 * to object literals in the same file or an imported one; code-first fields (`builder.queryField('me', …)`, Nexus
 * `mutationField`); and graphql-shield rules (`shield({ Query: { me: isAuthenticated } })`) as guards.
 */
import type { Citation } from '../../facts.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { ts, lineOf, walk } from '../../scan/ts.js';
import { constantsOf, dottedName, importsOf, lastName, propertyNameText, staticString } from '../shared/ast.js';
import { findDefinition } from '../shared/definitions.js';
import { moduleResolver } from '../shared/resolve-module.js';
import { packageName } from '../http-frameworks/paths.js';

export const OPERATION_TYPES = ['Query', 'Mutation', 'Subscription'] as const;
export type OperationType = (typeof OPERATION_TYPES)[number];

export interface MapOperation {
  /** `map` for a resolver map entry, `code-first` for `queryField('me', …)`. */
  readonly style: 'map' | 'code-first';
  readonly type: OperationType;
  readonly field: string;
  /** A named resolver, or absent when inline. */
  readonly handler?: string;
  readonly handlerAt?: Citation;
  /** Wrappers around the resolver: `authenticated(resolver)`, `combineResolvers(isAuthenticated, resolver)`. */
  readonly wrappers: readonly { name: string; at: Citation; code?: Citation; from?: string }[];
  readonly file: string;
  readonly line: number;
}

export const MAP_TEXT = /\b(Query|Mutation|Subscription)\s*:\s*[{\w]|(query|mutation|subscription)Field\s*\(/;

const isFn = (e: ts.Node) => ts.isArrowFunction(e) || ts.isFunctionExpression(e) || ts.isMethodDeclaration(e);

/** A resolver map's place: assigned to `resolvers`, typed `Resolvers`, or default-exported from a resolvers file. */
function holdsResolvers(obj: ts.ObjectLiteralExpression, file: string): boolean {
  let p: ts.Node = obj.parent;
  while (ts.isAsExpression(p) || ts.isSatisfiesExpression(p) || ts.isParenthesizedExpression(p) || ts.isArrayLiteralExpression(p)) p = p.parent;
  if (ts.isVariableDeclaration(p)) return /resolver/i.test(p.name.getText()) || /Resolver/.test(p.type?.getText() ?? '') || /resolver/i.test(file);
  if (ts.isPropertyAssignment(p)) return /^resolvers$/.test(propertyNameText(p.name) ?? '');
  if (ts.isShorthandPropertyAssignment(p)) return false;
  if (ts.isExportAssignment(p)) return /resolver/i.test(file);
  return false;
}

export function resolverMapOperations(index: RepoIndex, file: string, sf: ts.SourceFile): MapOperation[] {
  const out: MapOperation[] = [];
  const imports = importsOf(sf);
  const constants = constantsOf(sf);
  const resolver = moduleResolver(index);
  /** The npm package a name is imported from, when it is not the repository's code. */
  const packageOf = (name: string): string | undefined => {
    const b = imports.get(name.split('.')[0]);
    return b && !b.module.startsWith('.') && !resolver.resolve(file, b.module) ? packageName(b.module) : undefined;
  };
  const codeOf = (name: string): Citation | undefined => {
    const root = name.split('.')[0];
    const b = imports.get(root);
    if (b) {
      const target = resolver.resolve(file, b.module);
      return target ? findDefinition(index, { file: target, name: b.imported === '*' ? name.split('.').pop()! : b.imported }) : undefined;
    }
    const local = constants.get(root);
    if (local) return { file, line: lineOf(local.parent, sf) };
    const fn = sf.statements.find((s) => ts.isFunctionDeclaration(s) && s.name?.text === root);
    return fn ? { file, line: lineOf(fn, sf) } : undefined;
  };
  const operation = (type: OperationType, field: string, value: ts.Node, at: ts.Node) => {
    const wrappers: MapOperation['wrappers'][number][] = [];
    let v: ts.Node = value;
    // `authenticated(resolver)`, `combineResolvers(isAuthenticated, async () => …)`: the last argument is the resolver.
    while (ts.isCallExpression(v) && v.arguments.length > 0) {
      const name = dottedName(v.expression) ?? v.expression.getText(sf);
      const guards = v.arguments.slice(0, -1).map((a) => dottedName(a)).filter((n): n is string => !!n);
      const wrapperCode = codeOf(name);
      const from = packageOf(name);
      wrappers.push({ name, at: { file, line: lineOf(v, sf) }, ...(wrapperCode?.line !== undefined ? { code: wrapperCode } : {}), ...(from ? { from } : {}) });
      for (const g of guards) {
        const c = codeOf(g);
        wrappers.push({ name: g, at: { file, line: lineOf(v, sf) }, ...(c?.line !== undefined ? { code: c } : {}) });
      }
      v = v.arguments[v.arguments.length - 1];
    }
    const handler = ts.isIdentifier(v) || ts.isPropertyAccessExpression(v) ? dottedName(v as ts.Expression) : undefined;
    const handlerAt = isFn(v) ? { file, line: lineOf(v, sf) } : handler ? codeOf(handler) : undefined;
    out.push({ style: 'map', type, field, ...(handler ? { handler } : {}), ...(handlerAt ? { handlerAt } : {}), wrappers, file, line: lineOf(at, sf) });
  };
  /** The properties of an object literal, spreads of same-file or imported object literals included. */
  const fieldsOf = (type: OperationType, value: ts.Expression, depth = 0) => {
    if (depth > 3) return;
    if (ts.isIdentifier(value)) {
      const local = constants.get(value.text);
      if (local) return fieldsOf(type, local, depth + 1);
      const target = imported(value.text);
      if (target) for (const [f, s, obj] of target) fieldsOfIn(f, s, type, obj);
      return;
    }
    if (!ts.isObjectLiteralExpression(value)) return;
    for (const p of value.properties) {
      if (ts.isSpreadAssignment(p)) fieldsOf(type, p.expression, depth + 1);
      else if (ts.isPropertyAssignment(p)) {
        const field = propertyNameText(p.name);
        if (field) operation(type, field, p.initializer, p);
      } else if (ts.isMethodDeclaration(p) || ts.isShorthandPropertyAssignment(p)) {
        const field = propertyNameText(p.name);
        if (field) operation(type, field, ts.isMethodDeclaration(p) ? p : p.name, p);
      }
    }
  };
  /** An imported object literal: `import { bookQueries } from './books'`. */
  const imported = (name: string): [string, ts.SourceFile, ts.Expression][] | undefined => {
    const b = imports.get(name);
    const target = b && resolver.resolve(file, b.module);
    const tsf = target ? index.parse(target) : undefined;
    if (!b || !target || !tsf) return undefined;
    const init = b.imported === 'default' ? defaultExport(tsf) : constantsOf(tsf).get(b.imported);
    return init ? [[target, tsf, init]] : undefined;
  };
  const fieldsOfIn = (f: string, s: ts.SourceFile, type: OperationType, obj: ts.Expression) => {
    if (f === file) return fieldsOf(type, obj, 1);
    if (ts.isObjectLiteralExpression(obj)) out.push(...fieldsInOtherFile(index, f, s, obj, type));
  };

  walk(sf, (node) => {
    if (ts.isObjectLiteralExpression(node) && holdsResolvers(node, file)) {
      for (const p of node.properties) {
        if (!ts.isPropertyAssignment(p) && !ts.isShorthandPropertyAssignment(p)) continue;
        const type = propertyNameText(p.name) as OperationType;
        if (!(OPERATION_TYPES as readonly string[]).includes(type)) continue;
        fieldsOf(type, ts.isPropertyAssignment(p) ? p.initializer : p.name);
      }
      return false;
    }
    // Pothos `builder.queryField('me', (t) => …)`, Nexus `mutationField('addBook', { … })`.
    if (ts.isCallExpression(node)) {
      const m = /^(query|mutation|subscription)Field$/.exec(lastName(node.expression) ?? '');
      const field = m ? staticString(node.arguments[0])?.text : undefined;
      if (m && field) {
        const type = `${m[1][0].toUpperCase()}${m[1].slice(1)}` as OperationType;
        out.push({ style: 'code-first', type, field, handlerAt: { file, line: lineOf(node, sf) }, wrappers: [], file, line: lineOf(node, sf) });
      }
    }
    return undefined;
  });
  return out;
}

/** The fields of an object literal in another file (`export const bookQueries = { books: … }`), one level deep. */
function fieldsInOtherFile(index: RepoIndex, file: string, sf: ts.SourceFile, obj: ts.ObjectLiteralExpression, type: OperationType): MapOperation[] {
  const out: MapOperation[] = [];
  let imports: ReturnType<typeof importsOf> | undefined;
  /** `{ signIn }` where signIn is imported from './sign-in': the definition in that module. */
  const importedCode = (name: string): Citation | undefined => {
    const b = (imports ??= importsOf(sf)).get(name.split('.')[0]);
    const target = b && moduleResolver(index).resolve(file, b.module);
    return b && target ? findDefinition(index, { file: target, name: b.imported === '*' ? name.split('.').pop()! : b.imported }) : undefined;
  };
  for (const p of obj.properties) {
    const field = (ts.isPropertyAssignment(p) || ts.isMethodDeclaration(p) || ts.isShorthandPropertyAssignment(p)) && p.name ? propertyNameText(p.name) : undefined;
    if (!field) continue;
    // A shorthand `{ signIn }` names a binding (local or imported), never inline code.
    const value = ts.isPropertyAssignment(p) ? p.initializer : ts.isShorthandPropertyAssignment(p) ? p.name : p;
    const handler = ts.isIdentifier(value) || ts.isPropertyAccessExpression(value) ? dottedName(value) : undefined;
    const local = handler
      ? sf.statements.find((s) => (ts.isFunctionDeclaration(s) && s.name?.text === handler) || (ts.isVariableStatement(s) && s.declarationList.declarations.some((d) => d.name.getText(sf) === handler)))
      : undefined;
    const handlerAt = isFn(value) ? { file, line: lineOf(value, sf) } : local ? { file, line: lineOf(local, sf) } : handler ? importedCode(handler) : undefined;
    out.push({ style: 'map', type, field, ...(handler ? { handler } : {}), ...(handlerAt ? { handlerAt } : {}), wrappers: [], file, line: lineOf(p, sf) });
  }
  return out;
}

function defaultExport(sf: ts.SourceFile): ts.Expression | undefined {
  for (const s of sf.statements) if (ts.isExportAssignment(s)) return s.expression;
  return undefined;
}

/** graphql-shield: `shield({ Query: { me: isAuthenticated }, Mutation: { '*': isAdmin } })` → `Type.field` → rules. */
export function shieldRules(index: RepoIndex, sf: ts.SourceFile, file: string): Map<string, { name: string; at: Citation; code?: Citation }[]> {
  const out = new Map<string, { name: string; at: Citation; code?: Citation }[]>();
  const imports = importsOf(sf);
  walk(sf, (node) => {
    if (!ts.isCallExpression(node) || lastName(node.expression) !== 'shield') return;
    const map = node.arguments[0];
    if (!map || !ts.isObjectLiteralExpression(map)) return;
    for (const t of map.properties) {
      if (!ts.isPropertyAssignment(t) || !ts.isObjectLiteralExpression(t.initializer)) continue;
      const type = propertyNameText(t.name);
      for (const f of t.initializer.properties) {
        if (!ts.isPropertyAssignment(f)) continue;
        const field = propertyNameText(f.name);
        const text = f.initializer.getText(sf).replace(/\s+/g, ' ');
        const b = ts.isIdentifier(f.initializer) ? imports.get(f.initializer.text) : undefined;
        const target = b && moduleResolver(index).resolve(file, b.module);
        const code = target ? findDefinition(index, { file: target, name: b.imported }) : undefined;
        out.set(`${type}.${field}`, [{ name: text.length <= 48 ? text : `${text.slice(0, 45)}…`, at: { file, line: lineOf(f, sf) }, ...(code?.line !== undefined ? { code } : {}) }]);
      }
    }
  });
  return out;
}
