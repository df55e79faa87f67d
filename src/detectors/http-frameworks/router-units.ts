/**
 * Finds the router units of a file: apps and routers created in variables, class fields, `this.x = …` and default
 * exports (`express()`, `Router()`, `new Hono().basePath('/api')`, `Fastify()`, `new Router({ prefix })`), and
 * functions that receive one (typed `FastifyInstance` / `Router` / `Express` parameters, Fastify plugins).
 */
import { ts, lineOf, walk } from '../../scan/ts.js';
import { dottedName, lastName, property, staticString, type ImportBinding } from '../shared/ast.js';
import { joinPaths } from './paths.js';
import { ALIAS_METHODS, elysiaChainRoot, routerCreation, type Created } from './router-creation.js';
import type { HttpFramework } from './types.js';
import type { MountTarget, Unit } from './router-types.js';
import type { CrossFileLinks } from './router-links.js';
import { isWrappedByFastifyPlugin } from './router-autoload.js';
import { chainRoot, chainedRouterName, declaredTypeOf, enclosingFunctionOf, frameworkOfModule, frameworkOfType, functionUnitName, isRegisteredOrWrapped } from './router-syntax.js';

const PARAM_TYPE = /\b(FastifyInstance|Express|Application|Router|Hono|OpenAPIHono|KoaRouter|Elysia)\b/;
const PLUGIN_PARAM = /^(fastify|app|server|instance|router|api)$/;

export interface DiscoveredUnits {
  readonly units: Map<string, Unit>;
  /** Scope (function node or the file) → variable name → unit name; nested variables get `name@line` unit names. */
  readonly scopes: Map<ts.Node, Map<string, string>>;
  /** Function node → unit name, for units that are a function's router parameter. */
  readonly paramUnits: Map<ts.Node, { unit: string; param: string }>;
  /** Creation expressions (`express.Router()`) → the unit they make, for chains called on them directly. */
  readonly creations: Map<ts.Node, string>;
  readonly functionNames: Set<string>;
  /** `const api = app.basePath('/api')`: unit name → the unit it shares a router with, and the `basePath` call. */
  readonly basePaths: Map<string, { readonly parent: string; readonly call: ts.CallExpression }>;
}

