/**
 * Whether an env schema runs when the application starts. A schema module that the server imports only as a type
 * (`import type { Env } from './env'`, the schema's inferred type) never runs there: its `parse` does not fail startup,
 * so the variables it requires are declared required, not "startup fails if unset". Read from import text alone.
 */
import { moduleResolver } from '../detectors/shared/resolve-module.js';
import { isSourceFile } from '../scan/ts.js';
import type { RepoIndex } from '../scan/repo-index.js';
import { isTestPath } from './env-views.js';

interface ImportSpec {
  readonly module: string;
  /** `import type …`, `export type … from`, or every named binding marked `type`: erased at compile time. */
  readonly typeOnly: boolean;
}

const FROM = /\b(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"\n]+)['"]/g;
const BARE = /\b(?:import\s*\(?|require\s*\()\s*['"]([^'"\n]+)['"]/g;
/** Scripts run by hand (`db/scripts/seed.ts`), not on the application's startup path. */
const SCRIPT = /(^|\/)scripts?\//i;

function importSpecs(text: string): ImportSpec[] {
  const out: ImportSpec[] = [];
  for (const m of text.matchAll(FROM)) {
    const named = /^\{([^}]*)\}$/.exec(m[3].trim())?.[1];
    const parts = named?.split(',').map((p) => p.trim()).filter(Boolean);
    const allTypes = parts !== undefined && parts.length > 0 && parts.every((p) => /^type\s/.test(p));
    out.push({ module: m[4], typeOnly: m[2] !== undefined || allTypes });
  }
  for (const m of text.matchAll(BARE)) out.push({ module: m[1], typeOnly: false });
  return out;
}

/**
 * `false` when the schema module is imported, but only as a type or only by tests and scripts: it never runs at startup.
 * `true` when some application code imports its value, or when nothing imports it (a framework or an entry may load it).
 */
export function schemaRunsAtStartup(index: RepoIndex, schemaFile: string): boolean {
  const stem = schemaFile.replace(/^.*\//, '').replace(/\.[cm]?[jt]sx?$/, '');
  if (stem === schemaFile || stem === '') return true;
  const resolver = moduleResolver(index);
  let imported = false;
  for (const file of index.files) {
    if (file === schemaFile || !isSourceFile(file)) continue;
    const text = index.read(file);
    // Only files whose text names the module's stem can import it.
    if (!text || !text.includes(stem)) continue;
    const specs = index.memo('import-specs@1', file, importSpecs) ?? [];
    for (const s of specs) {
      if (!s.module.includes(stem) || resolver.resolve(file, s.module) !== schemaFile) continue;
      imported = true;
      if (!s.typeOnly && !isTestPath(file) && !SCRIPT.test(file)) return true;
    }
  }
  return !imported;
}
