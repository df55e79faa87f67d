/**
 * What a NestJS app sets up for every route, per package: the global prefix (and what it excludes), versioning,
 * global guards (`app.useGlobalGuards`, `APP_GUARD` providers), global `app.use` middleware, and the middleware
 * modules attach with `consumer.apply(…).exclude(…).forRoutes(…)`.
 */
import type { Citation } from '../../facts.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { ts, lineOf, walk } from '../../scan/ts.js';
import { constantsOf, dottedName, importsOf, lastName, property, staticString, type ImportBinding } from '../shared/ast.js';
import { findDefinition } from '../shared/definitions.js';
import { moduleResolver } from '../shared/resolve-module.js';
import { packageName } from './paths.js';
import type { MiddlewareUse } from './types.js';

export interface RouteSelector {
  /** A controller class name, or a path pattern relative to the global prefix (`cats`, `cats/*`, `*`). */
  readonly controller?: string;
  readonly path?: string;
  readonly method?: string;
}

export interface NestConsumer {
  readonly use: MiddlewareUse;
  readonly forRoutes: readonly RouteSelector[];
  readonly exclude: readonly RouteSelector[];
}

export interface NestApp {
  prefix: string;
  /** False when the prefix is computed at run time (`configService.get('app.apiPrefix')`): shown as written. */
  prefixResolved: boolean;
  prefixExclude: RouteSelector[];
  /** `VersioningType.URI` puts `v1` in the path; other types leave the path alone. */
  versioning?: { readonly type: 'uri' | 'header' | 'media-type' | 'custom'; readonly prefix: string; readonly defaultVersion?: readonly string[] };
  readonly globalGuards: MiddlewareUse[];
  /** `app.use(mw)`; `mount` when the first argument is a path (`app.use('/graphql', upload())`): only URLs under it. */
  readonly globalMiddleware: (MiddlewareUse & { readonly mount?: string })[];
  readonly consumers: NestConsumer[];
}

/** Text that tells a file sets up something app-wide. */
export const NEST_APP_TEXT = /setGlobalPrefix|enableVersioning|useGlobalGuards|APP_GUARD|forRoutes|NestFactory/;

export function emptyApp(): NestApp {
  return { prefix: '', prefixResolved: true, prefixExclude: [], globalGuards: [], globalMiddleware: [], consumers: [] };
}

/** Reads one file's app-wide setup into `app`. */
export function readNestApp(index: RepoIndex, file: string, sf: ts.SourceFile, app: NestApp): void {
  const imports = importsOf(sf);
  const use = (e: ts.Expression, kind: MiddlewareUse['kind']): MiddlewareUse => nestUse(index, file, sf, imports, e, kind);
  walk(sf, (node) => {
    if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return;
    const method = node.expression.name.text;
    const args = node.arguments;
    if (method === 'setGlobalPrefix' && args[0]) {
      const written = staticString(args[0]);
      app.prefix = written?.text ?? `\${${shortCall(args[0], sf)}}`;
      app.prefixResolved = written?.resolved ?? false;
      const exclude = property(args[1], 'exclude');
      if (exclude && ts.isArrayLiteralExpression(exclude)) app.prefixExclude = exclude.elements.flatMap((e) => selectors(e));
    } else if (method === 'enableVersioning') {
      const opts = args[0];
      const type = (lastName(property(opts, 'type') ?? ts.factory.createIdentifier('URI')) ?? 'URI').toUpperCase();
      const prefix = property(opts, 'prefix');
      const def = property(opts, 'defaultVersion');
      const defaults = def ? versionsOf(def) : undefined;
      app.versioning = {
        type: type === 'HEADER' ? 'header' : type === 'MEDIA_TYPE' ? 'media-type' : type === 'CUSTOM' ? 'custom' : 'uri',
        prefix: prefix && prefix.kind === ts.SyntaxKind.FalseKeyword ? '' : (staticString(prefix)?.text ?? 'v'),
        ...(defaults ? { defaultVersion: defaults } : {}),
      };
    } else if (method === 'useGlobalGuards') {
      for (const a of args) app.globalGuards.push(use(a, 'global'));
    } else if (method === 'use' && isAppReceiver(node.expression.expression)) {
      // Express semantics: a leading path is where the middleware is mounted, not a middleware.
      // `app.use(['/copilot/{*splat}', '/posts'], json())`: an array of paths mounts it under each of them.
      const list = args[0] && ts.isArrayLiteralExpression(args[0]) ? args[0].elements.map((e) => staticString(e)?.text) : undefined;
      const mounts = list && list.length > 0 && list.every((m) => m !== undefined) ? (list as string[]) : args[0] && staticString(args[0]) ? [staticString(args[0])!.text] : [];
      for (const a of mounts.length > 0 ? args.slice(1) : args) {
        for (const mount of mounts.length > 0 ? mounts : [undefined]) app.globalMiddleware.push({ ...use(a, 'use'), ...(mount !== undefined ? { mount } : {}) });
      }
    } else if (method === 'forRoutes') {
      const chain = consumerChain(node);
      if (!chain) return;
      const constants = constantsOf(sf);
      const pick = (list: readonly ts.Expression[]) => list.flatMap((e) => selectors(e, constants));
      for (const a of chain.apply) app.consumers.push({ use: use(a, 'module'), forRoutes: pick(args), exclude: pick(chain.exclude) });
    }
  });
  // `{ provide: APP_GUARD, useClass: JwtAuthGuard }` in a module's providers.
  walk(sf, (node) => {
    if (!ts.isObjectLiteralExpression(node)) return;
    const provide = property(node, 'provide');
    if (!provide || lastName(provide) !== 'APP_GUARD') return;
    const cls = property(node, 'useClass') ?? property(node, 'useExisting');
    if (cls) app.globalGuards.push(use(cls, 'global'));
  });
}

