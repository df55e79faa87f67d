import path from 'node:path';
import type { Citation, Detector, Fact } from '../../facts.js';
import { jsonKeyLine } from '../../scan/json-keys.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { allDependencies, type WorkspacePackage } from '../../scan/package-json.js';
import { isGenerated } from '../shared/source-scope.js';
import { rootRunnerOf } from './root-runner.js';
import { isTestFile, mayBeTest, playwrightDirs, playwrightOf, testByFolderOnly, usesTestApi, withoutHelpers, type PlaywrightDir } from './test-files.js';
import { declaredSetupFiles, defaultIncludes, OTHER_RUNNER, runnerOf, unitIncludes } from './runner-files.js';
import { jestMatchers } from './jest-runs.js';
import { excludedByScript } from './script-excludes.js';
import { testLocations, type TestLocation } from './locations.js';
import { scriptRunFiles } from './script-runs.js';
import { readToml } from '../../scan/toml.js';

/** A command that runs a browser-test suite headless (`playwright test`, `cypress run`). */
const RUNS_SUITE = /\bplaywright\s+test\b|\bcypress\s+run\b/;
/** Scripts named for the tests: `test`, `test:unit`, and `tests` / `vitest` when a package has no `test` (`tests: vitest run`). */
const TEST_SCRIPT = /^(tests?|vitest|jest)([:_-][\w:-]+)?$/;
const TEST_NAMED = /^(tests?|vitest|jest)([:_-]|$)/;

export { isTestFile } from './test-files.js';

/** How one package is tested. */
export interface TestSetupData {
  readonly package: string;
  readonly dir: string;
  /** `Vitest`, `Jest`, `Playwright`… from dependencies, config files and `node:test` imports. */
  readonly frameworks: readonly string[];
  readonly configFiles: readonly string[];
  readonly testFileCount: number;
  /**
   * Folders holding tests (repo-relative) with their file counts; `colocated` when tests sit beside the code;
   * `runner` when another tool than the package's runs them (Playwright's `testDir`); `within`, the deepest folder
   * holding all of them when it is below `dir` (`cypress/e2e`).
   */
  readonly locations: readonly TestLocation[];
  /** One test file, for a "run a single file" example. */
  readonly sample?: string;
  /**
   * The Jest config (as a script names it, relative to the package) that runs `sample`, when the package has no
   * default Jest config and only configs its scripts name (`jest --config jest.services.config.ts`).
   */
  readonly sampleConfig?: string;
  /** The package's `test` script as written (not npm's "no test specified" placeholder). */
  readonly script?: string;
  /** The script `script` is, when it is not `test` (`test-unit`). */
  readonly scriptName?: string;
  /** Where the `test` script that runs project files with node is written (`node scripts/test-arc-regressions.js`). */
  readonly scriptAt?: Citation;
  /** Other test scripts of the package (`test:e2e`). */
  readonly otherScripts?: readonly string[];
  /**
   * The package has no runner of its own: the root's Jest or Vitest config runs its tests (no `projects`/`roots`
   * limit, or one that covers the package's folder).
   */
  readonly runBy?: { readonly package: string; readonly framework: string; readonly config: string; readonly script?: string };
}
export type TestSetupFact = Fact<'testing.package', TestSetupData>;

const FRAMEWORKS: readonly { readonly name: string; readonly deps: readonly string[]; readonly config?: RegExp }[] = [
  { name: 'Vitest', deps: ['vitest'], config: /(^|\/)vitest\.(config|workspace)\.[cm]?[jt]s$/ },
  { name: 'Jest', deps: ['jest', 'ts-jest', '@jest/globals'], config: /(^|\/)jest\.config\.([cm]?[jt]s|json)$/ },
  { name: 'Mocha', deps: ['mocha'], config: /(^|\/)\.mocharc(\.\w+)?$/ },
  { name: 'AVA', deps: ['ava'], config: /(^|\/)ava\.config\.[cm]?js$/ },
  { name: 'Playwright', deps: ['@playwright/test', 'playwright'], config: /(^|\/)playwright\.config\.[cm]?[jt]s$/ },
  { name: 'Cypress', deps: ['cypress'], config: /(^|\/)cypress\.config\.[cm]?[jt]s$/ },
  { name: 'uvu', deps: ['uvu'] },
  { name: 'node-tap', deps: ['tap'] },
  { name: 'Testing Library', deps: ['@testing-library/react', '@testing-library/vue', '@testing-library/svelte', '@testing-library/dom'] },
];

