import type { RepoIndex } from '../../scan/repo-index.js';

/** pnpm catalogs: catalog name ('default' for `catalog:`) → dependency → version range. */
export type Catalogs = ReadonlyMap<string, ReadonlyMap<string, string>>;

/**
 * Reads `catalog:` and `catalogs:` from pnpm-workspace.yaml without a YAML dependency: both are flat two- or
 * three-level maps of `name: range`, which is all this needs.
 */
export function pnpmCatalogs(index: RepoIndex): Catalogs {
  const text = index.read('pnpm-workspace.yaml') ?? index.read('pnpm-workspace.yml');
  const out = new Map<string, Map<string, string>>();
  if (!text) return out;
  let section: 'catalog' | 'catalogs' | null = null;
  let current: Map<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s+#.*$/, '');
    if (!line.trim()) continue;
    const indent = line.length - line.trimStart().length;
    const m = line.trim().match(/^(["']?)([^"':]+)\1\s*:\s*(.*)$/);
    if (indent === 0) {
      section = m?.[2] === 'catalog' ? 'catalog' : m?.[2] === 'catalogs' ? 'catalogs' : null;
      current = section === 'catalog' ? ensure(out, 'default') : undefined;
      continue;
    }
    if (!m || !section) continue;
    const value = m[3].trim().replace(/^["']|["']$/g, '');
    if (section === 'catalogs' && !value) current = ensure(out, m[2]);
    else if (current && value) current.set(m[2], value);
  }
  return out;
}

/** The range a `catalog:` / `catalog:name` specifier stands for, if the workspace file declares it. */
export function fromCatalog(catalogs: Catalogs, dependency: string, specifier: string): string | undefined {
  const m = specifier.match(/^catalog:(.*)$/);
  if (!m) return undefined;
  return catalogs.get(m[1].trim() || 'default')?.get(dependency);
}

function ensure(map: Map<string, Map<string, string>>, key: string): Map<string, string> {
  let v = map.get(key);
  if (!v) map.set(key, (v = new Map()));
  return v;
}
