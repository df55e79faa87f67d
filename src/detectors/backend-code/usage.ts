/** Who uses an exported function: files that import it (resolved to its defining file) and mention it again. */
import type { RepoIndex } from '../../scan/repo-index.js';
import { importsOf } from '../shared/ast.js';
import { moduleResolver } from '../shared/resolve-module.js';

export function importersOf(index: RepoIndex, files: readonly string[], definingFile: string, name: string): string[] {
  const resolver = moduleResolver(index);
  const out: string[] = [];
  for (const file of files) {
    if (file === definingFile) continue;
    const text = index.read(file);
    if (!text || !text.includes(name)) continue;
    const sf = index.parse(file);
    if (!sf) continue;
    for (const binding of importsOf(sf).values()) {
      if (binding.imported !== name) continue;
      if (resolver.resolve(file, binding.module) === definingFile) {
        out.push(file);
        break;
      }
    }
  }
  return out.sort();
}
