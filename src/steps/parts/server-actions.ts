/** Next.js Server Actions: each action, what guards it (its action client's middleware, wrappers), and who calls it. */
import type { FactSet } from '../../facts.js';
import type { ServerActionData, ServerActionFact } from '../../detectors/server-actions/index.js';
import { heading, join, table } from '../../markdown/blocks.js';
import { cite } from '../../markdown/cite.js';
import { code } from '../../markdown/text.js';
import { byFileLine, compareText } from './format.js';
import { middlewareCell, middlewareLegend } from './route-middleware.js';

export function serverActionsPart(facts: FactSet): string {
  const actions = facts.of<ServerActionFact>('next.server-action').map((f) => f.data);
  if (actions.length === 0) return '';
  const apps = [...new Set(actions.map((a) => a.app))].sort(compareText);
  return join(
    heading(3, 'Server Actions'),
    ...apps.map((app) => {
      const list = actions.filter((a) => a.app === app).sort((a, b) => byFileLine(a, b) || compareText(a.name, b.name));
      const rows = list.map((a) => [code(a.name), guardCell(a), callersCell(a), cite(a.file, a.line)]);
      const legend = middlewareLegend(list.flatMap((a) => a.middleware));
      const files = new Set(list.map((a) => a.file)).size;
      return join(
        apps.length > 1 && app ? heading(4, app) : '',
        `${list.length} action${list.length === 1 ? '' : 's'} in ${files} file(s); each runs on the server when a component calls it.`,
        table(['Action', 'Guard', 'Called from', 'Defined in'], rows),
        legend && `Middleware:\n\n${legend}`,
      );
    }),
  );
}

/** The action client (its inline middleware is in the legend), then named middleware and wrappers, then a session check in the body. */
function guardCell(a: ServerActionData): string {
  const client = a.client ? `${code(a.client)}${a.clientAt ? ` ${cite(a.clientAt)}` : ''}` : '';
  const named = a.middleware.filter((m) => m.name !== '(inline middleware)');
  const chain = named.length > 0 ? middlewareCell(named) : '';
  // A helper that does the check is cited at its definition too, where the throw or redirect can be read.
  const helper = a.sessionCheck?.helper ? `, defined at ${cite(a.sessionCheck.helper)}` : '';
  const session = a.sessionCheck ? `session check ${code(a.sessionCheck.call)} (${cite(a.sessionCheck.at)}${helper})` : '';
  const front = client && chain ? `${client}: ${chain}` : client || chain;
  return [front, session].filter(Boolean).join('; ') || '—';
}

function callersCell(a: ServerActionData): string {
  if (a.inline) return 'inline in a server component';
  if (a.callers.length === 0) return '—';
  const shown = a.callers.slice(0, 3).map((c) => `${cite(c.file, c.line)}${c.line === undefined ? ' (imported)' : ''}${c.client ? ' (client)' : ''}`);
  return a.callers.length > 3 ? `${shown.join(', ')} (+${a.callers.length - 3} more)` : shown.join(', ');
}
