/**
 * Apps apart from the deployed one: a script in a docs, examples or tests folder that creates its own `App`
 * (`docs/changelogs-md-old.js`, an archived v1 app; an example), while a cdk.json names the app `cdk deploy` runs.
 * Each is read by an interpreter of its own, so none of its stacks or resources lands in the deployed app's model
 * (nor merges with a same-named class there), and it is summarised as one `cdk.otherApp` fact.
 */
import type { CdkOtherAppFact } from './facts.js';
import { Interpreter } from './interpreter.js';
import type { Program } from './program.js';
import { stackOf } from './records.js';
import { citationOf } from './values.js';


/** 1 when the app's constructs come from `@aws-cdk/*` (v1; `-alpha` modules are v2's experimental ones), else 2. */
export function versionOf(modules: Iterable<string>): 1 | 2 {
  for (const m of modules) if (m.startsWith('@aws-cdk/') && !m.endsWith('-alpha')) return 1;
  return 2;
}

/** Reads each script on its own; returns its summary and the files it read. */
export function readOtherApps(program: Program, entries: readonly string[]): { facts: CdkOtherAppFact[]; files: Set<string> } {
  const facts: CdkOtherAppFact[] = [];
  const files = new Set<string>();
  for (const entry of [...entries].sort()) {
    const it = new Interpreter(program);
    it.runScript(entry);
    for (const f of it.readFiles()) files.add(f);
    const stacks = it.model.recs.filter((r) => r.kind === 'stack' && r.decl);
    facts.push({
      kind: 'cdk.otherApp',
      id: entry,
      data: {
        entry,
        cdkVersion: versionOf(it.model.recs.map((r) => r.module)),
        stacks: stacks
          .map((s) => ({
            className: s.className,
            instances: it.model.stackUses.get(s)?.length ?? 0,
            resources: it.model.recs.filter((r) => r !== s && r.kind === 'cdk' && !(r.decl && !r.category) && !r.imported && stackOf(r) === s).length,
            at: citationOf(s.decl!.name ?? s.decl!),
          }))
          .sort((a, b) => a.at.file.localeCompare(b.at.file) || (a.at.line ?? 0) - (b.at.line ?? 0)),
      },
      at: [{ file: entry, line: 1 }],
    });
  }
  return { facts, files };
}