export function discoverUnits(
  sf: ts.SourceFile,
  imports: ReadonlyMap<string, ImportBinding>,
  constants: ReadonlyMap<string, ts.Expression>,
  links?: CrossFileLinks,
): DiscoveredUnits {
  const units = new Map<string, Unit>();
  /** Function node → unit name, for units that are a function's router parameter. */
  const paramUnits = new Map<ts.Node, { unit: string; param: string }>();
  const fileFrameworks = new Set([...imports.values()].map((b) => frameworkOfModule(b.module)).filter((f): f is HttpFramework => !!f));
  const functionNames = new Set<string>();
  walk(sf, (n) => {
    if (ts.isFunctionLike(n)) {
      const name = functionUnitName(n, sf);
      if (name) functionNames.add(name);
    }
  });
  // A file that imports no framework (a route registrar handed the app in a context object) takes its package's one.
  const soleFramework = fileFrameworks.size === 1 ? [...fileFrameworks][0] : fileFrameworks.size === 0 ? links?.packageFramework(sf.fileName) : undefined;

  /** Scope (function node or the file) → variable name → unit name; nested variables get `name@line` unit names. */
  const scopes = new Map<ts.Node, Map<string, string>>();
  const declare = (decl: ts.Node, name: string): string => {
    let scope: ts.Node = sf;
    for (let n = decl.parent; n && n !== sf; n = n.parent) {
      if (ts.isFunctionLike(n)) {
        scope = n;
        break;
      }
    }
    // `this.#fastify = Fastify()` in the constructor is the same app in every method of the class.
    const cls = name.startsWith('this.') && scope !== sf ? enclosingClass(scope) : undefined;
    if (cls) scope = cls;
    const unitName = scope === sf || name.startsWith('this.') ? name : `${name}@${lineOf(decl, sf)}`;
    let names = scopes.get(scope);
    if (!names) scopes.set(scope, (names = new Map()));
    names.set(name, unitName);
    return unitName;
  };
  const unit = (name: string, framework?: HttpFramework, prefix = ''): Unit => {
    let u = units.get(name);
    if (!u) {
      u = { name, framework, prefix, routes: [], mounts: [], hooks: [] };
      units.set(name, u);
    }
    return u;
  };
  /** `express()`, `new Hono()`, …, or a call to a function that returns a new router (`createRouter()`). */
  const creation = (expr: ts.Expression): Created | undefined => {
    const direct = routerCreation(expr, imports, constants);
    if (direct) return direct;
    // `honoFactory.createApp()`, the factory object imported from the project's own module.
    const onImported = ts.isCallExpression(expr) && ts.isPropertyAccessExpression(expr.expression) && expr.expression.name.text === 'createApp' && ts.isIdentifier(expr.expression.expression)
      ? imports.get(expr.expression.expression.text)
      : undefined;
    if (onImported && links?.honoFactory(sf.fileName, onImported.module, onImported.imported)) return { framework: 'hono', prefix: '' };
    const root = ts.isCallExpression(expr) && ts.isIdentifier(expr.expression) ? expr.expression.text : undefined;
    if (!root || !links) return undefined;
    const binding = imports.get(root);
    const made = binding ? links.routerFactory(sf.fileName, binding.module, binding.imported) : links.localFactory(sf, root);
    const options = binding && ts.isCallExpression(expr) ? booleanOptions(expr.arguments[0]) : undefined;
    return made && { ...made, ...(binding ? { base: { kind: 'import' as const, module: binding.module, imported: binding.imported }, ...(options ? { baseOptions: options } : {}) } : {}) };
  };

  const creations = new Map<ts.Node, string>();
  // Units held in variables, class properties, `this.x = …` assignments and default exports.
  walk(sf, (node) => {
    let name: string | undefined;
    let init: ts.Expression | undefined;
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name)) [name, init] = [node.name.text, node.initializer];
    else if (ts.isPropertyDeclaration(node) && ts.isIdentifier(node.name)) [name, init] = [`this.${node.name.text}`, node.initializer];
    else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      [name, init] = [dottedName(node.left), node.right];
    }
    if (ts.isExportAssignment(node)) [name, init] = ['default', node.expression];
    // `const createUpload = (cfg) => { return new Hono().post(…) }`: each call makes that router; the function names it.
    const fn = ts.isReturnStatement(node) ? enclosingFunctionOf(node) : ts.isArrowFunction(node) && !ts.isBlock(node.body) ? node : undefined;
    const returned = ts.isReturnStatement(node) ? node.expression : fn && ts.isArrowFunction(fn) && !ts.isBlock(fn.body) ? fn.body : undefined;
    if (fn && returned && !name) {
      const fname = functionUnitName(fn, sf);
      if (fname && !fname.startsWith('inline@') && !units.has(fname)) [name, init] = [fname, returned];
    }
    if (ts.isBinaryExpression(node) && name === 'module.exports') name = 'default';
    // `new Elysia().get(…).listen(3000)` as a statement: the app is never named.
    if (!name && ts.isExpressionStatement(node) && elysiaChainRoot(node.expression, imports)) [name, init] = [`new Elysia@${lineOf(node, sf)}`, node.expression];
    // `Router().use(a).use(b)`: the unit is created at the root of a chain whose calls are read below.
    const root = init && (elysiaChainRoot(init, imports) ?? chainRoot(init));
    const created = root && creation(root);
    if (name && root && created) {
      const unitName = name === 'default' ? 'default' : fn && returned ? name : declare(node, name);
      const u = unit(unitName, created.framework, created.prefix);
      if (created.base) u.base = created.base;
      if (created.baseOptions) u.baseOptions = created.baseOptions;
      if (created.mountable) u.mountable = true;
      creations.set(root, unitName);
    }
    if (ts.isFunctionLike(node) && node.parameters.length > 0 && fileFrameworks.has('elysia') && elysiaScopeCallback(node)) {
      // Elysia `.group('/x', (app) => app.get(…))` / `.guard(hooks, (app) => …)`: the callback's parameter is a unit the
      // group mounts, whatever it is named.
      const param = node.parameters[0].name;
      const fname = functionUnitName(node, sf);
      if (ts.isIdentifier(param) && fname) {
        unit(fname, 'elysia');
        paramUnits.set(node, { unit: fname, param: param.text });
      }
      return;
    }
    if (ts.isFunctionLike(node) && node.parameters.length > 0) {
      // `constructor(opts: AppOptions, public expressApp: Express = express())`: the app is a later parameter, typed
      // or defaulted to a new app (a class that registers its routes on an app it is given, for tests).
      const firstTyped = PARAM_TYPE.test(node.parameters[0].type?.getText(sf) ?? '');
      const later = firstTyped ? undefined : node.parameters.slice(1).find((p) => ts.isIdentifier(p.name) && (PARAM_TYPE.test(p.type?.getText(sf) ?? '') || (p.initializer && creation(p.initializer))));
      const param = later ?? node.parameters[0];
      // `function registerRoute({ app, db }: RouteContext)`: the app may come in a context object.
      const pname = ts.isIdentifier(param.name) ? param.name.text : ts.isObjectBindingPattern(param.name) ? boundApp(param.name) : undefined;
      const fname = functionUnitName(node, sf) ?? (ts.isConstructorDeclaration(node) && node.parent.name ? `new ${node.parent.name.text}` : undefined);
      if (!pname || !fname) return;
      const byDefault = param.initializer && creation(param.initializer);
      if (byDefault && !param.type) {
        unit(fname, byDefault.framework);
        paramUnits.set(node, { unit: fname, param: pname });
        return;
      }
      const typed = PARAM_TYPE.exec(param.type?.getText(sf) ?? '') ?? PARAM_TYPE.exec(declaredTypeOf(node, sf));
      const plugin = PLUGIN_PARAM.test(pname) && (fname === 'default' || fname.startsWith('inline@') || isRegisteredOrWrapped(node) || routesOn(node, pname));
      if (typed || plugin) {
        const fw = typed ? frameworkOfType(typed[1], soleFramework) : soleFramework;
        const u = unit(fname, fw);
        if (isWrappedByFastifyPlugin(node, imports)) u.skipOverride = true;
        // `(app: Application)` in a file that imports no framework: the app it is given decides.
        if (typed && !soleFramework && /^(Application|Router)$/.test(typed[1])) u.guessed = true;
        paramUnits.set(node, { unit: fname, param: pname });
      }
    }
  });

  // `class AuthController extends Controller`, whose base holds `router = Router()`: `this.router` in this class is
  // that router, one per class (scoped to it), under the class's own literal `routerPath` if it has one.
  if (links && sf.text.includes('this.')) {
    walk(sf, (node) => {
      if (!ts.isClassDeclaration(node) || !node.heritageClauses) return;
      const { routers, mountPath } = links.inheritedRouters(sf, node);
      for (const held of routers) {
        const own = node.members.some((m) => ts.isPropertyDeclaration(m) && m.name.getText(sf) === held.property);
        const name = `this.${held.property}`;
        if (own || scopes.get(node)?.has(name)) continue;
        const u = unit(`${name}@${lineOf(node, sf)}`, held.created.framework, joinPaths(mountPath ?? '', held.created.prefix));
        if (held.created.mountable) u.mountable = true;
        let names = scopes.get(node);
        if (!names) scopes.set(node, (names = new Map()));
        names.set(name, u.name);
      }
    });
  }

  // Aliases: `const app = fastify.withTypeProvider<ZodTypeProvider>()` or `const r = router` is the same router.
  // `const api = app.basePath('/api')` is the app's router under a prefix: a unit the app mounts there.
  const basePaths = new Map<string, { parent: string; call: ts.CallExpression }>();
  const unitNamed = (name: string, at: ts.Node): string | undefined => {
    for (let n: ts.Node | undefined = at.parent; n; n = n.parent) {
      const p = paramUnits.get(n);
      if (p && p.param === name) return p.unit;
      const scoped = scopes.get(n)?.get(name);
      if (scoped) return scoped;
    }
    return undefined;
  };
  walk(sf, (node) => {
    if (!ts.isVariableDeclaration(node) || !ts.isIdentifier(node.name) || !node.initializer) return;
    let init: ts.Expression = node.initializer;
    while (ts.isAsExpression(init) || ts.isParenthesizedExpression(init) || ts.isNonNullExpression(init)) init = init.expression;
    if (ts.isCallExpression(init) && ts.isPropertyAccessExpression(init.expression) && ALIAS_METHODS.test(init.expression.name.text)) {
      init = init.expression.expression;
    }
    // `const endpoints = router.get('/', h).post('/', h)`: the chain returns `router` (not through `basePath`).
    const based = chainRoot(init);
    if (ts.isCallExpression(based) && ts.isPropertyAccessExpression(based.expression) && based.expression.name.text === 'basePath' && ts.isIdentifier(based.expression.expression)) {
      const parent = unitNamed(based.expression.expression.text, node);
      if (parent && units.get(parent)?.framework === 'hono' && !unitNamed(node.name.text, node)) {
        const child = declare(node, node.name.text);
        unit(child, 'hono');
        basePaths.set(child, { parent, call: based });
      }
      return;
    }
    const chained = ts.isCallExpression(init) ? chainedRouterName(init) : undefined;
    const root = chained ?? (ts.isIdentifier(init) ? init.text : undefined);
    if (!root) return;
    const target = unitNamed(root, node);
    if (!target) return;
    let scope: ts.Node = sf;
    for (let n: ts.Node | undefined = node.parent; n && n !== sf; n = n.parent) {
      if (ts.isFunctionLike(n)) {
        scope = n;
        break;
      }
    }
    let names = scopes.get(scope);
    if (!names) scopes.set(scope, (names = new Map()));
    if (!names.has(node.name.text)) names.set(node.name.text, target);
  });

  return { units, scopes, paramUnits, creations, functionNames, basePaths };
}