/** `app.use(…)` on the Nest app (`const app = await NestFactory.create(…)`), not on a router. */
function isAppReceiver(e: ts.Expression): boolean {
  return ts.isIdentifier(e) && /^app$/.test(e.text);
}

/** `consumer.apply(A, B).exclude(x).forRoutes(…)`: the applied middleware and the exclusions of one chain. */
function consumerChain(forRoutes: ts.CallExpression): { apply: ts.Expression[]; exclude: ts.Expression[] } | undefined {
  const exclude: ts.Expression[] = [];
  let e: ts.Expression = (forRoutes.expression as ts.PropertyAccessExpression).expression;
  while (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression)) {
    const name = e.expression.name.text;
    if (name === 'apply') return { apply: [...e.arguments], exclude };
    if (name === 'exclude') exclude.push(...e.arguments);
    e = e.expression.expression;
  }
  return undefined;
}

/**
 * `UsersController`, `'cats/*'`, `{ path: 'cats', method: RequestMethod.GET }`, and lists of them: `...controllers`
 * where `const controllers = [UsersController, …]` is declared in the same file.
 */
function selectors(e: ts.Expression, constants: ReadonlyMap<string, ts.Expression> = new Map(), depth = 0): RouteSelector[] {
  if (depth > 3) return [];
  if (ts.isSpreadElement(e)) return selectors(e.expression, constants, depth + 1);
  if (ts.isArrayLiteralExpression(e)) return e.elements.flatMap((x) => selectors(x, constants, depth + 1));
  if (ts.isIdentifier(e)) {
    const value = constants.get(e.text);
    return value && ts.isArrayLiteralExpression(value) ? selectors(value, constants, depth + 1) : [{ controller: e.text }];
  }
  const s = staticString(e);
  if (s) return [{ path: s.text }];
  if (ts.isObjectLiteralExpression(e)) {
    const path = staticString(property(e, 'path'))?.text;
    const method = lastName(property(e, 'method') ?? ts.factory.createIdentifier('ALL'))?.toUpperCase();
    return path !== undefined ? [{ path, ...(method && method !== 'ALL' ? { method } : {}) }] : [];
  }
  return [];
}

/** `'1'`, `['1', '2']`, `VERSION_NEUTRAL` (no version segment: kept as the empty string). */
export function versionsOf(e: ts.Expression): string[] {
  if (ts.isArrayLiteralExpression(e)) return e.elements.flatMap((x) => versionsOf(x));
  if (lastName(e) === 'VERSION_NEUTRAL') return [''];
  const s = staticString(e);
  return [s ? s.text : `\${${e.getText()}}`];
}

/** Whether a selector picks a route (its path without the global prefix and version, its controller). */
export function selects(sel: RouteSelector, route: { controller: string; path: string; method: string }): boolean {
  if (sel.controller) return sel.controller === route.controller;
  if (sel.method && sel.method !== route.method) return false;
  const pattern = (sel.path ?? '').replace(/^\/+|\/+$/g, '');
  const path = route.path.replace(/^\/+|\/+$/g, '');
  // `exclude: ['/']` is the root route; `*`, `(.*)` and `{*splat}` are every route.
  if (pattern === '') return path === '';
  if (pattern === '*' || pattern === '(.*)' || pattern === '{*splat}') return true;
  const re = new RegExp(`^${pattern.replace(/\(\.\*\)/g, '*').split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(path);
}

/**
 * A guard, middleware or decorator as applied: `JwtAuthGuard`, `AuthGuard('jwt')`, `new RolesGuard(reflector)`, with
 * the place of its code when its class comes from the repository.
 */
export function nestUse(
  index: RepoIndex,
  file: string,
  sf: ts.SourceFile,
  imports: ReadonlyMap<string, ImportBinding>,
  e: ts.Expression,
  kind: MiddlewareUse['kind'],
): MiddlewareUse {
  const target = ts.isNewExpression(e) || ts.isCallExpression(e) ? e.expression : e;
  const written = ts.isNewExpression(e) ? (dottedName(e.expression) ?? e.getText(sf)) : shortCall(e, sf);
  const at = { file, line: lineOf(e, sf) };
  const root = dottedName(target)?.split('.')[0];
  const binding = root ? imports.get(root) : undefined;
  let code: Citation | undefined;
  let from: string | undefined;
  if (binding) {
    const resolved = moduleResolver(index).resolve(file, binding.module);
    if (resolved) code = findDefinition(index, { file: resolved, name: binding.imported === '*' ? (lastName(target) ?? '*') : binding.imported });
    else if (!binding.module.startsWith('.')) from = packageName(binding.module);
  } else if (root) {
    const local = sf.statements.find((s) => ts.isClassDeclaration(s) && s.name?.text === root);
    if (local) code = { file, line: lineOf(local, sf) };
  }
  return { name: written, kind, at, ...(code ? { code } : {}), ...(from ? { from } : {}) };
}

function shortCall(e: ts.Expression, sf: ts.SourceFile): string {
  const text = e.getText(sf).replace(/\s+/g, ' ');
  if (!ts.isCallExpression(e)) return text.length <= 48 ? text : `${text.slice(0, 45)}…`;
  const simple = e.arguments.every((a) => (ts.isStringLiteral(a) && a.text.length <= 24) || ts.isIdentifier(a) || ts.isPropertyAccessExpression(a) || ts.isNumericLiteral(a));
  return simple && text.length <= 48 ? text : `${e.expression.getText(sf)}(…)`;
}
