/**
 * routing-controllers (typestack) on Express: `@JsonController('/pets')` / `@Controller()` classes with `@Get('/:id')`
 * style methods, under the `routePrefix` option of `createExpressServer` / `useExpressServer`, with `@Authorized()`
 * and `@UseBefore(…)` on the class or the method. Reuses the NestJS decorator readers: the shapes are the same.
 */
import type { Citation } from '../../facts.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { ts, lineOf } from '../../scan/ts.js';
import { importsOf, lastName, property, staticString } from '../shared/ast.js';
import { nestUse } from './nest-app.js';
import { decorator, guardDecorators } from './nest-decorators.js';
import { joinPaths, normaliseMethod } from './paths.js';
import type { MiddlewareUse } from './types.js';

const MODULE = 'routing-controllers';
const CONTROLLERS = ['JsonController', 'Controller'];
const METHOD_DECORATORS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete', 'Head', 'All']);
// The Koa ones take the same options: their prefix is read too, so no path is shown without it unsaid.
const SERVER_CALLS = new Set(['createExpressServer', 'useExpressServer', 'createKoaServer', 'useKoaServer']);
/** `@UseBefore(A, B)` names middleware; `@Authorized(roles?)` is checked by the app's `authorizationChecker`. */
const GUARD_RULES = { guardCalls: new Set(['UseBefore']), policy: /(?!)/, always: new Set(['Authorized']), skip: METHOD_DECORATORS };

/** A `routePrefix` the code does not spell out: the expression and where it is given. */
export interface RuntimePrefix {
  readonly expression: string;
  readonly at: Citation;
}

export interface RoutingControllersRoute {
  readonly method: string;
  readonly path: string;
  readonly resolved: boolean;
  readonly handler: string;
  readonly handlerAt: Citation;
  readonly middleware: readonly MiddlewareUse[];
  readonly runtimePrefix?: RuntimePrefix;
  readonly file: string;
  readonly line: number;
}

interface Prefix {
  readonly text: string;
  readonly runtime?: RuntimePrefix;
  /** Where the server is set up. */
  readonly at: Citation;
}

