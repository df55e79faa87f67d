/**
 * Ts.ED controllers: `@Controller('/users')` classes (from `@tsed/di` or `@tsed/common`), or a project decorator whose
 * body applies `Controller(…)` (`const RestController = (o) => useDecorators(Controller(o), …)`), with `@Get('/:id')`
 * style methods from `@tsed/schema` / `@tsed/common`, served under the key of the server's `mount: { '/api': [...] }`
 * setting. Reuses the NestJS decorator readers: the shapes are the same.
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import { ts, lineOf } from '../../scan/ts.js';
import { importsOf, property, propertyNameText, staticString, type ImportBinding } from '../shared/ast.js';
import { localDeclaration } from '../shared/component-ref.js';
import { declarationOf, exportTarget } from '../shared/exported-const.js';
import { nestUse } from './nest-app.js';
import { guardDecorators } from './nest-decorators.js';
import { joinPaths } from './paths.js';
import { decoratedRoutes, pathArg, type RoutingControllersRoute, type RuntimePrefix } from './routing-controllers.js';

const TSED = /^@tsed\//;
const METHOD_DECORATORS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete', 'Head', 'Options', 'All']);
/** `@UseAuth(Middleware)` / `@UseBefore(m)` name middleware; `@Authorize()` and project `@WithAuth()` set what it checks. */
const GUARD_RULES = {
  guardCalls: new Set(['UseAuth', 'UseBefore', 'UseBeforeEach', 'Use']),
  policy: /Public|Auth|Role|Permission|Polic|Scope|Abilit|Anonymous|Access|Claim|Protected|Guard/,
  skip: new Set([...METHOD_DECORATORS, 'UseAuth', 'UseBefore', 'UseBeforeEach', 'Use']),
};

export type TsedRoute = RoutingControllersRoute;

/** Where a controller decorator takes its path from: its own first argument, or a fixed one (`Controller('/x')` inside). */
type PathSource = { readonly kind: 'argument' } | { readonly kind: 'fixed'; readonly text: string; readonly resolved: boolean };

interface Mount {
  readonly text: string;
  readonly runtime?: RuntimePrefix;
}

export function tsedRoutes(index: RepoIndex, files: readonly string[]): TsedRoute[] {
  const parsed = files.flatMap((file) => {
    const text = index.read(file);
    if (!text?.includes('@tsed/')) return [];
    const sf = index.parse(file);
    return sf ? [{ file, sf, text }] : [];
  });
  if (parsed.length === 0) return [];
  // `mount: { '/api': [...] }` keys, per package: the controllers of a package are served under its server's keys.
  const mounts = new Map<string, Mount[]>();
  for (const { file, sf, text } of parsed) {
    if (!/\bmount\s*:/.test(text)) continue;
    const key = index.packageOf(file)?.dir ?? '';
    mounts.set(key, [...(mounts.get(key) ?? []), ...mountKeys(file, sf)]);
  }
  const children = new Set(parsed.flatMap(({ sf }) => childControllers(sf)));
  const wrappers = new Map<string, PathSource | undefined>();
  const out: TsedRoute[] = [];
  for (const { file, sf } of parsed) {
    const imports = importsOf(sf);
    const prefix = mountOf(mounts.get(index.packageOf(file)?.dir ?? '') ?? [...mounts.values()].flat());
    const uses = (node: ts.HasDecorators) => guardDecorators(node, (e, kind) => nestUse(index, file, sf, imports, e, kind === 'guard' ? 'route' : kind), GUARD_RULES);
    for (const cls of sf.statements.filter(ts.isClassDeclaration)) {
      if (!cls.name) continue;
      const base = controllerPath(index, file, imports, cls, wrappers);
      if (!base) continue;
      const classUses = uses(cls);
      // Another library's `Get` on a method is not a Ts.ED route; a project's own re-export of it still is.
      const fromTsed = (d: ts.CallExpression) => {
        const binding = ts.isIdentifier(d.expression) ? imports.get(d.expression.text) : undefined;
        return !binding || TSED.test(binding.module);
      };
      for (const { method, local, member, handler, line } of decoratedRoutes(cls, cls.name, sf, METHOD_DECORATORS, fromTsed)) {
        // A child controller (`children: [X]` of another) is served under its parent's path, not read here.
        const known = base.resolved && local.resolved && prefix !== undefined && !children.has(cls.name.text);
        out.push({
          method,
          path: joinPaths(prefix?.text ?? '', base.text, local.text),
          resolved: known,
          handler,
          handlerAt: { file, line },
          middleware: [...classUses, ...uses(member)],
          ...(prefix?.runtime ? { runtimePrefix: prefix.runtime } : {}),
          file,
          line,
        });
      }
    }
  }
  return out;
}

