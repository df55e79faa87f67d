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
