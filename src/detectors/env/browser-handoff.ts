/**
 * Values a server hands to the browser: a function returning an object of env reads (`getEnv() { return { MODE:
 * process.env.NODE_ENV, SENTRY_DSN: process.env.SENTRY_DSN } }`, epic-stack) whose result goes into loader data
 * (`return { ENV: getEnv() }` in a `loader`) or into a page that writes `window.ENV = …`. Those variables reach browser
 * code although no bundler inlines them.
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import { isSourceFile, lineOf, ts, walk } from '../../scan/ts.js';
import { importsOf, mentions } from '../shared/ast.js';
import { moduleResolver } from '../shared/resolve-module.js';
import { pushTo } from '../../collections.js';

/** A named function returning an object literal whose keys hold env reads; `names`: the variables read there. */
export interface EnvObjectFunction {
  readonly fn: string;
  readonly names: readonly { readonly name: string; readonly line: number }[];
}

/** A page handing env values to the browser: `window.ENV = …`, `window.__ENV = …` in an inline script. */
const WINDOW_ENV = /\bwindow\.(_*env_*|[A-Z_]*ENV[A-Z_]*)\s*=/i;

/** The named function whose returned object literal holds `read` as a key's value (`return { X: process.env.X }`). */
export function envObjectFunction(read: ts.Node): string | undefined {
  let n = read;
  while (ts.isParenthesizedExpression(n.parent) || ts.isAsExpression(n.parent) || ts.isNonNullExpression(n.parent)) n = n.parent;
  const prop = n.parent;
  if (!prop || !ts.isPropertyAssignment(prop) || prop.initializer !== n || !ts.isObjectLiteralExpression(prop.parent)) return undefined;
  let obj: ts.Node = prop.parent;
  while (ts.isParenthesizedExpression(obj.parent) || ts.isAsExpression(obj.parent) || ts.isSatisfiesExpression(obj.parent)) obj = obj.parent;
  const holder = obj.parent;
  const fn = holder && ts.isReturnStatement(holder) ? enclosingFunction(holder) : holder && ts.isArrowFunction(holder) && holder.body === obj ? holder : undefined;
  if (!fn) return undefined;
  if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) && fn.name && ts.isIdentifier(fn.name)) return fn.name.text;
  if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name)) return fn.parent.name.text;
  return undefined;
}

export interface BrowserHandoff {
  readonly name: string;
  /** The call that hands the object over. */
  readonly file: string;
  readonly line: number;
  /** Where the object's function reads the variable. */
  readonly readAt: { readonly file: string; readonly line: number };
}

/**
 * Calls of the env-object functions (`objects`: defining file → functions) that hand the result to the browser: inside
 * a `loader` (its data is sent to the page), or in a file that writes `window.ENV = …` into the page.
 */
export function browserHandoffs(index: RepoIndex, objects: ReadonlyMap<string, readonly EnvObjectFunction[]>, generated: (file: string) => boolean): BrowserHandoff[] {
  const byName = new Map<string, { file: string; fn: EnvObjectFunction }[]>();
  for (const [file, list] of objects) for (const fn of list) pushTo(byName, fn.fn, { file, fn });
  const needles = [...byName.keys()].map((n) => `${n}(`);
  const resolver = moduleResolver(index);
  const out: BrowserHandoff[] = [];
  for (const file of index.files) {
    if (generated(file) || !isSourceFile(file)) continue;
    const text = index.read(file);
    if (!mentions(text, needles) || !(WINDOW_ENV.test(text!) || text!.includes('loader'))) continue;
    const page = WINDOW_ENV.test(text!);
    const sf = index.parse(file);
    if (!sf) continue;
    const imports = importsOf(sf);
    walk(sf, (node) => {
      if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression)) return;
      const defs = byName.get(node.expression.text);
      if (!defs) return;
      // The function this call names: defined in this file, or imported from the file that defines it.
      const binding = imports.get(node.expression.text);
      const from = binding ? resolver.resolve(file, binding.module) : file;
      const def = defs.find((d) => d.file === from && (!binding || binding.imported === d.fn.fn));
      // In a loader, only a value it puts into an object (`return { ENV: getEnv() }`, `data({ ENV: getEnv() })`).
      if (!def || !(page || (ts.isPropertyAssignment(node.parent) && inLoader(node)))) return;
      const line = lineOf(node, sf);
      for (const r of def.fn.names) out.push({ name: r.name, file, line, readAt: { file: def.file, line: r.line } });
    });
  }
  return out;
}

/** The call is in a route `loader` (Remix, React Router): what it returns is serialised into the page. */
function inLoader(node: ts.Node): boolean {
  const fn = enclosingFunction(node);
  if (!fn) return false;
  if (ts.isFunctionDeclaration(fn) && fn.name?.text === 'loader') return true;
  const p = fn.parent;
  return (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && !!p && ts.isVariableDeclaration(p) && ts.isIdentifier(p.name) && p.name.text === 'loader';
}

function enclosingFunction(node: ts.Node): ts.FunctionLikeDeclaration | undefined {
  let n: ts.Node | undefined = node.parent;
  while (n && !ts.isFunctionLike(n)) n = n.parent;
  return n as ts.FunctionLikeDeclaration | undefined;
}

