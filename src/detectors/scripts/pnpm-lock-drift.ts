/**
 * Whether pnpm-lock.yaml still records what the package.json files declare. `pnpm install --frozen-lockfile` (the
 * default in CI) stops with ERR_PNPM_OUTDATED_LOCKFILE when an importer's specifiers differ from its package.json
 * (https://pnpm.io/cli/install#--frozen-lockfile): a map that tells a new engineer to run it on such a repository
 * gives a command that fails. Read by indentation, as installed-version.ts does, not with a YAML parser: lockfiles
 * run to megabytes and only the `importers` block matters.
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import type { WorkspacePackage } from '../../scan/package-json.js';

export interface LockfileDrift {
  /** The package.json whose declaration the lockfile does not record. */
  readonly manifest: string;
  readonly name: string;
  readonly declared: string;
  /** How many declarations it does not record in all. */
  readonly count: number;
}

const SECTIONS = /^(dependencies|devDependencies|optionalDependencies):$/;

/**
 * The first dependency a package.json declares that its importer in pnpm-lock.yaml does not record at all, for the root
 * and the workspace members. Only absent names count: a specifier written differently (`catalog:` in package.json, the
 * catalog's version in the lockfile, as create-t3-turbo's CI installs frozen without complaint) is pnpm's to compare,
 * and an importer missing altogether may be a folder pnpm does not link. Optional dependencies are left out.
 */
export function pnpmLockDrift(index: RepoIndex, lockfile: string, packages: readonly WorkspacePackage[]): LockfileDrift | undefined {
  const text = index.read(lockfile);
  if (text === undefined) return undefined;
  const importers = importerSpecifiers(text);
  if (!importers) return undefined;
  let first: Omit<LockfileDrift, 'count'> | undefined;
  let count = 0;
  for (const pkg of packages) {
    const locked = importers.get(pkg.dir || '.');
    if (!locked) continue;
    const m = pkg.manifest as Record<string, unknown>;
    for (const field of ['dependencies', 'devDependencies'] as const) {
      const deps = m[field] as Record<string, unknown> | undefined;
      if (!deps || typeof deps !== 'object') continue;
      for (const [name, declared] of Object.entries(deps)) {
        if (typeof declared !== 'string' || locked.has(name)) continue;
        count++;
        first ??= { manifest: pkg.manifestPath, name, declared };
      }
    }
  }
  return first ? { ...first, count } : undefined;
}

/**
 * importer (`.`, `apps/web`) → dependency → specifier, from lockfile 5 (`specifiers:` maps) or 6+ (`specifier:` under
 * each dependency); a lockfile without `importers:` is one package's, recorded at the top level as `.`. Undefined for
 * a text this reader does not recognise (no `lockfileVersion`) or that records nothing, so nothing is concluded from it.
 */
export function importerSpecifiers(text: string): Map<string, Map<string, string>> | undefined {
  const lines = text.split('\n');
  if (!lines.some((l) => l.startsWith('lockfileVersion:'))) return undefined;
  const out = new Map<string, Map<string, string>>();
  const multi = lines.includes('importers:');
  let importer: Map<string, string> | undefined = multi ? undefined : new Map();
  if (!multi) out.set('.', importer!);
  // Indents: importer keys at 2 (multi) and their sections at 4; a single package's sections at 0.
  const base = multi ? 4 : 0;
  let inImporters = !multi;
  let section = '';
  let dep = '';
  for (const line of lines) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const indent = line.length - line.trimStart().length;
    const body = line.trim();
    if (indent === 0) {
      if (multi) {
        inImporters = body === 'importers:';
        continue;
      }
      section = body;
      continue;
    }
    if (!inImporters) continue;
    if (multi && indent === 2) {
      importer = new Map();
      // `tooling/github: {}`: an importer with nothing recorded.
      out.set(unquote(body.replace(/:(\s*\{\})?$/, '')), importer);
      section = '';
      continue;
    }
    if (!importer) continue;
    if (multi && indent === base) {
      section = body;
      continue;
    }
    const kv = /^('[^']*'|"[^"]*"|[^:\s][^:]*?):(?:\s+(.*))?$/.exec(body);
    if (!kv) continue;
    const key = unquote(kv[1]!);
    const value = kv[2] === undefined ? undefined : unquote(kv[2].trim());
    if (section === 'specifiers:' && indent === base + 2 && value !== undefined) importer.set(key, value);
    else if (SECTIONS.test(section) && indent === base + 2) dep = key;
    else if (SECTIONS.test(section) && indent === base + 4 && key === 'specifier' && value !== undefined && dep) importer.set(dep, value);
  }
  // A lockfile that records no dependency at all (a stub, a fresh `lockfileVersion` line) proves nothing about drift.
  return [...out.values()].some((m) => m.size > 0) ? out : undefined;
}

function unquote(s: string): string {
  return /^'.*'$|^".*"$/.test(s) ? s.slice(1, -1).replace(/''/g, "'") : s;
}
