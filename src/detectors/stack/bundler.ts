/**
 * Which bundler builds a package. What builds the app — the commands its scripts run, then the config files beside
 * its manifest — decides before a bare dependency: a stray `vite` devDependency in a package whose scripts run
 * `webpack serve` does not make it a Vite app (and its `VITE_` variables are then not inlined).
 */

/** Command names in scripts → the package that provides them. */
const COMMANDS: Record<string, string> = {
  vite: 'vite',
  vitepress: 'vitepress',
  webpack: 'webpack',
  'webpack-cli': 'webpack',
  'webpack-dev-server': 'webpack',
  'react-scripts': 'react-scripts',
  // CRA wrappers: react-scripts still builds (and decides which variables reach browser code).
  craco: 'react-scripts',
  'react-app-rewired': 'react-scripts',
  parcel: 'parcel',
  rsbuild: '@rsbuild/core',
  'vue-cli-service': '@vue/cli-service',
  esbuild: 'esbuild',
};
// A command at the start of a script or after `&&`, `;`, `|`, `(`, a quote (`concurrently "vite" …`), env assignments,
// cross-env, npx and the like; not a word in an argument (`eslint vite.config.ts`, `echo webpack`).
const COMMAND = new RegExp(
  String.raw`(?:^|[;&|("']\s*)(?:[A-Za-z_]\w*=\S*\s+)*(?:cross-env\s+(?:[A-Za-z_]\w*=\S*\s+)*)?(?:(?:npx|bunx|pnpx)\s+(?:--?[\w-]+\s+)*|(?:pnpm|yarn)\s+(?:exec\s+)?|npm\s+exec\s+(?:--\s+)?)?(${Object.keys(COMMANDS).map((c) => c.replace(/-/g, '\\-')).join('|')})(?=\s|$|["'])`,
  'g',
);
/** Config files (in the package folder itself) → the package whose config they are. */
const CONFIGS: readonly (readonly [RegExp, string])[] = [
  [/^vite\.config\.[cm]?[jt]s$/, 'vite'],
  [/^webpack\.config(\.[\w-]+)?\.[cm]?[jt]s$/, 'webpack'],
  [/^rsbuild\.config\.[cm]?[jt]s$/, '@rsbuild/core'],
  [/^vue\.config\.[cm]?[jt]s$/, '@vue/cli-service'],
  [/^craco\.config\.[cm]?[jt]s$/, 'react-scripts'],
];

/** The bundlers the package's scripts run, by package name. */
export function scriptBundlers(scripts: unknown): Set<string> {
  const out = new Set<string>();
  if (!scripts || typeof scripts !== 'object') return out;
  for (const command of Object.values(scripts as Record<string, unknown>)) {
    if (typeof command !== 'string') continue;
    for (const m of command.matchAll(COMMAND)) out.add(COMMANDS[m[1]]);
  }
  return out;
}

/** The bundlers whose config file is among `names` (file names relative to the package folder). */
export function configBundlers(names: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const name of names) for (const [re, tool] of CONFIGS) if (re.test(name)) out.add(tool);
  return out;
}

/**
 * The bundler of a package, from `candidates` in order of preference: the first one its scripts run, else the first
 * whose config file it has, else the first it depends on. `fromDependency` says the answer rests on a dependency alone.
 */
export function chooseBundler(
  candidates: readonly string[],
  deps: Readonly<Record<string, unknown>>,
  scripts: unknown,
  files: readonly string[],
): { tool: string; by: 'scripts' | 'config' | 'dependency' } | undefined {
  const run = scriptBundlers(scripts);
  const byScript = candidates.find((c) => run.has(c));
  if (byScript) return { tool: byScript, by: 'scripts' };
  const configs = configBundlers(files);
  const byConfig = candidates.find((c) => configs.has(c));
  if (byConfig) return { tool: byConfig, by: 'config' };
  const byDep = candidates.find((c) => c in deps);
  return byDep ? { tool: byDep, by: 'dependency' } : undefined;
}
