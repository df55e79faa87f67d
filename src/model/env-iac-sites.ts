/**
 * Where an infrastructure-code set belongs: to another CDK app (a script in docs/ or examples/ that creates its own
 * App, which the deployed app never runs), or to the code of the container whose `environment` it is.
 */
import path from 'node:path';
import { isAsideScript } from '../detectors/cdk/aside.js';
import type { CdkAppFact, CdkOtherAppFact } from '../detectors/cdk/facts.js';
import type { FactSet } from '../facts.js';
import type { RepoIndex } from '../scan/repo-index.js';
import type { SetSite } from './env-views.js';

/**
 * The other app a file belongs to: its entry, or a stack class it declares in an aside folder (a class it takes from
 * the deployed app's folders stays that app's code). Undefined when the file is not another app's.
 */
export function otherAppOf(facts: FactSet): (file: string) => SetSite['otherApp'] {
  const others = facts.of<CdkOtherAppFact>('cdk.otherApp');
  if (others.length === 0) return () => undefined;
  // The step 6 wording: "not deployed by cdk.json" only when a cdk.json names the deployed app's entry.
  const cdkJson = facts.of<CdkAppFact>('cdk.app').some((a) => a.data.cdkJson && a.data.entry);
  const byFile = new Map<string, string>();
  for (const o of others) {
    byFile.set(o.data.entry, o.data.entry);
    for (const s of o.data.stacks) if (isAsideScript(s.at.file) && !byFile.has(s.at.file)) byFile.set(s.at.file, o.data.entry);
  }
  return (file) => {
    const entry = byFile.get(file);
    return entry ? { entry, cdkJson } : undefined;
  };
}

/**
 * The repository folder a container image is built from: `fromAsset('./app/core')` resolves in the folder `cdk` runs
 * in (the cdk.json folder, else the defining file's package or the root), `path.join(__dirname, …)` beside the file.
 * Undefined when no such folder exists or it is the whole repository (then the variables serve every package).
 */
export function imageDir(index: RepoIndex, facts: FactSet, file: string, image: { path: string; fromFile: boolean }): string | undefined {
  const fileDir = path.posix.dirname(file) === '.' ? '' : path.posix.dirname(file);
  const appDirs = facts
    .of<CdkAppFact>('cdk.app')
    .map((a) => a.data.dir)
    .filter((d) => d === '' || file.startsWith(`${d}/`))
    .sort((a, b) => b.length - a.length);
  const bases = image.fromFile ? [fileDir] : [...appDirs, index.packageOf(file)?.dir ?? '', ''];
  for (const base of bases) {
    const dir = path.posix.normalize(path.posix.join(base || '.', image.path)).replace(/\/$/, '');
    if (dir === '.') return undefined;
    if (dir.startsWith('..') || path.posix.isAbsolute(dir)) continue;
    if (index.hasDir(dir)) return dir;
  }
  return undefined;
}
