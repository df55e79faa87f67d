import type { Detector, Fact } from '../../facts.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { appScripts, candidateFiles, findApps, usesCdk, type AppInfo } from './app.js';
import { emitFacts } from './emit.js';
import { Interpreter } from './interpreter.js';
import { Program } from './program.js';
import { readUnreached } from './unreached.js';

export type * from './facts.js';
export type * from './facts-appsync.js';

/**
 * AWS CDK apps (v1 and v2), read statically: the app entry is followed like `cdk synth` would run it, stacks and
 * construct wrappers are entered with their arguments, and every stack, Lambda, route, table, user pool, bucket and
 * distribution becomes a fact citing where it is defined. What an entry does not reach is not deployed; without an entry
 * that creates stacks, classes are read on their own with unknown props (see `unreached.ts`).
 */
export const cdkDetector: Detector = {
  id: 'cdk',
  isEnabled: usesCdk,
  detect(index: RepoIndex): Fact[] {
    const program = new Program(index);
    const it = new Interpreter(program);
    let apps = findApps(index);
    const files = candidateFiles(index, apps);
    const entries = apps.map((a) => a.entry).filter((e): e is string => e !== undefined);
    if (entries.length === 0) {
      const scripts = appScripts(index, files);
      entries.push(...scripts);
      if (apps.length === 0) apps = scripts.map((entry): AppInfo => ({ dir: index.packageOf(entry)?.dir ?? '', entry, contextKeys: [] }));
    }
    // An app whose entry created stacks is read as deployed: what its entry does not reach is not part of it.
    const followed: string[] = [];
    for (const entry of entries) {
      const before = it.model.stackUses.size;
      it.runScript(entry);
      if (it.model.stackUses.size > before) followed.push(index.packageOf(entry)?.dir ?? '', ...apps.filter((a) => a.entry === entry).map((a) => a.dir));
    }
    const inFollowed = (file: string) => followed.some((dir) => dir === '' || file.startsWith(`${dir}/`));
    const unused = readUnreached(it, files, inFollowed);
    return emitFacts(index, it, apps, unused);
  },
};
