import { frameworkOfModule } from './router-syntax.js';
import { allDependencies } from '../../scan/package-json.js';
/**
 * What one file's routing needs from other files: whether a function makes a new router (`createRouter()` returning
 * `new OpenAPIHono()`, `createApp()` returning one of those with middleware added), and the `createRoute({...})`
 * definition that `app.openapi(routes.getUser, handler)` names.
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import { ts, walk } from '../../scan/ts.js';
import { constantsOf, importsOf, type ImportBinding } from '../shared/ast.js';
import { localDeclaration } from '../shared/component-ref.js';
import { declarationOf, exportedConst, exportedValue, exportTarget } from '../shared/exported-const.js';
import { assignedRouter, chainRoot } from './router-syntax.js';
import { elysiaChainRoot, isHonoFactory, routerCreation } from './router-creation.js';
import { inheritedRouters, ownMountPath, type HeldRouter } from './router-classes.js';
import type { HttpFramework } from './types.js';

export interface CrossFileLinks {
  /** The framework of the router an imported function returns, when it returns a new one. */
  routerFactory(fromFile: string, module: string, imported: string): { framework: HttpFramework; prefix: string } | undefined;
  /** `honoFactory.createApp()` with `honoFactory` imported: whether that export is a `createFactory(…)` of hono/factory. */
  honoFactory(fromFile: string, module: string, imported: string): boolean;
  /** The same for a function of the file itself. */
  localFactory(sf: ts.SourceFile, name: string): { framework: HttpFramework; prefix: string } | undefined;
  /** The initializer of an exported `const` of another module (through barrels), and its file (shared/exported-const.ts). */
  exportedConst(fromFile: string, module: string, imported: string): { value: ts.Expression; sf: ts.SourceFile } | undefined;
  /** An exported `const x = createRoute({...})` (or a plain object) of another module: the object and its file. */
  routeDefinition(fromFile: string, module: string, imported: string): { def: ts.ObjectLiteralExpression; sf: ts.SourceFile } | undefined;
  /** The one server framework the file's package depends on, for a file that routes on an app it is handed. */
  packageFramework(file: string): HttpFramework | undefined;
  /** Routers `cls` inherits from its base classes (`this.router` of an abstract `Controller`), and its own mount path. */
  inheritedRouters(sf: ts.SourceFile, cls: ts.ClassLikeDeclaration): { readonly routers: readonly HeldRouter[]; readonly mountPath?: string };
  /** The class an imported name stands for (through barrels): `container.get(AuthController)` in a list of routers. */
  classDeclaration(fromFile: string, module: string, imported: string): ts.ClassDeclaration | undefined;
}

const factsCache = new WeakMap<ts.SourceFile, { imports: ReturnType<typeof importsOf>; constants: ReturnType<typeof constantsOf> }>();
/** Imports and constants of a file, read once per parse. */
function fileFacts(sf: ts.SourceFile): { imports: ReturnType<typeof importsOf>; constants: ReturnType<typeof constantsOf> } {
  let f = factsCache.get(sf);
  if (!f) factsCache.set(sf, (f = { imports: importsOf(sf), constants: constantsOf(sf) }));
  return f;
}

