import type { WorkspacePackage } from '../../scan/package-json.js';
import type { RepoIndex } from '../../scan/repo-index.js';

const cache = new WeakMap<RepoIndex, Map<WorkspacePackage, string[]>>();

/**
 * Each file under its innermost package (a map lookup per parent folder, so linear in files), computed once per index
 * and shared by the stack and packages detectors. Files outside any package are left out.
 */
export function filesByPackage(index: RepoIndex): Map<WorkspacePackage, string[]> {
  const cached = cache.get(index);
  if (cached) return cached;
  const byDir = new Map(index.packages.map((p) => [p.dir, p]));
  const out = new Map<WorkspacePackage, string[]>(index.packages.map((p) => [p, []]));
  for (const file of index.files) {
    let pkg: WorkspacePackage | undefined;
    for (let i = file.lastIndexOf('/'); i > 0 && !pkg; i = file.lastIndexOf('/', i - 1)) pkg = byDir.get(file.slice(0, i));
    pkg ??= byDir.get('');
    if (pkg) out.get(pkg)!.push(file);
  }
  cache.set(index, out);
  return out;
}
