/**
 * What `find` searches: every fact of the repository model said as one entry — a user-facing kind, a title to match
 * (`POST /v1/kv/{namespace}/batch`, `KV_TABLE_NAME`, `UsageMetrics`), a one-line summary and `path:line` citations.
 * Environment variables are one entry each, joining every read and every set.
 */
import type { Citation, Fact, FactSet } from '../facts.js';
import { envModelOf } from '../model/env.js';
import type { RepoIndex } from '../scan/repo-index.js';

export const ENTRY_KINDS = [
  'endpoint',
  'lambda',
  'table',
  'model',
  'env',
  'route',
  'sdk-method',
  'stack',
  'package',
  'job',
  'graphql',
  'workflow',
  'script',
  'config',
  'other',
] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export interface Entry {
  readonly kind: EntryKind;
  readonly title: string;
  readonly summary: string;
  readonly at: readonly Citation[];
  /** Extra words that should match (a table's physical name, a Lambda's handler file). */
  readonly keywords?: string;
}

type Data = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : v && typeof v === 'object' && typeof (v as Data).text === 'string' ? ((v as Data).text as string) : undefined);
const where = (file: unknown, line?: unknown): Citation[] => (typeof file === 'string' ? [{ file, ...(typeof line === 'number' ? { line } : {}) }] : []);

/** One entry per fact the map cites, and one per environment variable. */
export function entriesOf(facts: FactSet, index: RepoIndex): Entry[] {
  const out: Entry[] = [];
  for (const fact of facts.all) {
    const entry = entryOf(fact as Fact<string, Data>);
    if (entry) out.push(entry);
  }
  for (const v of envModelOf(facts, index).sorted()) {
    const reads = v.reads.map((r) => ({ file: r.file, line: r.lines[0] }));
    const sets = v.sets.map((s) => s.at);
    const summary = `${v.name}: read in ${reads.length} place${reads.length === 1 ? '' : 's'}${reads.length ? ` (${reads.slice(0, 3).map(fmt).join(', ')})` : ''}; set in ${sets.length} place${sets.length === 1 ? '' : 's'}${sets.length ? ` (${v.sets.slice(0, 3).map((s) => `${s.kind}${s.owner ? ` ${s.owner}` : ''} ${fmt(s.at)}`).join(', ')})` : ''}`;
    out.push({ kind: 'env', title: v.name, summary, at: [...reads, ...sets] });
  }
  return out;
}

function fmt(c: Citation): string {
  return `/${c.file}${c.line ? `:${c.line}` : ''}`;
}

