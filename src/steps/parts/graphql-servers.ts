/** GraphQL servers in code: per app, each operation with its resolver, guards and place. */
import type { FactSet } from '../../facts.js';
import type { GraphqlOperationData, GraphqlOperationFact } from '../../detectors/graphql-servers/index.js';
import { heading, join, table } from '../../markdown/blocks.js';
import { cite } from '../../markdown/cite.js';
import { code, urlPath } from '../../markdown/text.js';
import { compareText } from './format.js';
import { layoutMiddleware, middlewareCell, middlewareLegend } from './route-middleware.js';

const SERVER: Record<GraphqlOperationData['server'], string> = {
  nest: 'NestJS GraphQL',
  'type-graphql': 'TypeGraphQL',
  'resolver-map': 'resolver map',
  'code-first': 'code-first schema',
};
const TYPES = ['Query', 'Mutation', 'Subscription'];

export function graphqlServersPart(facts: FactSet): string {
  const ops = facts.of<GraphqlOperationFact>('graphql.operation').map((f) => f.data);
  if (ops.length === 0) return '';
  const apps = [...new Set(ops.map((o) => o.app))].sort(compareText);
  return join(
    ...apps.map((app) => {
      const list = ops
        .filter((o) => o.app === app)
        .sort((a, b) => TYPES.indexOf(a.type) - TYPES.indexOf(b.type) || compareText(a.field, b.field));
      const layout = layoutMiddleware(list.map((o) => o.middleware));
      const withGuards = layout.own.some((m) => m.length > 0);
      const rows = list.map((o, i) => [
        code(`${o.type}.${o.field}`),
        o.handler ? `${code(o.handler)}${o.handlerAt && (o.handlerAt.file !== o.file || o.handlerAt.line !== o.line) ? ` ${cite(o.handlerAt)}` : ''}` : 'inline',
        ...(withGuards ? [middlewareCell(layout.own[i])] : []),
        cite(o.file, o.line),
      ]);
      const kinds = [...new Set(list.map((o) => SERVER[o.server]))].join(', ');
      const endpoint = list.find((o) => o.endpoint)?.endpoint;
      const built = list.find((o) => o.endpointBuilt)?.endpointBuilt ?? [];
      const texts = [...new Set(built.map((b) => b.text))];
      const servedBuilt = built.length
        ? `, served at a path the code builds: ${texts.map((t) => code(t)).join(', ')} in ${built.length} GraphQL module${built.length === 1 ? '' : 's'} (${built.map((b) => cite(b.at)).join(', ')})`
        : '';
      const legend = middlewareLegend(list.flatMap((o) => o.middleware));
      return join(
        heading(3, `GraphQL server${app ? `: ${app}` : ''}`),
        `${list.length} operation${list.length === 1 ? '' : 's'} (${kinds})${endpoint ? `, served at ${urlPath(endpoint)}` : servedBuilt}.`,
        layout.common.length > 0 ? `Every operation here passes through ${middlewareCell(layout.common)}.` : '',
        table(['Operation', 'Resolver', ...(withGuards ? ['Guards'] : []), 'Declared in'], rows),
        legend && `Guards:\n\n${legend}`,
      );
    }),
  );
}
