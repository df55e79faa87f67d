import type { FactSet } from '../../facts.js';
import type {
  AuthData, AuthFact, DataModuleFact, DbAccessData, DbAccessFact, ErrorClassFact, ErrorMappingFact, MiddlewareFact,
  SharedLibFact,
} from '../../detectors/backend-code/index.js';
import type { CdkGraphqlResolverFact, CdkLambdaFact } from '../../detectors/cdk/index.js';
import { heading, join, table } from '../../markdown/blocks.js';
import { cite } from '../../markdown/cite.js';
import { cell, code } from '../../markdown/text.js';
import { byFileLine, compareText, files, names, value } from './format.js';

/** A table known to the step (e.g. from CDK), so that access patterns can be grouped under it. */
export interface KnownTable {
  readonly id: string;
  readonly physicalName?: string;
  /** Environment variables that carry this table's name to functions. */
  readonly envVars: readonly string[];
}

const KIND_LABEL = { wrapper: 'handler wrapper', middy: 'middy middleware', server: 'server middleware' } as const;

/** `#### Middleware` (wrappers, middy, server middleware) and `#### Utilities` (shared backend modules). */
export function middlewarePart(facts: FactSet): string {
  const middleware = facts.of<MiddlewareFact>('backend.middleware').map((f) => f.data).sort(byFileLine);
  const deployed = deployedCodeFiles(facts);
  const libs = facts.of<SharedLibFact>('backend.shared-lib').map((f) => f.data).filter((l) => !deployed.has(l.file)).sort(byFileLine);
  const mwTable = table(
    ['Middleware', 'Kind', 'What it does', 'Defined in', 'Used by'],
    middleware.map((m) => [code(m.name), KIND_LABEL[m.kind], cell(m.detail ?? ''), cite(m.file, m.line), files(m.usedBy)]),
  );
  const libTable = table(
    ['Module', 'Exports'],
    libs.map((l) => [cite(l.file), names(l.exports)]),
  );
  return join(middleware.length > 0 && join(heading(4, 'Middleware'), mwTable), libs.length > 0 && join(heading(4, 'Utilities'), libTable));
}

/**
 * Files the CDK code deploys as code of their own (a Lambda function's entry, an AppSync resolver's or pipeline
 * function's code): they are listed with what runs them, not again as shared utilities.
 */
function deployedCodeFiles(facts: FactSet): Set<string | undefined> {
  const files = new Set<string | undefined>(facts.of<CdkLambdaFact>('cdk.lambda').map((f) => f.data.entry));
  for (const { data } of facts.of<CdkGraphqlResolverFact>('cdk.graphqlResolver')) {
    for (const ref of [data.code, data.responseTemplate, ...data.functions.map((fn) => fn.code)]) files.add(ref?.file);
  }
  return files;
}

const AUTH_ORDER: readonly AuthData['kind'][] = [
  'authorizer', 'session', 'jwt-verify', 'jwt-sign', 'api-key', 'iam-policy', 'cognito-claims', 'cognito-trigger', 'webhook-signature', 'hmac-compare',
];
const AUTH_LABEL: Record<AuthData['kind'], string> = {
  authorizer: 'Lambda authorizer',
  'jwt-verify': 'JWT verification',
  'jwt-sign': 'Token issuing',
  session: 'Session auth',
  'api-key': 'API key check',
  'iam-policy': 'IAM policy',
  'cognito-claims': 'Caller identity',
  'cognito-trigger': 'Cognito trigger',
  'webhook-signature': 'Webhook signature',
  'hmac-compare': 'HMAC comparison',
};

