/**
 * The one place the TypeScript compiler API is imported from. We use the compiler that ts-morph bundles, through its
 * raw API: `createSourceFile` + `forEachChild` is about twice as fast as ts-morph's wrapped nodes, and syntax-only
 * parsing is all static analysis here needs (no program, no type checker, nothing of the repository executed).
 *
 * Loaded on first use, not on import: compiling 13 MB of ts-morph costs about a quarter of a second, and step 1 parses
 * no file, so the first section is shown before the compiler is loaded (see lazy-ts.ts). `ts` is a live binding: the
 * stand-in that loads it is replaced by the real namespace, so later calls cost a plain property read.
 */
import type * as TsMorph from 'ts-morph';
import { preloadTsMorph, requireTsMorph } from './code-cache.js';
import { tsStandIn } from './lazy-ts.js';

type TsApi = typeof TsMorph.ts;

// `let`: replaced once by the real namespace (see above).
export let ts: TsApi = tsStandIn(() => {
  // Before the require: compiles the 13 MB of ts-morph from a code cache when there is one (see code-cache.ts).
  preloadTsMorph(import.meta.url);
  // A CommonJS `require`: an ESM `import` would make Node scan the 9 MB compiler for named exports first. The bundle
  // defines `require` (scripts/bundle.mjs) and esbuild records this call as the bundle's one external dependency;
  // tsc's ES module output (dist/src, used by tests) has none.
  const morph = (typeof require === 'function' ? require('ts-morph') : requireTsMorph(import.meta.url)) as typeof TsMorph;
  return (ts = morph.ts);
});

/**
 * The compiler's types, under the same name as the value (`ts.Node`, `ts.SourceFile`). A type used as `ts.X` that is
 * missing here is a compile error: add it to the list.
 */
// prettier-ignore
export declare namespace ts {
  export type ArrayLiteralExpression = TsMorph.ts.ArrayLiteralExpression; export type ArrowFunction = TsMorph.ts.ArrowFunction;
  export type BinaryExpression = TsMorph.ts.BinaryExpression; export type BindingName = TsMorph.ts.BindingName;
  export type BindingElement = TsMorph.ts.BindingElement;
  export type CallExpression = TsMorph.ts.CallExpression; export type CaseClause = TsMorph.ts.CaseClause;
  export type CaseOrDefaultClause = TsMorph.ts.CaseOrDefaultClause; export type ClassDeclaration = TsMorph.ts.ClassDeclaration;
  export type ClassLikeDeclaration = TsMorph.ts.ClassLikeDeclaration; export type ConciseBody = TsMorph.ts.ConciseBody;
  export type ConditionalExpression = TsMorph.ts.ConditionalExpression; export type ConstructorDeclaration = TsMorph.ts.ConstructorDeclaration;
  export type CreateSourceFileOptions = TsMorph.ts.CreateSourceFileOptions; export type Declaration = TsMorph.ts.Declaration;
  export type ElementAccessExpression = TsMorph.ts.ElementAccessExpression; export type EntityName = TsMorph.ts.EntityName;
  export type EnumDeclaration = TsMorph.ts.EnumDeclaration; export type ExportAssignment = TsMorph.ts.ExportAssignment;
  export type Expression = TsMorph.ts.Expression; export type ForInStatement = TsMorph.ts.ForInStatement;
  export type ForOfStatement = TsMorph.ts.ForOfStatement; export type ForStatement = TsMorph.ts.ForStatement;
  export type FunctionDeclaration = TsMorph.ts.FunctionDeclaration; export type FunctionExpression = TsMorph.ts.FunctionExpression;
  export type FunctionLikeDeclaration = TsMorph.ts.FunctionLikeDeclaration; export type GetAccessorDeclaration = TsMorph.ts.GetAccessorDeclaration;
  export type HasDecorators = TsMorph.ts.HasDecorators; export type Identifier = TsMorph.ts.Identifier;
  export type IfStatement = TsMorph.ts.IfStatement; export type ImportDeclaration = TsMorph.ts.ImportDeclaration;
  export type JSDocParsingMode = TsMorph.ts.JSDocParsingMode; export type JsxChild = TsMorph.ts.JsxChild;
  export type JsxElement = TsMorph.ts.JsxElement; export type JsxSelfClosingElement = TsMorph.ts.JsxSelfClosingElement;
  export type MethodDeclaration = TsMorph.ts.MethodDeclaration; export type ModifierFlags = TsMorph.ts.ModifierFlags;
  export type NewExpression = TsMorph.ts.NewExpression; export type Node = TsMorph.ts.Node;
  export type NodeArray<T extends Node> = TsMorph.ts.NodeArray<T>; export type NodeFlags = TsMorph.ts.NodeFlags;
  export type ObjectBindingPattern = TsMorph.ts.ObjectBindingPattern; export type ObjectLiteralElementLike = TsMorph.ts.ObjectLiteralElementLike;
  export type ObjectLiteralExpression = TsMorph.ts.ObjectLiteralExpression; export type ParameterDeclaration = TsMorph.ts.ParameterDeclaration;
  export type ParenthesizedExpression = TsMorph.ts.ParenthesizedExpression; export type PropertyAccessExpression = TsMorph.ts.PropertyAccessExpression;
  export type PropertyAssignment = TsMorph.ts.PropertyAssignment; export type PropertyDeclaration = TsMorph.ts.PropertyDeclaration;
  export type PropertyName = TsMorph.ts.PropertyName; export type ScriptKind = TsMorph.ts.ScriptKind;
  export type ScriptTarget = TsMorph.ts.ScriptTarget; export type SignatureDeclaration = TsMorph.ts.SignatureDeclaration;
  export type SourceFile = TsMorph.ts.SourceFile; export type Statement = TsMorph.ts.Statement;
  export type StringLiteralLike = TsMorph.ts.StringLiteralLike; export type SwitchStatement = TsMorph.ts.SwitchStatement;
  export type SyntaxKind = TsMorph.ts.SyntaxKind; export type TemplateExpression = TsMorph.ts.TemplateExpression;
  export type TypeNode = TsMorph.ts.TypeNode; export type VariableDeclaration = TsMorph.ts.VariableDeclaration;
}

