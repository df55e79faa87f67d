/**
 * Whether an env schema runs when the application starts. A schema module that the server imports only as a type
 * (`import type { Env } from './env'`, the schema's inferred type) never runs there: its `parse` does not fail startup,
 * so the variables it requires are declared required, not "startup fails if unset". Read from import text alone.
 */
import { moduleReferencesOf } from '../detectors/shared/import-text.js';
import { moduleResolver } from '../detectors/shared/resolve-module.js';
import { isSourceFile } from '../scan/ts.js';
import type { RepoIndex } from '../scan/repo-index.js';
import { isTestPath } from './env-views.js';

/** Scripts run by hand (`db/scripts/seed.ts`), not on the application's startup path. */
const SCRIPT = /(^|\/)scripts?\//i;

/**
 * `false` when the schema module is imported, but only as a type or only by tests and scripts: it never runs at startup.
 * `true` when some application code imports its value, or when nothing imports it (a framework or an entry may load it).
 */
export function schemaRunsAtStartup(index: RepoIndex, schemaFile: string): boolean {
  return schemaImport(index, schemaFile) !== 'type-or-scripts';
}

/**
 * How the schema module is imported: its value by application code (`value`), only as a type or only by tests and
 * scripts, or by nothing (`none`: only an entry or a framework could load it).
 */
export function schemaImport(index: RepoIndex, schemaFile: string): 'value' | 'type-or-scripts' | 'none' {
  const stem = schemaFile.replace(/^.*\//, '').replace(/\.[cm]?[jt]sx?$/, '');
  if (stem === schemaFile || stem === '') return 'value';
  const resolver = moduleResolver(index);
  let imported = false;
  for (const file of index.files) {
    if (file === schemaFile || !isSourceFile(file)) continue;
    const text = index.read(file);
    // Only files whose text names the module's stem can import it.
    if (!text || !text.includes(stem)) continue;
    for (const s of moduleReferencesOf(index, file)) {
      if (!s.module.includes(stem) || resolver.resolve(file, s.module) !== schemaFile) continue;
      imported = true;
      if (!s.typeOnly && !isTestPath(file) && !SCRIPT.test(file)) return 'value';
    }
  }
  return imported ? 'type-or-scripts' : 'none';
}
