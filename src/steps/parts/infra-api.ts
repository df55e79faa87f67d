/**
 * The backend API and tables of a repository whose infrastructure is not AWS CDK but Serverless Framework, SST or
 * Terraform (the other-infra detector): step 3 shows their endpoints and functions, step 4 their tables. Step 6 shows
 * the same tools in full, as infrastructure.
 */
import type { InfraFunctionFact, InfraProjectFact, InfraRouteFact, InfraTableFact, InfraTool } from '../../detectors/other-infra/index.js';
import type { FactSet } from '../../facts.js';
import { heading, join } from '../../markdown/blocks.js';
import { cite } from '../../markdown/cite.js';
import { code } from '../../markdown/text.js';
import { INFRA_TOOLS, infraFunctionTable, infraRouteTable, infraTableTable, ofTool, TITLE } from './other-infra.js';

/** Tools that define HTTP routes or functions, with their route counts, in a fixed order. */
export function infraApis(facts: FactSet): { tool: InfraTool; title: string; routes: number; functions: number; unread: string[] }[] {
  return INFRA_TOOLS.map((tool) => ({
    tool,
    title: TITLE[tool],
    routes: ofTool(facts.of<InfraRouteFact>('infra.route'), tool).filter((r) => !r.forEach).length,
    functions: ofTool(facts.of<InfraFunctionFact>('infra.function'), tool).length,
    // Function lists built by code (`functions: ${file(./functions.js)}`): the count above is then a lower bound.
    unread: [
      ...ofTool(facts.of<InfraProjectFact>('infra.project'), tool).flatMap((p) =>
        (p.unread ?? []).filter((u) => u.key === 'functions').map((u) => `functions defined in ${u.exists ? cite(u.file) : code(u.file)} (included at ${cite(u.from, u.line)}), not read`),
      ),
      // A route resource written with `for_each` over a map not read here: its routes are not counted.
      ...ofTool(facts.of<InfraRouteFact>('infra.route'), tool).filter((r) => r.forEach).map((r) => `routes from ${code(`for_each = ${r.forEach!.over}`)} (${cite(r.file, r.line)}), not counted`),
    ],
  })).filter((a) => a.routes > 0 || a.functions > 0 || a.unread.length > 0);
}

/** `### API: SST` sections: endpoints with their handler files, then functions and their triggers. */
export function infraApiPart(facts: FactSet): string {
  return join(
    ...infraApis(facts).map(({ tool, title, unread }) => {
      const routes = infraRouteTable(ofTool(facts.of<InfraRouteFact>('infra.route'), tool));
      const functions = infraFunctionTable(ofTool(facts.of<InfraFunctionFact>('infra.function'), tool));
      return join(heading(3, `API: ${title}`), unread.length > 0 && `Not listed below: ${unread.join('; ')}.`, routes && join(heading(4, 'Endpoints'), routes), functions && join(heading(4, 'Functions'), functions));
    }),
  );
}

/** `### DynamoDB tables (SST)` sections; '' when no such tool declares a table. */
export function infraTablesPart(facts: FactSet): string {
  return join(
    ...INFRA_TOOLS.map((tool) => {
      const tables = infraTableTable(ofTool(facts.of<InfraTableFact>('infra.table'), tool));
      return tables && join(heading(3, `DynamoDB tables (${TITLE[tool]})`), tables);
    }),
  );
}
