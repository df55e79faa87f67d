/**
 * Controllers of a decorator framework the map does not know by name (a company's own framework over Koa or
 * Express, inversify-express-utils): a class decorator that carries a path — `@Controller('/x')`,
 * `@Controller(Sym, { basePath: '/api/x' })` — and methods with HTTP-verb decorators imported from a package
 * (`@Get('/:id')`, `@httpPost('/')`). NestJS, routing-controllers and Ts.ED files are left to their own readers.
 * Without this, a Koa API built on such a framework was reported as having no backend API at all.
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import { lineOf, ts } from '../../scan/ts.js';
import { importsOf, property } from '../shared/ast.js';
import { joinPaths } from './paths.js';
import { decoratedRoutes, pathArg, type RoutingControllersRoute } from './routing-controllers.js';

/** The verb decorators: `Get` … and inversify-express-utils' `httpGet` …; `All`/`httpAll` are catch-alls. */
const VERBS = ['Get', 'Post', 'Put', 'Patch', 'Delete', 'Head', 'Options', 'All'];
const METHOD_DECORATORS = new Set([...VERBS, ...VERBS.map((v) => `http${v}`)]);
/** Files of the frameworks read elsewhere (nest.ts, routing-controllers.ts, tsed.ts): never read twice. */
const KNOWN = /@nestjs\/|['"]routing-controllers['"]|@tsed\//;
const VERB_TEXT = /@(http)?(Get|Post|Put|Patch|Delete|Head|Options|All)\s*\(/;
/** Option names a framework gives the class's base path. */
const PATH_OPTIONS = ['basePath', 'path', 'prefix', 'route', 'routePrefix'];

export interface DecoratorRoute extends RoutingControllersRoute {
  /** The packages the verb decorators are imported from. */
  readonly decoratorsFrom: readonly string[];
}

export function decoratorRoutes(index: RepoIndex, files: readonly string[]): DecoratorRoute[] {
  const out: DecoratorRoute[] = [];
  for (const file of files) {
    const text = index.read(file);
    // Text first: a verb decorator and an import, and not a file another reader owns.
    if (!text || !VERB_TEXT.test(text) || KNOWN.test(text) || !/\bimport\b/.test(text)) continue;
    const sf = index.parse(file);
    if (!sf) continue;
    const imports = importsOf(sf);
    // Only decorators imported from a package: a local `Get` helper is not evidence of routing.
    const moduleOf = (d: ts.CallExpression) => (ts.isIdentifier(d.expression) ? imports.get(d.expression.text)?.module : undefined);
    const fromPackage = (d: ts.CallExpression) => {
      const m = moduleOf(d);
      return m !== undefined && !m.startsWith('.');
    };
    for (const cls of sf.statements.filter(ts.isClassDeclaration)) {
      if (!cls.name) continue;
      const base = classPath(cls);
      if (!base) continue;
      // The route is declared at its verb decorator, not where the method's first decorator (`@SwaggerDoc({…})`) starts:
      // each accepted decorator, in the order the routes come.
      const lines: number[] = [];
      const from = new Set<string>();
      const accept = (d: ts.CallExpression) => {
        if (!fromPackage(d)) return false;
        lines.push(lineOf(d, sf));
        from.add(moduleOf(d)!);
        return true;
      };
      const routes = decoratedRoutes(cls, cls.name, sf, METHOD_DECORATORS, accept);
      routes.forEach(({ method, local, handler }, i) => {
        const line = lines[i];
        out.push({
          method: method.replace(/^HTTP/, ''),
          path: joinPaths(base.text, local.text),
          resolved: base.resolved && local.resolved,
          handler,
          handlerAt: { file, line },
          middleware: [],
          decoratorsFrom: [...from].sort(),
          file,
          line,
        });
      });
    }
  }
  return out;
}

/**
 * The base path a class decorator gives: a string argument (`@Controller('/x')`, `@controller('/x')`) or a path
 * option (`{ basePath: '/x' }`) in any argument; a decorator named like a controller with neither is the root.
 * Undefined when no class decorator looks like a controller.
 */
function classPath(cls: ts.ClassDeclaration): { text: string; resolved: boolean } | undefined {
  let root = false;
  for (const d of ts.getDecorators(cls) ?? []) {
    if (!ts.isCallExpression(d.expression)) continue;
    for (const arg of d.expression.arguments) {
      if (ts.isStringLiteralLike(arg) && arg.text.startsWith('/')) return pathArg(arg);
      if (ts.isObjectLiteralExpression(arg)) {
        const value = PATH_OPTIONS.map((n) => property(arg, n)).find((v) => v !== undefined);
        if (value) return pathArg(value);
      }
    }
    const name = d.expression.expression.getText();
    if (/Controller$/i.test(name)) {
      const first = d.expression.arguments[0];
      // `@Controller('users')`: a path without its slash; a symbol or a class is the framework's id, not a path.
      if (first && ts.isStringLiteralLike(first)) return pathArg(first);
      root = true;
    }
  }
  return root ? { text: '', resolved: true } : undefined;
}


const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;
const VERB_WITH_PATH = /@(?:http)?(?:Get|Post|Put|Patch|Delete)\s*\(\s*['"`]/;

/**
 * Up to `limit` source lines with an HTTP-verb decorator given a path (`@Get('/:id')`), from text alone: the safety net
 * for the "no backend API" claim when no reader understood the controllers (a decorator from a relative module, a
 * class decorator without a path). Only asked when that claim is about to be printed.
 */
export function verbDecoratorLines(index: RepoIndex, limit = 5): { file: string; line: number }[] {
  const out: { file: string; line: number }[] = [];
  for (const file of index.files) {
    if (!SOURCE.test(file) || /(^|\/)node_modules\//.test(file)) continue;
    const text = index.read(file);
    const m = text ? VERB_WITH_PATH.exec(text) : null;
    if (!m) continue;
    out.push({ file, line: index.lineAt(file, m.index) ?? 1 });
    if (out.length >= limit) break;
  }
  return out;
}
