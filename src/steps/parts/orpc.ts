/**
 * oRPC: the handlers that serve a router and their prefixes, the NestJS controller methods that implement contract
 * procedures, and the routers whose procedures this does not follow, said as not mapped rather than left out.
 */
import type { FactSet } from '../../facts.js';
import type { OrpcFileFact, OrpcHandlerFact, OrpcProcedureFact, OrpcRouterFact } from '../../detectors/orpc/index.js';
import { heading, join, table } from '../../markdown/blocks.js';
import { cite } from '../../markdown/cite.js';
import { code, urlPath } from '../../markdown/text.js';
import { compareText } from './format.js';

/** What step 3's summary can say of oRPC: procedures listed, or server code whose procedures are not listed. */
export function orpcState(facts: FactSet): 'mapped' | 'unmapped' | undefined {
  const unmapped = facts.has('orpc.router') || facts.has('orpc.file');
  if (unmapped) return 'unmapped';
  return facts.has('orpc.procedure') ? 'mapped' : undefined;
}

function routeCell(method: string | undefined, path: string | undefined): string {
  if (path === undefined) return method ? code(method) : '—';
  return code(`${method ? `${method} ` : ''}${path}`);
}

export function orpcPart(facts: FactSet): string {
  const procedures = facts.of<OrpcProcedureFact>('orpc.procedure').map((f) => f.data);
  const routers = facts.of<OrpcRouterFact>('orpc.router').map((f) => f.data);
  const handlers = facts.of<OrpcHandlerFact>('orpc.handler').map((f) => f.data);
  const files = facts.of<OrpcFileFact>('orpc.file').map((f) => f.data);
  if (procedures.length + routers.length + handlers.length + files.length === 0) return '';
  const served = handlers.map((h) => {
    const at = h.prefixes.length > 0 ? ` at ${h.prefixes.map(urlPath).join(', ')}` : '';
    return `${code(h.kind)}${h.router ? ` of ${code(h.router)}` : ''}${at} (${cite(h.file, h.line)})`;
  });
  const controllers = procedures.length > 0 && join(
    heading(4, 'Controller methods implementing contract procedures'),
    `${procedures.length} procedure${procedures.length === 1 ? '' : 's'} implemented by NestJS controller methods with \`@Implement(…)\` from \`@orpc/nest\`. Route: the method and path the contract's \`route({ … })\` gives, with its routers' prefixes (— where it was not read: a contract this reader did not follow, such as one built by the project's own helpers, or a route not written as literals).`,
    table(
      ['Contract procedure', 'Route', 'Controller method', 'Declared in'],
      [...procedures]
        .sort((a, b) => compareText(a.file, b.file) || a.line - b.line)
        .map((p) => [code(p.contract), routeCell(p.httpMethod, p.httpPath), code(`${p.controller}.${p.method}`), cite(p.file, p.line)]),
    ),
  );
  const unmapped = routers.length > 0 && join(
    heading(4, 'Routers'),
    `The procedures of these routers are **not mapped** here (their entries, procedures and nested routers, are not followed):`,
    table(['Router', 'Entries', 'Declared in'], routers.map((r) => [code(r.name), String(r.entries), cite(r.file, r.line)])),
  );
  const unread = files.length > 0
    && `oRPC server code was found, but no procedure or router was read from it: the oRPC procedures are **not mapped**. Files: ${files.map((f) => cite(f.file)).join(', ')}.`;
  return join(
    heading(3, 'oRPC'),
    served.length > 0 && `Served by ${served.join('; ')}.`,
    controllers,
    unmapped,
    unread,
  );
}
