/**
 * What holds the environment besides `process.env` / `import.meta.env`: a Cloudflare Worker's env (Hono's `c.env`,
 * `this.env`, a module worker's handler parameter, `env` from `cloudflare:workers`) and functions of the file that
 * return the environment (`allProcessEnv()`).
 */
import { propertyNameText } from '../shared/ast.js';
import { ts, walk, walkMentioning } from '../../scan/ts.js';
import type { EnvReadVia } from './types.js';

export interface Receiver {
  readonly receiver: 'process' | 'import.meta';
  readonly via: EnvReadVia;
}

export const PROCESS: Receiver = { receiver: 'process', via: 'process.env' };
export const META: Receiver = { receiver: 'import.meta', via: 'import.meta.env' };
/** Cloudflare Workers: `env` from `cloudflare:workers`, Hono's `c.env`, a module worker's `fetch(request, env)`. */
export const WORKER: Receiver = { receiver: 'process', via: 'worker-env' };
/**
 * The Worker's env as a helper's typed parameter (`function providerEnv(env: ApiEnv)`): read like `WORKER`, but handing
 * it on is no read by a computed name here — the handler that received it records that, and Worker code that takes
 * it typed is read where it does.
 */
export const TYPED_WORKER: Receiver = { receiver: 'process', via: 'worker-env' };
/** The names Hono's context goes by: `c.env.X`. */
export const HONO_CONTEXT = new Set(['c', 'ctx', 'context']);
const WORKER_HANDLERS = new Set(['fetch', 'scheduled', 'queue', 'email', 'tail', 'trace']);

/** A parameter `env` typed by the Worker's env type, under any name the app gives it (`env: Env`, `env: ApiEnv`). */
export const TYPED_ENV_TEXT = /\benv\??\s*:\s*(?:Readonly<\s*)?\w*Env\b/;
const TYPED_ENV = /^(?:Readonly<\s*)?(?!ProcessEnv\b|ImportMetaEnv\b)\w*Env\s*>?$/;
const ENV_PARAM = /\benv\??\s*:/g;

/** Text that makes a file Worker code by itself (see `workerScope`). */
export const WORKER_TEXT = /['"](hono|hono\/[\w-]+|cloudflare:workers)['"]|\bHono\w*\b|\bBindings\s*:/;

/**
 * Worker code: a file in a package with wrangler config, or one that imports Hono or `cloudflare:workers` or names
 * Hono's `Bindings` (`c.env` and `this.env` are the Worker's env there); and the env parameter of a module worker's
 * handlers (`export default { fetch(request, env, ctx) {…} }`). In Worker code, a parameter `env` typed by an `…Env`
 * type (`function providerEnv(env: ApiEnv)`) is the Worker's env handed on: `env.AI` reads the binding.
 */
export function workerScope(sf: ts.SourceFile, workerPackage: boolean): { context: boolean; params: string[]; typed: string[] } {
  const context = workerPackage || WORKER_TEXT.test(sf.text);
  const params: string[] = [];
  for (const st of sf.statements) {
    if (!ts.isExportAssignment(st)) continue;
    let e: ts.Expression = st.expression;
    while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
    if (!ts.isObjectLiteralExpression(e)) continue;
    for (const p of e.properties) {
      const fn = ts.isMethodDeclaration(p) ? p : ts.isPropertyAssignment(p) && (ts.isArrowFunction(p.initializer) || ts.isFunctionExpression(p.initializer)) ? p.initializer : undefined;
      const name = p.name && propertyNameText(p.name as ts.PropertyName);
      const env = fn?.parameters[1]?.name;
      if (name && WORKER_HANDLERS.has(name) && env && ts.isIdentifier(env)) params.push(env.text);
    }
  }
  const typed: string[] = [];
  if (context && TYPED_ENV_TEXT.test(sf.text) && !params.includes('env')) {
    walkMentioning(sf, ENV_PARAM, (n) => {
      if (ts.isParameter(n) && ts.isIdentifier(n.name) && n.name.text === 'env' && n.type && TYPED_ENV.test(n.type.getText(sf)) && typed.length === 0) typed.push('env');
    });
  }
  return { context, params, typed };
}

/** Top-level functions of the file that return `process.env` or `import.meta.env` (on some path). */
export function envReturningFunctions(sf: ts.SourceFile): Map<string, Receiver> {
  const out = new Map<string, Receiver>();
  if (!/return\s+(process|import\.meta)\.env\b/.test(sf.text)) return out;
  const returned = (body: ts.Node): Receiver | undefined => {
    let found: Receiver | undefined;
    walk(body, (n) => {
      if (found || (n !== body && ts.isFunctionLike(n))) return false;
      if (ts.isReturnStatement(n) && n.expression) {
        const e = skipParens(n.expression);
        const text = ts.isPropertyAccessExpression(e) && e.name.text === 'env' ? e.expression.getText(sf) : '';
        if (text === 'process') found = PROCESS;
        else if (text === 'import.meta') found = META;
      }
      return undefined;
    });
    return found;
  };
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) && st.name && st.body) {
      const r = returned(st.body);
      if (r) out.set(st.name.text, r);
    } else if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        const init = d.initializer && skipParens(d.initializer);
        if (!ts.isIdentifier(d.name) || !init || !(ts.isArrowFunction(init) || ts.isFunctionExpression(init))) continue;
        const r = returned(init.body);
        if (r) out.set(d.name.text, r);
      }
    }
  }
  return out;
}

function skipParens(expr: ts.Expression): ts.Expression {
  let e = expr;
  while (ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e;
}

/**
 * A plain copy of the environment: `{ ...process.env }`, `Object.assign({}, process.env)`, `structuredClone(process.env)`.
 * Its reads (`baseEnv.TMPDIR`) read the variables. A copy with keys of its own (`{ ...process.env, X: 1 }`) is not one:
 * reading X from it reads the code's value.
 */
export function copyOfEnv(init: ts.Expression, receiver: (e: ts.Expression) => Receiver | undefined): Receiver | undefined {
  if (ts.isObjectLiteralExpression(init)) {
    const [only] = init.properties;
    return init.properties.length === 1 && ts.isSpreadAssignment(only) ? receiver(only.expression) : undefined;
  }
  if (!ts.isCallExpression(init)) return undefined;
  const callee = init.expression.getText();
  const args = init.arguments;
  if (callee === 'structuredClone' && args.length >= 1) return receiver(args[0]);
  const empty = (e: ts.Expression) => ts.isObjectLiteralExpression(e) && e.properties.length === 0;
  if (callee === 'Object.assign' && args.length === 2 && empty(args[0])) return receiver(args[1]);
  return undefined;
}
