import type { Detector, Fact } from '../../facts.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { ts } from '../../scan/ts.js';
import { appScripts, candidateFiles, findApps, usesCdk, type AppInfo } from './app.js';
import { classKind, instantiate } from './classes.js';
import { emitFacts } from './emit.js';
import { Interpreter } from './interpreter.js';
import { Program } from './program.js';
import { unknown, type Value } from './values.js';

export type * from './facts.js';
export type * from './facts-appsync.js';

/**
 * AWS CDK apps (v1 and v2), read statically: the app entry is followed like `cdk synth` would run it, stacks and
 * construct wrappers are entered with their arguments, and every stack, Lambda, route, table, user pool, bucket and
 * distribution becomes a fact citing where it is defined. Stacks and constructs the entry does not reach are read on
 * their own, with unknown props.
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
    for (const entry of entries) it.runScript(entry);
    readUnreached(it, files);
    return emitFacts(index, it, apps);
  },
};

/** Stacks, then constructs, then helper functions that no entry reached: read alone so their resources still show. */
function readUnreached(it: Interpreter, files: readonly string[]): void {
  const classes: { decl: ts.ClassDeclaration; file: string; rank: number }[] = [];
  const functions: { decl: ts.FunctionDeclaration; file: string }[] = [];
  for (const file of files) {
    const info = it.program.module(file);
    if (!info) continue;
    for (const decl of info.decls.values()) {
      if (ts.isClassDeclaration(decl)) {
        const kind = classKind(it, decl).kind;
        if (kind !== 'plain') classes.push({ decl, file, rank: kind === 'stack' || kind === 'stage' ? 0 : 1 });
      } else if (ts.isFunctionDeclaration(decl) && decl.body && takesScope(decl) && /\bnew\s/.test(decl.body.getText())) {
        functions.push({ decl, file });
      }
    }
  }
  classes.sort((a, b) => a.rank - b.rank);
  const args = (names: readonly string[]): Value[] => names.map((t) => unknown(undefined, t));
  for (const { decl, file } of classes) {
    if (it.entered.has(decl) || it.exhausted()) continue;
    instantiate(it, { k: 'class', decl, file }, args(['scope', 'id', 'props']), decl, true);
  }
  for (const { decl, file } of functions) {
    if (it.entered.has(decl) || it.exhausted()) continue;
    const fn = it.topValue(it.program.module(file)!, decl.name?.text ?? '');
    if (fn?.k === 'fn') it.call(fn, fn.fn.parameters.map((p) => unknown(p.name, p.name.getText())), undefined);
  }
}

/** A helper that creates constructs takes the scope to create them in: `(scope: Construct, …)`, `(stack: Stack, …)`. */
function takesScope(decl: ts.FunctionDeclaration): boolean {
  return decl.parameters.some(
    (p) => /^(scope|stack|construct|parent|app)$/.test(p.name.getText()) || /\b(Construct|Stack|App|Stage)\b/.test(p.type?.getText() ?? ''),
  );
}