/** The class's controller path: `@Controller('/x')` from Ts.ED, or a project decorator that applies it. */
function controllerPath(
  index: RepoIndex,
  file: string,
  imports: ReadonlyMap<string, ImportBinding>,
  cls: ts.ClassDeclaration,
  wrappers: Map<string, PathSource | undefined>,
): { text: string; resolved: boolean } | undefined {
  for (const d of ts.getDecorators(cls) ?? []) {
    if (!ts.isCallExpression(d.expression) || !ts.isIdentifier(d.expression.expression)) continue;
    const binding = imports.get(d.expression.expression.text);
    if (!binding) continue;
    const arg = controllerArg(d.expression.arguments[0]);
    if (TSED.test(binding.module) && binding.imported === 'Controller') return pathArg(arg);
    if (TSED.test(binding.module)) continue;
    const k = `${file}\u0000${binding.module}\u0000${binding.imported}`;
    if (!wrappers.has(k)) wrappers.set(k, wrapperSource(index, file, binding));
    const source = wrappers.get(k);
    if (source) return source.kind === 'argument' ? pathArg(arg) : source;
  }
  return undefined;
}

/** `Controller('/x')` or `Controller({ path: '/x', children: [...] })`: the path expression. */
function controllerArg(arg: ts.Expression | undefined): ts.Expression | undefined {
  return arg && ts.isObjectLiteralExpression(arg) ? property(arg, 'path') : arg;
}

/** A decorator defined in the repository whose body calls Ts.ED's `Controller(…)`: where that call's path comes from. */
function wrapperSource(index: RepoIndex, file: string, binding: ImportBinding): PathSource | undefined {
  const first = exportTarget(index, file, binding.module, binding.imported);
  const target = first && declarationOf(index, first.sf, first.name);
  const decl = target && localDeclaration(target.sf, target.name);
  const fn = decl && ts.isVariableDeclaration(decl) ? decl.initializer : decl;
  if (!target || !fn || !(ts.isFunctionDeclaration(fn) || ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) return undefined;
  const controller = [...importsOf(target.sf).entries()].find(([, b]) => TSED.test(b.module) && b.imported === 'Controller')?.[0];
  if (!controller) return undefined;
  const param = fn.parameters[0] && ts.isIdentifier(fn.parameters[0].name) ? fn.parameters[0].name.text : undefined;
  let found: PathSource | undefined;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === controller) {
      // `Controller(options)` passes the wrapper's own argument on; anything else is the wrapper's fixed path.
      const arg = n.arguments[0];
      found = arg && ts.isIdentifier(arg) && arg.text === param ? { kind: 'argument' } : { kind: 'fixed', ...pathArg(controllerArg(arg)) };
      return;
    }
    ts.forEachChild(n, visit);
  };
  visit(fn);
  return found;
}

/** The keys of each `mount: { '/api': [...] }` object in the file; a computed key is named with where it is set. */
function mountKeys(file: string, sf: ts.SourceFile): Mount[] {
  const out: Mount[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAssignment(node) && propertyNameText(node.name) === 'mount' && ts.isObjectLiteralExpression(node.initializer)) {
      for (const p of node.initializer.properties) {
        if (!ts.isPropertyAssignment(p)) continue;
        const at = { file, line: lineOf(p, sf) };
        const key = ts.isComputedPropertyName(p.name) ? staticString(p.name.expression) : { text: propertyNameText(p.name) ?? '', resolved: true };
        if (key?.resolved) out.push({ text: key.text });
        else if (ts.isComputedPropertyName(p.name)) out.push({ text: '', runtime: { expression: p.name.expression.getText(sf), at } });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** One literal key everywhere is the prefix; a key set at run time is named, never guessed; none found: unknown. */
function mountOf(list: readonly Mount[]): Mount | undefined {
  const runtime = list.find((m) => m.runtime);
  if (runtime) return runtime;
  const texts = new Set(list.map((m) => m.text));
  return texts.size === 1 ? list[0] : undefined;
}

/** Classes named in a `children: [A, B]` of a controller: served under that controller's path. */
function childControllers(sf: ts.SourceFile): string[] {
  const out: string[] = [];
  if (!sf.text.includes('children')) return out;
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAssignment(node) && propertyNameText(node.name) === 'children' && ts.isArrayLiteralExpression(node.initializer)) {
      for (const e of node.initializer.elements) if (ts.isIdentifier(e)) out.push(e.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}
