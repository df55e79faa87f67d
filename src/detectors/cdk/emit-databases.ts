/**
 * `cdk.database` facts: relational and search databases and caches the app creates, with their engine in words —
 * `rds.DatabaseClusterEngine.auroraPostgres({ version })` is "Aurora PostgreSQL", a DSQL `CfnCluster` "Aurora DSQL",
 * an ElastiCache `engine: 'redis'` "Redis" — so the database of an app whose tables live in an ORM schema is named.
 */
import { serviceOf } from './catalogue.js';
import type { EmitContext } from './emit-context.js';
import type { CdkDatabaseData, CdkDatabaseFact } from './facts.js';
import type { Rec } from './records.js';
import { memberName, prop, stringOf, textOf, type Value } from './values.js';

/** RDS engine factories and constants, lower-cased without separators, → the engine in words. */
const RDS_ENGINES: Readonly<Record<string, string>> = {
  aurorapostgres: 'Aurora PostgreSQL',
  aurorapostgresql: 'Aurora PostgreSQL',
  auroramysql: 'Aurora MySQL',
  aurora: 'Aurora MySQL',
  postgres: 'PostgreSQL',
  postgresql: 'PostgreSQL',
  mysql: 'MySQL',
  mariadb: 'MariaDB',
  oraclese2: 'Oracle',
  oracleee: 'Oracle',
  sqlserverex: 'SQL Server',
  sqlserverweb: 'SQL Server',
  sqlserverse: 'SQL Server',
  sqlserveree: 'SQL Server',
};

const SERVICE_ENGINES: Readonly<Record<string, string>> = {
  dsql: 'Aurora DSQL',
  opensearchservice: 'OpenSearch',
  elasticsearch: 'Elasticsearch',
  opensearchserverless: 'OpenSearch Serverless',
  docdb: 'DocumentDB (MongoDB-compatible)',
  neptune: 'Neptune',
  memorydb: 'MemoryDB (Redis-compatible)',
  redshift: 'Redshift',
};

const CACHE_ENGINES: Readonly<Record<string, string>> = { redis: 'Redis', valkey: 'Valkey', memcached: 'Memcached' };

/** `new CfnResource(this, id, { type: 'AWS::DSQL::Cluster' })`: a database written as a raw CloudFormation type. */
const CFN_TYPES: Readonly<Record<string, { readonly service: string; readonly className: string }>> = {
  'AWS::DSQL::Cluster': { service: 'dsql', className: 'CfnCluster' },
  'AWS::RDS::DBCluster': { service: 'rds', className: 'CfnDBCluster' },
  'AWS::RDS::DBInstance': { service: 'rds', className: 'CfnDBInstance' },
  'AWS::ElastiCache::CacheCluster': { service: 'elasticache', className: 'CfnCacheCluster' },
  'AWS::ElastiCache::ReplicationGroup': { service: 'elasticache', className: 'CfnReplicationGroup' },
  'AWS::ElastiCache::ServerlessCache': { service: 'elasticache', className: 'CfnServerlessCache' },
  'AWS::OpenSearchService::Domain': { service: 'opensearchservice', className: 'CfnDomain' },
};

/** The database a raw `CfnResource` declares, by its `type`. */
export function cfnDatabase(rec: Rec): { readonly service: string; readonly className: string } | undefined {
  if (rec.className !== 'CfnResource' || rec.category) return undefined;
  const type = stringOf(prop(rec.props, 'type'));
  return type ? CFN_TYPES[type] : undefined;
}

export function databaseFacts(ctx: EmitContext): CdkDatabaseFact[] {
  return ctx.model.recs
    .filter((r) => (r.category === 'database' || cfnDatabase(r)) && !r.imported)
    .map((rec) => {
      const service = cfnDatabase(rec)?.service ?? serviceOf(rec.module) ?? rec.module;
      const name = prop(rec.props, 'defaultDatabaseName') ?? prop(rec.props, 'databaseName');
      const data: CdkDatabaseData = {
        ...ctx.base(rec),
        kind: cfnDatabase(rec) ? `CfnResource ${stringOf(prop(rec.props, 'type'))}` : rec.className,
        service,
        ...engineOf(rec, service),
        ...(name && name.k !== 'undef' ? { databaseName: { text: stringOf(name) ?? textOf(name), resolved: stringOf(name) !== undefined } } : {}),
      };
      return { kind: 'cdk.database' as const, id: ctx.id(rec), data, at: ctx.at(rec) };
    });
}

