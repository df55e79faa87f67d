import type { DependencyFact } from '../../detectors/integrations/index.js';
import { heading, join, table } from '../../markdown/blocks.js';
import { cite } from '../../markdown/cite.js';
import { code, oneLine } from '../../markdown/text.js';
import { files, value } from './format.js';
import { pushTo } from '../../collections.js';

const CATEGORY_ORDER = ['infrastructure', 'aws', 'auth', 'payments', 'database', 'http', 'framework', 'ui', 'routing', 'data', 'queue', 'state', 'forms', 'validation', 'email', 'ai', 'observability', 'config', 'cli', 'stack', 'util', 'styles', 'build', 'tooling'];

/**
 * Third-party runtime dependencies, one row per package name: what it is for (well-known packages), which workspace
 * packages declare it, and where it is imported. Unknown packages are listed too, marked as such.
 */
export function dependenciesSection(deps: readonly DependencyFact[], packageRank: (name: string) => number = () => 0): string {
  if (deps.length === 0) return join(heading(3, 'Key third-party dependencies'), 'No runtime dependencies declared in package.json files.');
  const byName = new Map<string, DependencyFact[]>();
  for (const d of deps) pushTo(byName, d.data.name, d);
  const rank = (c?: string) => (c && CATEGORY_ORDER.includes(c) ? CATEGORY_ORDER.indexOf(c) : CATEGORY_ORDER.length);
  // What the product uses first: a dependency only examples or tests declare comes after every product one.
  const role = (list: readonly DependencyFact[]) => Math.min(...list.map((d) => packageRank(d.data.package)));
  const rows = [...byName]
    .sort(([a, x], [b, y]) => role(x) - role(y) || rank(x[0].data.category) - rank(y[0].data.category) || (a < b ? -1 : 1))
    .map(([name, list]) => {
      const first = list[0].data;
      const imported = list.flatMap((d) => d.data.importedIn);
      // "Not imported" is a conclusion over the whole repository: files outside the declaring package count too.
      const elsewhere = [...new Set(list.flatMap((d) => d.data.importedElsewhere ?? []))].sort();
      const configs = [...new Set(list.flatMap((d) => d.data.usedInConfig ?? []))].sort();
      const icon = list.find((d) => d.data.iconSet)?.data.iconSet;
      return [
        value(name),
        first.purpose ? oneLine(first.purpose) : '(not a well-known package)',
        list.map((d) => `${oneLine(d.data.package)} ${value(d.data.range)}${d.data.field === 'devDependencies' ? ' (dev)' : ''}`).join(', '),
        imported.length
          ? `${files(imported, 3)}${elsewhere.length ? `; also ${files(elsewhere, 3)} outside the declaring package${list.length > 1 ? 's' : ''}` : ''}`
          : elsewhere.length
            ? `outside the declaring package${list.length > 1 ? 's' : ''}: ${files(elsewhere, 3)}`
            : configs.length
              ? `used in ${files(configs, 3)}`
              : icon
                ? iconText(name, icon)
                : 'not imported in source',
      ];
    });
  return join(heading(3, 'Key third-party dependencies'), table(['Package', 'Used for', 'Declared by', 'Imported in'], rows));
}

/**
 * `used through icon names `bx:…` (astro-icon), as in `/src/hero.astro:37``: an icon set is loaded by name, not
 * imported. Use is claimed only with a name found: a tool that could load the set is no evidence that it does.
 */
function iconText(name: string, icon: NonNullable<DependencyFact['data']['iconSet']>): string {
  const set = name.slice('@iconify-json/'.length);
  if (!icon.at) return `not imported; ${code(icon.tool)} loads icon sets by name, but no ${code(`${set}:…`)} icon name was found in source`;
  return `used through icon names ${code(`${set}:…`)} (${code(icon.tool)}), as in ${cite(icon.at.file, icon.at.line)}, not imported`;
}
