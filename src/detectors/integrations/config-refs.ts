/**
 * Packages a tool's config file names as a plugin, preset or parser rather than importing it: `plugins: {
 * '@tailwindcss/postcss': {} }` in postcss.config.mjs, ESLint's `plugins: ['check-file']` (eslint-plugin-check-file),
 * Prettier's and Babel's plugin lists, PostCSS's unquoted `plugins: { autoprefixer: {} }` keys, semantic-release's
 * `plugins` (`.releaserc`, `release.config.js`, or the `release` key of package.json) and commitlint's `extends`.
 * Such a dependency is used, though no source file imports it.
 */
import type { RepoIndex } from '../../scan/repo-index.js';

/** Config files of tools that load packages by name (JS, JSON or YAML). */
const CONFIG = /(^|\/)(postcss\.config\.[cm]?[jt]s|\.postcssrc(\.(json|ya?ml|[cm]?js))?|tailwind\.config\.[cm]?[jt]s|\.eslintrc(\.(json|ya?ml|[cm]?js))?|eslint\.config\.[cm]?[jt]s|\.prettierrc(\.(json|ya?ml|[cm]?js))?|prettier\.config\.[cm]?[jt]s|\.babelrc(\.(json|[cm]?js))?|babel\.config\.([cm]?js|json)|\.stylelintrc(\.(json|ya?ml|[cm]?js))?|stylelint\.config\.[cm]?js|\.releaserc(\.(json|ya?ml|[cm]?js))?|release\.config\.[cm]?[jt]s|\.commitlintrc(\.(json|ya?ml|[cm]?js))?|commitlint\.config\.[cm]?[jt]s)$/;
/** A quoted string that can name a package (or an ESLint/Babel short name), in any of those formats. */
const QUOTED = /['"]((?:plugin:)?@?[a-z0-9][\w.-]*(?:\/[\w.-]+)*)['"]/gi;

/**
 * An unquoted object key (`plugins: { tailwindcss: {}, autoprefixer: {} }`, YAML's `autoprefixer: {}`): PostCSS
 * configs name their plugins by key. Only there — other configs' keys (`theme`, `colors`) are options, not packages.
 */
const KEY = /(?:^|[{,\s])([a-z][\w-]*)\s*:(?!\/)/gim;
const POSTCSS = /(^|\/)(postcss\.config\.[cm]?[jt]s|\.postcssrc(\.(ya?ml|[cm]?js))?)$/;

/** The package names a string in a config file can stand for, by the tool's naming conventions. */
function candidates(s: string, tool: 'eslint' | 'babel' | 'other'): string[] {
  const out = new Set<string>();
  const plugin = s.startsWith('plugin:');
  const bare = plugin ? s.slice('plugin:'.length) : s;
  const scoped = bare.startsWith('@');
  const parts = bare.split('/');
  const head = scoped ? parts.slice(0, 2).join('/') : parts[0];
  if (!plugin) out.add(head);
  if (tool === 'eslint' || tool === 'babel') {
    const kinds = tool === 'eslint' ? ['eslint-plugin', 'eslint-config'] : ['babel-plugin', 'babel-preset'];
    if (scoped) {
      // `@scope` → `@scope/eslint-plugin`; `@scope/name` → `@scope/eslint-plugin-name`.
      const [scope, name] = [parts[0], parts[1]];
      for (const k of kinds) out.add(name && !name.startsWith(k) ? `${scope}/${k}-${name}` : `${scope}/${k}`);
    } else {
      for (const k of kinds) if (!head.startsWith(k)) out.add(`${k}-${head}`);
    }
  }
  return [...out];
}

/** The `release` key of a package.json (semantic-release's config there) as text; never the dependency lists. */
function releaseKey(index: RepoIndex, file: string): string | undefined {
  const pkg = index.packages.find((p) => p.manifestPath === file);
  const release = (pkg?.manifest as { release?: unknown } | undefined)?.release;
  return release && typeof release === 'object' ? JSON.stringify(release) : undefined;
}

/** Package name → the config files that name it (repo-relative, sorted), over every config file of the repository. */
export function configReferences(index: RepoIndex): Map<string, string[]> {
  const refs = new Map<string, Set<string>>();
  for (const file of index.files) {
    const manifest = /(^|\/)package\.json$/.test(file);
    if ((!manifest && !CONFIG.test(file)) || file.includes('node_modules/')) continue;
    // A handful of small files: read and scanned each run, nothing of theirs cached.
    const text = manifest ? releaseKey(index, file) : index.read(file);
    if (text === undefined) continue;
    const base = file.slice(file.lastIndexOf('/') + 1);
    const tool = /eslint/.test(base) ? 'eslint' : /babel/.test(base) ? 'babel' : 'other';
    const names = new Set<string>();
    for (const m of text.matchAll(QUOTED)) for (const c of candidates(m[1], tool)) names.add(c);
    if (POSTCSS.test(file)) for (const m of text.matchAll(KEY)) names.add(m[1]);
    for (const name of names) {
      let set = refs.get(name);
      if (!set) refs.set(name, (set = new Set()));
      set.add(file);
    }
  }
  return new Map([...refs].map(([k, v]) => [k, [...v].sort()]));
}