/** The last argument of an Elysia `.group(…)` or `.guard(…)` call. */
export function elysiaScopeCallback(fn: ts.SignatureDeclaration): boolean {
  const p = fn.parent;
  if (!p || !ts.isCallExpression(p) || !ts.isPropertyAccessExpression(p.expression) || !/^(group|guard)$/.test(p.expression.name.text)) return false;
  return p.arguments[p.arguments.length - 1] === fn && p.arguments.length >= 2;
}

function enclosingClass(fn: ts.Node): ts.ClassLikeDeclaration | undefined {
  const p = fn.parent;
  return (ts.isConstructorDeclaration(fn) || ts.isMethodDeclaration(fn)) && p && ts.isClassLike(p) ? p : undefined;
}

/** `{ isProtected: false, name: 'x' }` → `{ isProtected: false }`: the literal booleans of an options argument. */
function booleanOptions(arg: ts.Expression | undefined): Record<string, boolean> | undefined {
  if (!arg || !ts.isObjectLiteralExpression(arg)) return undefined;
  const out: Record<string, boolean> = {};
  for (const p of arg.properties) {
    if (!ts.isPropertyAssignment(p) || !ts.isIdentifier(p.name)) continue;
    if (p.initializer.kind === ts.SyntaxKind.TrueKeyword) out[p.name.text] = true;
    if (p.initializer.kind === ts.SyntaxKind.FalseKeyword) out[p.name.text] = false;
  }
  return out;
}