export function crossFileLinks(index: RepoIndex): CrossFileLinks {
  const cache = new Map<string, { framework: HttpFramework; prefix: string } | undefined>();
  const factories = new Map<string, boolean>();
  const honoFactory = (fromFile: string, module: string, imported: string): boolean => {
    const k = `${fromFile}\0${module}\0${imported}`;
    let known = factories.get(k);
    if (known === undefined) {
      const found = exportedValue(index, fromFile, module, imported);
      const facts = found && fileFacts(found.sf);
      factories.set(k, (known = !!found && !!facts && isHonoFactory(found.value, facts.imports, facts.constants)));
    }
    return known;
  };
  /** `factory.createApp()` on a factory object another module exports. */
  const importedFactoryApp = (expr: ts.Expression, sf: ts.SourceFile, imports: ReadonlyMap<string, ImportBinding>): boolean => {
    if (!ts.isCallExpression(expr) || !ts.isPropertyAccessExpression(expr.expression) || expr.expression.name.text !== 'createApp') return false;
    const on = expr.expression.expression;
    const binding = ts.isIdentifier(on) ? imports.get(on.text) : undefined;
    return !!binding && honoFactory(sf.fileName, binding.module, binding.imported);
  };

  const factory = (start: ts.SourceFile, exported: string, depth: number): { framework: HttpFramework; prefix: string } | undefined => {
    const { sf, name } = declarationOf(index, start, exported);
    const k = `${sf.fileName}#${name}`;
    if (cache.has(k) || depth > 3) return cache.get(k);
    cache.set(k, undefined);
    const decl = localDeclaration(sf, name);
    const fn = decl && ts.isFunctionDeclaration(decl) ? decl : decl && ts.isVariableDeclaration(decl) ? decl.initializer : undefined;
    if (!fn || !(ts.isFunctionDeclaration(fn) || ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) || !fn.body) return undefined;
    const { imports, constants } = fileFacts(sf);
    const made = (expr: ts.Expression): { framework: HttpFramework; prefix: string } | undefined => {
      const root = elysiaChainRoot(expr, imports) ?? chainRoot(expr);
      const direct = routerCreation(root, imports, constants);
      if (direct) return { framework: direct.framework, prefix: direct.prefix };
      if (importedFactoryApp(root, sf, imports)) return { framework: 'hono', prefix: '' };
      if (ts.isCallExpression(root) && ts.isIdentifier(root.expression)) {
        const callee = root.expression.text;
        const binding = imports.get(callee);
        if (binding) {
          const t = exportTarget(index, sf.fileName, binding.module, binding.imported);
          return t ? factory(t.sf, t.name, depth + 1) : undefined;
        }
        return callee !== name ? factory(sf, callee, depth + 1) : undefined;
      }
      return undefined;
    };
    const returned = returnsOf(fn);
    let result: { framework: HttpFramework; prefix: string } | undefined;
    for (const each of returned) {
      // `const app = createRouter(); app.use(…); return app;`, or `return Object.assign(app, { helpers })`.
      const r = assignedRouter(each);
      const value = ts.isIdentifier(r) ? variableIn(fn.body, r.text) : r;
      result = value ? made(value) : undefined;
      if (result) break;
    }
    cache.set(k, result);
    return result;
  };

  return {
    routerFactory(fromFile, module, imported) {
      const t = exportTarget(index, fromFile, module, imported);
      return t ? factory(t.sf, t.name, 0) : undefined;
    },
    localFactory: (sf, name) => factory(sf, name, 0),
    honoFactory,
    exportedConst: (fromFile, module, imported) => exportedConst(index, fromFile, module, imported),
    routeDefinition(fromFile, module, imported) {
      const first = exportTarget(index, fromFile, module, imported);
      const t = first && declarationOf(index, first.sf, first.name);
      const decl = t && localDeclaration(t.sf, t.name);
      const init = decl && ts.isVariableDeclaration(decl) ? decl.initializer : undefined;
      const def = init && ts.isCallExpression(init) ? init.arguments[0] : init;
      return t && def && ts.isObjectLiteralExpression(def) ? { def, sf: t.sf } : undefined;
    },
    packageFramework(file) {
      const pkg = index.packageOf(file);
      if (!pkg) return undefined;
      const deps = Object.keys(allDependencies(pkg.manifest));
      const frameworks = [...new Set(deps.map((d) => frameworkOfModule(d)).filter((f): f is HttpFramework => !!f))];
      return frameworks.length === 1 ? frameworks[0] : undefined;
    },
    classDeclaration(fromFile, module, imported) {
      const first = exportTarget(index, fromFile, module, imported);
      const t = first && declarationOf(index, first.sf, first.name);
      const decl = t && localDeclaration(t.sf, t.name);
      return decl && ts.isClassDeclaration(decl) ? decl : undefined;
    },
    inheritedRouters(sf, cls) {
      const routers = inheritedRouters(index, sf, cls);
      const mountPath = routers.length > 0 ? ownMountPath(cls) : undefined;
      return { routers, ...(mountPath ? { mountPath } : {}) };
    },
  };
}

/** The expressions a function returns (not those of functions nested in it). */
function returnsOf(fn: ts.FunctionDeclaration | ts.ArrowFunction | ts.FunctionExpression): ts.Expression[] {
  if (!fn.body) return [];
  if (!ts.isBlock(fn.body)) return [fn.body];
  const out: ts.Expression[] = [];
  walk(fn.body, (n) => {
    if (ts.isFunctionLike(n)) return false;
    if (ts.isReturnStatement(n) && n.expression) out.push(n.expression);
    return undefined;
  });
  return out;
}

function variableIn(body: ts.Node, name: string): ts.Expression | undefined {
  let found: ts.Expression | undefined;
  walk(body, (n) => {
    if (found) return false;
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === name && n.initializer) found = n.initializer;
    return undefined;
  });
  return found;
}

/**
 * Files that make routers only through a project factory (`const router = createRouter()` with `createRouter` in
 * another file): they import no framework, so they are found by the factories' names, then confirmed by the import.
 */
export function factoryUsers(index: RepoIndex, sources: readonly string[], candidates: readonly string[], links: CrossFileLinks): string[] {
  const found = new Set(candidates);
  let frontier = [...candidates];
  for (let round = 0; round < 4 && frontier.length > 0; round++) {
    const names = new Set<string>();
    for (const file of frontier) {
      const sf = index.parse(file);
      if (!sf) continue;
      for (const st of sf.statements) {
        const exported = (ts.canHaveModifiers(st) ? ts.getModifiers(st) ?? [] : []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
        if (!exported) continue;
        const fnNames = ts.isFunctionDeclaration(st) && st.name ? [st.name.text] : ts.isVariableStatement(st) ? st.declarationList.declarations.flatMap((d) => (ts.isIdentifier(d.name) ? [d.name.text] : [])) : [];
        for (const name of fnNames) if (links.localFactory(sf, name)) names.add(name);
      }
    }
    if (names.size === 0) break;
    // `createRouter(`, or `createRouter<{ Variables: V }>(` with a type argument (written over several lines too).
    const needles = [...names].map((n) => `${n}(`).concat([...names].map((n) => `${n}<`));
    frontier = sources.filter((f) => {
      if (found.has(f)) return false;
      const text = index.read(f);
      if (!text || !needles.some((n) => text.includes(n))) return false;
      const sf = index.parse(f);
      const imports = sf ? fileFacts(sf).imports : undefined;
      const called = (local: string) => text.includes(`${local}(`) || text.includes(`${local}<`);
      return !!imports && [...imports.entries()].some(([local, b]) => names.has(b.imported) && called(local) && !!links.routerFactory(f, b.module, b.imported));
    });
    for (const f of frontier) found.add(f);
  }
  return [...found];
}