/** Script kinds by extension (TS, TSX, JS, JSX: `ts.ScriptKind`'s values, which are part of its public API). */
const KINDS: Record<string, 1 | 2 | 3 | 4> = { '.ts': 3, '.mts': 3, '.cts': 3, '.tsx': 4, '.js': 1, '.mjs': 1, '.cjs': 1, '.jsx': 2 };

export const SOURCE_EXTENSIONS = Object.keys(KINDS);

export function scriptKindOf(path: string): ts.ScriptKind | undefined {
  const dot = path.lastIndexOf('.');
  return dot === -1 ? undefined : (KINDS[path.slice(dot).toLowerCase()] as ts.ScriptKind | undefined);
}

export function isSourceFile(path: string): boolean {
  return scriptKindOf(path) !== undefined && !path.endsWith('.d.ts');
}

/** JSDoc is not parsed into nodes: detectors read doc comments as text (`getLeadingCommentRanges`), never as trees. */
let parseOptions: ts.CreateSourceFileOptions | undefined;

export function parseSource(path: string, text: string, kind = scriptKindOf(path) ?? ts.ScriptKind.TS): ts.SourceFile {
  parseOptions ??= { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };
  return ts.createSourceFile(path, text, parseOptions, true, kind);
}

/** 1-based line of a node's first token (not its leading comments). */
export function lineOf(node: ts.Node, sourceFile = node.getSourceFile()): number {
  return sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
}

/**
 * The line of a method call's name: `.use(` in `new Hono()\n  .use(mw)`, where the call node starts at the chain's
 * head. Any other call (or node) is cited where it starts.
 */
export function callLine(node: ts.Node, sourceFile = node.getSourceFile()): number {
  const name = ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) ? node.expression.name : node;
  return lineOf(name, sourceFile);
}

/** Depth-first walk over every node with the raw API; return `false` from `visit` to skip a node's children. */
export function walk(node: ts.Node, visit: (node: ts.Node) => boolean | void): void {
  const recurse = (child: ts.Node): void => {
    if (visit(child) !== false) ts.forEachChild(child, recurse);
  };
  ts.forEachChild(node, recurse);
}

/**
 * An escape that can spell a letter in an identifier or a string (`\u0065nv`, `'\x65'`, octal, a line continuation):
 * the node's value is then not in the raw text, so a text match cannot stand for it.
 */
const SPELLING_ESCAPE = /\\(u|x|[0-7]|\r|\n|\u2028|\u2029)/;

/**
 * `walk()` restricted to the nodes whose source range holds a match of `pattern`: for a visitor
 * that can only act on a node whose own text matches (an identifier, a property name, a type's text), it sees every
 * node it would act on, in the same order, and the rest of the tree is skipped. Matches may overlap. Falls back to
 * the full walk when the text has escapes that could spell a match.
 */
export function walkMentioning(sourceFile: ts.SourceFile, pattern: RegExp, visit: (node: ts.Node) => boolean | void): void {
  const text = sourceFile.text;
  if (text.includes('\\') && SPELLING_ESCAPE.test(text)) {
    walk(sourceFile, visit);
    return;
  }
  const starts: number[] = [];
  // A global pattern is used as is (pass a module constant: compiling a pattern per file costs more than the match).
  const re = pattern.global ? pattern : new RegExp(pattern.source, `${pattern.flags}g`);
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    starts.push(m.index);
    re.lastIndex = m.index + 1;
  }
  re.lastIndex = 0;
  if (starts.length === 0) return;
  // `starts` is ascending; a node holds a match when the first match at or after its start lies before its end.
  const holdsMatch = (node: ts.Node): boolean => {
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid] < node.pos) lo = mid + 1;
      else hi = mid;
    }
    return lo < starts.length && starts[lo] < node.end;
  };
  const recurse = (child: ts.Node): void => {
    if (holdsMatch(child) && visit(child) !== false) ts.forEachChild(child, recurse);
  };
  ts.forEachChild(sourceFile, recurse);
}
