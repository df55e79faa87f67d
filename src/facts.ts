import type { RepoIndex, TreeMemo } from './scan/repo-index.js';

/** Where in the analysed repository a fact comes from. `file` is repo-relative, posix, without a leading slash. */
export interface Citation {
  readonly file: string;
  readonly line?: number;
}

/**
 * One thing found in the code. Facts are plain JSON (they end up in `--json` output and in drift checks), so `data`
 * must hold only strings, numbers, booleans, null, arrays and plain objects.
 */
export interface Fact<K extends string = string, D = unknown> {
  /** Namespaced kind, e.g. `cdk.table`, `env.var`, `frontend.route`. */
  readonly kind: K;
  /** Stable identity within the kind (e.g. `GET /v1/kv/{ns}`), used to compare runs. */
  readonly id: string;
  readonly data: D;
  readonly at: readonly Citation[];
}

/** One module per technology. Must never execute code from the analysed repository. */
export interface Detector {
  readonly id: string;
  /** Cheap check (package.json dependencies, a config file's presence) that gates `detect`. */
  isEnabled(index: RepoIndex): boolean;
  detect(index: RepoIndex): Fact[];
  /**
   * Per-file functions of parse trees this detector reads through `index.treeMemo`: computed whenever any detector
   * parses a file they want, so this detector need not re-parse files whose trees earlier steps already dropped.
   */
  readonly treeMemos?: readonly TreeMemo<unknown>[];
}

/** Read-only view over the facts of several detectors. */
export class FactSet {
  private readonly byKind = new Map<string, Fact[]>();

  constructor(readonly all: readonly Fact[]) {
    for (const fact of all) {
      const list = this.byKind.get(fact.kind);
      if (list) list.push(fact);
      else this.byKind.set(fact.kind, [fact]);
    }
  }

  of<F extends Fact>(kind: F['kind']): F[] {
    return (this.byKind.get(kind) ?? []) as F[];
  }

  has(kind: string): boolean {
    return this.byKind.has(kind);
  }
}
