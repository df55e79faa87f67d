/**
 * Tables one stack imports and another defines. An import given a defined table's attribute
 * (`Table.fromTableName(this, 'Users', core.usersTable.tableName)`) is that table already (the detector's
 * `importedBy`); an import by a literal physical name (`'ProdCost-CostTable'`) is matched here against the physical
 * names the app's tables get: `tableName` as written, with `${this.stackName}` read as the id each instance of the
 * defining stack is created with. A name that matches no table, or several, is left unmatched — which says nothing
 * about where the table is defined.
 */
import type { FactSet } from '../../facts.js';
import type { CdkStackFact, CdkTableFact } from '../../detectors/cdk/index.js';

const STACK_NAME = /\$\{\s*(?:this|(?:cdk\.)?Stack\.of\(\s*this\s*\))\.stackName\s*\}/g;
const imported = (d: CdkTableFact['data']) => d.kind.includes('.from');

/** Imported table → the one defined table whose physical name it gives. */
export function importTargets(facts: FactSet, tables: readonly CdkTableFact[]): Map<CdkTableFact, CdkTableFact> {
  const stacks = new Map(facts.of<CdkStackFact>('cdk.stack').map((s) => [s.id, s]));
  const byName = new Map<string, CdkTableFact[]>();
  for (const t of tables) {
    if (imported(t.data)) continue;
    for (const name of physicalNames(t, stacks)) byName.set(name, [...(byName.get(name) ?? []), t]);
  }
  const out = new Map<CdkTableFact, CdkTableFact>();
  for (const t of tables) {
    const name = t.data.tableName;
    if (!imported(t.data) || !name?.resolved || !t.data.kind.endsWith('.fromTableName')) continue;
    const found = [...new Set(byName.get(name.text) ?? [])];
    if (found.length === 1 && found[0] !== t) out.set(t, found[0]);
  }
  return out;
}

function physicalNames(t: CdkTableFact, stacks: Map<string, CdkStackFact>): string[] {
  const name = t.data.tableName;
  if (!name) return [];
  if (name.resolved) return [name.text];
  const m = /^`([^`]*)`$/.exec(name.text);
  if (!m || m[1].replace(STACK_NAME, '') === m[1] || m[1].replace(STACK_NAME, '').includes('${')) return [];
  // A stack given `stackName` in its props is not named by its id.
  const ids = (t.data.stack ? stacks.get(t.data.stack)?.data.instances ?? [] : []).filter((i) => i.id.resolved && !('stackName' in i.props)).map((i) => i.id.text);
  return ids.map((id) => m[1].replace(STACK_NAME, id));
}
