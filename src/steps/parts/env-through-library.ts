/**
 * Variables an app reads through a shared env package: `loadGatewayEnv()` imported from `@shared/env` parses
 * `process.env` with a schema declared in the library, so the library's table lists the reads, and the app's table
 * said nothing of them. The app is tied to them only by a call of a function it imports from the library, declared in
 * a file that holds one schema: the names are that file's reads. A file with several schemas says nothing (which one
 * the function parses is not read here).
 */
import { consumersOf } from '../../model/env-consumers.js';
import { isTestPath } from '../../model/env-views.js';
import { declarationOf, exportTarget } from '../../detectors/shared/exported-const.js';
import { localDeclaration } from '../../detectors/shared/component-ref.js';
import { importsOf } from '../../detectors/shared/ast.js';
import { ts } from '../../scan/ts.js';
import type { RepoIndex } from '../../scan/repo-index.js';

export interface ReadThroughLibrary {
  /** The library package's folder and name. */
  readonly lib: string;
  readonly libName: string;
  /** The imported function the app calls, and the first call's line. */
  readonly call: string;
  readonly file: string;
  readonly line: number;
  readonly names: readonly string[];
  /** The library file declaring the function, whose schema's reads are `names`. */
  readonly schema: string;
}

const SOURCE = /\.[cm]?[jt]sx?$/;
/** A validated env schema's constructor: more than one in the declaring file leaves the names unknown. */
const SCHEMA = /\b(?:z\s*\.\s*object|createEnv|cleanEnv|envsafe|Type\.Object)\s*\(/g;

/** `reads`: library folder → variable names read in each of its files (production code). Keyed by the app's folder. */
export function readsThroughLibraries(index: RepoIndex, reads: ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>): Map<string, ReadThroughLibrary[]> {
  const out = new Map<string, ReadThroughLibrary[]>();
  for (const [lib, files] of reads) {
    const libName = index.packages.find((p) => p.dir === lib)?.name;
    if (!libName) continue;
    for (const app of consumersOf(index, lib)) {
      const found = throughOne(index, app, lib, libName, files);
      if (found.length) out.set(app, [...(out.get(app) ?? []), ...found]);
    }
  }
  return out;
}

function throughOne(index: RepoIndex, pkgDir: string, lib: string, libName: string, files: ReadonlyMap<string, readonly string[]>): ReadThroughLibrary[] {
  const out: ReadThroughLibrary[] = [];
  const own = index.filesUnder(pkgDir).filter((f) => SOURCE.test(f) && !f.endsWith('.d.ts') && !isTestPath(f) && (index.packageOf(f)?.dir ?? '') === pkgDir);
  const seen = new Set<string>();
  for (const file of own) {
    const text = index.read(file);
    if (!text?.includes(libName)) continue;
    const sf = index.parse(file);
    if (!sf) continue;
    for (const [local, b] of importsOf(sf)) {
      if (b.module !== libName && !b.module.startsWith(`${libName}/`)) continue;
      if (b.imported === '*' || b.imported === 'default') continue;
      // Called with nothing (or `process.env`) only: a loader given its own object (`loadEnv({ PORT: '1' })`) reads that.
      const call = new RegExp(`(?<![\\w$.])${local.replace(/\$/g, '\\$')}\\s*\\(\\s*(?:process\\.env\\s*)?\\)`).exec(text);
      if (!call) continue;
      const target = exportTarget(index, file, b.module, b.imported);
      const declared = target ? declarationOf(index, target.sf, target.name) : undefined;
      const node = declared ? localDeclaration(declared.sf, declared.name) : undefined;
      if (!declared || !node || !isFunctionLike(node)) continue;
      const where = declared.sf.fileName;
      if (!where.startsWith(`${lib}/`) || seen.has(where)) continue;
      const names = files.get(where) ?? [];
      if (names.length === 0 || (index.read(where)?.match(SCHEMA)?.length ?? 0) !== 1) continue;
      seen.add(where);
      out.push({ lib, libName, call: b.imported, file, line: text.slice(0, call.index).split('\n').length, names: [...names].sort(), schema: where });
    }
  }
  return out;
}

function isFunctionLike(node: ts.Node): boolean {
  if (ts.isFunctionDeclaration(node)) return true;
  return ts.isVariableDeclaration(node) && node.initializer !== undefined && (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer));
}

