/** package.json `imports` maps (`"#app/*": "./app/*"`): Node's subpath imports, which TypeScript resolves too. */
import path from 'node:path';
import type { RepoIndex } from '../../scan/repo-index.js';

export interface PackageScope {
  /** Folder of the package.json ('' for the root). */
  readonly dir: string;
  readonly imports: Readonly<Record<string, unknown>>;
}

/** The nearest package.json above a folder (Node's package scope) and its `imports` map, cached per folder. */
export class PackageScopes {
  private readonly scopes = new Map<string, PackageScope | null>();

  constructor(private readonly index: RepoIndex) {}

  /** undefined when the nearest package.json has no `imports` map (Node looks no further up). */
  of(dir: string): PackageScope | undefined {
    const key = dir === '.' ? '' : dir;
    const cached = this.scopes.get(key);
    if (cached !== undefined) return cached ?? undefined;
    let found: PackageScope | null = null;
    const file = key ? `${key}/package.json` : 'package.json';
    if (this.index.has(file)) {
      let imports: unknown;
      try {
        imports = (JSON.parse(this.index.read(file) ?? '{}') as { imports?: unknown }).imports;
      } catch {
        imports = undefined;
      }
      found = imports && typeof imports === 'object' ? { dir: key, imports: imports as Record<string, unknown> } : null;
    } else if (key !== '') {
      found = this.of(key.includes('/') ? path.posix.dirname(key) : '') ?? null;
    }
    this.scopes.set(key, found);
    return found ?? undefined;
  }
}

/** Targets of one `imports` entry: a string, conditions (types and source-like first), or a list. */
export function importTargets(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(importTargets);
  if (!value || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  const keys = [...['types', 'import', 'module', 'node', 'default', 'require'].filter((k) => k in record), ...Object.keys(record)];
  return [...new Set(keys)].flatMap((k) => importTargets(record[k]));
}
