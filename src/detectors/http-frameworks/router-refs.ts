/**
 * What the arguments of a route call refer to: the handler (a name to follow to its code, an inline function, or an
 * expression that cannot be followed) and the middleware before it, each with the import or local definition that
 * leads to its code.
 */
import { ts, lineOf, walk } from '../../scan/ts.js';
import { dottedName, property, type ImportBinding } from '../shared/ast.js';
import type { MiddlewareRef, RouteDecl } from './router-types.js';

/** Fastify route options that run before the handler, in the order Fastify runs them. */
export const FASTIFY_HOOKS = ['onRequest', 'preParsing', 'preValidation', 'preHandler'] as const;

export type HandlerPart = Pick<RouteDecl, 'handler' | 'handlerResolved' | 'handlerModule' | 'handlerImported' | 'handlerMember' | 'handlerLine'>;

/** A local definition: its line, what made it (`new X()`), or the module member it holds (`require('./c').users`). */
export interface LocalDefinition {
  readonly line: number;
  readonly madeBy?: string;
  /** Handed out by a lookup (`container.get(TOKENS.X)`, `app.resolve(X)`): what it is cannot be read statically. */
  readonly lookedUp?: boolean;
  readonly fromModule?: { readonly module: string; readonly imported: string };
  /** `const ctrl = controllers.users`: the dotted name it stands for. */
  readonly alias?: string;
}

export interface RefContext {
  readonly sf: ts.SourceFile;
  readonly imports: ReadonlyMap<string, ImportBinding>;
  /** Functions and constants defined in the file: name → line, and for `const x = new X()` / `X()` the callee. */
  readonly locals: ReadonlyMap<string, LocalDefinition>;
  /** Whether an expression is a router or app instance: `fastify.authenticate` is then a decorator, not a local. */
  readonly isRouter?: (e: ts.Expression) => boolean;
}

/** Methods that hand out an instance by key: a DI container's or a registry's. */
const LOOKUP = /^(get|resolve|getInstance|make|inject)$/;

/** Same-file definitions a route can name: functions, `const x = …`, classes. */
export function localDefinitions(sf: ts.SourceFile): Map<string, LocalDefinition> {
  const out = new Map<string, LocalDefinition>();
  walk(sf, (node) => {
    if ((ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node)) && node.name && !out.has(node.name.text)) {
      out.set(node.name.text, { line: lineOf(node, sf) });
    } else if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && !out.has(node.name.text)) {
      const init = unwrap(node.initializer);
      // `const ctrl = require('../controllers').users`: the `users` export of that module.
      if (ts.isPropertyAccessExpression(init) && ts.isCallExpression(init.expression) && ts.isIdentifier(init.expression.expression)) {
        const arg = init.expression.arguments[0];
        if (init.expression.expression.text === 'require' && arg && ts.isStringLiteralLike(arg)) {
          out.set(node.name.text, { line: lineOf(node, sf), fromModule: { module: arg.text, imported: init.name.text } });
          return;
        }
      }
      const alias = ts.isIdentifier(init) || ts.isPropertyAccessExpression(init) ? dottedName(init) : undefined;
      // `container.get<AuthController>(TOKENS.Auth)`: a DI container hands out an instance of the class named in the
      // type argument; its members are that class's, not the container module's.
      const typed = ts.isCallExpression(init) ? init.typeArguments?.[0] : undefined;
      const made =
        typed && ts.isTypeReferenceNode(typed) && ts.isIdentifier(typed.typeName)
          ? typed.typeName.text
          : ts.isNewExpression(init) || ts.isCallExpression(init)
            ? dottedName(init.expression)
            : undefined;
      const lookedUp = !typed && ts.isCallExpression(init) && ts.isPropertyAccessExpression(init.expression) && LOOKUP.test(init.expression.name.text);
      out.set(node.name.text, { line: lineOf(node, sf), ...(made ? { madeBy: made } : {}), ...(lookedUp ? { lookedUp } : {}), ...(alias ? { alias } : {}) });
    }
  });
  return out;
}

