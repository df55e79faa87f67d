/**
 * Where CDK apps are: `cdk.json` files (their `app` command names the entry script) and, without one, files that
 * create `new App()`. Also which source files may hold CDK code, by cheap checks before anything is parsed.
 */
import path from 'node:path';
import type { RepoIndex } from '../../scan/repo-index.js';
import { dependsOn } from '../../scan/package-json.js';
import { isSourceFile } from '../../scan/ts.js';
import { mentions } from '../shared/ast.js';
import { moduleOfNew, textImports } from '../stack/imports-text.js';

export interface AppInfo {
  readonly cdkJson?: string;
  readonly dir: string;
  readonly command?: string;
  readonly entry?: string;
  readonly contextKeys: readonly string[];
  /** Top-level keys of the folder's `cdk.context.json`, with their lines: context set in a file, not on the command line. */
  readonly contextFileKeys?: readonly { readonly key: string; readonly line: number }[];
}

const CDK_DEP = /^(aws-cdk-lib|monocdk|@aws-cdk\/)/;
const SKIP = /(^|\/)(node_modules|cdk\.out|dist|build|out|coverage|\.serverless|\.sst)\//;
const TEST = /(^|\/)(test|tests|__tests__|__mocks__)\/|\.(test|spec)\.[cm]?[jt]sx?$/;
export const CDK_TEXT = ['aws-cdk-lib', '@aws-cdk/', "'constructs'", '"constructs"', 'monocdk'];

export function cdkJsonFiles(index: RepoIndex): string[] {
  return index.files.filter((f) => (f === 'cdk.json' || f.endsWith('/cdk.json')) && !SKIP.test(f));
}

export function usesCdk(index: RepoIndex): boolean {
  return cdkJsonFiles(index).length > 0 || index.packages.some((p) => dependsOn(p.manifest, CDK_DEP)) || standaloneApps(index).length > 0;
}

const standalone = new WeakMap<RepoIndex, string[]>();

/**
 * Scripts that create a CDK app although no cdk.json and no package.json names the CDK (an example deployed with
 * `cdk deploy --app 'npx ts-node reuse-cdk.ts'`, its packages installed by hand): without them the repository would be
 * said to have no CDK app. Only read when nothing else shows the CDK; one substring test per source file.
 */
export function standaloneApps(index: RepoIndex): string[] {
  let found = standalone.get(index);
  if (found) return found;
  found = [];
  if (cdkJsonFiles(index).length === 0 && !index.packages.some((p) => dependsOn(p.manifest, CDK_DEP))) {
    const files = index.files.filter((f) => isSourceFile(f) && !f.endsWith('.d.ts') && !SKIP.test(f) && !TEST.test(f) && /aws-cdk-lib|@aws-cdk\/core|monocdk/.test(index.read(f) ?? ''));
    found = appScripts(index, files);
  }
  standalone.set(index, found);
  return found;
}

export function findApps(index: RepoIndex): AppInfo[] {
  const out: AppInfo[] = [];
  for (const file of cdkJsonFiles(index)) {
    const dir = path.posix.dirname(file) === '.' ? '' : path.posix.dirname(file);
    const json = index.readJson<{ app?: unknown; context?: unknown }>(file);
    const command = typeof json?.app === 'string' ? json.app : undefined;
    const contextKeys = json?.context && typeof json.context === 'object' ? Object.keys(json.context as object).sort() : [];
    const contextFileKeys = contextFileKeysOf(index, dir);
    out.push({ cdkJson: file, dir, command, entry: command ? entryOf(index, dir, command) : undefined, contextKeys, ...(contextFileKeys.length > 0 ? { contextFileKeys } : {}) });
  }
  return out;
}

/**
 * `cdk.context.json` beside cdk.json: the CDK CLI's lookup cache, and also where many apps keep their own settings
 * (edited by hand, as READMEs say). A key the code reads that is set there is not "set on the command line".
 */
