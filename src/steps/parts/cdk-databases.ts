/** Databases and caches the CDK app creates besides DynamoDB tables (Aurora, RDS, DSQL, ElastiCache, OpenSearch…). */
import type { FactSet } from '../../facts.js';
import type { CdkDatabaseData, CdkDatabaseFact } from '../../detectors/cdk/index.js';
import { table } from '../../markdown/blocks.js';
import { code, oneLine } from '../../markdown/text.js';
import { at, conditionText, plural, written } from './cdk-shared.js';

/** `Aurora PostgreSQL (serverless v2)`, `Redis`: the engine as a reader names it. */
export function engineText(d: CdkDatabaseData): string {
  return `${oneLine(d.engine)}${d.serverless ? ` (serverless ${d.serverless})` : ''}`;
}

/** "Created with AWS CDK: Aurora PostgreSQL `Db`, Redis (ElastiCache) `Cache`": for an intro sentence. */
export function databasesSentence(facts: FactSet): string {
  const dbs = facts.of<CdkDatabaseFact>('cdk.database');
  const names = dbs.map((f) => `${engineText(f.data)} ${code(f.data.constructId)}`);
  const shown = names.length > 4 ? `${names.slice(0, 4).join(', ')} and ${names.length - 4} more` : names.join(', ');
  return `Databases and caches created with AWS CDK: ${shown}`;
}

export function databasesPart(facts: FactSet): string {
  const dbs = facts.of<CdkDatabaseFact>('cdk.database');
  if (dbs.length === 0) return '';
  const rows = dbs.map((f) => {
    const d = f.data;
    return [
      `${code(d.constructId)}${d.conditions?.length ? ` (${conditionText(d.conditions)})` : ''}`,
      d.engineAsWritten ? `${engineText(d)}: ${written(d.engineAsWritten, false)}` : engineText(d),
      d.version ? written(d.version, false) : '—',
      d.databaseName ? written(d.databaseName.text, !d.databaseName.resolved) : '—',
      d.stack ? code(d.stack) : '—',
      at(f.at[0]),
    ];
  });
  return table(['Database', 'Engine', 'Version', 'Database name', 'Stack', 'Defined at'], rows);
}
