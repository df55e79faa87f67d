/**
 * What an Nx project's targets build from: `"main": "libs/x/src/index.ts"` in a `@nx/rollup:rollup` build target makes
 * `index.cjs.js` and `index.esm.js` in the output folder, where the project's package.json is copied; package.json's
 * `main: ./index.cjs.js` is then that source's build output, which no file-name convention finds.
 */
import type { WorkspacePackage } from '../../scan/package-json.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { jsonKeyLine } from '../../scan/json-keys.js';
import type { NxProject } from '../../scan/nx-projects.js';

export interface NxEntry {
  /** Repo-relative source file that exists. */
  readonly source: string;
  readonly target: string;
  /** The option that names it: `main`, `browser`, `entryFile`. */
  readonly key: string;
  readonly file: string;
  readonly line: number;
}

const OUT_EXT = /\.d\.[cm]?ts$|\.[cm]?[jt]sx?$/;
/** Format suffixes bundlers add before the extension (`index.cjs.js`, `index.esm.js`, `main.umd.js`). */
const FORMAT = /\.(cjs|esm|es|mjs|umd|module|common)$/;

/** The existing source files the project's targets name, build target first. */
export function nxEntries(index: RepoIndex, project: NxProject | undefined): NxEntry[] {
  if (!project) return [];
  const out: NxEntry[] = [];
  const targets = [...project.targets].sort((a, b) => Number(b.name === 'build') - Number(a.name === 'build'));
  for (const t of targets) {
    for (const e of t.entries) {
      // Nx paths are relative to the workspace root; `{projectRoot}` and `{workspaceRoot}` are its tokens for folders.
      const source = e.path.replace(/^\{workspaceRoot\}\//, '').replace(/^\{projectRoot\}/, project.dir).replace(/^\//, '');
      if (!index.has(source) || out.some((x) => x.source === source)) continue;
      out.push({ source, target: t.name, key: e.key, file: project.file, line: jsonKeyLine(index, project.file, 'targets', t.name, 'options', e.key) ?? 1 });
    }
  }
  return out;
}

/** The target entry a declared output (`./index.cjs.js`, `dist/index.esm.js`) is built from: same base name. */
export function nxBuiltFrom(index: RepoIndex, pkg: WorkspacePackage, rel: string): NxEntry | undefined {
  const name = rel.replace(/^.*\//, '').replace(OUT_EXT, '').replace(FORMAT, '');
  return nxEntries(index, pkg.nxProject).find((e) => e.source.replace(/^.*\//, '').replace(OUT_EXT, '') === name);
}
