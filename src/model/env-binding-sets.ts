/**
 * Cloudflare bindings (D1, KV, R2, Hyperdrive, queues, services…) declared in wrangler config: the Worker reads each as
 * `env.<BINDING>`, and the config is what provides it, so it is a set site (cited at the binding), not "set nowhere".
 */
import type { FactSet } from '../facts.js';
import type { InfraResourceFact } from '../detectors/other-infra/types.js';

/** Resources in wrangler config that are not bindings the code reads (`assets` is one only with its `binding`). */
const NOT_BINDINGS = new Set(['Pages build output']);

export interface BindingSet {
  readonly name: string;
  readonly tool: string;
  readonly owner?: string;
  readonly file: string;
  readonly line: number;
}

export function wranglerBindingSets(facts: FactSet): BindingSet[] {
  return facts
    .of<InfraResourceFact>('infra.resource')
    .filter((f) => f.data.tool === 'wrangler' && !NOT_BINDINGS.has(f.data.type) && !f.data.unbound)
    .map((f) => ({ name: f.data.name, tool: `Cloudflare ${f.data.type} binding`, ...(f.data.stage ? { owner: f.data.stage } : {}), file: f.data.file, line: f.data.line }));
}
