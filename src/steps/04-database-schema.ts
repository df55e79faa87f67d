import { dbAccessDetector } from '../detectors/backend-code/index.js';
import { cdkDetector, type CdkTableFact } from '../detectors/cdk/index.js';
import { ormDetector } from '../detectors/orm/index.js';
import { otherInfraDetector, type InfraTableFact } from '../detectors/other-infra/index.js';
import { heading, join, stepHeading } from '../markdown/blocks.js';
import { cite } from '../markdown/cite.js';
import { dataAccessPart } from './parts/backend-code.js';
import { plural } from './parts/cdk-shared.js';
import { copiesOf } from './parts/cdk-copies.js';
import { databasesPart, databasesSentence } from './parts/cdk-databases.js';
import { imported, knownTables, tableSections, tablesOverview } from './parts/cdk-tables.js';
import { importTargets } from './parts/cdk-table-imports.js';
import { infraTablesPart } from './parts/infra-api.js';
import { ormAccessPart } from './parts/orm-access.js';
import { TITLE as INFRA_TITLE } from './parts/other-infra.js';
import { ormSchemaPart } from './parts/orm-schema.js';
import { databaseRuntimeDetector, type DbMigrationsFact } from '../detectors/database-runtime/index.js';
import { sqlSchemaDetector } from '../detectors/sql-schema/index.js';
import { sqlTablesPart, sqlTablesSentence } from './parts/sql-tables.js';
import { noneOr } from './parts/claims.js';
import { migrationCodeTables, migrationCodeTablesPart } from './parts/migration-code-tables.js';
import { dbRuntimePart } from './parts/db-runtime.js';
import { redisDetector } from '../detectors/redis/index.js';
import { supabaseAccessDetector } from '../detectors/supabase/access.js';
import { supabaseAccessPart } from './parts/supabase-access.js';
import { redisAccessPart } from './parts/redis-access.js';
import { fileRank } from './parts/roles.js';
import type { StepDefinition } from './types.js';

export const databaseSchemaStep: StepDefinition = {
  number: 4,
  title: 'Database Schema',
  detectors: [cdkDetector, otherInfraDetector, ormDetector, dbAccessDetector, databaseRuntimeDetector, sqlSchemaDetector, redisDetector, supabaseAccessDetector],
  claims: ['database', 'table-definitions'],
  build(model) {
    const { facts } = model;
    // A table a base stack class defines is counted once, not once per stack that extends it.
    const tables = copiesOf(facts.of<CdkTableFact>('cdk.table')).shown;
    // Redis commands sit beside the other stores' access: a cache or store the ORM tables do not show.
    const access = join(dataAccessPart(facts, knownTables(facts)), redisAccessPart(facts), supabaseAccessPart(facts));
    const rank = fileRank(model.index);
    const orm = ormSchemaPart(facts, rank);
    const ormAccess = ormAccessPart(facts, rank);
    const infraTables = facts.of<InfraTableFact>('infra.table');
    const databases = facts.has('cdk.database') ? `${databasesSentence(facts)}.` : '';
    const created = tables.filter((t) => !imported(t.data));
    // Imports that stand for a table defined here: by its attribute (the detector's importedBy) or by its physical name.
    const viaAttribute = tables.reduce((n, t) => n + (t.data.importedBy?.length ?? 0), 0);
    const targets = importTargets(facts, facts.of<CdkTableFact>('cdk.table'));
    const matched = tables.filter((t) => targets.has(t)).length;
    const files = [...new Set(created.map((t) => t.at[0].file))].sort();
    const sql = sqlTablesSentence(facts);
    // Kysely / Knex migrations create the tables in code: say where, rather than that no table definition was found.
    const codeTables = tables.length > 0 || infraTables.length > 0 || sql !== '' || databases !== '' || orm !== '' || access !== '' ? [] : migrationCodeTables(model.index, facts);
    const intro =
      tables.length > 0
        ? `${plural(created.length, 'DynamoDB table')} defined with AWS CDK in ${files.map((f) => cite(f)).join(', ')}` +
          (tables.length > created.length ? `, and ${plural(tables.length - created.length, 'existing table')} imported by name${tables.some((t) => imported(t.data) && t.data.kind.endsWith('Arn')) ? ' or ARN' : ''}${matched > 0 ? ` (${matched} of them ${matched === 1 ? 'names' : 'name'} a table defined here)` : ''}` : '') +
          (viaAttribute > 0 ? `; ${plural(viaAttribute, 'more import')} given a defined table's name or ARN ${viaAttribute === 1 ? 'is' : 'are'} listed with that table` : '') +
          '. Keys, indexes and settings come from the table definitions; access patterns from the code that reads and writes them.'
        : infraTables.length > 0
          ? `${plural(infraTables.length, 'DynamoDB table')} defined with ${[...new Set(infraTables.map((t) => INFRA_TITLE[t.data.tool]))].join(' and ')} in ${[...new Set(infraTables.map((t) => t.data.file))].sort().map((f) => cite(f)).join(', ')}${access !== '' ? '; access patterns from the code that reads and writes them' : ''}.`
        : sql !== ''
          ? `${sql}${orm !== '' ? ' ORM models are below too.' : ''}${access !== '' ? ' Access patterns come from the code that calls the database.' : ''}`
        : databases !== ''
          ? `${databases}${orm !== '' ? ` The schema comes from the ORM definitions below${ormAccess !== '' ? ', access patterns from the code that calls them' : ''}.` : access !== '' ? ' The access patterns below come from the code that calls the database.' : ''}`
        : orm !== ''
          ? `No DynamoDB tables in CDK code; the schema comes from the ORM definitions below${ormAccess !== '' ? ', access patterns from the code that calls them' : ''}.`
          : access !== ''
            ? `${model.none('table-definitions', 'No table definitions were found (no CDK tables, no ORM schema, no migrations)') ?? (facts.of<DbMigrationsFact>('db.migrations').some((f) => f.data.folders.length > 0) ? 'The tables are defined by the migrations listed below' : 'The tables are defined outside the CDK and ORM code this step maps')}; the access patterns below come from the code that calls the database.`
            : codeTables.length > 0
              ? migrationCodeTablesPart(codeTables)
            : noneOr(
                model,
                'database',
                'No database schema found: no DynamoDB tables in CDK code, no Prisma, Drizzle or TypeORM schema, no database client in use and no database access code.',
                'No table definition or ORM schema this step maps was found, but the repository has these signs of a database:',
              );
    const markdown = join(
      stepHeading(4, 'Database Schema'),
      intro,
      dbRuntimePart(facts),
      tables.length > 0 && tablesOverview(facts),
      tableSections(facts),
      databases !== '' && join(heading(3, 'Databases and caches (from CDK)'), tables.length > 0 ? databases : '', databasesPart(facts)),
      infraTablesPart(facts),
      sqlTablesPart(facts),
      access !== '' && join(heading(3, 'Access patterns and data-access code'), access),
      orm !== '' && join(heading(3, 'ORM models'), orm),
      ormAccess !== '' && join(heading(3, 'ORM access patterns'), ormAccess),
    );
    return { markdown, facts: [...facts.all] };
  },
};
