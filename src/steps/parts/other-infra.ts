import type { FactSet } from '../../facts.js';
import type {
  InfraFunctionData, InfraFunctionFact, InfraProjectData, InfraProjectFact, InfraResourceFact, InfraRouteData, InfraRouteFact, InfraTableData,
  InfraTableFact, InfraTableIndex, InfraTool,
} from '../../detectors/other-infra/index.js';
import { bullets, heading, join, table } from '../../markdown/blocks.js';
import { cite, citeAll } from '../../markdown/cite.js';
import { cell, code, escaped } from '../../markdown/text.js';
import { byFileLine, compareText, names, value } from './format.js';
import { INFRA_TOOL_TITLE as TITLE, type InfraBuiltBy, type InfraCodeSource } from '../../detectors/other-infra/types.js';
import { pushTo } from '../../collections.js';

export const INFRA_TOOLS: readonly InfraTool[] = ['serverless', 'sst', 'sam', 'cloudformation', 'terraform', 'wrangler'];
/** Resources the endpoints table already shows, route by route. */
const ROUTE_PLUMBING = new Set([
  'aws_apigatewayv2_route', 'aws_apigatewayv2_integration', 'aws_api_gateway_resource', 'aws_api_gateway_method',
  'aws_api_gateway_integration', 'AWS::ApiGateway::Resource', 'AWS::ApiGateway::Method', 'AWS::ApiGatewayV2::Route',
  'AWS::ApiGatewayV2::Integration',
]);

export { TITLE };

/**
 * A subsection per tool (Serverless Framework, SST, SAM, CloudFormation, Terraform) at `level` (`###` when they are
 * the step's only infrastructure, `####` under "Other infrastructure tools"), its tables under headings one deeper;
 * '' when the repository uses none of them.
 */
export function otherInfraPart(facts: FactSet, level: 3 | 4 = 4): string {
  const sub = (level + 1) as 4 | 5;
  return join(
    ...INFRA_TOOLS.map((tool) => {
      const projects = ofTool(facts.of<InfraProjectFact>('infra.project'), tool);
      const functions = ofTool(facts.of<InfraFunctionFact>('infra.function'), tool);
      const routes = ofTool(facts.of<InfraRouteFact>('infra.route'), tool);
      const tables = ofTool(facts.of<InfraTableFact>('infra.table'), tool);
      const resources = ofTool(facts.of<InfraResourceFact>('infra.resource'), tool);
      if (projects.length === 0) return '';
      const projectLines = projects.map((p) => {
        const settings = [p.provider && `provider ${value(p.provider)}`, p.runtime && `runtime ${value(p.runtime)}`, p.region && `region ${value(p.region)}`]
          .filter(Boolean)
          .join(', ');
        const none = p.notDeployed ? ' — a config other wrangler commands read (D1 migrations, local tooling), not a Worker: it names no `main`, assets or site' : '';
        return `${p.name ? `${code(p.name)} in ` : ''}${cite(p.file)}${settings ? `: ${settings}` : ''}${none}${unreadText(p)}`;
      });
      const routeTable = infraRouteTable(routes);
      const functionTable = infraFunctionTable(functions);
      const tableTable = infraTableTable(tables);
      const byType = new Map<string, typeof resources>();
      for (const r of resources) {
        if (routes.length > 0 && ROUTE_PLUMBING.has(r.type)) continue;
        pushTo(byType, r.type, r);
      }
      const resourceTable = table(
        ['Type', 'Resources', 'Defined in'],
        [...byType.entries()]
          .sort(([a], [b]) => compareText(a, b))
          .map(([type, all]) => {
            // One binding declared for several environments (wrangler `env.staging`, `env.production`) is one row item.
            const names = [...new Set(all.map((r) => `${code(r.name)}${r.detail ? ` (${cell(r.detail)})` : ''}`))];
            const list = all.filter((r, i) => all.findIndex((o) => o.name === r.name && o.detail === r.detail && o.file === r.file) === i);
            return [
              code(type),
              names.slice(0, 8).join(', ') + (names.length > 8 ? ` (+${names.length - 8} more)` : ''),
              citeAll(list.map((r) => ({ file: r.file, line: list.length === 1 ? r.line : undefined })), 3),
            ];
          }),
      );
      return join(
        heading(level, TITLE[tool]),
        bullets(projectLines),
        routeTable && join(heading(sub, 'Endpoints'), routeTable),
        functionTable && join(heading(sub, 'Functions'), functionTable),
        tableTable && join(heading(sub, 'DynamoDB tables'), tableTable),
        resourceTable && join(heading(sub, tool === 'wrangler' ? 'Bindings' : 'Other resources'), resourceTable),
        tool === 'wrangler' && resources.some((r) => r.type !== 'Pages build output')
          ? 'A Worker reads each binding, and each name under `vars`, as `env.<NAME>` (with Hono, `c.env.<NAME>`); their values are set in the Cloudflare dashboard or with `wrangler secret put`, never here.'
          : '',
      );
    }),
  );
}

/** `; functions from …, not read`: an include whose content is unknown, said where a reader would look for the list. */
export function unreadText(p: InfraProjectData): string {
  return (p.unread ?? [])
    .map((u) => {
      const where = `; ${code(u.key)} come from ${u.exists ? cite(u.file) : code(u.file)} (included at ${cite(u.from, u.line)})`;
      if (!u.exists) return `${where}, a file not in the repository: not read`;
      return /\.[cm]?[jt]s$/.test(u.file)
        ? `${where}, code that builds them when the tool runs: not read here (\`serverless print\` shows the result)`
        : `${where}: not read here`;
    })
    .join('');
}

