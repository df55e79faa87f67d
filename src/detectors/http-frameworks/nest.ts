/**
 * NestJS controllers: `@Controller('users')` classes with `@Get(':id')`-style methods, under the app's global prefix
 * and URI version, with what runs before each: `app.use` and `consumer.apply(…).forRoutes(…)` middleware, global
 * guards, `@UseGuards` on the class and the method, and metadata decorators guards read (`@Roles`, `@Public()`).
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import { ts, lineOf } from '../../scan/ts.js';
import { importsOf, lastName, property, staticString } from '../shared/ast.js';
import { staticValue } from '../shared/static-value.js';
import { NEST_APP_TEXT, emptyApp, nestUse, readNestApp, selects, versionsOf, type NestApp } from './nest-app.js';
import { decorator, guardDecorators } from './nest-decorators.js';
import { joinPaths, normaliseMethod } from './paths.js';
import type { MiddlewareUse } from './types.js';

const METHOD_DECORATORS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete', 'Options', 'Head', 'All']);
/** Decorators that set what a guard reads (`@Roles('admin')`, `@Public()`), as opposed to Swagger or parameter ones. */
const GUARD_RULES = {
  guardCalls: new Set(['UseGuards']),
  policy: /Public|Auth|Role|Permission|Polic|Scope|Abilit|Anonymous|Access|Claim|Protected|Guard/,
  skip: METHOD_DECORATORS,
  // @nestjs/throttler's overrides: shown on the route, since they change what the throttler guard does there.
  always: new Set(['Throttle', 'SkipThrottle']),
};
/** @nestjs/throttler's guard, or an app's subclass of it named so (`CustomThrottlerGuard`): it honours `@SkipThrottle()`. */
const THROTTLER_GUARD = /ThrottlerGuard$/;

export interface NestRoute {
  readonly method: string;
  readonly path: string;
  readonly resolved: boolean;
  readonly handler: string;
  readonly handlerAt: { file: string; line: number };
  readonly middleware: readonly MiddlewareUse[];
  readonly version?: string;
  readonly file: string;
  readonly line: number;
}

export function nestRoutes(index: RepoIndex, files: readonly string[]): NestRoute[] {
  const apps = new Map<string, NestApp>();
  const appOf = (file: string) => {
    const key = index.packageOf(file)?.dir ?? '';
    let app = apps.get(key);
    if (!app) apps.set(key, (app = emptyApp()));
    return app;
  };
  const controllers: { file: string; sf: ts.SourceFile }[] = [];
  for (const file of files) {
    const text = index.read(file);
    if (!text?.includes('@nestjs/')) continue;
    const setup = NEST_APP_TEXT.test(text);
    const controller = text.includes('@Controller');
    if (!setup && !controller) continue;
    const sf = index.parse(file);
    if (!sf) continue;
    if (setup) readNestApp(index, file, sf, appOf(file));
    if (controller) controllers.push({ file, sf });
  }
  const out: NestRoute[] = [];
  for (const { file, sf } of controllers) {
    const app = appOf(file);
    const imports = importsOf(sf);
    const uses = (node: ts.HasDecorators) => guardDecorators(node, (e, kind) => nestUse(index, file, sf, imports, e, kind), GUARD_RULES);
    for (const cls of sf.statements.filter(ts.isClassDeclaration)) {
      const controller = decorator(cls, 'Controller');
      if (!controller || !cls.name) continue;
      const options = controller.arguments[0];
      const bases = pathArgs(index, sf, options && ts.isObjectLiteralExpression(options) ? property(options, 'path') : options);
      const classVersion = options && ts.isObjectLiteralExpression(options) && property(options, 'version') ? versionsOf(property(options, 'version')!) : undefined;
      const classUses = uses(cls);
      for (const member of cls.members) {
        if (!ts.isMethodDeclaration(member)) continue;
        const methodVersion = decorator(member, 'Version')?.arguments[0];
        // `@Version` means nothing until the app enables versioning.
        const versions = app.versioning ? ((methodVersion ? versionsOf(methodVersion) : classVersion) ?? app.versioning.defaultVersion ?? [undefined]) : [undefined];
        for (const d of ts.getDecorators(member) ?? []) {
          if (!ts.isCallExpression(d.expression)) continue;
          const name = lastName(d.expression.expression);
          if (!name || !METHOD_DECORATORS.has(name)) continue;
          const method = normaliseMethod(name);
          for (const b of bases) {
            for (const p of pathArgs(index, sf, d.expression.arguments[0])) {
              const local = joinPaths(b.text, p.text);
              const target = { controller: cls.name.text, path: local, method };
              for (const version of versions) {
                const excluded = app.prefixExclude.some((sel) => selects(sel, target));
                const uri = app.versioning?.type === 'uri' && version ? `${app.versioning.prefix}${version}` : '';
                const fullPath = joinPaths(excluded ? '' : app.prefix, uri, local);
                const inFront = [
                  ...app.globalMiddleware.filter((m) => m.mount === undefined || underMount(fullPath, m.mount)).map(({ mount: _mount, ...m }) => m),
                  ...app.consumers.filter((c) => c.forRoutes.some((s) => selects(s, target)) && !c.exclude.some((s) => selects(s, target))).map((c) => c.use),
                  ...app.globalGuards,
                  ...classUses,
                  ...uses(member),
                ].filter((m) => !(skipsThrottle(member, cls) && (m.kind === 'global' || m.kind === 'guard') && THROTTLER_GUARD.test(m.name)));
                out.push({
                  method,
                  path: fullPath,
                  resolved: b.resolved && p.resolved && (excluded || app.prefixResolved),
                  handler: `${cls.name.text}.${member.name.getText(sf)}`,
                  handlerAt: { file, line: lineOf(member, sf) },
                  middleware: inFront,
                  ...(version && app.versioning && app.versioning.type !== 'uri' ? { version } : {}),
                  file,
                  line: lineOf(member, sf),
                });
              }
            }
          }
        }
      }
    }
  }
  return out;
}

