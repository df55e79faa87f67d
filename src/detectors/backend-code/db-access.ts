/**
 * Where backend code reads and writes data: DynamoDB calls (`backend.db-access`) and the modules whose job is data
 * access (`backend.data-module`). Step 4 shows them; step 3 does not, so this reading is its own detector and step 3
 * does not parse every handler that touches a table.
 */
import type { Detector, Fact } from '../../facts.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { exportedNamesFromText } from '../shared/text-scan.js';
import { dynamoAccesses, mayAccessDynamo } from './dynamo.js';
import { byPlace, fact } from './facts-util.js';
import { dataModuleKind } from './modules.js';
import { backendScope, isInfrastructureCode } from './scope.js';
import type { DataModuleFact, DbAccessData, DbAccessFact } from './types.js';

export const dbAccessDetector: Detector = {
  id: 'db-access',
  isEnabled(index: RepoIndex): boolean {
    return backendScope(index).files.length > 0;
  },
  detect(index: RepoIndex): Fact[] {
    const facts: Fact[] = [];
    for (const file of backendScope(index).files) {
      const text = index.read(file);
      if (!text || isInfrastructureCode(text)) continue;
      const dynamo = mayAccessDynamo(text);
      if (!dynamo && dataModuleKind(file, text, false) === undefined) continue;
      // One tree at a time: it need not outlive this iteration.
      const sf = dynamo ? index.parseOnce(file) : undefined;
      const accesses: DbAccessData[] = sf ? dynamoAccesses(index, file, sf) : [];
      for (const a of accesses) {
        const id = `${a.operation} ${a.table}${a.action ? ` ${a.action}` : ''} ${a.file}:${a.line}`;
        facts.push(fact<DbAccessFact>('backend.db-access', id, a));
      }
      const kind = dataModuleKind(file, text, accesses.length > 0);
      const exports = kind ? exportedNamesFromText(text) : [];
      if (kind && exports.length > 0) facts.push(fact<DataModuleFact>('backend.data-module', file, { file, kind, exports }));
    }
    return facts.sort(byPlace);
  },
};

/**
 * Whether a file is a data module, as `dbAccessDetector` decides: parsed only when the answer hangs on whether the file
 * really calls DynamoDB (a `models/` file, or a `db.ts` that also sets up the client).
 */
export function isDataModule(index: RepoIndex, file: string, text: string): boolean {
  const without = dataModuleKind(file, text, false);
  if (!mayAccessDynamo(text)) return without !== undefined;
  const withAccess = dataModuleKind(file, text, true);
  if (without === withAccess) return without !== undefined;
  const sf = index.parseOnce(file);
  const accesses = sf ? dynamoAccesses(index, file, sf).length > 0 : false;
  return (accesses ? withAccess : without) !== undefined;
}
