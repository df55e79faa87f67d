/**
 * SvelteKit adapters named in `svelte.config.*` (or `vite.config.*`, SvelteKit 3): the adapter says where the app is
 * built to run, so it is deploy evidence as a hosting platform's project file (vercel.json) is. `adapter-auto` picks one
 * at build time from the environment and says nothing about where.
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import { withoutComments } from '../shared/text-scan.js';

const TARGETS: Readonly<Record<string, string>> = {
  vercel: 'Vercel',
  netlify: 'Netlify',
  node: 'a Node.js server',
  cloudflare: 'Cloudflare',
  'cloudflare-workers': 'Cloudflare Workers',
  static: 'static hosting (prerendered files)',
};
// SvelteKit 3 takes its options (the adapter among them) in vite.config, as `sveltekit({ adapter: adapter() })`.
const CONFIG = /(^|\/)(svelte|vite)\.config\.[cm]?[jt]s$/;
const IMPORT = /(?:from\s*|require\(\s*|import\(\s*)['"](@sveltejs\/adapter-([\w-]+))['"]/g;

export interface SveltekitAdapter {
  /** `@sveltejs/adapter-vercel`. */
  readonly module: string;
  /** `Vercel`. */
  readonly target: string;
  readonly file: string;
  readonly line: number;
}

/** Adapters with a known target that the repository's SvelteKit configs import, in file order. */
export function sveltekitAdapters(index: RepoIndex): SveltekitAdapter[] {
  const out: SveltekitAdapter[] = [];
  for (const file of index.files.filter((f) => CONFIG.test(f) && !/(^|\/)node_modules\//.test(f))) {
    const text = index.read(file);
    if (!text || !text.includes('@sveltejs/adapter-')) continue;
    // A commented-out `import adapter from '@sveltejs/adapter-node'` beside the active one is not where it deploys.
    for (const m of withoutComments(text).matchAll(IMPORT)) {
      const target = TARGETS[m[2]];
      if (target) out.push({ module: m[1], target, file, line: index.lineAt(file, m.index ?? 0) ?? 1 });
    }
  }
  return out;
}
