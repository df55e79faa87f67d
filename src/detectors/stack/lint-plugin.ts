/**
 * A workspace package that is a plugin of the repository's own lint or format tools: named so (`oxlint-plugin`,
 * `eslint-plugin-acme`, `acme-prettier-plugin`), or loaded by a lint/format config (`.oxlintrc.json` `jsPlugins`
 * `"specifier": "./packages/oxlint-plugin/src/index.ts"`, an ESLint config's import, a Prettier `plugins` entry).
 * Such a package is internal tooling when no code imports it: it checks the product, it is no part of it.
 */
import path from 'node:path';
import type { RepoIndex } from '../../scan/repo-index.js';
import type { WorkspacePackage } from '../../scan/package-json.js';
import { closingBracket } from '../shared/text-scan.js';
import { moduleReferences } from '../shared/import-text.js';
import { isBuildOrVendor } from '../shared/source-scope.js';

const TOOLS = 'eslint|oxlint|prettier|stylelint|biome';
/** `oxlint-plugin`, `eslint-plugin-acme`, `acme-eslint-plugin`, `prettier-plugin-sql`. */
const PLUGIN_NAME = new RegExp(`^(?:(${TOOLS})-plugin(?:-[\\w.-]+)?|[\\w.-]+-(${TOOLS})-plugin)$`, 'i');
const LINT_CONFIG = /(^|\/)(\.oxlintrc(\.json)?|oxlint\.config\.[cm]?[jt]s|\.eslintrc(\.[cm]?js|\.json|\.ya?ml)?|eslint\.config\.[cm]?[jt]s|\.prettierrc(\.[cm]?js|\.json|\.ya?ml)?|prettier\.config\.[cm]?[jt]s|\.stylelintrc(\.[cm]?js|\.json|\.ya?ml)?|stylelint\.config\.[cm]?[jt]s|biome\.jsonc?)$/;
const PLUGINS_KEY = /["']?\b(?:jsPlugins|plugins)["']?\s*:\s*\[/g;

interface Loaded {
  readonly file: string;
  readonly line?: number;
  /** The specifier as written: a module name or a path resolved from the config's folder. */
  readonly target: string;
}

const cache = new WeakMap<RepoIndex, Loaded[]>();

/** What the repository's lint/format configs load: their `plugins` / `jsPlugins` entries and a JS config's imports. */
function loadedByLintConfigs(index: RepoIndex): Loaded[] {
  let out = cache.get(index);
  if (out) return out;
  out = [];
  for (const file of index.files) {
    if (!LINT_CONFIG.test(file) || isBuildOrVendor(index, file)) continue;
    const text = index.read(file);
    if (!text) continue;
    const dir = path.posix.dirname(file);
    const add = (spec: string, offset: number) => {
      const target = spec.startsWith('.') ? path.posix.normalize(path.posix.join(dir, spec)) : spec;
      out!.push({ file, line: index.lineAt(file, offset), target });
    };
    for (const m of text.matchAll(PLUGINS_KEY)) {
      const open = m.index + m[0].length - 1;
      const close = closingBracket(text, open);
      const body = text.slice(open + 1, close === -1 ? text.length : close);
      for (const s of body.matchAll(/(['"`])([^'"`\n]+)\1/g)) add(s[2], open + 1 + s.index);
    }
    if (/\.[cm]?[jt]s$/.test(file)) for (const r of moduleReferences(text)) add(r.module, Math.max(0, text.indexOf(r.module)));
  }
  cache.set(index, out);
  return out;
}

/** Why the package is a lint/format plugin (its name, or the config that loads it), or undefined. */
export function lintPluginBecause(pkg: WorkspacePackage, index?: RepoIndex): string | undefined {
  const short = pkg.name.replace(/^@[^/]+\//, '');
  if (PLUGIN_NAME.test(short)) return `its package name, ${pkg.name} (a lint/format tool's plugin)`;
  if (!index || pkg.isRoot || !pkg.dir) return undefined;
  const hit = loadedByLintConfigs(index).find(
    (l) => l.target === pkg.name || l.target.startsWith(`${pkg.name}/`) || l.target === pkg.dir || l.target.startsWith(`${pkg.dir}/`),
  );
  return hit ? `loaded as a plugin by ${hit.file}${hit.line ? `:${hit.line}` : ""}` : undefined;
}