/**
 * `@SkipThrottle()` on the method, else on the class (the throttler reads the handler's metadata first): the throttler
 * guard lets the route through. Skipped only when the argument is absent or every throttler it names is `true`;
 * `@SkipThrottle({ default: false })` (a method undoing its class's skip) or an argument not read keeps the guard.
 */
function skipsThrottle(method: ts.MethodDeclaration, cls: ts.ClassDeclaration): boolean {
  const call = decorator(method, 'SkipThrottle') ?? decorator(cls, 'SkipThrottle');
  if (!call) return false;
  const arg = call.arguments[0];
  if (!arg) return true;
  return ts.isObjectLiteralExpression(arg) && arg.properties.length > 0
    && arg.properties.every((p) => ts.isPropertyAssignment(p) && p.initializer.kind === ts.SyntaxKind.TrueKeyword);
}

/**
 * `'users'`, `['a', 'b']`, `{ path: 'users' }` or nothing (the root); a constant, or a property of a constant object
 * (`routesV1.user.root` from a route-constants module), is read where it is defined.
 */
function pathArgs(index: RepoIndex, sf: ts.SourceFile, arg: ts.Expression | undefined): { text: string; resolved: boolean }[] {
  if (!arg) return [{ text: '', resolved: true }];
  if (ts.isObjectLiteralExpression(arg)) return pathArgs(index, sf, property(arg, 'path'));
  if (ts.isArrayLiteralExpression(arg)) return arg.elements.flatMap((e) => pathArgs(index, sf, e));
  const s = staticString(arg) ?? staticValue(index, sf, arg);
  return [s ?? { text: `\${${arg.getText()}}`, resolved: false }];
}

/**
 * Express mounting: `/graphql` covers `/graphql` and `/graphql/…`, not `/graphqlx`. A wildcard tail (`/copilot/{*splat}`,
 * `/x/*`, `/x(.*)`) covers the same routes as its base.
 */
function underMount(path: string, mount: string): boolean {
  const base = mount.replace(/(\/\{\*\w*\}|\/\*\w*|\(\.\*\))$/, '').replace(/\/+$/, '');
  return base === '' || path === base || path.startsWith(`${base}/`);
}
