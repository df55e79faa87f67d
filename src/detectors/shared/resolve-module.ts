/**
 * Resolves import specifiers to repository files without a compiler program: relative paths, tsconfig `paths`
 * (read as text, following relative `extends` and `references`), the conventional `@/` and `~/` aliases, and
 * workspace packages by name (to their source entry). Only files the index lists are ever returned.
 */
import path from 'node:path';
import type { RepoIndex } from '../../scan/repo-index.js';
import type { PackageJson, WorkspacePackage } from '../../scan/package-json.js';
import { ts } from '../../scan/ts.js';
import { importTargets, PackageScopes } from './package-imports.js';

const EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts', '.astro', '.vue', '.svelte'];
const INDEXES = ['/index.ts', '/index.tsx', '/index.js', '/index.jsx', '/index.mjs'];

interface PathMapping {
  readonly baseDir: string;
  readonly entries: readonly (readonly [pattern: string, targets: readonly string[]])[];
}

interface TsConfigJson {
  readonly extends?: string | string[];
  readonly references?: { path?: string }[];
  readonly compilerOptions?: { baseUrl?: string; paths?: Record<string, string[]> };
}

export interface ModuleResolver {
  /** The repository file `specifier` imports from `fromFile`, or undefined (npm packages, unknown aliases). */
  resolve(fromFile: string, specifier: string): string | undefined;
  /** Source entry of a workspace package (`src/index.ts` for a `dist/index.js` main), if it can be found. */
  packageEntry(pkg: WorkspacePackage): string | undefined;
}

const resolvers = new WeakMap<RepoIndex, ModuleResolver>();

export function moduleResolver(index: RepoIndex): ModuleResolver {
  let resolver = resolvers.get(index);
  if (!resolver) {
    resolver = new Resolver(index);
    resolvers.set(index, resolver);
  }
  return resolver;
}

const posix = path.posix;

class Resolver implements ModuleResolver {
  private readonly mappings = new Map<string, PathMapping | null>();
  private readonly byName = new Map<string, WorkspacePackage>();
  private readonly scopes: PackageScopes;

  constructor(private readonly index: RepoIndex) {
    for (const pkg of index.packages) if (!this.byName.has(pkg.name)) this.byName.set(pkg.name, pkg);
    this.scopes = new PackageScopes(index);
  }

  /** `${folder}\0${specifier}` → result: resolution depends only on the importing file's folder, and a monorepo's
   * files import the same few modules thousands of times. */
  private readonly resolved = new Map<string, string | undefined>();

  resolve(fromFile: string, specifier: string): string | undefined {
    const slash = fromFile.lastIndexOf('/');
    const key = `${slash === -1 ? '' : fromFile.slice(0, slash)}\0${specifier}`;
    if (this.resolved.has(key)) return this.resolved.get(key);
    const found = this.resolveUncached(fromFile, specifier);
    this.resolved.set(key, found);
    return found;
  }

