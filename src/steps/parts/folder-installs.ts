import path from 'node:path';
import type { ScriptData, ScriptFact } from '../../detectors/scripts/index.js';
import type { RepoIndex } from '../../scan/repo-index.js';

/** A package.json script that installs another folder's dependencies. */
export interface FolderInstall {
  /** The folder it installs, repo-relative. */
  readonly dir: string;
  readonly script: ScriptData;
  /**
   * True when the root install runs it by itself: an install lifecycle script of the root or of a workspace member
   * (npm, pnpm and yarn run members' lifecycle scripts too), directly or through one `npm run x` of its own package.
   */
  readonly hook: boolean;
}

const HOOKS = /^(preinstall|install|postinstall|prepare)$/;
const TOOL = /^(npm|pnpm|yarn|bun)$/;
const INSTALL_VERB = /^(install|i|ci)$/;
const DIR_FLAGS = new Set(['--prefix', '-C', '--dir', '--cwd']);

/**
 * Folders that package.json scripts install — `cd functions && npm install`, `npm ci --prefix custom-resources`,
 * `pnpm -C x install`, `yarn --cwd x` — by folder. Without this a folder outside the workspaces that a `postinstall`
 * installs was described as not installed by the root install.
 */
export function folderInstalls(index: RepoIndex, scripts: readonly ScriptFact[]): Map<string, FolderInstall> {
  const out = new Map<string, FolderInstall>();
  const member = new Set(index.packages.filter((p) => p.isRoot || (index.workspaceTool !== null && p.declared)).map((p) => p.manifestPath));
  // By package, then by name: a manifest of 100,000 scripts must not cost a copy or a scan per script.
  const byPackage = new Map<string, Map<string, ScriptData>>();
  for (const s of scripts) {
    let named = byPackage.get(s.data.manifest);
    if (!named) byPackage.set(s.data.manifest, (named = new Map()));
    if (!named.has(s.data.name)) named.set(s.data.name, s.data);
  }
  const add = (dir: string, script: ScriptData, hook: boolean) => {
    const had = out.get(dir);
    if (!had || (hook && !had.hook)) out.set(dir, { dir, script, hook });
  };
  for (const s of scripts) {
    const isHook = HOOKS.test(s.data.name) && member.has(s.data.manifest);
    for (const dir of installedDirs(s.data.command, s.data.dir)) add(dir, s.data, isHook);
    if (!isHook) continue;
    // `"postinstall": "npm run setup:functions"`: one level of the package's own scripts.
    for (const m of s.data.command.matchAll(/\b(?:npm|pnpm|yarn|bun)\s+(?:run\s+)?([\w:.-]+)/g)) {
      const found = byPackage.get(s.data.manifest)?.get(m[1]);
      const called = found !== s.data ? found : undefined;
      if (called) for (const dir of installedDirs(called.command, called.dir)) add(dir, s.data, true);
    }
  }
  const packageDirs = new Set(index.packages.map((p) => p.dir));
  for (const dir of [...out.keys()]) if (!packageDirs.has(dir)) out.delete(dir);
  return out;
}

/** Folders one shell command installs, relative to the package folder it runs in. */
export function installedDirs(command: string, base: string): string[] {
  const dirs: string[] = [];
  let cwd = base;
  for (const part of command.split(/&&|\|\||;/)) {
    const words = part.trim().replace(/^\(+|\)+$/g, '').split(/\s+/).filter(Boolean).map((w) => w.replace(/^["']|["']$/g, ''));
    if (words[0] === 'cd' && words[1]) {
      cwd = join(cwd, words[1]);
      continue;
    }
    if (!TOOL.test(words[0] ?? '')) continue;
    let target: string | undefined;
    const verbs: string[] = [];
    for (let i = 1; i < words.length; i++) {
      const w = words[i];
      const eq = /^(--prefix|--dir|--cwd)=(.+)$/.exec(w);
      if (eq) target = eq[2];
      else if (DIR_FLAGS.has(w) && words[i + 1]) target = words[++i];
      else if (!w.startsWith('-')) verbs.push(w);
    }
    // `yarn` alone (or `yarn --cwd x`) installs; otherwise the first word after the tool must be an install verb.
    const installs = verbs.length === 0 ? words[0] === 'yarn' : verbs.length === 1 && INSTALL_VERB.test(verbs[0]);
    if (!installs) continue;
    const dir = target !== undefined ? join(cwd, target) : cwd;
    if (dir !== base && dir !== undefined && !dirs.includes(dir)) dirs.push(dir);
  }
  return dirs;
}

function join(from: string, to: string): string {
  const p = path.posix.normalize(path.posix.join(from, to)).replace(/\/$/, '');
  return p === '.' ? '' : p;
}
