/**
 * Default dev-server ports that changed with a major version. A flat table is right only for the current major: an
 * Astro 1.x app serves on 3000, not 4321. The port is keyed to the major the package uses (lockfile, else its declared
 * range); when that cannot be told the default is not claimed.
 */
import type { RepoIndex } from '../../scan/repo-index-types.js';
import { installedMajor } from './installed-version.js';

interface ByMajor {
  /** The package whose version decides the port. */
  readonly pkg: string;
  /** [first major, port] in ascending order; a major below the first has no known default. */
  readonly from: readonly (readonly [number, number])[];
}

// Astro 3.0 moved 3000 → 4321 (withastro/astro#7874). Vite 3.0 moved 3000 → 5173 (SvelteKit, Remix's Vite plugin and
// `svelte-kit dev` serve with Vite). Expo SDK 49 moved the Metro dev server from 19000 to 8081; older SDKs are not claimed.
const VITE: ByMajor = { pkg: 'vite', from: [[0, 3000], [3, 5173]] };
const BY_MAJOR: Readonly<Record<string, ByMajor>> = {
  astro: { pkg: 'astro', from: [[0, 3000], [3, 4321]] },
  vite: VITE,
  sveltekit: VITE,
  'svelte-kit': VITE,
  remix: VITE,
  expo: { pkg: 'expo', from: [[49, 8081]] },
};

/**
 * The default port of `tool` for the package in `dir`: `flat[tool]` when the default never changed, the one of the
 * package's major when it did, undefined when that major cannot be told. `viteRemix` false: `remix` is classic
 * `remix dev` (remix-serve, always 3000), not the Vite plugin.
 */
export function defaultDevPort(index: RepoIndex, dir: string, tool: string, flat: Readonly<Record<string, number>>, viteRemix = true): number | undefined {
  const rule = tool === 'remix' && !viteRemix ? undefined : BY_MAJOR[tool];
  if (!rule || flat[tool] === undefined) return flat[tool];
  const major = installedMajor(index, dir, rule.pkg);
  if (major === undefined) return undefined;
  let port: number | undefined;
  for (const [first, p] of rule.from) if (major >= first) port = p;
  return port;
}

/** Why no default is given: `astro's default depends on its version (3000 before astro 3, 4321 since)`. */
export function versionedDefaultNote(tool: string): string | undefined {
  const rule = BY_MAJOR[tool];
  if (!rule) return undefined;
  const parts = rule.from.map(([first, port], i) => (i === 0 ? (first === 0 ? `${port} before ${rule.pkg} ${rule.from[1]?.[0] ?? ''}`.trim() : `${port} from ${rule.pkg} ${first}`) : `${port} since`));
  return `${tool}'s default depends on its version (${parts.join(', ')})`;
}