/** The engine in words, with the kind of resource (`Aurora PostgreSQL cluster`, `Redis (ElastiCache) cache`). */
export function databaseEngine(rec: Rec): string | undefined {
  if (rec.category !== 'database' && !cfnDatabase(rec)) return undefined;
  const service = cfnDatabase(rec)?.service ?? serviceOf(rec.module) ?? rec.module;
  const { engine } = engineOf(rec, service);
  const kind = service === 'elasticache' || service === 'memorydb' ? 'cache' : /Instance/.test(rec.className) ? 'instance' : /Domain/.test(rec.className) ? 'domain' : /Collection/.test(rec.className) ? 'collection' : 'cluster';
  return `${engine} ${kind}`;
}

function engineOf(rec: Rec, service: string): Pick<CdkDatabaseData, 'engine' | 'version' | 'serverless' | 'engineAsWritten'> {
  const props = rec.props;
  if (service === 'rds') {
    const engine = prop(props, 'engine') ?? prop(prop(props, 'properties'), 'Engine');
    const named = rdsEngine(engine);
    const version = versionOf(engine) ?? text(prop(props, 'engineVersion'));
    const serverless = rec.className.startsWith('Serverless') ? 'v1' : serverlessV2(props) ? 'v2' : undefined;
    const words = named ?? (rec.className.includes('Cluster') ? 'Aurora' : 'RDS');
    return {
      engine: words.startsWith('Aurora') || words === 'RDS' ? words : `${words} (RDS)`,
      ...(version ? { version } : {}),
      ...(serverless ? { serverless } : {}),
      ...(!named && engine ? { engineAsWritten: textOf(engine) } : {}),
    };
  }
  if (service === 'elasticache') {
    const engine = stringOf(prop(props, 'engine'));
    const version = text(prop(props, 'engineVersion')) ?? text(prop(props, 'majorEngineVersion'));
    const words = engine ? (CACHE_ENGINES[engine.toLowerCase()] ?? engine) : undefined;
    return { engine: words ? `${words} (ElastiCache)` : 'ElastiCache', ...(version ? { version } : {}) };
  }
  const version = text(prop(props, 'version')) ?? text(prop(props, 'engineVersion'));
  const type = service === 'opensearchserverless' ? stringOf(prop(props, 'type')) : undefined;
  return { engine: `${SERVICE_ENGINES[service] ?? service}${type ? ` (${type.toLowerCase()})` : ''}`, ...(version ? { version: memberName(prop(props, 'version')) ?? version } : {}) };
}

/** `DatabaseClusterEngine.auroraPostgres({…})`, `DatabaseInstanceEngine.POSTGRES`, `'aurora-postgresql'` → words. */
function rdsEngine(engine: Value | undefined): string | undefined {
  if (!engine || engine.k === 'undef') return undefined;
  const raw = engine.k === 'str' ? engine.v : engine.k === 'ext' ? engine.path[engine.path.length - 1] : (memberName(engine) ?? '');
  return RDS_ENGINES[raw.toLowerCase().replace(/[^a-z0-9]/g, '')];
}

/** The `version` given to an engine factory: `{ version: AuroraPostgresEngineVersion.VER_15_4 }` → `VER_15_4`. */
function versionOf(engine: Value | undefined): string | undefined {
  const options = engine?.k === 'ext' ? engine.args?.[0] : undefined;
  const version = prop(options, 'version');
  if (!version || version.k === 'undef') return undefined;
  if (version.k === 'ext' && version.args && version.args[0]) return stringOf(version.args[0]) ?? textOf(version);
  return memberName(version) ?? textOf(version);
}

/** Aurora Serverless v2: its capacity range, or a `ClusterInstance.serverlessV2(…)` writer. */
function serverlessV2(props: Value | undefined): boolean {
  if (prop(props, 'serverlessV2MinCapacity') || prop(props, 'serverlessV2MaxCapacity')) return true;
  const writer = prop(props, 'writer');
  return writer?.k === 'ext' && writer.path[writer.path.length - 1] === 'serverlessV2';
}

function text(value: Value | undefined): string | undefined {
  return value && value.k !== 'undef' ? (stringOf(value) ?? textOf(value)) : undefined;
}