/** Facts of one kind made with one tool, in file order. */
export function ofTool<T extends { tool: InfraTool; file: string; line: number }>(list: readonly { data: T }[], tool: InfraTool): T[] {
  return list.map((f) => f.data).filter((d) => d.tool === tool).sort(byFileLine);
}

/** An "Auth" column only when some route names an authorizer: "none" is then a reading of the route, not a guess. */
export function infraRouteTable(routes: readonly InfraRouteData[]): string {
  const withAuth = routes.some((r) => r.authorizer);
  return table(
    ['Route', 'Served by', 'Handler file', ...(withAuth ? ['Auth'] : []), 'Defined in'],
    [...routes]
      .sort((a, b) => compareText(a.path, b.path) || compareText(a.method, b.method) || byFileLine(a, b))
      .map((r) => [
        r.forEach ? `the routes of ${code(`for_each = ${r.forEach.over}`)}, ${calledText(r.forEach.calledAt, r.forEach.over)}` : code(`${r.method} ${r.path}`),
        r.target ? value(r.target) : r.integration ? cell(r.integration) : r.via ? code(r.via) : '—',
        r.handlerFile ? `${cite(r.handlerFile)}${builtByText(r.builtBy)}` : r.codeSource ? codeSourceText(r.codeSource, r.file) : r.integration ? 'no function (integration)' : r.via || r.forEach ? 'not followed to a file' : r.target ? 'not traced to a file' : 'no target in the route',
        ...(withAuth ? [r.authorizer ? cell(r.authorizer) : r.forEach ? '—' : 'none'] : []),
        cite(r.file, r.line),
      ]),
  );
}

/** Where a module whose routes are not read is called; a module no folder calls gets its map from outside. */
function calledText(at: readonly { file: string; line: number }[], over: string): string {
  // Said as what this reader did, not as a fact about the repository: the map is there, in a form it does not expand.
  if (at.length > 0) return `given by the module call at ${at.map((c) => cite(c.file, c.line)).join(', ')} in a form this map does not expand`;
  return over.startsWith('var.') ? 'a module input that no module call in this repository sets' : 'a value this map does not expand';
}

/**
 * Code that is not a repository path: never "not found" (the zip is built from somewhere, often this repository).
 * A key starting with `/` is not printed as a code span, which would read as a repository path.
 */
function codeSourceText(source: InfraCodeSource, file: string): string {
  if (source.kind === 'inline') return `inline in the template (${cite(file, source.line)})`;
  if (source.kind === 'build') return `built into ${code(source.path)} (its source not traced)`;
  const key = source.key ? ` (${source.key.startsWith('/') ? escaped(source.key) : code(source.key)})` : '';
  return `deployed from S3${key}${source.likely ? `; source likely ${cite(source.likely)}` : ''}`;
}

/** `(built by /esbuild-lambda.js:9)`: the handler file is the source of the build output the function deploys. */
function builtByText(by: InfraBuiltBy | undefined): string {
  return by ? ` (built by ${cite(by.file, by.line)})` : '';
}

export function infraFunctionTable(functions: readonly InfraFunctionData[]): string {
  return table(
    ['Function', 'Handler', 'Runtime', 'Environment', 'Triggers', 'Defined in'],
    functions.map((f) => [
      // Not one function: as many as the map has entries, a count this reader does not give.
      f.forEach ? `${code(f.name)}, one per entry of ${code(`for_each = ${f.forEach.over}`)}, ${calledText(f.forEach.calledAt, f.forEach.over)}` : code(f.name),
      `${f.handler ? value(f.handler) : '—'}${f.handlerFile ? ` → ${cite(f.handlerFile)}${builtByText(f.builtBy)}` : f.codeSource ? ` → ${codeSourceText(f.codeSource, f.file)}` : ''}`,
      f.runtime ? value(f.runtime) : '—',
      f.environment.length > 0 ? names(f.environment, 6) : '—',
      f.triggers && f.triggers.length > 0 ? escaped(f.triggers.join(', ')) : '—',
      cite(f.file, f.line),
    ]),
  );
}

export function infraTableTable(tables: readonly InfraTableData[]): string {
  return table(
    ['Table', 'Partition key', 'Sort key', 'Indexes', 'Settings', 'Defined in'],
    tables.map((t) => [
      `${code(t.name)}${t.physicalName && t.physicalName !== t.name ? ` (${value(t.physicalName)})` : ''}`,
      t.hashKey ? value(t.hashKey) : '—',
      t.rangeKey ? value(t.rangeKey) : '—',
      t.indexes.length > 0 ? t.indexes.map(indexText).join('; ') : '—',
      [t.billingMode && `billing ${t.billingMode}`, t.stream && `stream ${t.stream}`, t.ttl && `TTL ${value(t.ttl)}`].filter(Boolean).join(', ') || '—',
      cite(t.file, t.line),
    ]),
  );
}

function indexText(i: InfraTableIndex): string {
  const keys = [i.hashKey, i.rangeKey].filter((k): k is string => !!k);
  return `${i.kind} ${code(i.name)}${keys.length > 0 ? ` (${names(keys)})` : ''}${i.projection ? ` ${i.projection}` : ''}`;
}