function contextFileKeysOf(index: RepoIndex, dir: string): { key: string; line: number }[] {
  const file = dir === '' ? 'cdk.context.json' : `${dir}/cdk.context.json`;
  const json = index.readJson<Record<string, unknown>>(file);
  const text = index.read(file);
  if (!json || typeof json !== 'object' || Array.isArray(json) || text === undefined) return [];
  return Object.keys(json).map((key) => {
    const offset = text.indexOf(JSON.stringify(key));
    return { key, line: offset === -1 ? 1 : (index.lineAt(file, offset) ?? 1) };
  });
}

/** The script an `app` command runs: `npx ts-node --prefer-ts-exts bin/app.ts` → `bin/app.ts` (a built `.js` → its source). */
function entryOf(index: RepoIndex, dir: string, command: string): string | undefined {
  for (const token of command.split(/\s+/)) {
    const t = token.replace(/^['"]|['"]$/g, '');
    if (!/\.[cm]?[jt]sx?$/.test(t)) continue;
    const file = path.posix.normalize(path.posix.join(dir, t));
    const stem = file.replace(/\.[cm]?[jt]sx?$/, '');
    const sourceStem = stem.replace(/(^|\/)(dist|build|out|lib)\//, '$1');
    const candidates = [file, `${stem}.ts`, `${sourceStem}.ts`, `${sourceStem.replace(/(^|\/)(bin)\//, '$1src/$2/')}.ts`];
    const found = candidates.find((c) => index.has(c));
    if (found) return found;
  }
  return undefined;
}

/**
 * Source files that may hold CDK code: in packages that depend on the CDK or hold a cdk.json, not tests or build
 * output, and mentioning a CDK module. Imports from these files are followed wherever they lead.
 */
export function candidateFiles(index: RepoIndex, apps: readonly AppInfo[]): string[] {
  const dirs = new Set<string>(apps.map((a) => a.dir));
  for (const p of index.packages) if (dependsOn(p.manifest, CDK_DEP)) dirs.add(p.dir);
  const prefixes = [...dirs].map((d) => (d === '' ? '' : `${d}/`));
  const under = (f: string) => prefixes.some((p) => f.startsWith(p));
  const found = index.files.filter((f) => under(f) && isSourceFile(f) && !SKIP.test(f) && !TEST.test(f) && mentions(index.read(f), CDK_TEXT));
  return [...found, ...standaloneApps(index).filter((f) => !found.includes(f))];
}

/**
 * Files that create a CDK app themselves (`new cdk.App()`): the entry when no cdk.json names one, else further apps.
 * The `App` must be the CDK core's (`aws-cdk-lib`, `@aws-cdk/core`), not an Amplify `new amplify.App(...)`.
 */
export function appScripts(index: RepoIndex, files: readonly string[]): string[] {
  const isCore = (module: string | undefined) => module === undefined || /^(aws-cdk-lib|monocdk|@aws-cdk\/core)$/.test(module);
  return files.filter((f) => {
    const text = index.read(f) ?? '';
    const re = /new\s+((?:[\w$]+\.)*)App\s*\(/g;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (isCore(moduleOfNew(textImports(text), m[1].replace(/\.$/, ''), 'App'))) return true;
    }
    // `class NpmFollowerApp extends cdk.App { … }` and `new NpmFollowerApp().synth()`: an app of its own.
    const sub = /class\s+([\w$]+)\s+extends\s+((?:[\w$]+\.)*)App\b(?![\w$.])/g;
    for (let m = sub.exec(text); m; m = sub.exec(text)) {
      if (m[2] === '' && !textImports(text).names.has('App')) continue;
      if (isCore(moduleOfNew(textImports(text), m[2].replace(/\.$/, ''), 'App')) && new RegExp(`new\\s+${m[1].replace(/\$/g, '\\$')}\\s*\\(`).test(text)) return true;
    }
    return false;
  });
}

export function isTestFile(file: string): boolean {
  return TEST.test(file);
}