  private resolveUncached(fromFile: string, specifier: string): string | undefined {
    if (specifier.startsWith('.')) return this.file(posix.join(posix.dirname(fromFile), specifier));
    if (specifier.startsWith('/') || specifier.includes(':')) return undefined;
    if (specifier.startsWith('#')) {
      const found = this.subpathImport(posix.dirname(fromFile), specifier);
      if (found) return found;
    }
    const mapping = this.mappingFor(posix.dirname(fromFile));
    if (mapping) {
      for (const [pattern, targets] of mapping.entries) {
        const star = matchPattern(pattern, specifier);
        if (star === undefined) continue;
        for (const target of targets) {
          const found = this.file(posix.join(mapping.baseDir, target.replace('*', star)));
          if (found) return found;
        }
      }
    }
    // Vite's `resolve.alias` is code we do not run; `@/x` and `~/x` conventionally mean the package's `src/x`.
    const alias = /^[@~#]\/(.*)$/.exec(specifier);
    if (alias) {
      const dir = this.index.packageOf(fromFile)?.dir ?? '';
      return this.file(posix.join(dir, 'src', alias[1])) ?? this.file(posix.join(dir, alias[1]));
    }
    const [name, subpath] = splitPackage(specifier);
    const pkg = this.byName.get(name);
    if (!pkg) return undefined;
    return subpath ? this.file(posix.join(pkg.dir, 'src', subpath)) ?? this.file(posix.join(pkg.dir, subpath)) ?? this.exportSubpath(pkg, subpath) : this.packageEntry(pkg);
  }

  /** package.json `exports` naming the subpath (`"./server": "./src/server.env.ts"`), when the folder guess finds nothing. */
  private exportSubpath(pkg: WorkspacePackage, subpath: string): string | undefined {
    const exports = pkg.manifest.exports;
    if (!exports || typeof exports !== 'object' || Array.isArray(exports)) return undefined;
    const value = (exports as Record<string, unknown>)[`./${subpath}`];
    for (const target of importTargets(value).filter((t) => t.startsWith('./'))) {
      const found = this.sourceOf(posix.join(pkg.dir, target));
      if (found) return found;
    }
    return undefined;
  }

  /** package.json `imports` (`"#app/*": "./app/*"`) of the nearest package.json, as Node and TypeScript read it. */
  private subpathImport(dir: string, specifier: string): string | undefined {
    const scope = this.scopes.of(dir);
    if (!scope) return undefined;
    for (const [pattern, value] of Object.entries(scope.imports)) {
      const star = matchPattern(pattern, specifier);
      if (star === undefined) continue;
      const targets = importTargets(value).filter((t) => t.startsWith('./')).map((t) => posix.join(scope.dir, t.replaceAll('*', star)));
      // A target that exists (or is its .js name's .ts source) wins over guessing the source of a built file.
      for (const target of targets) {
        const found = this.file(target.replace(/\.d\.([mc]?)ts$/, '.$1js'));
        if (found) return found;
      }
      for (const target of targets) {
        const found = this.sourceOf(target);
        if (found) return found;
      }
    }
    return undefined;
  }

  packageEntry(pkg: WorkspacePackage): string | undefined {
    const m = pkg.manifest;
    const candidates = [...exportTargets(m.exports), m.types, m.typings, m.module, m.main].filter(
      (c): c is string => typeof c === 'string',
    );
    for (const c of candidates) {
      const found = this.sourceOf(posix.join(pkg.dir, c));
      if (found) return found;
    }
    for (const c of ['src/index', 'index', 'lib/index', 'src/main']) {
      const found = this.file(posix.join(pkg.dir, c));
      if (found) return found;
    }
    return undefined;
  }

  /** A built file's source: `dist/index.d.ts` → `src/index.ts` when the repository has it, else the file itself. */
  private sourceOf(built: string): string | undefined {
    const stem = built.replace(/\.d\.[mc]?ts$/, '').replace(/\.[mc]?[jt]sx?$/, '');
    const src = stem.replace(/(^|\/)(dist|lib|build|out|esm|cjs|types)(\/(esm|cjs|types))?\//, '$1src/');
    return this.file(src) ?? this.file(stem) ?? (this.index.has(built) ? built : undefined);
  }

  private file(candidate: string): string | undefined {
    const f = posix.normalize(candidate).replace(/^\.\//, '').replace(/\/$/, '');
    if (f.startsWith('..')) return undefined;
    if (/\.[a-z]+$/i.test(f) && this.index.has(f)) return f;
    const jsAsTs = /\.(m?)js$/.exec(f);
    if (jsAsTs) {
      const stem = f.slice(0, -jsAsTs[0].length);
      for (const ext of jsAsTs[1] ? ['.mts'] : ['.ts', '.tsx']) if (this.index.has(stem + ext)) return stem + ext;
    }
    for (const ext of EXTENSIONS) if (this.index.has(f + ext)) return f + ext;
    for (const ext of INDEXES) if (this.index.has(f + ext)) return f + ext;
    return undefined;
  }

  private mappingFor(dir: string): PathMapping | undefined {
    const chain: string[] = [];
    let found: PathMapping | null | undefined;
    for (let d = dir; ; d = d.includes('/') ? posix.dirname(d) : '') {
      const cached = this.mappings.get(d);
      if (cached !== undefined) {
        found = cached;
        break;
      }
      chain.push(d);
      // A JavaScript project declares the same `paths` in jsconfig.json (Next.js, Vite).
      const config = ['tsconfig.json', 'jsconfig.json'].map((name) => (d ? `${d}/${name}` : name)).find((f) => this.index.has(f));
      if (config) {
        found = this.readMapping(config, new Set()) ?? null;
        break;
      }
      if (d === '') {
        found = null;
        break;
      }
    }
    for (const d of chain) this.mappings.set(d, found ?? null);
    return found ?? undefined;
  }

  private readMapping(config: string, seen: Set<string>): PathMapping | undefined {
    if (seen.has(config) || seen.size > 8) return undefined;
    seen.add(config);
    const json = readTsConfig(this.index, config);
    if (!json) return undefined;
    const dir = posix.dirname(config) === '.' ? '' : posix.dirname(config);
    // `compilerOptions` merge down the `extends` chain: `paths` here and `baseUrl` in the file it extends (or the
    // other way round) make one mapping, as TypeScript reads them.
    const { paths, pathsDir, baseDir } = this.inherited(config, new Set());
    // A `baseUrl` alone also maps: TypeScript resolves `components/cart/actions` against it (after `paths`).
    const fromBase: [string, string[]][] = baseDir !== undefined ? [['*', ['*']]] : [];
    if (paths || fromBase.length > 0) {
      const entries = Object.entries(paths ?? {}).filter(
        (e): e is [string, string[]] => Array.isArray(e[1]) && e[1].every((t) => typeof t === 'string'),
      );
      return { baseDir: baseDir ?? pathsDir ?? dir, entries: [...entries, ...fromBase] };
    }
    const related = (json.references ?? []).map((r) => r.path).filter((p): p is string => typeof p === 'string');
    for (const rel of related) {
      const mapping = this.readMapping(this.configPath(dir, rel), seen);
      if (mapping) return mapping;
    }
    return undefined;
  }

  /** The `paths` and `baseUrl` a config has or inherits through relative `extends` (its own first). */
  private inherited(config: string, seen: Set<string>): { paths?: Record<string, string[]>; pathsDir?: string; baseDir?: string } {
    if (seen.has(config) || seen.size > 8) return {};
    seen.add(config);
    const json = readTsConfig(this.index, config);
    if (!json) return {};
    const dir = posix.dirname(config) === '.' ? '' : posix.dirname(config);
    const options = json.compilerOptions ?? {};
    let paths = options.paths && typeof options.paths === 'object' ? options.paths : undefined;
    let pathsDir = paths ? dir : undefined;
    let baseDir = typeof options.baseUrl === 'string' ? posix.join(dir, options.baseUrl) : undefined;
    const parents = (Array.isArray(json.extends) ? json.extends : json.extends ? [json.extends] : []).filter((e) => typeof e === 'string' && e.startsWith('.'));
    // Later entries of an `extends` list win over earlier ones; the config's own options over all of them.
    for (const rel of [...parents].reverse()) {
      if (paths && baseDir !== undefined) break;
      const up = this.inherited(this.configPath(dir, rel), seen);
      if (!paths && up.paths) [paths, pathsDir] = [up.paths, up.pathsDir];
      if (baseDir === undefined && up.baseDir !== undefined) baseDir = up.baseDir;
    }
    return { paths, pathsDir, baseDir };
  }

  private configPath(dir: string, rel: string): string {
    const target = posix.join(dir, rel);
    if (target.endsWith('.json')) return target;
    return this.index.has(`${target}.json`) ? `${target}.json` : `${target}/tsconfig.json`;
  }
}

/** tsconfig files allow comments and trailing commas; TypeScript's own reader handles both. */
export function readTsConfig(index: RepoIndex, file: string): TsConfigJson | undefined {
  const text = index.read(file);
  if (text === undefined) return undefined;
  const { config } = ts.parseConfigFileTextToJson(file, text);
  return config && typeof config === 'object' ? (config as TsConfigJson) : undefined;
}

function matchPattern(pattern: string, specifier: string): string | undefined {
  const star = pattern.indexOf('*');
  if (star === -1) return pattern === specifier ? '' : undefined;
  const prefix = pattern.slice(0, star);
  const suffix = pattern.slice(star + 1);
  if (!specifier.startsWith(prefix) || !specifier.endsWith(suffix) || specifier.length < prefix.length + suffix.length) {
    return undefined;
  }
  return specifier.slice(prefix.length, specifier.length - suffix.length);
}

function splitPackage(specifier: string): [string, string] {
  const parts = specifier.split('/');
  const n = specifier.startsWith('@') ? 2 : 1;
  return [parts.slice(0, n).join('/'), parts.slice(n).join('/')];
}

/** Targets of package.json `exports["."]` (or a string `exports`), types first. */
function exportTargets(exports: PackageJson['exports']): string[] {
  if (typeof exports === 'string') return [exports];
  if (!exports || typeof exports !== 'object') return [];
  const root = (exports as Record<string, unknown>)['.'] ?? exports;
  const out: string[] = [];
  const visit = (value: unknown): void => {
    if (typeof value === 'string') out.push(value);
    else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      for (const key of ['types', 'import', 'module', 'default', 'require', 'node']) if (key in record) visit(record[key]);
    }
  };
  visit(root);
  return out;
}
