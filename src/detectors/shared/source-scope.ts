/**
 * Which files count as application source when a detector scans code broadly (backend code, HTTP routes, ORM
 * schemas): build output, dependencies, tests and fixtures describe nothing the application does at run time.
 */
import type { RepoIndex } from '../../scan/repo-index-types.js';
import { isSourceFile } from '../../scan/ts.js';

/**
 * Yarn Berry's own files, committed by projects that use it: `.yarn/releases/yarn-x.cjs` (Yarn itself, megabytes of
 * bundled JavaScript), `.yarn/plugins`, `.yarn/sdks` and the Plug'n'Play loaders. Read as the project's code they
 * listed Yarn's environment variables and imports as the application's.
 */
const YARN_OWN = String.raw`(^|\/)\.yarn\/|(^|\/)\.pnp\.(c?js|loader\.mjs)$`;
const BUILD = new RegExp(
  String.raw`(^|\/)(node_modules|dist|build|out|coverage|\.next|\.nuxt|\.output|\.serverless|\.sst|\.aws-sam|cdk\.out|\.turbo|\.vercel|\.cache)\/|` + YARN_OWN,
);
/** Build output and generated code the env, integration and testing scans skip (`.min.js` bundles too). */
const GENERATED_PATH = new RegExp(
  String.raw`(^|\/)(dist|build|out|\.next|\.nuxt|\.output|\.astro|\.svelte-kit|cdk\.out|coverage|storybook-static|node_modules)\/|\.min\.[cm]?js$|` + YARN_OWN,
);
const TEST = /(^|\/)(__tests__|__mocks__|__fixtures__|tests?|specs?|e2e|fixtures|mocks?|cypress|playwright)\/|\.(test|spec|stories|e2e|bench)\.[cm]?[jt]sx?$/;
/** Manifests whose folder is a package root, where composer, Go modules, Bundler and JS tools keep vendored code. */
const MANIFESTS = ['package.json', 'composer.json', 'go.mod', 'Gemfile'];
const VENDOR_SEGMENT = /(?:^|\/)vendor\//g;
const vendorDirs = new WeakMap<RepoIndex, Map<string, boolean>>();

/**
 * Third-party code copied into the repository: a `vendor/` folder at the repository root or directly at a package
 * root. A deeper `vendor/` (`lib/services/vendor/`, a "vendor" business domain) or one that is itself a package (its
 * own package.json) is the project's code. Cheap per file: a substring test, then one cached answer per folder.
 */
export function isVendored(index: RepoIndex, file: string): boolean {
  if (!file.includes('vendor/')) return false;
  let known = vendorDirs.get(index);
  if (!known) vendorDirs.set(index, (known = new Map()));
  for (const match of file.matchAll(VENDOR_SEGMENT)) {
    const dir = file.slice(0, match.index + match[0].length - 1);
    let vendored = known.get(dir);
    if (vendored === undefined) {
      const parent = dir.slice(0, Math.max(0, dir.lastIndexOf('/')));
      vendored = !index.has(`${dir}/package.json`) && (parent === '' || MANIFESTS.some((m) => index.has(`${parent}/${m}`)));
      known.set(dir, vendored);
    }
    if (vendored) return true;
  }
  return false;
}

/** Build output, dependencies or vendored code: never analysed. */
export function isBuildOrVendor(index: RepoIndex, file: string): boolean {
  return BUILD.test(file) || isVendored(index, file);
}

/** Build output, vendored and generated code: reads and imports there are copies of ones elsewhere. */
export function isGenerated(index: RepoIndex, file: string): boolean {
  return GENERATED_PATH.test(file) || isVendored(index, file);
}

/** Build output and generated code by path alone, for per-file memo tests that have no index (`TreeMemo.wants`). */
export function isGeneratedPath(file: string): boolean {
  return GENERATED_PATH.test(file);
}

/** Test code, fixtures and stories. */
export function isTestFile(file: string): boolean {
  return TEST.test(file);
}

/** A TypeScript/JavaScript file that ships with the application (not a test, fixture, declaration or build output). */
export function isAppSource(index: RepoIndex, file: string): boolean {
  return isSourceFile(file) && !isBuildOrVendor(index, file) && !isTestFile(file);
}