const isFunctionLiteral = (e: ts.Node): e is ts.ArrowFunction | ts.FunctionExpression => ts.isArrowFunction(e) || ts.isFunctionExpression(e);

function unwrap(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e;
}

function rootOf(e: ts.Expression): ts.Identifier | undefined {
  let r = e;
  while (ts.isPropertyAccessExpression(r) || ts.isCallExpression(r)) r = r.expression;
  return ts.isIdentifier(r) ? r : undefined;
}

/** `router.createEndpoint({…}).handleQuery` → `router.createEndpoint(…).handleQuery`: calls with their arguments elided. */
function chainName(e: ts.Expression, depth = 0): string | undefined {
  if (depth > 8) return undefined;
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) {
    const left = chainName(e.expression, depth + 1);
    return left && `${left}.${e.name.text}`;
  }
  if (ts.isCallExpression(e)) {
    const callee = chainName(e.expression, depth + 1);
    const name = callee && `${callee}(${e.arguments.length > 0 ? '…' : ''})`;
    return name && name.length <= 64 ? name : undefined;
  }
  return undefined;
}

/**
 * `requireRole('admin')` as written when its arguments are short literals or names; `jwt(…)` when they are objects or
 * anything longer, so option objects (which can hold secrets) are never copied into the map.
 */
function shortText(e: ts.Expression, sf: ts.SourceFile): string {
  const simple = (a: ts.Expression) =>
    (ts.isStringLiteral(a) && a.text.length <= 24 && !/\s/.test(a.text)) || ts.isNumericLiteral(a) || ts.isIdentifier(a) || (ts.isPropertyAccessExpression(a) && dottedName(a) !== undefined);
  if (ts.isCallExpression(e)) {
    const callee = e.expression.getText(sf).replace(/\s+/g, ' ');
    const text = e.getText(sf).replace(/\s+/g, ' ');
    return e.arguments.every(simple) && text.length <= 48 ? text : `${callee}(…)`;
  }
  const text = e.getText(sf).replace(/\s+/g, ' ');
  return text.length <= 48 ? text : `${text.slice(0, 45)}…`;
}

/**
 * Where the code of a named thing is: an import (module, name, and the member path after it), or a same-file
 * definition. `auth.required` with `import auth from './auth'` is member `required` of that module's default export.
 */
function origin(e: ts.Expression, ctx: RefContext): Pick<MiddlewareRef, 'module' | 'imported' | 'member' | 'localLine'> {
  if (ts.isPropertyAccessExpression(e) && ctx.isRouter?.(e.expression)) return {};
  const defaulted = parameterDefault(e);
  if (defaulted) return origin(defaulted, ctx);
  const name = dottedName(e) ?? rootOf(e)?.text;
  return name ? originOf(name, ctx, 0) : {};
}

function originOf(name: string, ctx: RefContext, depth: number): Pick<MiddlewareRef, 'module' | 'imported' | 'member' | 'localLine'> {
  const [root, ...path] = name.split('.');
  const withMember = (rest: string[]) => (rest.length > 0 ? { member: rest.join('.') } : {});
  const binding = ctx.imports.get(root);
  if (binding) {
    // `import * as auth from './auth'; auth.requireUser` names `requireUser` in that module.
    if (binding.imported === '*' && path.length > 0) return { module: binding.module, imported: path[0], ...withMember(path.slice(1)) };
    return { module: binding.module, imported: binding.imported, ...withMember(path) };
  }
  const local = ctx.locals.get(root);
  if (!local) return {};
  if (local.fromModule) return { module: local.fromModule.module, imported: local.fromModule.imported, ...withMember(path) };
  // `const ctrl = controllers.users`: what it stands for, followed.
  if (local.alias && depth < 3) return originOf([local.alias, ...path].join('.'), ctx, depth + 1);
  if (local.lookedUp && path.length > 0) return {};
  // `const users = new UsersController()` then `users.list`: the code is in the imported class's module.
  const made = local.madeBy && ctx.imports.get(local.madeBy.split('.')[0]);
  if (made && path.length > 0) return { module: made.module, imported: made.imported, ...withMember(path) };
  // A member of a local object we cannot see into (`ctrl.get` on `const ctrl = pick()`) is not at its line.
  if (path.length > 0 && local.madeBy !== undefined) return {};
  return { localLine: local.line };
}

