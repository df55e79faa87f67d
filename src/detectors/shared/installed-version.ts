/**
 * The major version of a dependency a package uses: the lockfile's resolved version when a lockfile names it, else the
 * lowest major the declared range allows (`^1.2.3`, `~1.2`, `1.x`, `1.6.10`). Undefined when neither tells (`*`,
 * `latest`, `>=1`, `workspace:`, a git URL): defaults that changed between majors are then not claimed.
 */
import type { RepoIndex } from '../../scan/repo-index-types.js';

const DEP_FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'] as const;

export function installedMajor(index: RepoIndex, dir: string, name: string): number | undefined {
  const manifest = index.readJson<Record<string, unknown>>(dir ? `${dir}/package.json` : 'package.json');
  const range = declaredRange(manifest, name);
  for (let d: string | undefined = dir; d !== undefined; d = parent(d)) {
    // A link (`file:../../node_modules/.pnpm/astro@1.6.12/…`) is no version: the declared range decides then.
    const locked = majorOf(lockedVersion(index, d, dir, name, range) ?? '');
    if (locked !== undefined) return locked;
    // A folder with its own lockfile that does not name the package: a parent's lockfile is not this package's.
    if (LOCKFILES.some((f) => index.has(d ? `${d}/${f}` : f))) break;
  }
  return range === undefined ? undefined : rangeMajor(range);
}

function declaredRange(manifest: Record<string, unknown> | undefined, name: string): string | undefined {
  for (const field of DEP_FIELDS) {
    const deps = manifest?.[field];
    if (deps && typeof deps === 'object' && typeof (deps as Record<string, unknown>)[name] === 'string') return (deps as Record<string, string>)[name];
  }
  return undefined;
}

/** `^1.2.3` → 1, `~0.9` → 0, `1.x` → 1, `=2.0.0` → 2; a range with no lowest major of its own (`*`, `>=1`, `1 || 2`) → undefined. */
export function rangeMajor(range: string): number | undefined {
  const m = /^\s*[\^~=v]?\s*(\d+)(?:\.(?:\d+|x|\*)){0,2}(?:[-+][\w.]*)?\s*$/.exec(range);
  return m ? Number(m[1]) : undefined;
}

function majorOf(version: string): number | undefined {
  const m = /^(\d+)\.\d+/.exec(version);
  return m ? Number(m[1]) : undefined;
}

const LOCKFILES = ['pnpm-lock.yaml', 'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock'];

function parent(dir: string): string | undefined {
  if (dir === '') return undefined;
  const i = dir.lastIndexOf('/');
  return i < 0 ? '' : dir.slice(0, i);
}

function lockedVersion(index: RepoIndex, lockDir: string, dir: string, name: string, range: string | undefined): string | undefined {
  const at = (f: string): string => (lockDir ? `${lockDir}/${f}` : f);
  const rel = lockDir ? dir.slice(lockDir.length + 1) : dir;
  const pnpm = index.read(at('pnpm-lock.yaml'));
  if (pnpm !== undefined) return pnpmVersion(pnpm, rel, name);
  for (const f of ['package-lock.json', 'npm-shrinkwrap.json']) {
    const lock = index.readJson<{ packages?: Record<string, { version?: string }>; dependencies?: Record<string, { version?: string }> }>(at(f));
    if (!lock) continue;
    const own = lock.packages?.[`${rel ? `${rel}/` : ''}node_modules/${name}`]?.version ?? lock.packages?.[`node_modules/${name}`]?.version;
    return own ?? lock.dependencies?.[name]?.version;
  }
  const yarn = index.read(at('yarn.lock'));
  return yarn !== undefined && range !== undefined ? yarnVersion(yarn, name, range) : undefined;
}

/**
 * The version a pnpm lockfile resolved for one importer's dependency, by its indentation: lockfile 5
 * (`      astro: 1.6.10_xyz`) and 6+ (`      astro:` / `        version: 1.6.10(...)`); a single-package lockfile has
 * its dependency sections at the top level.
 */
function pnpmVersion(text: string, rel: string, name: string): string | undefined {
  const lines = text.split('\n');
  const hasImporters = lines.some((l) => l === 'importers:');
  let start = 0;
  let base = 0;
  if (hasImporters) {
    const key = rel || '.';
    start = lines.findIndex((l) => l === `  ${key}:` || l === `  '${key}':`) + 1;
    if (start === 0) return undefined;
    base = 4;
  }
  const quoted = new RegExp(`^ {${base + 2}}(?:${escape(name)}|'${escape(name)}'):(?: (\\S+))?$`);
  let section = '';
  for (let i = start; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const indent = line.length - line.trimStart().length;
    if (indent < base) break;
    if (indent === base) section = line.trim();
    if (!/^(dependencies|devDependencies|optionalDependencies):$/.test(section)) continue;
    const m = quoted.exec(line);
    if (!m) continue;
    if (m[1]) return m[1].replace(/^['"]|['"]$/g, '');
    const next = /^\s+version: '?([^\s']+)/.exec(lines[i + 1] ?? '') ?? /^\s+version: '?([^\s']+)/.exec(lines[i + 2] ?? '');
    return next?.[1];
  }
  return undefined;
}

/** The `version` under the yarn.lock entry whose header names `name@range` (classic and berry's `name@npm:range`). */
function yarnVersion(text: string, name: string, range: string): string | undefined {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\s/.test(line) || !line.endsWith(':')) continue;
    const specs = line.slice(0, -1).split(/,\s*/).map((s) => s.replace(/^"|"$/g, ''));
    if (!specs.some((s) => s === `${name}@${range}` || s === `${name}@npm:${range}`)) continue;
    for (let j = i + 1; j < lines.length && /^\s/.test(lines[j]!); j++) {
      const v = /^\s+version:?\s+"?([^"\s]+)"?/.exec(lines[j]!);
      if (v) return v[1];
    }
  }
  return undefined;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
