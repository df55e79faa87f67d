/**
 * `@iconify-json/<set>` packages are icon data that astro-icon, unplugin-icons, UnoCSS or Iconify's own components
 * load by icon name (`<Icon name="bx:home" />`, `import Home from '~icons/bx/home'`): no file imports the package.
 * Where such a tool is a dependency, the set is used through names, and one such name is cited when a text search
 * over the source files finds it.
 */
import type { Citation } from '../../facts.js';
import type { RepoIndex } from '../../scan/repo-index.js';

/** Tools that load `@iconify-json/*` sets by icon name. */
const ICON_TOOLS = /^(astro-icon|unplugin-icons|@iconify\/.+|@iconify-icon\/.+|iconify-icon|@unocss\/preset-icons|unocss|@egoist\/tailwindcss-icons|nuxt-icon|@nuxt\/icon)$/;
const ICON_SET = /^@iconify-json\/([a-z0-9-]+)$/;
const SOURCE = /\.([cm]?[jt]sx?|astro|vue|svelte|mdx|html)$/;

export interface IconSetUse {
  /** The tool that loads sets by name (`astro-icon`). */
  readonly tool: string;
  /** One place an icon of the set is named (`"bx:home"`), when a text search found one. */
  readonly at?: Citation;
}

/** `@iconify-json/bx` → its use through icon names, for each of `names` that is an icon set; empty when no tool loads sets. */
export function iconSetUses(index: RepoIndex, names: readonly string[]): Map<string, IconSetUse> {
  const sets = names.flatMap((n) => (ICON_SET.exec(n) ? [[n, ICON_SET.exec(n)![1]] as const] : []));
  const out = new Map<string, IconSetUse>();
  if (sets.length === 0) return out;
  const deps = index.packages.flatMap((p) => Object.keys({ ...p.manifest.dependencies, ...p.manifest.devDependencies }));
  const tool = deps.filter((d) => ICON_TOOLS.test(d)).sort()[0];
  if (!tool) return out;
  // One pass for every set: a quoted `bx:name`, an unplugin-icons path `icons/bx/name`, astro-icon's `pack="bx"`, or
  // a UnoCSS class `i-bx:name` / `i-bx-name`.
  // Longest first: `i-heroicons-solid-x` is the heroicons-solid set's, not heroicons'.
  const alternatives = sets.map(([, s]) => s.replace(/-/g, '\\-')).sort((a, b) => b.length - a.length).join('|');
  const use = new RegExp(`(?:["'\`](${alternatives}):[a-z0-9]|\\bicons/(${alternatives})/[a-z0-9]|\\bpack=["'{]+(${alternatives})["'}]|(?<![\\w-])i-(${alternatives})[:-][a-z0-9])`, 'g');
  const found = new Map<string, Citation>();
  for (const file of index.files) {
    if (found.size === sets.length) break;
    if (!SOURCE.test(file) || file.includes('node_modules/')) continue;
    const text = index.read(file);
    if (text === undefined) continue;
    for (const m of text.matchAll(use)) {
      const set = m[1] ?? m[2] ?? m[3] ?? m[4];
      if (!found.has(set)) found.set(set, { file, line: index.lineAt(file, m.index!) });
    }
  }
  for (const [name, set] of sets) out.set(name, { tool, ...(found.has(set) ? { at: found.get(set) } : {}) });
  return out;
}