const ROUTING_CALLS = /^(use|route|register|openapi|get|post|put|patch|delete|all|options|head|on)$/;

/** `function getRoutes(app) { app.use('/v1', router) }`: the parameter is used as a router inside the function. */
function routesOn(fn: ts.SignatureDeclaration, param: string): boolean {
  const body = 'body' in fn ? (fn as { body?: ts.Node }).body : undefined;
  if (!body) return false;
  let found = false;
  walk(body, (n) => {
    if (found) return false;
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && ts.isIdentifier(n.expression.expression)) {
      const first = n.arguments[0];
      const method = n.expression.name.text;
      const pathFirst = first && (ts.isStringLiteralLike(first) || method === 'use' || method === 'register' || method === 'openapi');
      const pathSecond = method === 'on' && n.arguments[1] && ts.isStringLiteralLike(n.arguments[1]);
      if (n.expression.expression.text === param && ROUTING_CALLS.test(method) && (pathFirst || pathSecond)) found = true;
    }
    return undefined;
  });
  return found;
}

/** The local name of an `app` / `router` / `server` / `fastify` taken out of a context parameter by destructuring. */
function boundApp(pattern: ts.ObjectBindingPattern): string | undefined {
  for (const el of pattern.elements) {
    const key = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : ts.isIdentifier(el.name) ? el.name.text : undefined;
    if (key && PLUGIN_PARAM.test(key) && ts.isIdentifier(el.name)) return el.name.text;
  }
  return undefined;
}