function entryOf(fact: Fact<string, Data>): Entry | undefined {
  const d = fact.data ?? {};
  const at = fact.at;
  switch (fact.kind) {
    case 'cdk.route': {
      const handler = str(d.entry) ? ` → handler /${d.entry}` : str(d.integration) ? ` → ${d.integration}` : '';
      const auth = str(d.authorizer) ? `; authorizer ${d.authorizer}` : '';
      return { kind: 'endpoint', title: `${d.method} ${d.path}`, summary: `${d.method} ${d.path} (API Gateway)${handler}${auth}`, at: [...where(d.entry), ...at], keywords: str(d.entry) };
    }
    case 'http.route':
    case 'infra.route': {
      const handler = str(d.handlerFile) ? ` → ${str(d.handler) ?? 'handler'} in /${d.handlerFile}` : str(d.handler) ? ` → ${d.handler}` : '';
      const guards = Array.isArray(d.middleware) && d.middleware.length ? `; middleware ${d.middleware.join(', ')}` : '';
      const by = str(d.framework) ?? str(d.tool) ?? 'server';
      // A Terraform route resource whose `for_each` map was not read: not one endpoint named `? `.
      const forEach = d.forEach as { over?: string } | undefined;
      if (forEach?.over) return { kind: 'endpoint', title: `routes of for_each = ${forEach.over}`, summary: `API routes made by for_each = ${forEach.over} (${by}), not read`, at: [...where(d.file, d.line), ...at] };
      return { kind: 'endpoint', title: `${d.method} ${d.path}`, summary: `${d.method} ${d.path} (${by})${handler}${guards}`, at: [...where(d.handlerFile), ...where(d.file, d.line), ...at] };
    }
    case 'cdk.lambda': {
      const code = str(d.entry) ? `/${d.entry}` : (str(d.entryAsWritten) ?? 'code not resolved');
      return { kind: 'lambda', title: str(d.constructId) ?? fact.id, summary: `Lambda ${d.constructId} (${d.kind}) — code ${code}${str(d.runtime) ? `, ${d.runtime}` : ''}`, at: [...where(d.entry), ...at], keywords: str(d.entry) };
    }
    case 'infra.function':
      return { kind: 'lambda', title: str(d.name) ?? fact.id, summary: `Function ${d.name}${str(d.handlerFile) ? ` — code /${d.handlerFile}` : ''}`, at: [...where(d.handlerFile), ...at] };
    case 'cdk.table': {
      const name = str(d.tableName);
      const pk = d.partitionKey && typeof d.partitionKey === 'object' ? str((d.partitionKey as Data).name) : undefined;
      const sk = d.sortKey && typeof d.sortKey === 'object' ? str((d.sortKey as Data).name) : undefined;
      const gsis = Array.isArray(d.gsis) ? d.gsis.map((g) => str((g as Data).name)).filter(Boolean) : [];
      return {
        kind: 'table',
        title: str(d.constructId) ?? fact.id,
        summary: `DynamoDB table ${d.constructId}${name ? ` (name ${name})` : ''}${pk ? `, partition key ${pk}` : ''}${sk ? `, sort key ${sk}` : ''}${gsis.length ? `, GSIs ${gsis.join(', ')}` : ''} — defined in CDK`,
        at,
        keywords: name,
      };
    }
    case 'infra.table':
      return { kind: 'table', title: str(d.name) ?? fact.id, summary: `Table ${d.name ?? fact.id} (${d.tool ?? 'infrastructure'})`, at };
    case 'orm.model':
      return { kind: 'model', title: str(d.name) ?? fact.id, summary: `${d.orm} model ${d.name}${str(d.table) ? ` (table ${d.table})` : ''}`, at: where(d.file, d.line).length ? where(d.file, d.line) : at, keywords: str(d.table) };
    case 'react-router.route':
    case 'tanstack-router.route':
    case 'next.route':
    case 'expo.route':
    case 'astro.route':
      return { kind: 'route', title: str(d.path) ?? fact.id, summary: `Page ${d.path}${str(d.component) ? ` → ${d.component}` : ''}${str(d.file) ? ` in /${d.file}` : ''}`, at: [...where(d.file, d.line), ...at] };
    case 'sdk.client': {
      const cls = str(d.name) ?? fact.id;
      const methods = Array.isArray(d.methods) ? (d.methods as Data[]) : [];
      return {
        kind: 'sdk-method',
        title: cls,
        summary: `SDK client ${cls} with ${methods.length} method${methods.length === 1 ? '' : 's'}: ${methods.slice(0, 12).map((m) => m.name).join(', ')}`,
        at,
        keywords: methods.map((m) => `${cls}.${m.name} ${m.name}`).join(' '),
      };
    }
    case 'cdk.stack':
      return { kind: 'stack', title: str(d.className) ?? fact.id, summary: `CDK stack ${d.className}`, at };
    case 'packages.package':
      return { kind: 'package', title: str(d.name) ?? fact.id, summary: `Package ${d.name} in /${d.dir || ''}${d.kind && typeof d.kind === 'object' ? ` — ${(d.kind as Data).label}` : ''}`, at, keywords: str(d.dir) };
    case 'jobs.job':
      return { kind: 'job', title: str(d.name) ?? fact.id, summary: `${d.kind} (${d.via}) ${d.name}${str(d.trigger) ? ` on ${d.trigger}` : ''}`, at };
    case 'cdk.graphqlResolver':
      return { kind: 'graphql', title: fact.id, summary: `GraphQL resolver ${fact.id}`, at };
    case 'ci.workflow':
      return { kind: 'workflow', title: str(d.name) ?? fact.id, summary: `CI workflow ${d.name ?? ''} (/${d.file})`, at };
    case 'scripts.script':
      return { kind: 'script', title: `${d.name}`, summary: `npm script ${d.name} in ${d.package || 'root'}: ${d.command}`, at };
    case 'config.file':
      return { kind: 'config', title: str(d.file) ?? fact.id, summary: `${d.tool} config /${d.file}`, at };
    case 'env.read':
    case 'env.declared':
    case 'env.dynamic':
    case 'stack.tech':
    case 'stack.other-deps':
    case 'stack.runtime':
    case 'deps.dependency':
      // Environment facts are joined into one entry per variable; the stack is not something one looks up by name.
      return undefined;
    default:
      return at.length > 0 ? { kind: 'other', title: fact.id, summary: `${fact.kind} ${fact.id}`, at } : undefined;
  }
}
