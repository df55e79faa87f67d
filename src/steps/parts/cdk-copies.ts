/**
 * One definition, several stacks: the resources a base stack class defines are created in every concrete stack that
 * extends it, so their facts repeat with the same citations. A map lists the definition once and says where else it
 * is created (or, for alternative stacks, that only one of them is).
 */
import type { Fact, FactSet } from '../../facts.js';
import type { CdkApiFact, CdkRouteFact, CdkStackFact } from '../../detectors/cdk/index.js';
import { code } from '../../markdown/text.js';
import { names } from './format.js';
import { pushTo } from '../../collections.js';

type StackFact = Fact<string, { readonly stack?: string; readonly constructId?: string }>;

export interface Copies<F> {
  /** The facts to list: the first of each definition. */
  readonly shown: F[];
  /** For a shown fact, the other stacks that create the same definition. */
  readonly alsoIn: Map<F, string[]>;
}

function keyOf(f: Fact, extra = ''): string {
  return `${f.kind}\u0000${extra}\u0000${f.at.map((c) => `${c.file}:${c.line ?? ''}`).join(',')}`;
}

/** Groups facts of one kind by their definition (same construct id, same citations) across stacks. */
export function copiesOf<F extends StackFact>(facts: readonly F[]): Copies<F> {
  const first = new Map<string, F>();
  const shown: F[] = [];
  const alsoIn = new Map<F, string[]>();
  for (const f of facts) {
    if (!f.data.stack) {
      shown.push(f);
      continue;
    }
    const key = keyOf(f, f.data.constructId ?? '');
    const seen = first.get(key);
    if (seen && seen.data.stack !== f.data.stack) pushTo(alsoIn, seen, f.data.stack);
    else if (!seen) {
      first.set(key, f);
      shown.push(f);
    } else shown.push(f);
  }
  return { shown, alsoIn };
}

/** Routes of an API that copies a shown one (`DevStack/Api` beside `ProdStack/Api`) are copies too. */
export function routesShown(routes: readonly CdkRouteFact[], apis: readonly CdkApiFact[], copies: Copies<CdkApiFact>): CdkRouteFact[] {
  const shown = new Set(copies.shown);
  const hidden = new Set(apis.filter((a) => !shown.has(a)).map((a) => a.id));
  return routes.filter((r) => !r.data.api || !hidden.has(r.data.api));
}

/** "also created, from the same code, in `DevStack`" — or, for alternative stacks, that the app creates one of them. */
export function alsoInText(stack: string | undefined, others: readonly string[] | undefined, facts: FactSet): string {
  if (!others || others.length === 0) return '';
  const stacks = facts.of<CdkStackFact>('cdk.stack');
  const alternatives = stacks.find((s) => s.id === stack)?.data.alternatives ?? [];
  if (others.every((o) => alternatives.includes(o))) {
    return `created from the same code in ${code(stack ?? '')} or ${names(others)}, whichever of these alternative stacks the app creates`;
  }
  return `also created, from the same code, in ${names(others)}`;
}
