/**
 * Routers a class inherits: `class AuthController extends Controller` where the base class (here or imported, through
 * barrels) holds `public router: Router = Router()` (or sets `this.router = express.Router()` in its constructor).
 * Routes the subclass adds on `this.router` belong to that router; the subclass's literal `routerPath = '/auth'`
 * (or `super('/auth')`) is the path its router is mounted at by the code that collects the controllers.
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import { ts } from '../../scan/ts.js';
import { constantsOf, importsOf, propertyNameText, staticString } from '../shared/ast.js';
import { localDeclaration } from '../shared/component-ref.js';
import { declarationOf, exportTarget } from '../shared/exported-const.js';
import { routerCreation, type Created } from './router-creation.js';
import type { Unit } from './router-types.js';

/** A property holding a router, and what made it. */
export interface HeldRouter {
  readonly property: string;
  readonly created: Created;
}

/** Names of a controller's own mount path: `basePath`, `routerPath`, `path`, `prefix`, `routePrefix`. */
export const PATH_PROPERTY = /^(base|router|route|mount)?(path|prefix)$/i;

/** Routers held by the classes `cls` extends (nearest first), a few levels deep. */
export function inheritedRouters(index: RepoIndex, sf: ts.SourceFile, cls: ts.ClassLikeDeclaration, depth = 0): HeldRouter[] {
  const base = baseClassOf(index, sf, cls);
  if (!base || depth > 3) return [];
  return [...heldRouters(base.sf, base.cls), ...inheritedRouters(index, base.sf, base.cls, depth + 1)];
}

/** The class named in `extends X`: declared in this file or imported from the repository. */
function baseClassOf(index: RepoIndex, sf: ts.SourceFile, cls: ts.ClassLikeDeclaration): { sf: ts.SourceFile; cls: ts.ClassDeclaration } | undefined {
  const clause = cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword);
  const expr = clause?.types[0]?.expression;
  if (!expr || !ts.isIdentifier(expr)) return undefined;
  const local = localDeclaration(sf, expr.text);
  if (local) return ts.isClassDeclaration(local) ? { sf, cls: local } : undefined;
  const binding = importsOf(sf).get(expr.text);
  if (!binding || binding.imported === '*') return undefined;
  const first = exportTarget(index, sf.fileName, binding.module, binding.imported);
  const target = first && declarationOf(index, first.sf, first.name);
  const decl = target && localDeclaration(target.sf, target.name);
  return target && decl && ts.isClassDeclaration(decl) ? { sf: target.sf, cls: decl } : undefined;
}

/** One answer per base class, however many controllers extend it. */
const held = new WeakMap<ts.ClassDeclaration, HeldRouter[]>();

/** `router = Router()` properties and `this.router = Router()` assignments in the constructor of `cls`. */
function heldRouters(sf: ts.SourceFile, cls: ts.ClassDeclaration): HeldRouter[] {
  let out = held.get(cls);
  if (!out) held.set(cls, (out = readHeldRouters(sf, cls)));
  return out;
}

function readHeldRouters(sf: ts.SourceFile, cls: ts.ClassDeclaration): HeldRouter[] {
  const imports = importsOf(sf);
  const constants = constantsOf(sf);
  const out: HeldRouter[] = [];
  for (const m of cls.members) {
    const name = ts.isPropertyDeclaration(m) ? propertyNameText(m.name) : undefined;
    const created = name && ts.isPropertyDeclaration(m) && m.initializer ? routerCreation(m.initializer, imports, constants) : undefined;
    if (name && created) out.push({ property: name, created });
    if (!ts.isConstructorDeclaration(m) || !m.body) continue;
    for (const st of m.body.statements) {
      const e = ts.isExpressionStatement(st) ? st.expression : undefined;
      if (!e || !ts.isBinaryExpression(e) || e.operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
      const left = e.left;
      if (!ts.isPropertyAccessExpression(left) || left.expression.kind !== ts.SyntaxKind.ThisKeyword) continue;
      const made = routerCreation(e.right, imports, constants);
      if (made) out.push({ property: left.name.text, created: made });
    }
  }
  return out;
}

/** The class's own literal mount path: `readonly routerPath = '/auth'`, or `super('/auth')` in its constructor. */
export function ownMountPath(cls: ts.ClassLikeDeclaration): string | undefined {
  for (const m of cls.members) {
    const name = ts.isPropertyDeclaration(m) ? propertyNameText(m.name) : undefined;
    if (name && PATH_PROPERTY.test(name) && ts.isPropertyDeclaration(m) && m.initializer) {
      const s = staticString(m.initializer);
      if (s?.resolved && s.text.startsWith('/')) return s.text;
    }
    if (!ts.isConstructorDeclaration(m) || !m.body) continue;
    for (const st of m.body.statements) {
      const e = ts.isExpressionStatement(st) ? st.expression : undefined;
      const arg = e && ts.isCallExpression(e) && e.expression.kind === ts.SyntaxKind.SuperKeyword ? e.arguments[0] : undefined;
      if (arg && ts.isStringLiteralLike(arg) && arg.text.startsWith('/')) return arg.text;
    }
  }
  return undefined;
}

/**
 * `AuthController.router` → the unit of that class's `this.router`, the name a list of controllers mounts it by: a
 * router it inherits (scoped to the class, router-units.ts), or one it makes itself (`router = Router()`, or
 * `this.router = Router()` in its constructor).
 */
export function classRouterAliases(sf: ts.SourceFile, scopes: ReadonlyMap<ts.Node, ReadonlyMap<string, string>>, units: ReadonlyMap<string, Unit>, aliases: Map<string, string>): void {
  for (const [node, names] of scopes) {
    if (!ts.isClassDeclaration(node) || !node.name) continue;
    for (const [name, unitName] of names) if (name.startsWith('this.')) aliases.set(`${node.name.text}.${name.slice(5)}`, unitName);
  }
  for (const s of sf.statements) {
    if (!ts.isClassDeclaration(s) || !s.name) continue;
    for (const name of units.keys()) {
      const alias = `${s.name.text}.${name.slice(5)}`;
      if (/^this\.[\w$]+$/.test(name) && !aliases.has(alias) && s.getText(sf).includes(name)) aliases.set(alias, name);
    }
  }
}