const VITE_CONFIG = /(^|\/)vite\.config\.[cm]?[jt]s$/;
/** Frameworks that run unit tests; Testing Library and Playwright alone do not make a package's tests run. */
/** A runner named as a command word in a test script. */
const SCRIPT_RUNNERS: readonly [RegExp, string][] = [
  [/(^|[\s;&|(])vitest(\s|$)/, 'Vitest'],
  [/(^|[\s;&|(])jest(\s|$)/, 'Jest'],
  [/(^|[\s;&|(])mocha(\s|$)/, 'Mocha'],
  [/(^|[\s;&|(])ava(\s|$)/, 'AVA'],
  // Bun's built-in runner: `bun test`, not `bun run test` (a script of that name).
  [/(^|[\s;&|(])bun\s+test(\s|$)/, 'Bun test'],
];
const UNIT_RUNNERS = new Set(['Vitest', 'Jest', 'Mocha', 'AVA', 'uvu', 'node-tap', 'node:test', 'Bun test']);
/** npm's placeholder `test` script runs nothing. */
const PLACEHOLDER_SCRIPT = /no test specified/;

/** Test frameworks, their config files and where the tests live, per package. */
export const testingDetector: Detector = {
  id: 'testing',
  isEnabled: (index) => index.packages.length > 0 || index.files.some(isTestFile),
  detect(index: RepoIndex): Fact[] {
    const byPackage = new Map<string, string[]>();
    for (const file of withoutHelpers(index.files.filter((f) => !isGenerated(index, f) && isTestFile(f)))) {
      const pkg = index.packageOf(file)?.name ?? '';
      const list = byPackage.get(pkg);
      if (list) list.push(file);
      else byPackage.set(pkg, [file]);
    }
    const packages: (WorkspacePackage | { name: string; dir: string; manifest: Record<string, never>; isRoot: true })[] =
      index.packages.length > 0 ? [...index.packages] : [{ name: '', dir: '', manifest: {}, isRoot: true }];
    const facts: TestSetupFact[] = [];
    const playwright = playwrightDirs(index);
    for (const pkg of packages) {
      const tests = byPackage.get(pkg.name) ?? [];
      const data = setupOf(index, pkg, tests, playwright);
      if (data.frameworks.length === 0 && data.testFileCount === 0 && !data.script) continue;
      facts.push({ kind: 'testing.package', id: pkg.name || '.', data, at: [{ file: data.configFiles[0] ?? ('manifestPath' in pkg ? pkg.manifestPath : tests[0]) }] });
    }
    return facts;
  },
};

function setupOf(index: RepoIndex, pkg: { name: string; dir: string; manifest: object; isRoot: boolean }, found: string[], playwright: readonly PlaywrightDir[]): TestSetupData {
  const manifest = pkg.manifest as WorkspacePackage['manifest'];
  let candidates = found;
  const deps = Object.keys(allDependencies(manifest));
  const inPackage = (f: string) => pkg.dir === '' || f.startsWith(`${pkg.dir}/`);
  const ownFiles = (f: string) => inPackage(f) && (index.packageOf(f)?.name ?? '') === pkg.name;
  // A Vite config with a `test:` block is Vitest's config too.
  const viteWithTests = (f: string) => VITE_CONFIG.test(f) && /\btest\s*:/.test(index.read(f) ?? '');
  // The name tests first: they rule out almost every file before the package lookup.
  const configName = (f: string) => FRAMEWORKS.some((fw) => fw.config?.test(f)) || VITE_CONFIG.test(f);
  const configFiles = index
    .filesUnder(pkg.dir)
    .filter((f) => configName(f) && ownFiles(f) && !isGenerated(index, f) && (FRAMEWORKS.some((fw) => fw.config?.test(f)) || viteWithTests(f)));
  const frameworks = FRAMEWORKS.filter(
    (fw) =>
      fw.deps.some((d) => deps.includes(d)) ||
      configFiles.some((f) => fw.config?.test(f) || (fw.name === 'Vitest' && viteWithTests(f))) ||
      (fw.name === 'Jest' && 'jest' in manifest),
  ).map((fw) => fw.name);
  // A test script that runs a runner hoisted to the root (`vitest run`, `pnpm --dir ../.. exec vitest run …`) uses it.
  for (const [k, v] of Object.entries(manifest.scripts ?? {})) {
    if (typeof v !== 'string' || !TEST_NAMED.test(k)) continue;
    for (const [word, name] of SCRIPT_RUNNERS) if (word.test(v) && !frameworks.includes(name)) frameworks.push(name);
  }
  // The unit runner's own include globs (when its config states them), else Jest's and Vitest's defaults, decide
  // which test-folder files are tests; files a config names as setup (`setupFiles`, `supportFile`) never are.
  const declared = declaredConfigs(index, pkg, manifest, configFiles);
  const texts = new Map([...configFiles, ...declared].map((f) => [f, f.endsWith('package.json') ? JSON.stringify((manifest as { jest?: unknown }).jest ?? {}) : (index.read(f) ?? '')]));
  const setupFiles = declaredSetupFiles(texts);
  const scripts = Object.values(manifest.scripts ?? {}).filter((v): v is string => typeof v === 'string');
  const defaults = defaultIncludes(frameworks.filter((f) => UNIT_RUNNERS.has(f)), texts.values(), scripts);
  // Every Jest script's config, read: when Jest is the only unit runner and each of them states its patterns, a
  // test-folder file none of them matches is a helper (`tests/user-shared-steps.ts` beside `.e2e-spec.ts$`).
  const scriptEntries = Object.entries(manifest.scripts ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string' && !PLACEHOLDER_SCRIPT.test(e[1]));
  const jest = jestMatchers(index, pkg.dir, manifest as { jest?: unknown }, scriptEntries, configFiles);
  const stated = unitIncludes(index, configFiles) ?? jestIncludes(jest, frameworks, scripts);
  const includes = stated ?? (defaults && ((f: string) => defaults(f) || /['"]node:test['"]/.test(index.read(f) ?? '')));
  // A config that states its patterns decides what a test is: `test/**/?(*.)+(unit|int|e2e).ts` runs the `*.int.ts`
  // and `*.unit.ts` files that sit in a folder beside `*.e2e.ts` ones, which the naming rule alone takes for helpers.
  if (stated) candidates = withStated(index, pkg.dir, candidates, (f) => stated(f) && ownFiles(f));
  const cypress = frameworks.includes('Cypress');
  // A package with no unit runner and no test script (nor a root Jest or Vitest whose defaults would run a suffix-less
  // file): a file of a `test/` folder is a test only when it uses a test API; else it is code of something named
  // "test" (the contracts of an API's `test` module).
  const runsNothing = !frameworks.some((f) => UNIT_RUNNERS.has(f)) && !scriptEntries.some(([k, v]) => TEST_NAMED.test(k) || RUNS_SUITE.test(v));
  const notRun = (f: string) => runsNothing && testByFolderOnly(f) && index.memo('testing.test-api@1', f, usesTestApi) === false;
  // Playwright as the package's only runner, with a `testDir` of its own: a spec outside that folder (the scaffold's
  // `tests-examples/`) is run by nothing, so it is no test of the package, wherever it sits.
  const ownPlaywright = playwright.filter((p) => ownFiles(p.config) && p.dir !== path.posix.dirname(p.config).replace(/^\.$/, ''));
  const onlyPlaywright = ownPlaywright.length > 0 && !frameworks.some((f) => UNIT_RUNNERS.has(f)) && !cypress && !rootRunnerOf(index, pkg.dir);
  const outsideTestDir = (f: string) => onlyPlaywright && !ownPlaywright.some((p) => p.dir === '' || f.startsWith(`${p.dir}/`));
  const runners = new Map<string, string>(
    candidates.map((f) => {
      const runner = setupFiles.has(f) ? 'helper' : playwrightOf(playwright, f) ? 'playwright' : runnerOf(f, cypress, includes);
      return [f, runner === 'unit' && (notRun(f) || outsideTestDir(f)) ? 'helper' : runner] as const;
    }),
  );
  // Project files the `test` script runs with node (`node scripts/test-arc-regressions.js`): the package's own runners.
  const testScript = scriptEntries.find(([k]) => k === 'test')?.[1];
  const byScript = scriptRunFiles(index, pkg.dir, testScript).filter((f) => !runners.has(f) || runners.get(f) === 'helper');
  for (const f of byScript) runners.set(f, 'script');
  const tests = [...candidates.filter((f) => runners.get(f) !== 'helper'), ...byScript.filter((f) => !candidates.includes(f))];
  if (tests.some((f) => /from ['"]node:test['"]|require\(['"]node:test['"]\)/.test(index.read(f) ?? ''))) frameworks.push('node:test');
  // Bun's runner has no package to depend on: its tests import `bun:test` (`bun test` in a script is found above).
  if (!frameworks.includes('Bun test') && tests.some((f) => /from ['"]bun:test['"]|require\(['"]bun:test['"]\)/.test(index.read(f) ?? ''))) frameworks.push('Bun test');
  // Bun's runner reads its settings from the `[test]` table of the package's bunfig.toml (bun.sh/docs/runtime/bunfig#test-runner).
  const bunfig = frameworks.includes('Bun test') ? bunTestConfig(index, pkg.dir) : undefined;
  const unitTests = tests.filter((f) => runners.get(f) === 'unit');
  const locations = testLocations(tests, pkg.dir, playwright, (f) => runners.get(f));
  if (playwright.some((p) => tests.some((t) => playwrightOf([p], t))) && !frameworks.includes('Playwright')) frameworks.push('Playwright');
  // The `test` script, else `test:unit` / `test-unit` and their kin (a package may have only `test-unit` and `test-e2e`).
  // Then a script named otherwise that runs a suite (`e2e: npx playwright test`), not an interactive mode of it (`--ui`).
  const testScripts = [
    ...scriptEntries.filter(([k]) => TEST_SCRIPT.test(k)),
    ...scriptEntries.filter(([k, v]) => !TEST_NAMED.test(k) && RUNS_SUITE.test(v) && !/--(ui|debug|headed)\b/.test(v)),
  ];
  let chosen = testScripts.find(([k]) => k === 'test') ?? testScripts.find(([k]) => k === 'tests') ?? testScripts.find(([k]) => /unit/.test(k)) ?? testScripts[0];
  // A Jest script whose config (rootDir + testRegex / testMatch) matches none of the tests does not run them: the
  // script whose config does is the one to offer (`jest --config ./test/jest-e2e.json` for `test/**\/*.e2e-spec.ts`).
  // Files the default config's include leaves out (`unmatched`) may be exactly what another script's config runs.
  const jestTests = tests.filter((f) => runners.get(f) === 'unit' || runners.get(f) === 'unmatched');
  const runsNone = (name: string) => jestTests.length > 0 && jest.get(name) !== undefined && !jestTests.some(jest.get(name)!);
  if (chosen && runsNone(chosen[0])) chosen = testScripts.find(([k]) => jest.get(k) && !runsNone(k) && !/watch|cov|debug/.test(k)) ?? chosen;
  const script = chosen?.[1];
  const scriptName = chosen?.[0];
  // Other suites (`test:e2e`), not other modes of the same one (`test:watch`, `test:coverage`).
  const otherScripts = testScripts.map(([k]) => k).filter((k) => k !== scriptName && !/watch|cov|ui$|debug|dev/.test(k) && !runsNone(k));
  // Unit tests with no runner of the package's own: the root's Jest or Vitest config runs them when it covers the folder.
  const ownRunner = script !== undefined || frameworks.some((f) => UNIT_RUNNERS.has(f));
  const runner = !pkg.isRoot && !ownRunner && unitTests.length > 0 ? rootRunnerOf(index, pkg.dir) : undefined;
  const root = runner ? index.packages.find((p) => p.isRoot) : undefined;
  const rootScript = root?.manifest.scripts?.test;
  if (runner) frameworks.unshift(runner.framework);
  // The example file is one the `test` script's runner runs: a unit test, else a Playwright or Cypress spec only when
  // the script is that tool (`npm test -- cypress/e2e/x.cy.ts` after `vitest run` finds no test).
  const spec = tests.find((f) => runners.get(f) === 'playwright' || runners.get(f) === 'cypress');
  const specTool = spec ? (runners.get(spec) === 'playwright' ? /playwright/ : /cypress/) : undefined;
  const runsSample = scriptName ? jest.get(scriptName) : undefined;
  // Not a file the script itself excludes (`mocha --exclude "test/*links.test.js"`): naming it would run nothing.
  const excluded = excludedByScript(script, pkg.dir);
  let sample = (runsSample ? jestTests.find((f) => runsSample(f) && !excluded(f)) : unitTests.find((f) => !excluded(f))) ?? (spec && specTool && (!script || specTool.test(script)) ? spec : undefined);
  // Only when the chosen script does not start Jest itself (`npm run a && npm run b`): else the file goes to its run.
  const named = frameworks.includes('Jest') && !(scriptName && jest.has(scriptName)) && sample && jestTests.includes(sample) ? namedJestSample(pkg, manifest, configFiles, scriptEntries, jest, jestTests) : undefined;
  if (named) sample = named.sample;
  const sampleConfig = named?.sample ? named.config : undefined;
  return {
    package: pkg.name,
    dir: pkg.dir,
    frameworks,
    configFiles: [...configFiles, ...declared, ...(bunfig ? [bunfig] : [])],
    testFileCount: tests.length,
    locations,
    ...(sample ? { sample } : {}),
    ...(sampleConfig ? { sampleConfig } : {}),
    script,
    ...(scriptName && scriptName !== 'test' ? { scriptName } : {}),
    ...(otherScripts.length > 0 ? { otherScripts } : {}),
    ...(byScript.length > 0 ? { scriptAt: scriptLine(index, pkg.dir) } : {}),
    ...(runner
      ? { runBy: { package: root?.name ?? '', framework: runner.framework, config: runner.config, ...(typeof rootScript === 'string' && !PLACEHOLDER_SCRIPT.test(rootScript) ? { script: rootScript } : {}) } }
      : {}),
  };
}

/** The package's bunfig.toml when it has a `[test]` table (a bunfig of install settings only configures no tests). */
function bunTestConfig(index: RepoIndex, dir: string): string | undefined {
  const file = dir ? `${dir}/bunfig.toml` : 'bunfig.toml';
  const text = index.has(file) ? index.read(file) : undefined;
  if (text === undefined) return undefined;
  const test = readToml(text).root.test;
  return test !== undefined && typeof test === 'object' && !Array.isArray(test) ? file : undefined;
}

/**
 * Test configuration that is not a `jest.config.*`-style file: Jest's `"jest"` key in package.json, and a config a
 * test script names (`jest --config ./test/jest-e2e.json`, `vitest -c vitest.e2e.ts`).
 */
function declaredConfigs(index: RepoIndex, pkg: { dir: string }, manifest: WorkspacePackage['manifest'], known: readonly string[]): string[] {
  const out: string[] = [];
  const manifestPath = pkg.dir ? `${pkg.dir}/package.json` : 'package.json';
  if ('jest' in manifest && index.has(manifestPath)) out.push(manifestPath);
  for (const [name, command] of Object.entries(manifest.scripts ?? {})) {
    if (typeof command !== 'string' || !/test|e2e|spec/i.test(name)) continue;
    for (const m of command.matchAll(/\b(?:jest|vitest|mocha)\b[^&|;]*?\s(?:--config|-c)[=\s]+["']?([^\s"']+)/g)) {
      const file = path.posix.normalize(pkg.dir ? `${pkg.dir}/${m[1]}` : m[1]).replace(/^\.\//, '');
      if (index.has(file) && !known.includes(file) && !out.includes(file)) out.push(file);
    }
  }
  return out;
}

/**
 * Jest started without `--config` in a package with no config of its own (no `jest.config.*`, no `"jest"` key) runs
 * with Jest's defaults, not with the configs its scripts name: a file is offered only with a named config that is
 * read to match it (`jest --config jest.services.config.ts test/services/x.test.ts`), else none (`sample` undefined).
 * Undefined when the package has a default config or no script names one (the example stands as it is).
 */
function namedJestSample(
  pkg: { dir: string },
  manifest: object,
  configFiles: readonly string[],
  scripts: readonly (readonly [string, string])[],
  jest: ReadonlyMap<string, ((f: string) => boolean) | undefined>,
  jestTests: readonly string[],
): { sample?: string; config: string } | undefined {
  const ownDefault = 'jest' in manifest || configFiles.some((f) => /^jest\.config\.([cm]?[jt]s|json)$/.test(path.posix.basename(f)) && path.posix.dirname(f).replace(/^\.$/, '') === pkg.dir);
  if (ownDefault) return undefined;
  let first: string | undefined;
  for (const [name, command] of scripts) {
    const config = /\bjest\b[^&|;]*?\s(?:--config|-c)[=\s]+["']?([^\s"']+)/.exec(command)?.[1];
    if (!config) continue;
    first ??= config;
    const runs = jest.get(name);
    const excluded = excludedByScript(command, pkg.dir);
    const sample = runs && jestTests.find((f) => runs(f) && !excluded(f));
    if (sample) return { sample, config };
  }
  return first ? { config: first } : undefined;
}

/**
 * The files the package's Jest scripts run, when Jest is its only unit runner, no script runs another, and every Jest
 * script's config states its patterns readably; else undefined (nothing concluded).
 */
function jestIncludes(jest: ReadonlyMap<string, ((f: string) => boolean) | undefined>, frameworks: readonly string[], scripts: readonly string[]): ((f: string) => boolean) | undefined {
  if (jest.size === 0 || frameworks.some((f) => UNIT_RUNNERS.has(f) && f !== 'Jest') || scripts.some((s) => OTHER_RUNNER.test(s))) return undefined;
  const matchers = [...jest.values()];
  if (matchers.some((m) => m === undefined)) return undefined;
  return (f) => matchers.some((m) => m!(f));
}

/** `candidates` and the package's other source files `runs` matches (one pass over the package's files, in order). */
function withStated(index: RepoIndex, dir: string, candidates: readonly string[], runs: (f: string) => boolean): string[] {
  const known = new Set(candidates);
  const all = index.filesUnder(dir).filter((f) => known.has(f) || (mayBeTest(f) && runs(f) && !isGenerated(index, f)));
  return all.length > known.size ? all : [...candidates];
}

function scriptLine(index: RepoIndex, dir: string): Citation {
  const file = dir ? `${dir}/package.json` : 'package.json';
  const line = jsonKeyLine(index, file, 'scripts', 'test');
  return line === undefined ? { file } : { file, line };
}
