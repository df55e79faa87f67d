import type { Detector, Fact } from '../../facts.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { appScripts, candidateFiles, findApps, usesCdk, type AppInfo } from './app.js';
import { emitFacts } from './emit.js';
import { Interpreter } from './interpreter.js';
import { Program } from './program.js';
import { AUX_DIR } from '../stack/role.js';
import { readUnreached } from './unreached.js';
import { readOtherApps } from './other-apps.js';
import { isAsideScript } from './aside.js';
import { cdkScriptApps } from '../packages/cdk-entries.js';
import { dependsOn } from '../../scan/package-json.js';

export type * from './facts.js';
export type * from './facts-appsync.js';

/**
 * AWS CDK apps (v1 and v2), read statically: the app entry is followed like `cdk synth` would run it, stacks and
 * construct wrappers are entered with their arguments, and every stack, Lambda, route, table, user pool, bucket and
 * distribution becomes a fact citing where it is defined. What an entry does not reach is not deployed; without an entry
 * that creates stacks, classes are read on their own with unknown props (see `unreached.ts`).
 */
/** The folder of the cdk.json app a script belongs to (relative paths in it resolve there). */
function appDirOf(apps: readonly AppInfo[], file: string): string | undefined {
  return [...apps].filter((a) => a.dir === '' || file.startsWith(`${a.dir}/`)).sort((a, b) => b.dir.length - a.dir.length)[0]?.dir;
}

/** Files a package script names with `cdk --app` that create a CDK app, in packages holding CDK code. */
function namedScriptApps(index: RepoIndex, apps: readonly AppInfo[]): string[] {
  const dirs = new Set(apps.map((a) => a.dir));
  const pkgs = index.packages.filter((p) => dirs.has(p.dir) || dependsOn(p.manifest, /^(aws-cdk-lib|monocdk|@aws-cdk\/)/));
  return appScripts(index, [...new Set(pkgs.flatMap((p) => cdkScriptApps(index, p)))].sort());
}

/** Where in a file a stack class the app never instantiates is declared (offsets into the file's text). */
export interface UndeployedSpan {
  readonly file: string;
  readonly start: number;
  readonly end: number;
}

const results = new WeakMap<RepoIndex, { facts: Fact[]; undeployed: UndeployedSpan[] }>();

/**
 * The stack classes an app whose entry created stacks never instantiates (not abstract, not a base): what they create
 * is not deployed, so step 1's text scan of CDK code leaves it out. Reads the CDK once per index (shared with `detect`).
 */
export function undeployedStackClasses(index: RepoIndex): readonly UndeployedSpan[] {
  if (!results.has(index)) {
    if (!usesCdk(index)) return [];
    try {
      cdkDetector.detect(index);
    } catch {
      // The CDK step reports its own failure; step 1 then counts every class it finds, as without the CDK step.
      return [];
    }
  }
  return results.get(index)?.undeployed ?? [];
}

export const cdkDetector: Detector = {
  id: 'cdk',
  isEnabled: usesCdk,
  detect(index: RepoIndex): Fact[] {
    let result = results.get(index);
    if (!result) results.set(index, (result = read(index)));
    return result.facts;
  },
};

function read(index: RepoIndex): { facts: Fact[]; undeployed: UndeployedSpan[] } {
  const program = new Program(index);
  const it = new Interpreter(program);
  let apps = findApps(index);
  const files = candidateFiles(index, apps);
  const entries = apps.map((a) => a.entry).filter((e): e is string => e !== undefined);
  const scripts = appScripts(index, files);
  // A script in docs/, examples/ or tests/ that creates its own App, beside an app that is deployed (cdk.json's, or
  // a script elsewhere), is another app: read apart, summarised, never counted into the deployed one.
  const live = entries.length > 0 || scripts.some((s) => !isAsideScript(s));
  const aside = live ? scripts.filter((s) => !entries.includes(s) && isAsideScript(s)) : [];
  // A test or example app a package script deploys (`"integ:main": "cdk --app 'ts-node test/integ.main.lit.ts'"`,
  // a construct library's integration test) is another app too: read apart, so the map says it exists and what
  // stacks it creates, and nothing of it is counted as the library's.
  for (const file of namedScriptApps(index, apps)) if (isAsideScript(file) && !entries.includes(file) && !aside.includes(file)) aside.push(file);
  const own = scripts.filter((s) => !aside.includes(s));
  if (entries.length === 0) {
    // A cdk.json without `app` (apps chosen with `cdk --app` in a Makefile or script): each script is an app.
    entries.push(...own);
    apps = [...apps, ...own.map((entry): AppInfo => ({ dir: appDirOf(apps, entry) ?? index.packageOf(entry)?.dir ?? '', entry, contextKeys: [] }))];
  } else {
    // Other scripts that create an App are apps of their own (`cdk --app 'npx ts-node bin/publish.ts' deploy`).
    const more = own.filter((s) => !entries.includes(s));
    entries.push(...more);
    apps = [...apps, ...more.map((entry): AppInfo => ({ dir: appDirOf(apps, entry) ?? index.packageOf(entry)?.dir ?? '', entry, contextKeys: [] }))];
  }
  // An app whose entry created stacks is read as deployed: what its entry does not reach is not part of it.
  const followed: string[] = [];
  for (const entry of entries) {
    const before = it.model.stackUses.size;
    it.runScript(entry);
    if (it.model.stackUses.size > before) followed.push(index.packageOf(entry)?.dir ?? '', ...apps.filter((a) => a.entry === entry).map((a) => a.dir));
  }
  const inFollowed = (file: string) => followed.some((dir) => dir === '' || file.startsWith(`${dir}/`));
  const others = readOtherApps(program, aside);
  // What only another app reads in its own folder (docs/, examples/) is its code, not the deployed app's unreached
  // code; a class it uses from the app's folders stays a stack class the deployed app does not instantiate.
  const mine = new Set(it.readFiles());
  const unused = readUnreached(it, files.filter((f) => mine.has(f) || !others.files.has(f) || !isAsideScript(f)), inFollowed);
  const undeployed = unused.filter((u) => u.reason === 'unused').map((u) => ({ file: u.file, start: u.decl.getStart(), end: u.decl.end }));
  return { facts: [...emitFacts(index, it, apps, unused), ...others.facts], undeployed };
}
