/**
 * Error handling: error class hierarchies (`class NotFoundError extends AppError`) with the status and code each one
 * carries, and the functions that map errors to HTTP responses (`instanceof` checks next to a status, Express
 * `(err, req, res, next)` handlers, NestJS `@Catch` filters).
 */
import { callLine, ts, lineOf, walk } from '../../scan/ts.js';
import { importsOf, lastName, propertyNameText } from '../shared/ast.js';
import { enclosingName } from '../shared/naming.js';
import type { ErrorClassData, ErrorMappingData } from './types.js';
import { branchBuildsResponse, guardedBranch, HTTP_STATUS, localFunctions } from './error-branch.js';

const STATUS = /^(statusCode|status|httpStatus|httpStatusCode)$/;
const CODE = /^(code|errorCode|type)$/;
const ERROR_NAME = /(Error|Exception|Fault)$/;

/** What one class declaration says, before the hierarchy is known. */
export interface ClassInfo {
  readonly name: string;
  readonly extends: string;
  readonly file: string;
  readonly line: number;
  /** Constructor parameter names in order, with defaults as written. */
  readonly params: readonly { name: string; default?: string }[];
  /** Arguments of `super(...)` as written. */
  readonly superArgs: readonly string[];
  readonly own: { statusCode?: string; code?: string };
  /** No constructor of its own: `new` and `super(…)` take its base's parameters. */
  readonly inherits?: boolean;
  /** A NestJS exception filter (`@Catch(…)`, `extends BaseExceptionFilter`): where errors become responses, not an error. */
  readonly filter?: boolean;
}