/** `#### Authentication in code`: authorizers, token verification, claims reading, triggers, webhook signatures. */
export function authFlowPart(facts: FactSet): string {
  const auth = facts
    .of<AuthFact>('backend.auth')
    .map((f) => f.data)
    .sort((a, b) => AUTH_ORDER.indexOf(a.kind) - AUTH_ORDER.indexOf(b.kind) || byFileLine(a, b));
  if (auth.length === 0) return '';
  // The same check repeated in many handlers reads better as one row.
  const groups = new Map<string, AuthData[]>();
  for (const a of auth) {
    const key = `${a.kind}|${a.library ?? ''}|${a.detail ?? ''}`;
    const group = groups.get(key);
    if (group) group.push(a);
    else groups.set(key, [a]);
  }
  const rows = [...groups.values()].flatMap((list) => {
    const what = (a: AuthData) => cell([a.library ? `${a.library}:` : '', a.detail ?? ''].filter(Boolean).join(' '));
    if (list.length < 3) return list.map((a) => [AUTH_LABEL[a.kind], code(a.name), what(a), cite(a.file, a.line)]);
    const fns = [...new Set(list.map((a) => a.name))];
    return [[AUTH_LABEL[list[0].kind], names(fns, 3), what(list[0]), files(list.map((a) => a.file))]];
  });
  return join(heading(4, 'Authentication in code'), table(['Piece', 'Code', 'What it does', 'Where'], rows));
}