/** One middleware argument (arrays flattened by the caller). */
export function middlewareRef(arg: ts.Expression, ctx: RefContext, line: number, hook?: string): MiddlewareRef {
  const e = unwrap(arg);
  const base = { line, ...(hook ? { hook } : {}) };
  // `(request, reply) => request.isAdmin(reply)`: the call it makes says more than "(inline)".
  if (isFunctionLiteral(e)) {
    const body = ts.isArrowFunction(e) && !ts.isBlock(e.body) ? e.body : undefined;
    const call = body && ts.isCallExpression(body) ? shortText(body, ctx.sf) : undefined;
    return { name: call && !call.endsWith('(…)') ? call : '(inline)', localLine: lineOf(e, ctx.sf), ...base };
  }
  if (ts.isIdentifier(e) || ts.isPropertyAccessExpression(e)) return { name: dottedName(e) ?? shortText(e, ctx.sf), ...origin(e, ctx), ...base };
  if (ts.isCallExpression(e)) return { name: shortText(e, ctx.sf), ...origin(e.expression, ctx), ...base };
  return { name: shortText(e, ctx.sf), ...base };
}

/** Arguments as middleware: arrays spread (`[auth, validate]`), option objects left out. */
export function middlewareRefs(args: readonly ts.Expression[], ctx: RefContext, line: number): MiddlewareRef[] {
  return args.flatMap((a) => {
    const e = unwrap(a);
    if (ts.isArrayLiteralExpression(e)) return middlewareRefs(e.elements, ctx, line);
    if (ts.isObjectLiteralExpression(e)) return [];
    // `...guardChain`: the array's own items when the file declares it as a literal, else the spread as written
    // (dropping it would show a guarded route as unguarded).
    if (ts.isSpreadElement(e)) {
      const list = ts.isIdentifier(e.expression) ? localArray(ctx.sf, e.expression.text) : undefined;
      return list ? middlewareRefs(list.elements, ctx, line) : [{ name: `...${e.expression.getText(ctx.sf).replace(/\s+/g, ' ')}`, line }];
    }
    return [middlewareRef(e, ctx, line)];
  });
}

/** Fastify hooks in route options: `{ onRequest: [fastify.authenticate], preHandler: fastify.auth([...]) }`. */
export function hookRefs(options: ts.Expression | undefined, ctx: RefContext, line: number): MiddlewareRef[] {
  if (!options || !ts.isObjectLiteralExpression(options)) return [];
  return FASTIFY_HOOKS.flatMap((hook) => {
    const value = property(options, hook);
    if (!value) return [];
    const list = ts.isArrayLiteralExpression(value) ? value.elements : [value];
    return list.filter((e) => !ts.isSpreadElement(e)).map((e) => middlewareRef(e, ctx, line, hook));
  });
}

/**
 * The handler argument: a name (imported, same-file, or a member of either), an inline function, or a wrapper call
 * around one of those (`asyncHandler(createUser)`, whose wrapper is returned as middleware). Anything else is kept
 * as written and marked unresolved.
 */
