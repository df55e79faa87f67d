/**
 * Which test files each Jest script runs. A script's config (`jest --config ./test/jest-e2e.json`, else the package's
 * `jest.config.*`, else its package.json `"jest"` key) states `rootDir` and `testRegex` / `testMatch`; a file the config
 * does not match is not run by that script (`"jest": { "rootDir": "src", "testRegex": ".*\\.spec\\.ts$" }` runs none of
 * `test/**\/*.e2e-spec.ts`). Read from the config's text only; a config whose patterns cannot be read (`projects`,
 * a `preset`, patterns built in code) gives no matcher, and then nothing is concluded about it.
 */
import path from 'node:path';
import type { RepoIndex } from '../../scan/repo-index.js';
import { globListMatcher } from '../../scan/glob.js';

type Matcher = (file: string) => boolean;

/** Jest's default `testMatch`: files in `__tests__`, and `*.test.*` / `*.spec.*` (or `test.js`). */
const DEFAULT = (file: string) => /(^|\/)__tests__\/.*\.[cm]?[jt]sx?$/.test(file) || /(^|\/)(?:[^/]*\.)?(spec|test)\.[cm]?[jt]sx?$/.test(file);
const JEST_CONFIG = /^jest\.config\.([cm]?[jt]s|json)$/;

interface JestOptions {
  rootDir?: unknown;
  roots?: unknown;
  testRegex?: unknown;
  testMatch?: unknown;
  testPathIgnorePatterns?: unknown;
  projects?: unknown;
  preset?: unknown;
}

/**
 * Per test script that runs Jest, the files its config matches (undefined when the config cannot be read).
 * `scripts` are the package's test scripts (name → command), `configFiles` its runner config files.
 */
export function jestMatchers(
  index: RepoIndex,
  pkgDir: string,
  manifest: { jest?: unknown },
  scripts: readonly (readonly [string, string])[],
  configFiles: readonly string[],
): Map<string, Matcher | undefined> {
  const out = new Map<string, Matcher | undefined>();
  // The package's own config files are already listed: no second pass over its files.
  const own = configFiles.find((f) => JEST_CONFIG.test(pkgDir ? f.slice(pkgDir.length + 1) : f));
  for (const [name, command] of scripts) {
    if (!/\bjest\b/.test(command)) continue;
    const named = /\bjest\b[^&|;]*?\s(?:--config|-c)[=\s]+["']?([^\s"']+)/.exec(command)?.[1];
    if (named) {
      const file = path.posix.normalize(pkgDir ? `${pkgDir}/${named}` : named).replace(/^\.\//, '');
      out.set(name, index.has(file) ? matcherOf(optionsOf(index, file), dirOf(file)) : undefined);
    } else if (own) out.set(name, matcherOf(optionsOf(index, own), dirOf(own)));
    else if (manifest.jest && typeof manifest.jest === 'object') out.set(name, matcherOf(manifest.jest as JestOptions, pkgDir));
    else out.set(name, matcherOf({}, pkgDir));
  }
  return out;
}

function dirOf(file: string): string {
  const d = path.posix.dirname(file);
  return d === '.' ? '' : d;
}

/** A JSON config parsed; a JS/TS config read for literal `key: 'string'` / `key: ['…']` values, else undefined. */
function optionsOf(index: RepoIndex, file: string): JestOptions | undefined {
  const text = index.read(file);
  if (text === undefined) return undefined;
  if (file.endsWith('.json')) {
    try {
      const json = JSON.parse(text) as unknown;
      return json && typeof json === 'object' ? (json as JestOptions) : undefined;
    } catch {
      return undefined;
    }
  }
  const options: Record<string, unknown> = {};
  for (const key of ['rootDir', 'roots', 'testRegex', 'testMatch', 'testPathIgnorePatterns', 'projects', 'preset']) {
    const at = new RegExp(`\\b${key}\\s*:\\s*`).exec(text);
    if (!at) continue;
    const rest = text.slice(at.index + at[0].length);
    const single = /^(['"`])((?:[^'"`$\n]|\$(?!\{))*)\1/.exec(rest);
    const list = /^\[([^\]]*)\]/.exec(rest);
    // A JS string literal's `\\.` is the regex's `\.`.
    const unescape = (v: string) => v.replace(/\\\\/g, '\\');
    if (single) options[key] = unescape(single[2]);
    else if (list && !list[1].includes('${') && /^[\s,]*((['"`])[^'"`\n]*\2[\s,]*)*$/.test(list[1])) options[key] = [...list[1].matchAll(/(['"`])([^'"`\n]*)\1/g)].map((m) => unescape(m[2]));
    else return undefined;
  }
  return options;
}

function strings(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
}

/** The files a config runs: under `rootDir` (or its `roots`), matching `testRegex` / `testMatch`, not ignored. */
function matcherOf(options: JestOptions | undefined, base: string): Matcher | undefined {
  if (!options || options.projects !== undefined || (options.preset !== undefined && options.testMatch === undefined && options.testRegex === undefined)) return undefined;
  // `rootDir: './'` is the config's own folder ('' at the repository's root, not './').
  const rootDir = typeof options.rootDir === 'string' ? path.posix.normalize(path.posix.join(base, options.rootDir)).replace(/\/+$/, '').replace(/^\.$/, '') : base;
  if (rootDir.startsWith('..')) return undefined;
  const resolve = (p: string) => p.replace(/<rootDir>/g, rootDir ? `/${rootDir}` : '');
  const roots = options.roots === undefined ? [rootDir] : strings(options.roots)?.map((r) => resolve(r).replace(/^\/+|\/+$/g, ''));
  if (!roots) return undefined;
  const inRoots = (f: string) => roots.some((r) => r === '' || f.startsWith(`${r}/`));
  let matches: Matcher;
  const regex = options.testRegex === undefined ? undefined : strings(options.testRegex);
  const globs = options.testMatch === undefined ? undefined : strings(options.testMatch);
  try {
    if (regex) {
      const res = regex.map((r) => new RegExp(r));
      matches = (f) => res.some((r) => r.test(`/${f}`));
    } else if (globs) {
      // Jest matches globs against the absolute path: `<rootDir>/…` is repo-relative once resolved, `**/…` matches any.
      matches = globListMatcher(globs.map((g) => resolve(g).replace(/^\/+/, '')));
    } else if (options.testRegex !== undefined || options.testMatch !== undefined) return undefined;
    else matches = DEFAULT;
    const ignored = (strings(options.testPathIgnorePatterns) ?? ['/node_modules/']).map((p) => new RegExp(resolve(p)));
    return (f) => inRoots(f) && matches(f) && !ignored.some((r) => r.test(`/${f}`));
  } catch {
    return undefined;
  }
}