/** `#### Error handling`: the error classes with status and code, and the functions mapping errors to responses. */
export function errorHandlingPart(facts: FactSet): string {
  const classes = facts.of<ErrorClassFact>('backend.error-class').map((f) => f.data).sort(byFileLine);
  const mappings = facts.of<ErrorMappingFact>('backend.error-mapping').map((f) => f.data).sort(byFileLine);
  if (classes.length === 0 && mappings.length === 0) return '';
  const classTable = table(
    ['Error class', 'Extends', 'Status', 'Code', 'Defined in'],
    classes.map((c) => [code(c.name), code(c.extends), c.statusCode ? value(c.statusCode) : '—', c.code ? value(c.code) : '—', cite(c.file, c.line)]),
  );
  // A `@Catch` filter that no `useGlobalFilters`/`@UseFilters`/`APP_FILTER` names, and no file imports (a helper could
  // hand it on: `useGlobalFilters(...filters())`), turns no error into a response.
  const unregistered = mappings.filter((m) => m.filter && m.registeredIn?.length === 0 && m.usedBy.length === 0);
  const mapLines = mappings.filter((m) => !unregistered.includes(m)).map((m) => {
    // `app.onError(…)`/`setErrorHandler(…)` install the app's error handler; `(err, req, res, next)` is middleware.
    const installed = /\.(onError|setErrorHandler)\(/.test(m.name);
    const handles = m.handles.length > 0
      ? `: checks ${names(m.handles)}`
      : m.role === 'not-found' ? ' (404 for requests no route handles)' : installed ? ' (the app-wide error handler)' : ' (error-handling middleware)';
    const used = m.registeredIn?.length ? `; registered in ${files(m.registeredIn)}` : m.usedBy.length > 0 ? `; called from ${files(m.usedBy)}` : '';
    return `- ${code(m.name)} in ${cite(m.file, m.line)}${handles}${used}`;
  });
  return join(
    heading(4, 'Error handling'),
    classTable,
    mapLines.length > 0 && `Errors become HTTP responses in:\n\n${mapLines.join('\n')}`,
    unregistered.length > 0 &&
      `Exception filters defined but registered by no \`useGlobalFilters(…)\`, \`@UseFilters(…)\` or \`APP_FILTER\` provider in the code: ${unregistered.map((m) => `${code(m.name)} (${cite(m.file, m.line)})`).join(', ')}.`,
  );
}

const MODULE_LABEL = { repository: 'repository', 'data-access': 'data access', client: 'client setup' } as const;

/** Where data-access code lives, then access patterns grouped per table (matched by env var or name) or expression. */
export function dataAccessPart(facts: FactSet, tables: readonly KnownTable[]): string {
  const modules = facts.of<DataModuleFact>('backend.data-module').map((f) => f.data).sort(byFileLine);
  const accesses = facts.of<DbAccessFact>('backend.db-access').map((f) => f.data);
  if (modules.length === 0 && accesses.length === 0) return '';
  const moduleTable = table(
    ['Module', 'Kind', 'Exports'],
    modules.map((m) => [cite(m.file), MODULE_LABEL[m.kind], names(m.exports)]),
  );
  const groups = new Map<string, { title: string; note: string; rows: DbAccessData[] }>();
  const knownTable = knownTableFinder(tables);
  for (const a of accesses) {
    const known = knownTable(a);
    // An unresolved local name (`TABLE`) means something different in every file; a dotted global
    // (`Resource.Notes.name`, `config.tables.users`) names the same table wherever it is read.
    const local = /^[\w$]+$/.test(a.table);
    const key = known ? `0 ${known.id}` : a.envVar ? `1 ${a.envVar}` : a.literal ? `2 ${a.literal}` : `3 ${a.table}${local ? ` ${a.file}` : ''}`;
    let group = groups.get(key);
    if (!group) {
      const title = known ? code(known.id) : a.envVar ? `table named by ${code(a.envVar)}` : a.literal ? code(a.literal) : code(a.table);
      group = { title, note: known || (!a.envVar && !a.literal) ? groupNote(a, known) : '', rows: [] };
      groups.set(key, group);
    }
    group.rows.push(a);
  }
  const sections = [...groups.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([, g]) => {
      const rows = g.rows.sort(byFileLine).map((a) => [
        a.action ? `${a.operation} (${a.action})` : a.operation,
        a.index ? indexCell(a.index) : 'table',
        a.keyCondition ? value(a.keyCondition) : a.key && a.key.length > 0 ? `key ${names(a.key)}` : '—',
        a.function ? code(a.function) : '—',
        cite(a.file, a.line),
      ]);
      return join(heading(4, `Access patterns: ${g.title}`), g.note, table(['Operation', 'Index', 'Key / condition', 'Function', 'Where'], rows));
    });
  return join(modules.length > 0 && join(heading(4, 'Data access code'), moduleTable), ...sections);
}

/**
 * The first known table (in `tables` order) that an access names by env var or by physical name: two lookups per
 * access instead of a scan of every table.
 */
function knownTableFinder(tables: readonly KnownTable[]): (a: DbAccessData) => KnownTable | undefined {
  const byEnvVar = new Map<string, number>();
  const byName = new Map<string, number>();
  tables.forEach((t, i) => {
    for (const v of t.envVars) if (!byEnvVar.has(v)) byEnvVar.set(v, i);
    if (t.physicalName && !byName.has(t.physicalName)) byName.set(t.physicalName, i);
  });
  return (a) => {
    const byVar = a.envVar ? byEnvVar.get(a.envVar) : undefined;
    const byLiteral = a.literal ? byName.get(a.literal) : undefined;
    const i = Math.min(byVar ?? Infinity, byLiteral ?? Infinity);
    return i === Infinity ? undefined : tables[i];
  };
}

/** `byUpdatedAt` (conditional): the index is only used on one branch of a condition. */
function indexCell(index: string): string {
  const conditional = index.endsWith(' (conditional)');
  const name = conditional ? index.slice(0, -' (conditional)'.length) : index;
  return conditional ? `${value(name)} (conditional)` : value(name);
}

function groupNote(a: DbAccessData, known: KnownTable | undefined): string {
  const sst = /^Resource\.(\w+)\.name$/.exec(a.table)?.[1];
  const via = a.envVar
    ? `the table name comes from ${code(a.envVar)}`
    : a.literal
      ? `the table is named ${code(a.literal)} in code`
      : sst
        ? `${code('TableName')} is ${code(a.table)}, the SST resource ${code(sst)} linked to the function`
        : `${code('TableName')} is ${code(a.table)} (not resolved statically)`;
  return known ? `Table ${code(known.id)}: ${via}.` : `${via[0].toUpperCase()}${via.slice(1)}.`;
}