export function handlerRef(arg: ts.Expression | undefined, ctx: RefContext, line: number): { handler: HandlerPart; wrappers: MiddlewareRef[] } {
  if (!arg) return { handler: { handlerResolved: true }, wrappers: [] };
  const e = unwrap(arg);
  if (isFunctionLiteral(e)) return { handler: { handlerResolved: true, handlerLine: lineOf(e, ctx.sf) }, wrappers: [] };
  if (ts.isIdentifier(e) || ts.isPropertyAccessExpression(e)) {
    const name = dottedName(e);
    const from = origin(e, ctx);
    // `this.handle` and members of objects we cannot place are shown as written.
    const known = name !== undefined && (from.module !== undefined || from.localLine !== undefined || name.startsWith('this.'));
    return {
      handler: {
        handler: name ?? shortText(e, ctx.sf),
        handlerResolved: known,
        ...(from.module ? { handlerModule: from.module, handlerImported: from.imported, ...(from.member ? { handlerMember: from.member } : {}) } : {}),
        ...(from.localLine ? { handlerLine: from.localLine } : {}),
      },
      wrappers: [],
    };
  }
  if (ts.isCallExpression(e) && e.arguments.length === 1) {
    const inner = unwrap(e.arguments[0]);
    if (isFunctionLiteral(inner) || ts.isIdentifier(inner) || ts.isPropertyAccessExpression(inner) || ts.isCallExpression(inner)) {
      const wrapped = handlerRef(inner, ctx, line);
      // `router.createEndpoint({…}).handleQuery(fn)`: named by its chain; its code is not at `router`'s line (only
      // `wrap(fn)` and `withAuth(opts)(fn)` lead to the code of a name).
      const dotted = dottedName(e.expression);
      const named = dotted || (ts.isCallExpression(e.expression) && ts.isIdentifier(e.expression.expression));
      const wrapper = { name: dotted ?? (named ? undefined : chainName(e.expression)) ?? shortText(e.expression, ctx.sf), ...(named ? origin(e.expression, ctx) : {}), line, hook: 'wrapper' };
      if (wrapped.handler.handlerResolved) return { handler: wrapped.handler, wrappers: [wrapper, ...wrapped.wrappers] };
    }
  }
  // `handlers[name]`, `makeHandler('x')`, `cond ? a : b`: not followed statically.
  return { handler: { handler: shortText(e, ctx.sf), handlerResolved: false }, wrappers: [] };
}

/**
 * `handlers.getPost` where `handlers` is a parameter defaulting to `{ getPost, getComments }` (routes registered by a
 * function that tests can hand mocks): what the default holds for that member, when it is a name.
 */
function parameterDefault(e: ts.Expression): ts.Expression | undefined {
  if (!ts.isPropertyAccessExpression(e) || !ts.isIdentifier(e.expression)) return undefined;
  const owner = e.expression.text;
  for (let n: ts.Node | undefined = e.parent; n; n = n.parent) {
    if (!ts.isFunctionLike(n)) continue;
    const param = n.parameters.find((p) => ts.isIdentifier(p.name) && p.name.text === owner);
    if (!param) continue;
    const init = param.initializer;
    if (!init || !ts.isObjectLiteralExpression(init)) return undefined;
    for (const prop of init.properties) {
      if (ts.isShorthandPropertyAssignment(prop) && prop.name.text === e.name.text) return prop.name;
      if (ts.isPropertyAssignment(prop) && prop.name.getText() === e.name.text && (ts.isIdentifier(prop.initializer) || ts.isPropertyAccessExpression(prop.initializer))) return prop.initializer;
    }
    return undefined;
  }
  return undefined;
}

/** `const guardChain = [a, b]` at the top of the file. */
function localArray(sf: ts.SourceFile, name: string): ts.ArrayLiteralExpression | undefined {
  for (const st of sf.statements) {
    if (!ts.isVariableStatement(st)) continue;
    for (const d of st.declarationList.declarations) {
      const init = d.initializer && unwrap(d.initializer);
      if (ts.isIdentifier(d.name) && d.name.text === name && init && ts.isArrayLiteralExpression(init)) return init;
    }
  }
  return undefined;
}
