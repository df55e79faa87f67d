/** Building and ordering the backend detectors' facts. */
import type { Fact } from '../../facts.js';

export function fact<F extends Fact>(kind: F['kind'], id: string, data: F['data'] & { file: string; line?: number }): F {
  return { kind, id, data, at: [{ file: data.file, ...(data.line ? { line: data.line } : {}) }] } as unknown as F;
}

export function byPlace(a: Fact, b: Fact): number {
  const fa = a.at[0]?.file ?? '';
  const fb = b.at[0]?.file ?? '';
  if (fa !== fb) return fa < fb ? -1 : 1;
  const la = a.at[0]?.line ?? 0;
  const lb = b.at[0]?.line ?? 0;
  if (la !== lb) return la - lb;
  return a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
