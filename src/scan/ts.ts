/**
 * The one place the TypeScript compiler API is imported from. We use the compiler that ts-morph bundles, through its
 * raw API: `createSourceFile` + `forEachChild` is about twice as fast as ts-morph's wrapped nodes, and syntax-only
 * parsing is all static analysis here needs (no program, no type checker, nothing of the repository executed).
 */
import { preloadTsMorph } from './code-cache.js';

// Before the `require` below: compiles the 13 MB of ts-morph from a code cache when there is one (see code-cache.ts).
preloadTsMorph(import.meta.url);

// `import = require` loads ts-morph as CommonJS (tsc emits createRequire): an ESM `import` of it would make Node scan
// the 9 MB compiler for named exports first, a third of the CLI's start-up time.
import tsMorph = require('ts-morph');

export import ts = tsMorph.ts;

const KINDS: Record<string, ts.ScriptKind> = {
  '.ts': ts.ScriptKind.TS,
  '.mts': ts.ScriptKind.TS,
  '.cts': ts.ScriptKind.TS,
  '.tsx': ts.ScriptKind.TSX,
  '.js': ts.ScriptKind.JS,
  '.mjs': ts.ScriptKind.JS,
  '.cjs': ts.ScriptKind.JS,
  '.jsx': ts.ScriptKind.JSX,
};

export const SOURCE_EXTENSIONS = Object.keys(KINDS);

export function scriptKindOf(path: string): ts.ScriptKind | undefined {
  const dot = path.lastIndexOf('.');
  return dot === -1 ? undefined : KINDS[path.slice(dot).toLowerCase()];
}

export function isSourceFile(path: string): boolean {
  return scriptKindOf(path) !== undefined && !path.endsWith('.d.ts');
}

/** JSDoc is not parsed into nodes: detectors read doc comments as text (`getLeadingCommentRanges`), never as trees. */
const PARSE_OPTIONS: ts.CreateSourceFileOptions = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };

export function parseSource(path: string, text: string, kind = scriptKindOf(path) ?? ts.ScriptKind.TS): ts.SourceFile {
  return ts.createSourceFile(path, text, PARSE_OPTIONS, true, kind);
}

/** 1-based line of a node's first token (not its leading comments). */
export function lineOf(node: ts.Node, sourceFile = node.getSourceFile()): number {
  return sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
}

/** Depth-first walk over every node with the raw API; return `false` from `visit` to skip a node's children. */
export function walk(node: ts.Node, visit: (node: ts.Node) => boolean | void): void {
  const recurse = (child: ts.Node): void => {
    if (visit(child) !== false) ts.forEachChild(child, recurse);
  };
  ts.forEachChild(node, recurse);
}
