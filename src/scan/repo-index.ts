import { lstatSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { contentHash, type FileCache } from './file-cache.js';
import { ignoreMatcher } from './glob.js';
import { listFiles, type FileListing } from './list-files.js';
import { cloudAssemblyDirs, outside } from './cloud-assembly.js';
import type { PackageJson, WorkspacePackage } from './package-json.js';
import { isSourceFile, parseSource, type ts } from './ts.js';
import { decodeText, MAX_NESTING, nestingDepth, stripBom } from './file-text.js';
import { LineIndex } from './line-index.js';
import { readPlainFile } from './read-plain-file.js';
import { hasKnownFormat } from '../secrets/known-formats.js';
import { findWorkspaces, type WorkspaceRoot, type WorkspaceTool } from './workspaces.js';
import type { ManagedIndex, RepoIndex, SkippedFile, TreeMemo } from './repo-index-types.js';

export type { ManagedIndex, RepoIndex, SkippedFile, TreeMemo } from './repo-index-types.js';

/**
 * C0 and C1 control characters and DEL, and the invisible direction and zero-width characters `plain` removes: a name
 * holding one cannot be printed as it is.
 */
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/;

/** Files larger than this are listed but never read: minified bundles and data dumps only slow analysis down. */
export const MAX_READ_BYTES = 1_500_000;

interface CachedFile {
  readonly mtimeMs: number;
  readonly size: number;
  readonly text: string | undefined;
  tree?: ts.SourceFile;
  /** Line starts, for `lineAt`; built on the first lookup. */
  lines?: LineIndex;
  /** `contentHash(text)`, computed once per file for `memo` (several extractors share it). */
  hash?: string;
}

export interface BuildIndexOptions {
  /** Called with short human-readable messages while the index is built. */
  readonly onProgress?: (message: string) => void;
  /** A previous index of the same root: files whose size and mtime did not change are not read or parsed again. */
  readonly previous?: RepoIndex;
  /** Absolute paths left out of the index (the wizard's own output and state files). */
  readonly exclude?: readonly string[];
  /** Glob patterns, repository-relative, left out of the index: `ignore` in project-context.config.json. */
  readonly ignore?: readonly string[];
  /** Per-file results saved by an earlier run (see `memo`); the caller saves it. */
  readonly cache?: FileCache;
  /** The listing of `root`, already started by the caller (`listFiles` of the same real path), so it overlaps loading. */
  readonly listing?: Promise<FileListing>;
}

const cacheOf = new WeakMap<RepoIndex, Map<string, CachedFile>>();

export async function buildIndex(root: string, options: BuildIndexOptions = {}): Promise<ManagedIndex> {
  const absoluteRoot = realpathSync(path.resolve(root));
  options.onProgress?.('Listing files');
  const listing = await (options.listing ?? listFiles(absoluteRoot));
  const excluded = (options.exclude ?? []).map((p) => path.relative(absoluteRoot, path.resolve(p)).split(path.sep).join('/'));
  if (excluded.length > 0) listing.files = listing.files.filter((f) => !excluded.includes(f));
  // Before anything reads the listing (workspaces included), so no step sees an ignored file.
  if (options.ignore && options.ignore.length > 0) {
    const ignored = ignoreMatcher(options.ignore);
    listing.files = listing.files.filter((f) => !ignored(f));
  }
  const assemblies = cloudAssemblyDirs(listing.files);
  if (assemblies.length > 0) listing.files = outside(listing.files, assemblies);
  // A name holding terminal control or invisible characters cannot be printed as it is (the sections strip them), and
  // a name holding a provider key (`sk_live_…`) cannot be printed at all (every output redacts it): any path we printed
  // for either would not exist. Such files are left out, and counted, never named.
  const unprintable = listing.files.filter((f) => UNPRINTABLE.test(f));
  const secretNamed = listing.files.filter((f) => !UNPRINTABLE.test(f) && hasKnownFormat(f));
  if (unprintable.length + secretNamed.length > 0) {
    const out = new Set([...unprintable, ...secretNamed]);
    listing.files = listing.files.filter((f) => !out.has(f));
  }
  options.onProgress?.(`Listed ${listing.files.length.toLocaleString('en-US')} files`);
  const previous = options.previous && options.previous.root === absoluteRoot ? cacheOf.get(options.previous) : undefined;
  const index = new FileIndex(absoluteRoot, listing.files, listing.source, listing.gitHead, previous, options.exclude ?? [], options.cache);
  options.cache?.retain(new Set(listing.files));
  for (const f of unprintable) index.skip(f, 'control-characters');
  for (const f of secretNamed) index.skip(f, 'secret-in-name');
  for (const dir of assemblies) index.skip(`${dir}/`, 'cloud-assembly');
  const layout = findWorkspaces(
    listing.files,
    (f) => index.readJson<PackageJson>(f),
    (f) => index.read(f),
  );
  index.setWorkspaces(layout.tool, layout.patterns, layout.packages, layout.root, layout.roots);
  cacheOf.set(index, index.cache);
  return index;
}

class FileIndex implements ManagedIndex {
  readonly cache = new Map<string, CachedFile>();
  private readonly fileSet: Set<string>;
  private readonly dirSet = new Set<string>(['']);
  private readonly skippedFiles = new Map<string, SkippedFile['reason']>();
  private readonly jsonCache = new Map<string, unknown>();
  private readonly memos = new Map<string, unknown>();
  /** Keys being computed right now: a tree memo that triggers a parse must not be computed twice by the parse hook. */
  private readonly computing = new Set<string>();
  private treeMemos: readonly TreeMemo<unknown>[] = [];
  workspaceTool: WorkspaceTool = null;
  workspacePatterns: readonly string[] = [];
  workspaceRoot = '';
  workspaceRoots: readonly WorkspaceRoot[] = [];
  packages: readonly WorkspacePackage[] = [];
  /** Package folder → package, for `packageOf`'s walk up the folders (O(depth), not O(packages), per call). */
  private packagesByDir = new Map<string, WorkspacePackage>();
  /** `packageOf`'s answers: detectors ask it for the same files hundreds of thousands of times. */
  private packageOfFile = new Map<string, WorkspacePackage | null>();

  constructor(
    readonly root: string,
    readonly files: readonly string[],
    readonly listedBy: 'git' | 'glob',
    readonly gitHead: string | null,
    private readonly previous: Map<string, CachedFile> | undefined,
    readonly excluded: readonly string[],
    private readonly fileCache: FileCache | undefined,
  ) {
    this.fileSet = new Set(files);
    for (const file of files) {
      for (let i = file.indexOf('/'); i !== -1; i = file.indexOf('/', i + 1)) this.dirSet.add(file.slice(0, i));
    }
  }

  setWorkspaces(tool: WorkspaceTool, patterns: readonly string[], packages: readonly WorkspacePackage[], root = '', roots: readonly WorkspaceRoot[] = []): void {
    this.workspaceTool = tool;
    this.workspaceRoots = roots;
    this.workspaceRoot = root;
    this.workspacePatterns = patterns;
    this.packages = packages;
    this.packagesByDir = new Map();
    this.packageOfFile = new Map();
    for (const pkg of packages) if (!this.packagesByDir.has(pkg.dir)) this.packagesByDir.set(pkg.dir, pkg);
  }

  has(file: string): boolean {
    return this.fileSet.has(normalise(file));
  }

  hasDir(dir: string): boolean {
    return this.dirSet.has(normalise(dir).replace(/\/$/, ''));
  }

  filesUnder(dir: string): string[] {
    const d = normalise(dir).replace(/\/$/, '');
    if (d === '') return [...this.files];
    const prefix = `${d}/`;
    // `files` is sorted, so the files under a folder are one contiguous run starting at the prefix's insertion point.
    const out: string[] = [];
    for (let i = lowerBound(this.files, prefix); i < this.files.length && this.files[i].startsWith(prefix); i++) out.push(this.files[i]);
    return out;
  }

  read(file: string): string | undefined {
    return this.load(normalise(file))?.text;
  }

  lineAt(file: string, offset: number): number | undefined {
    const entry = this.load(normalise(file));
    if (!entry || entry.text === undefined || offset < 0) return undefined;
    return (entry.lines ??= new LineIndex(entry.text)).lineAt(offset);
  }

  memo<T>(namespace: string, file: string, compute: (text: string) => T): T | undefined {
    const f = normalise(file);
    const key = `${namespace}\0${f}`;
    if (this.memos.has(key)) return this.memos.get(key) as T;
    const entry = this.load(f);
    const text = entry?.text;
    if (!entry || text === undefined) return undefined;
    let value: T;
    const hash = this.fileCache ? (entry.hash ??= contentHash(text)) : '';
    if (this.fileCache?.has(namespace, f, hash)) value = this.fileCache.get(namespace, f, hash) as T;
    else {
      this.computing.add(key);
      try {
        value = compute(text);
      } finally {
        this.computing.delete(key);
      }
      this.fileCache?.set(namespace, f, hash, value);
    }
    this.memos.set(key, value);
    return value;
  }

  treeMemo<T>(memo: TreeMemo<T>, file: string): T | null | undefined {
    return this.memo(memo.namespace, file, () => {
      const tree = this.parseOnce(file);
      return tree ? memo.compute(tree) : null;
    });
  }

  watchTrees(memos: readonly TreeMemo<unknown>[]): void {
    const seen = new Set<string>();
    this.treeMemos = memos.filter((m) => !seen.has(m.namespace) && seen.add(m.namespace));
  }

  releaseTrees(): void {
    for (const entry of this.cache.values()) entry.tree = undefined;
  }

  readJson<T = unknown>(file: string): T | undefined {
    const f = normalise(file);
    if (this.jsonCache.has(f)) return this.jsonCache.get(f) as T | undefined;
    const text = this.read(f);
    let value: unknown;
    if (text !== undefined) {
      try {
        value = JSON.parse(stripBom(text));
      } catch {
        value = undefined;
      }
    }
    this.jsonCache.set(f, value);
    return value as T | undefined;
  }

  parse(file: string): ts.SourceFile | undefined {
    const f = normalise(file);
    if (!isSourceFile(f)) return undefined;
    const entry = this.load(f);
    if (!entry || entry.text === undefined) return undefined;
    if (entry.tree) return entry.tree;
    const tree = this.newTree(f, entry.text);
    if (tree) entry.tree = tree;
    return tree;
  }

  parseOnce(file: string): ts.SourceFile | undefined {
    const f = normalise(file);
    if (!isSourceFile(f)) return undefined;
    const entry = this.load(f);
    if (!entry || entry.text === undefined) return undefined;
    return entry.tree ?? this.newTree(f, entry.text);
  }

  /** Parses, and computes the tree memos that want the file; undefined for pathologically nested text. */
  private newTree(f: string, text: string): ts.SourceFile | undefined {
    // Recursive walks (ours and the parser's) would overflow the stack on pathologically nested code; such files
    // are generated, never hand-written, so they are left out like minified bundles rather than failing a detector.
    if (nestingDepth(text) > MAX_NESTING) {
      this.skippedFiles.set(f, 'too-deep');
      return undefined;
    }
    const tree = parseSource(f, text);
    for (const memo of this.treeMemos) {
      const key = `${memo.namespace}\0${f}`;
      if (this.memos.has(key) || this.computing.has(key) || !memo.wants(f, text)) continue;
      this.memo(memo.namespace, f, () => memo.compute(tree));
    }
    return tree;
  }

  packageOf(file: string): WorkspacePackage | undefined {
    const known = this.packageOfFile.get(file);
    if (known !== undefined) return known ?? undefined;
    let found: WorkspacePackage | undefined;
    for (let d = normalise(file); ; ) {
      found = this.packagesByDir.get(d);
      if (found || d === '') break;
      const slash = d.lastIndexOf('/');
      d = slash === -1 ? '' : d.slice(0, slash);
    }
    this.packageOfFile.set(file, found ?? null);
    return found;
  }

  /** Records a file left out before it was ever read. */
  skip(file: string, reason: SkippedFile['reason']): void {
    this.skippedFiles.set(file, reason);
  }

  skipped(): readonly SkippedFile[] {
    return [...this.skippedFiles].map(([file, reason]) => ({ file, reason }));
  }

  private load(file: string): CachedFile | undefined {
    if (!this.fileSet.has(file)) return undefined;
    const cached = this.cache.get(file);
    if (cached) return cached;
    const entry = this.readFromDisk(file);
    this.cache.set(file, entry);
    return entry;
  }

  /** The earlier index (a re-scan in the same process) read this file at this size and time: its entry is reused. */
  private unchanged(file: string, stat: { readonly mtimeMs: number; readonly size: number }): boolean {
    const previous = this.previous?.get(file);
    return !!previous && previous.mtimeMs === stat.mtimeMs && previous.size === stat.size;
  }

  private readFromDisk(file: string): CachedFile {
    const absolute = path.join(this.root, file);
    const unreadable = (reason: SkippedFile['reason']): CachedFile => {
      this.skippedFiles.set(file, reason);
      return { mtimeMs: 0, size: 0, text: undefined };
    };
    try {
      const plain = readPlainFile(absolute, (stat) => !this.unchanged(file, stat) && stat.size <= MAX_READ_BYTES);
      if (plain.kind === 'not-a-file') return unreadable('unreadable');
      if (plain.kind === 'file') {
        const { stat, bytes } = plain;
        if (!bytes) return this.unchanged(file, stat) ? this.previous!.get(file)! : unreadable('too-large');
        const text = decodeText(bytes);
        if (text === undefined) return unreadable('binary');
        return { mtimeMs: stat.mtimeMs, size: stat.size, text };
      }
      const link = lstatSync(absolute);
      if (link.isSymbolicLink()) {
        const target = realpathSync(absolute);
        if (target !== this.root && !target.startsWith(this.root + path.sep)) return unreadable('outside-root');
      }
      const stat = link.isSymbolicLink() ? statSync(absolute) : link;
      if (!stat.isFile()) return unreadable('unreadable');
      if (this.unchanged(file, stat)) return this.previous!.get(file)!;
      if (stat.size > MAX_READ_BYTES) return unreadable('too-large');
      const text = decodeText(readFileSync(absolute));
      if (text === undefined) return unreadable('binary');
      return { mtimeMs: stat.mtimeMs, size: stat.size, text };
    } catch {
      return unreadable('unreadable');
    }
  }
}

function normalise(file: string): string {
  // Detectors call has/read/parse hundreds of thousands of times with paths that are already clean.
  if (!file.includes('\\') && file.charCodeAt(0) !== 47 && !file.startsWith('./')) return file;
  return file.replace(/\\/g, '/').replace(/^\.?\/+/, '');
}

/** First position in a sorted array whose item is not less than `key`. */
function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
