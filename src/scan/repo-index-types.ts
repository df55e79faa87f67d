/**
 * The contract between the analysis and the repository index (implemented in repo-index.ts): detectors see the
 * read-only `RepoIndex`; the analysis that owns an index sees `ManagedIndex`.
 */
import type { WorkspaceRoot, WorkspaceTool } from './workspaces.js';
import type { WorkspacePackage } from './package-json.js';
import type { ts } from './ts.js';

/** Why a listed file could not be read, or a folder was left out (`cloud-assembly`: its path ends in `/`); reported, never fatal. */
export interface SkippedFile {
  readonly file: string;
  readonly reason: 'too-large' | 'binary' | 'unreadable' | 'outside-root' | 'too-deep' | 'control-characters' | 'secret-in-name' | 'cloud-assembly';
}

/**
 * One immutable view of the repository being analysed. All paths are repo-relative posix paths without a leading
 * slash. Contents and parse trees are read lazily and at most once per index.
 */
export interface RepoIndex {
  /** Absolute path of the analysed folder. */
  readonly root: string;
  /** Every file, sorted: from `git ls-files` inside git, from globby (honouring .gitignore) outside. */
  readonly files: readonly string[];
  readonly listedBy: 'git' | 'glob';
  readonly gitHead: string | null;
  /** Absolute paths that were left out on purpose (see BuildIndexOptions.exclude). */
  readonly excluded: readonly string[];
  readonly workspaceTool: WorkspaceTool;
  readonly workspacePatterns: readonly string[];
  /** The folder of the workspace declaration: '' at the repository root, else a nested root (`infrastructure`). */
  readonly workspaceRoot: string;
  /** Every workspace root when several folders declare one and the repository root none; `workspaceRoot` is the first. */
  readonly workspaceRoots: readonly WorkspaceRoot[];
  /** Root package first (when there is a package.json), then workspaces by folder. */
  readonly packages: readonly WorkspacePackage[];
  has(file: string): boolean;
  /** True when some listed file lies under `dir` (so the folder exists as far as the repository is concerned). */
  hasDir(dir: string): boolean;
  /** Files under a folder ('' for all), sorted. */
  filesUnder(dir: string): string[];
  /** UTF-8 text, or undefined when the file is missing, binary, too large, unreadable or a link out of the root. */
  read(file: string): string | undefined;
  readJson<T = unknown>(file: string): T | undefined;
  /**
   * 1-based line of a character offset in a file's text (as `read` returns it); undefined when the file cannot be
   * read or the offset is negative (an `indexOf` that found nothing). The file's line starts are found once per index.
   */
  lineAt(file: string, offset: number): number | undefined;
  /**
   * A pure function of one file's text (`compute` may parse it), computed at most once per index and, when the index
   * has a cache, kept across runs so an unchanged file is not parsed again. `namespace` names the function and its
   * version (`env.reads@1`): bump it when the function changes. The value must be plain JSON. Undefined when the file
   * cannot be read.
   */
  memo<T>(namespace: string, file: string, compute: (text: string) => T): T | undefined;
  /**
   * `memo` for a function of the file's parse tree, declared up front (see `TreeMemo`): when another detector parses
   * the file first, the value is computed from that tree then, so this file need not be parsed, or kept parsed, again.
   * Null when the file is not parseable source; undefined when it cannot be read.
   */
  treeMemo<T>(memo: TreeMemo<T>, file: string): T | null | undefined;
  /** Syntax-only TypeScript/JavaScript tree, parsed once per index; undefined for non-source or unreadable files. */
  parse(file: string): ts.SourceFile | undefined;
  /**
   * A tree for one pass over a file whose tree nothing else in this step needs: the kept tree when there is one, else
   * a fresh parse that is not kept (its tree memos are still computed), so a detector reading thousands of files one
   * at a time holds one tree, not all of them.
   */
  parseOnce(file: string): ts.SourceFile | undefined;
  /** The innermost package whose folder holds the file. */
  packageOf(file: string): WorkspacePackage | undefined;
  /** Files that could not be read so far, with why. */
  skipped(): readonly SkippedFile[];
}

/**
 * A per-file function of a parse tree that several steps need. Parse trees are the bulk of the memory an analysis
 * uses (about 40 bytes per character of source), so they are dropped after each step (`releaseTrees`); a value that a
 * later step needs from a tree an earlier step parsed is declared here and computed while that tree exists.
 */
export interface TreeMemo<T> {
  /** Names the function and its version (`env.reads@1`), as for `memo`. */
  readonly namespace: string;
  /** Cheap test on the path and text (no parse): whether the tree can hold anything for this function. */
  wants(file: string, text: string): boolean;
  compute(tree: ts.SourceFile): T;
}

/** The index as the analysis that owns it sees it: detectors get the read-only `RepoIndex`. */
export interface ManagedIndex extends RepoIndex {
  /** Declares the tree memos every parse computes for the files they want (all detectors' `treeMemos`). */
  watchTrees(memos: readonly TreeMemo<unknown>[]): void;
  /** Drops every parse tree; a later `parse` of the same file parses it again. Values already memoised stay. */
  releaseTrees(): void;
}