export function routingControllersRoutes(index: RepoIndex, files: readonly string[]): RoutingControllersRoute[] {
  // Only files that name the package are parsed.
  const parsed = files.flatMap((file) => {
    const text = index.read(file);
    if (!text?.includes(MODULE)) return [];
    const sf = index.parse(file);
    return sf ? [{ file, sf, text }] : [];
  });
  // The prefix is per package: the server set up in a package serves the controllers of that package.
  const prefixes = new Map<string, Prefix[]>();
  for (const { file, sf, text } of parsed) {
    if (!/\b(create|use)(Express|Koa)Server\s*\(/.test(text)) continue;
    const key = index.packageOf(file)?.dir ?? '';
    const list = prefixes.get(key) ?? [];
    list.push(...serverPrefixes(file, sf));
    prefixes.set(key, list);
  }
  const out: RoutingControllersRoute[] = [];
  for (const { file, sf } of parsed) {
    const imports = importsOf(sf);
    const fromPackage = (name: string) => [...imports.values()].some((b) => b.module === MODULE && b.imported === name);
    if (!CONTROLLERS.some(fromPackage)) continue;
    // Controllers in a package without a server (a monorepo's shared controllers) are served by the others.
    const prefix = prefixOf(prefixes.get(index.packageOf(file)?.dir ?? '') ?? [...prefixes.values()].flat());
    const uses = (node: ts.HasDecorators) =>
      // `@UseBefore` middleware is applied on the route, not a NestJS guard.
      guardDecorators(node, (e, kind) => nestUse(index, file, sf, imports, e, kind === 'guard' ? 'route' : kind), GUARD_RULES);
    for (const cls of sf.statements.filter(ts.isClassDeclaration)) {
      const controller = CONTROLLERS.map((n) => decorator(cls, n)).find((d) => d !== undefined);
      if (!controller || !cls.name) continue;
      const base = pathArg(controller.arguments[0]);
      const classUses = uses(cls);
      for (const { method, local, member, handler, line } of decoratedRoutes(cls, cls.name, sf, METHOD_DECORATORS)) {
        out.push({
          method,
          path: joinPaths(prefix.text, base.text, local.text),
          resolved: base.resolved && local.resolved,
          handler,
          handlerAt: { file, line },
          middleware: [...classUses, ...uses(member)],
          ...(prefix.runtime ? { runtimePrefix: prefix.runtime } : {}),
          file,
          line,
        });
      }
    }
  }
  return out;
}

/** The `routePrefix` of each `createExpressServer(options)` / `useExpressServer(app, options)` call in the file. */
function serverPrefixes(file: string, sf: ts.SourceFile): Prefix[] {
  const out: Prefix[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && SERVER_CALLS.has(lastName(node.expression) ?? '')) {
      const at = { file, line: lineOf(node, sf) };
      const options = node.arguments[lastName(node.expression)?.startsWith('use') ? 1 : 0];
      if (options && !ts.isObjectLiteralExpression(options)) {
        // Options built elsewhere: any prefix is in them.
        out.push({ text: '', at, runtime: { expression: `${options.getText(sf)}.routePrefix`, at: { file, line: lineOf(options, sf) } } });
      } else {
        const value = property(options, 'routePrefix');
        const s = value ? staticString(value) : { text: '', resolved: true };
        if (s?.resolved) out.push({ text: s.text, at });
        else if (value) out.push({ text: '', at, runtime: { expression: value.getText(sf), at: { file, line: lineOf(value, sf) } } });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** One literal prefix everywhere is the prefix; otherwise the first one set at run time is named (never guessed). */
function prefixOf(list: readonly Prefix[]): Omit<Prefix, 'at'> {
  const runtime = list.find((p) => p.runtime);
  if (runtime) return runtime;
  const texts = new Set(list.map((p) => p.text));
  if (texts.size <= 1) return { text: list[0]?.text ?? '' };
  // Servers with different prefixes: which serves a controller depends on its `controllers` option; not guessed.
  return { text: '', runtime: { expression: 'routePrefix (differs between servers)', at: list[0].at } };
}

/** One route method of a decorated controller class: `@Get('/:id') find()`. */
export interface DecoratedRoute {
  readonly method: string;
  /** The method's own path, below the class's. */
  readonly local: { text: string; resolved: boolean };
  readonly member: ts.MethodDeclaration;
  /** `Class.method`. */
  readonly handler: string;
  readonly line: number;
}

/**
 * The methods of a controller class that carry a route decorator named in `names` (`@Get('/x')`, `@Post()`), one
 * route per decorator; `accept` can refuse a decorator by where it comes from (another library's `Get`).
 */
export function decoratedRoutes(
  cls: ts.ClassDeclaration,
  className: ts.Identifier,
  sf: ts.SourceFile,
  names: ReadonlySet<string>,
  accept: (decorator: ts.CallExpression) => boolean = () => true,
): DecoratedRoute[] {
  const out: DecoratedRoute[] = [];
  for (const member of cls.members) {
    if (!ts.isMethodDeclaration(member)) continue;
    for (const d of ts.getDecorators(member) ?? []) {
      if (!ts.isCallExpression(d.expression)) continue;
      const name = lastName(d.expression.expression);
      if (!name || !names.has(name) || !accept(d.expression)) continue;
      out.push({
        method: normaliseMethod(name),
        local: pathArg(d.expression.arguments[0]),
        member,
        handler: `${className.text}.${member.name.getText(sf)}`,
        line: lineOf(member, sf),
      });
    }
  }
  return out;
}

/** `'/pets'` or nothing (the root); a computed path is left as `${expr}`. */
export function pathArg(arg: ts.Expression | undefined): { text: string; resolved: boolean } {
  if (!arg) return { text: '', resolved: true };
  const s = staticString(arg);
  return s?.resolved ? s : { text: `\${${arg.getText()}}`, resolved: false };
}