/** `instanceof Error` alone maps nothing: only a check against a named error class (`instanceof NotFoundError`) does. */
export function mayHaveErrors(text: string): boolean {
  return (
    /class\s+\w+\s+extends\s/.test(text) ||
    /instanceof\s+(?:[\w$]+\.)*[\w$]+(?:Error|Exception|Fault)\b/.test(text) ||
    /\.(setErrorHandler|onError)\(|@Catch\(/.test(text) ||
    /\b(err|error)\b[^,()]{0,60},\s*req\w*\b/.test(text) ||
    /\.use\s*\(/.test(text) && (/\b404\b/.test(text) || /['"]errorhandler['"]/.test(text))
  );
}

export function classDeclarations(file: string, sf: ts.SourceFile): ClassInfo[] {
  const out: ClassInfo[] = [];
  walk(sf, (node) => {
    if (!ts.isClassDeclaration(node) || !node.name) return;
    const heritage = node.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
    if (!heritage) return;
    const base = heritage.expression.getText(sf);
    const own: { statusCode?: string; code?: string } = {};
    let params: ClassInfo['params'] = [];
    let superArgs: string[] = [];
    let inherits = true;
    const set = (name: string, value: string | undefined) => {
      if (!value) return;
      if (STATUS.test(name)) own.statusCode ??= value;
      else if (CODE.test(name)) own.code ??= value;
    };
    for (const member of node.members) {
      if (ts.isPropertyDeclaration(member) && member.name) set(propertyNameText(member.name) ?? '', member.initializer?.getText(sf));
      if (!ts.isConstructorDeclaration(member)) continue;
      inherits = false;
      params = member.parameters.map((p) => ({ name: p.name.getText(sf), default: p.initializer?.getText(sf) }));
      for (const p of member.parameters) {
        if (ts.getModifiers(p)?.length && p.initializer) set(p.name.getText(sf), p.initializer.getText(sf));
      }
      walk(member, (n) => {
        if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.SuperKeyword) superArgs = n.arguments.map((a) => a.getText(sf));
        if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(n.left)) {
          if (n.left.expression.kind !== ts.SyntaxKind.ThisKeyword) return;
          // `this.status = status` with `status = 401` among the parameters: that default is the class's own status
          // (AuthError's 401, not AppError's 500); a parameter without a default is handed on and says nothing.
          const param = ts.isIdentifier(n.right) ? params.find((p) => p.name === (n.right as ts.Identifier).text) : undefined;
          if (!ts.isIdentifier(n.right)) set(n.left.name.text, n.right.getText(sf));
          else if (param?.default) set(n.left.name.text, param.default);
        }
      });
    }
    const filter = catchDecorator(node) !== undefined || /ExceptionFilter$/.test(lastPart(base));
    out.push({ name: node.name.text, extends: base, file, line: lineOf(node, sf), params, superArgs, own, ...(inherits ? { inherits } : {}), ...(filter ? { filter } : {}) });
  });
  return out;
}

/** Keeps the error classes (named like errors, or descending from one) and fills status/code from the hierarchy. */
export function errorClasses(classes: readonly ClassInfo[]): ErrorClassData[] {
  const byName = new Map<string, ClassInfo>();
  for (const c of classes) if (!byName.has(c.name)) byName.set(c.name, c);
  const isError = (c: ClassInfo, depth = 0): boolean => {
    // `class RpcException extends BaseRpcExceptionFilter`: a filter is never an error class, whatever its name.
    if (c.filter) return false;
    if (ERROR_NAME.test(c.name) || ERROR_NAME.test(lastPart(c.extends))) return true;
    const base = byName.get(c.extends);
    return depth < 10 && base !== undefined && isError(base, depth + 1);
  };
  const resolve = (c: ClassInfo, field: 'statusCode' | 'code', depth = 0): string | undefined => {
    if (c.own[field]) return c.own[field];
    const base = byName.get(c.extends);
    const pattern = field === 'statusCode' ? STATUS : CODE;
    if (base && depth < 10) {
      // `super(message, 404, 'NOT_FOUND')` lines up with the base constructor's parameter list; a base without a
      // constructor (`class BusinessLogicException extends ExceptionsAbstract {}`) passes them to its own base's.
      let signature = base;
      for (let i = 0; signature.inherits && i < 10; i++) signature = byName.get(signature.extends) ?? signature;
      const position = signature.params.findIndex((p) => pattern.test(p.name));
      // A parameter handed on (`super(msg, errorCode, httpStatus)`) is no value: the subclasses give it.
      if (position !== -1 && c.params.some((p) => p.name === c.superArgs[position])) return undefined;
      if (position !== -1 && c.superArgs[position] !== undefined) return c.superArgs[position];
      if (position !== -1 && signature.params[position].default && !base.own[field]) return signature.params[position].default;
      return resolve(base, field, depth + 1);
    }
    if (field === 'statusCode') {
      const status = c.superArgs.find((a) => /^[1-5]\d\d$/.test(a) || /^HttpStatus\.\w+$/.test(a));
      if (status) return status;
    }
    return undefined;
  };
  return classes
    .filter((c) => isError(c))
    .map((c) => {
      const statusCode = resolve(c, 'statusCode');
      const code = resolve(c, 'code');
      return {
        name: c.name,
        extends: c.extends,
        ...(statusCode ? { statusCode } : {}),
        ...(code ? { code } : {}),
        file: c.file,
        line: c.line,
      };
    });
}

function lastPart(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

/** Functions that turn errors into responses, with the error classes they test for. */
export function errorMappings(file: string, sf: ts.SourceFile): Omit<ErrorMappingData, 'usedBy'>[] {
  const found = new Map<ts.Node, { name: string; handles: Set<string>; line: number; role?: 'not-found'; filter?: true }>();
  let errorhandler: string[] | undefined;
  const useHandler = (arg: ts.Expression, file: ts.SourceFile): boolean => {
    if (ts.isCallExpression(arg) && ts.isIdentifier(arg.expression)) {
      errorhandler ??= [...importsOf(sf)].filter(([, b]) => b.module === 'errorhandler').map(([local]) => local);
      return errorhandler.includes(arg.expression.text);
    }
    if (!(ts.isArrowFunction(arg) || ts.isFunctionExpression(arg)) || arg.parameters.length < 2 || arg.parameters.length > 3) return false;
    const [req, res] = arg.parameters.map((p) => p.name.getText(file));
    return /^req/.test(req) && /^res/.test(res) && /\.(?:status|sendStatus)\s*\(\s*404\b/.test(arg.body.getText(file));
  };
  const note = (fn: ts.Node, at: ts.Node, handles: string[]) => {
    let entry = found.get(fn);
    if (!entry) {
      entry = { name: enclosingName(at) ?? functionName(fn) ?? '(anonymous)', handles: new Set(), line: lineOf(fn, sf) };
      found.set(fn, entry);
    }
    for (const h of handles) entry.handles.add(h);
  };
  let local: ReturnType<typeof localFunctions> | undefined;
  walk(sf, (node) => {
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.InstanceOfKeyword) {
      const cls = lastName(node.right);
      if (!cls || cls === 'Error' || !ERROR_NAME.test(cls)) return;
      const fn = outerFunction(node);
      if (!fn) return;
      // A check inside a `@Catch` filter's `catch()` belongs to the filter's own entry.
      const filter = [...found.keys()].find((k) => ts.isClassDeclaration(k) && k.pos <= node.pos && node.end <= k.end);
      if (filter) {
        found.get(filter)!.handles.add(cls);
        return;
      }
      // In an `if`/`?:` condition the guarded branch must build the response (a branch that only rethrows maps
      // nothing); elsewhere (a negated check, a `switch`), or when the branch returns another module's helper, the
      // function around it must set a status.
      const branch = guardedBranch(node);
      const builds = branch ? branchBuildsResponse(branch, sf, (local ??= localFunctions(sf))) : 'maybe';
      if (builds === true || (builds === 'maybe' && HTTP_STATUS.test(fn.getText(sf)))) note(fn, node, [cls]);
    } else if (ts.isFunctionLike(node) && node.parameters.length === 4) {
      const names = node.parameters.map((p) => p.name.getText(sf));
      if (/^(err|error|e)$/.test(names[0]) && /^req/.test(names[1]) && /^res/.test(names[2])) {
        // An inline `app.use((err, req, res, next) => …)` is named after the call that installs it.
        const p = node.parent;
        const installer = p && ts.isCallExpression(p) && p.arguments.includes(node as unknown as ts.Expression) ? `${p.expression.getText(sf)}(…)` : undefined;
        if (installer && !enclosingName(node.parameters[0])) found.set(node, { name: installer, handles: new Set(), line: lineOf(node, sf) });
        else note(node, node.parameters[0], []);
      }
    } else if (ts.isCallExpression(node) && lastName(node.expression) === 'use' && node.arguments.length === 1 && useHandler(node.arguments[0], sf)) {
      // `app.use((req, res) => res.status(404)…)`: the not-found handler; `app.use(errorHandler())` from the
      // `errorhandler` package: Express's development error page.
      const arg = node.arguments[0];
      const notFound = ts.isFunctionLike(arg);
      const name = `${node.expression.getText(sf)}(${notFound ? '…' : arg.getText(sf)})`;
      found.set(arg, { name, handles: new Set(), line: callLine(node, sf), ...(notFound ? { role: 'not-found' as const } : {}) });
    } else if (ts.isCallExpression(node) && /^(setErrorHandler|onError)$/.test(lastName(node.expression) ?? '') && node.arguments.length === 1) {
      // Framework-level handlers: Fastify `setErrorHandler`, Hono `app.onError`, inline or named (`app.onError(errorHandler)`).
      const arg = node.arguments[0];
      const named = ts.isIdentifier(arg) || ts.isPropertyAccessExpression(arg) ? arg.getText(sf) : undefined;
      if (!named && !ts.isFunctionLike(arg)) return;
      found.set(arg, { name: `${node.expression.getText(sf)}(${named ?? '…'})`, handles: new Set(), line: callLine(node, sf) });
    } else if (ts.isClassDeclaration(node)) {
      const decorator = catchDecorator(node);
      if (decorator) {
        const handles = decorator.arguments.map((a) => a.getText(sf));
        found.set(node, { name: node.name?.text ?? '(filter)', handles: new Set(handles.length ? handles : ['*']), line: lineOf(node, sf), filter: true });
      }
    }
  });
  return [...found.values()].map((e) => ({ name: e.name, handles: [...e.handles].sort(), file, line: e.line, ...(e.role ? { role: e.role } : {}), ...(e.filter ? { filter: e.filter } : {}) }));
}

/** The named function around a node; nested callbacks (`.catch(err => …)`) count as their outer function. */
function outerFunction(node: ts.Node): ts.Node | undefined {
  let last: ts.Node | undefined;
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n)) return n;
    if (ts.isArrowFunction(n) || ts.isFunctionExpression(n)) {
      last = n;
      const p = n.parent;
      if (ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p)) return n;
    }
  }
  return last;
}

function functionName(fn: ts.Node): string | undefined {
  if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) && fn.name) return fn.name.getText();
  const p = fn.parent;
  if (p && ts.isVariableDeclaration(p)) return p.name.getText();
  return undefined;
}

/** `@Catch(…)` on a class: a NestJS exception filter. */
function catchDecorator(node: ts.ClassDeclaration): ts.CallExpression | undefined {
  const d = ts.getDecorators(node)?.find((d) => ts.isCallExpression(d.expression) && lastName(d.expression.expression) === 'Catch');
  return d && ts.isCallExpression(d.expression) ? d.expression : undefined;
}
