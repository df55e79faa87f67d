/**
 * "Add an API endpoint (tRPC)": in a repository whose API is tRPC procedures (beside, or instead of, HTTP routes that
 * no code mounts), the router file holding most served procedures, one to copy, the root router it joins and the
 * builders that guard them. Procedures no adapter serves are left out, like routers no code mounts.
 */
import type { TrpcProcedureData, TrpcProcedureFact } from '../../../detectors/trpc/index.js';
import { cite } from '../../../markdown/cite.js';
import { code, urlPath } from '../../../markdown/text.js';
import { plural } from '../cdk-shared.js';
import { compareText } from '../format.js';
import { lineIn, mostCommon, recipe, type RecipeInput } from './shared.js';

/** Fewer procedures than this make no convention to follow (as for HTTP routes). */
const MIN_PROCEDURES = 3;

export function trpcEndpoint({ facts, product, tests }: RecipeInput): string {
  const all = facts.of<TrpcProcedureFact>('trpc.procedure').map((f) => f.data).filter((p) => !p.notServed && product(p.file));
  const app = mostCommon(all, (p) => `${p.app}\u0000${p.router}`);
  if (!app || app.items.length < MIN_PROCEDURES) return '';
  const list = app.items;
  const main = mostCommon(list, (p) => p.file)!;
  const example = [...main.items].sort((a, b) => a.line - b.line)[0];
  const files = new Set(list.map((p) => p.file)).size;
  const where = files > 1 ? ` (${main.items.length} of its ${list.length} procedures; the others in ${plural(files - 1, 'more file')})` : '';
  const first = list[0];
  const served = first.endpoint && first.endpointAt ? `, served at ${urlPath(first.endpoint)} (${cite(first.endpointAt)})` : '';
  return recipe(`Add an API endpoint (tRPC, \`${first.app}\`)`, [
    `**Procedure:** ${first.app} declares its procedures in ${cite(main.key)}${where}; copy ${code(example.path)} (a ${example.type}) at ${lineIn(example.file, example.line, main.key)}.`,
    example.file === first.routerAt.file ? '' : `**Router:** a new router file joins the root router ${code(first.router)} (${cite(first.routerAt)})${served}.`,
    builders(list),
    tests.step(main.key, 'procedure'),
  ]);
}

/** `protectedProcedure` (`/trpc.ts:21`) on 3 of 11 procedures, `publicProcedure` on 8 of 11. */
function builders(list: readonly TrpcProcedureData[]): string {
  const counts = new Map<string, { n: number; at?: TrpcProcedureData['builderAt'] }>();
  for (const p of list) {
    if (!p.builder) continue;
    const c = counts.get(p.builder) ?? { n: 0, at: p.builderAt };
    counts.set(p.builder, { ...c, n: c.n + 1 });
  }
  if (counts.size === 0) return '';
  const parts = [...counts]
    .sort((a, b) => b[1].n - a[1].n || compareText(a[0], b[0]))
    .map(([name, c]) => `${code(name)}${c.at ? ` (${cite(c.at)})` : ''} on ${c.n} of ${list.length} procedures`);
  return `**Auth:** the builder a procedure starts from is its guard: ${parts.join(', ')}.`;
}
