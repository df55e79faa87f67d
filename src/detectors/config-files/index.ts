import type { Detector, Fact } from '../../facts.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { isGenerated } from '../shared/source-scope.js';
import { releaseConfig } from './release.js';
import { cdkJson, eslintrc, jsConfig, nodeVersion, prettierrc, tsconfig, workspaceFile, type ConfigSummary } from './readers.js';
import type { PortSetting } from '../shared/port-value.js';

/** One configuration file and what it configures. */
export interface ConfigFileData {
  readonly file: string;
  /** Package holding the file ('' without package.json). */
  readonly package: string;
  /** What kind of configuration: `typescript`, `cdk`, `bundler`, `lint`, `format`, `node-version`, `workspace`… */
  readonly category: ConfigCategory;
  /** Tool name as people say it: `TypeScript`, `Vite`, `ESLint`. */
  readonly tool: string;
  /** Short items read from the file (no values of secrets: config files hold settings, and text is redacted later). */
  readonly items: readonly string[];
  /** Dev server port when the file sets one. */
  readonly devPort?: number;
  readonly portSetting?: PortSetting;
  /** Vite's `preview.port`, for `vite preview`. */
  readonly previewPortSetting?: PortSetting;
}
export type ConfigFileFact = Fact<'config.file', ConfigFileData>;

export type ConfigCategory =
  | 'typescript'
  | 'cdk'
  | 'framework'
  | 'bundler'
  | 'test'
  | 'lint'
  | 'format'
  | 'node-version'
  | 'workspace'
  | 'styles'
  | 'container'
  | 'hosting'
  | 'editor'
  | 'dependencies'
  | 'git-hooks'
  | 'release';

interface Rule {
  readonly match: RegExp;
  readonly category: ConfigCategory;
  readonly tool: string;
  readonly read?: (index: RepoIndex, file: string, tool: string) => ConfigSummary;
}

const JS = '\\.(?:[cm]?[jt]s)';
const RULES: readonly Rule[] = [
  { match: /(^|\/)tsconfig(\.[\w-]+)*\.json$|(^|\/)jsconfig\.json$/, category: 'typescript', tool: 'TypeScript', read: tsconfig },
  { match: /(^|\/)cdk\.json$/, category: 'cdk', tool: 'AWS CDK', read: cdkJson },
  { match: new RegExp(`(^|/)vite\\.config${JS}$`), category: 'bundler', tool: 'Vite', read: jsConfig },
  { match: new RegExp(`(^|/)vitest\\.(config|workspace)${JS}$`), category: 'test', tool: 'Vitest', read: jsConfig },
  { match: new RegExp(`(^|/)jest\\.config${JS}$|(^|/)jest\\.config\\.json$`), category: 'test', tool: 'Jest' },
  { match: new RegExp(`(^|/)playwright\\.config${JS}$`), category: 'test', tool: 'Playwright' },
  { match: new RegExp(`(^|/)cypress\\.config${JS}$`), category: 'test', tool: 'Cypress' },
  { match: new RegExp(`(^|/)astro\\.config${JS}$`), category: 'framework', tool: 'Astro', read: jsConfig },
  { match: new RegExp(`(^|/)next\\.config${JS}$`), category: 'framework', tool: 'Next.js', read: jsConfig },
  { match: new RegExp(`(^|/)nuxt\\.config${JS}$`), category: 'framework', tool: 'Nuxt', read: jsConfig },
  { match: new RegExp(`(^|/)svelte\\.config${JS}$`), category: 'framework', tool: 'SvelteKit', read: jsConfig },
  { match: new RegExp(`(^|/)remix\\.config${JS}$`), category: 'framework', tool: 'Remix', read: jsConfig },
  { match: new RegExp(`(^|/)(webpack|rollup|tsup|esbuild|rspack)\\.config${JS}$`), category: 'bundler', tool: 'bundler', read: jsConfig },
  { match: /(^|\/)\.eslintrc(\.(json|js|cjs|yml|yaml))?$|(^|\/)eslint\.config\.[cm]?[jt]s$/, category: 'lint', tool: 'ESLint', read: eslintrc },
  { match: /(^|\/)biome\.jsonc?$/, category: 'lint', tool: 'Biome' },
  { match: /(^|\/)\.prettierrc(\.(json|js|cjs|mjs|yml|yaml))?$|(^|\/)prettier\.config\.[cm]?js$/, category: 'format', tool: 'Prettier', read: prettierrc },
  { match: /(^|\/)\.editorconfig$/, category: 'editor', tool: 'EditorConfig' },
  { match: /^(\.nvmrc|\.node-version|\.tool-versions)$/, category: 'node-version', tool: 'Node version', read: nodeVersion },
  { match: /^(pnpm-workspace\.ya?ml|lerna\.json|turbo\.json|nx\.json|rush\.json)$/, category: 'workspace', tool: 'workspace', read: workspaceFile },
  { match: /(^|\/)(tailwind|postcss|uno|unocss)\.config\.[cm]?[jt]s$/, category: 'styles', tool: 'CSS', read: jsConfig },
  { match: /(^|\/)(Dockerfile(\.[\w-]+)?|docker-compose\.ya?ml|compose\.ya?ml)$/, category: 'container', tool: 'Docker' },
  { match: /(^|\/)(vercel\.json|netlify\.toml|amplify\.yml|wrangler\.toml|firebase\.json|fly\.toml|render\.yaml)$/, category: 'hosting', tool: 'hosting' },
  { match: /^(\.github\/dependabot\.yml|renovate\.json5?|\.renovaterc(\.json)?)$/, category: 'dependencies', tool: 'dependency updates' },
  { match: /(^|\/)(\.releaserc(\.(json|ya?ml|[cm]?js))?|release\.config\.[cm]?[jt]s)$/, category: 'release', tool: 'semantic-release', read: releaseConfig },
  { match: /^(\.husky\/[^/_][^/]*|\.lintstagedrc(\.\w+)?|lint-staged\.config\.[cm]?js|commitlint\.config\.[cm]?[jt]s)$/, category: 'git-hooks', tool: 'git hooks' },
];

const TOOL_BY_NAME: Readonly<Record<string, string>> = {
  'tailwind': 'Tailwind CSS', 'postcss': 'PostCSS', 'uno': 'UnoCSS', 'unocss': 'UnoCSS', 'webpack': 'webpack', 'rollup': 'Rollup', 'tsup': 'tsup', 'esbuild': 'esbuild',
  'rspack': 'Rspack', 'pnpm-workspace': 'pnpm workspaces', 'lerna': 'Lerna', 'turbo': 'Turborepo', 'nx': 'Nx', 'rush': 'Rush',
  'vercel': 'Vercel', 'netlify': 'Netlify', 'amplify': 'AWS Amplify', 'wrangler': 'Cloudflare Wrangler', 'firebase': 'Firebase',
  'fly': 'Fly.io', 'render': 'Render', 'dependabot': 'Dependabot', 'renovate': 'Renovate', '.renovaterc': 'Renovate',
};

/** Configuration files across the repository, each with what it configures (read as text or syntax, never run). */
export const configFilesDetector: Detector = {
  id: 'config-files',
  isEnabled: () => true,
  detect(index: RepoIndex): Fact[] {
    const facts: ConfigFileFact[] = [];
    for (const file of index.files) {
      if (isGenerated(index, file) || /(^|\/)(fixtures?|__fixtures__|node_modules)\//.test(file)) continue;
      const rule = RULES.find((r) => r.match.test(file));
      if (!rule) continue;
      const base = (file.split('/').pop() ?? '').replace(/\.config.*$|\.(json5?|ya?ml|toml)$/, '');
      const tool = rule.tool === 'bundler' || rule.tool === 'CSS' || rule.tool === 'workspace' || rule.tool === 'hosting' || rule.tool === 'dependencies' || rule.tool === 'dependency updates'
        ? TOOL_BY_NAME[base] ?? rule.tool
        : rule.tool;
      let summary: ConfigSummary = { items: [] };
      try {
        summary = rule.read?.(index, file, tool) ?? summary;
      } catch {
        summary = { items: ['could not be read'] };
      }
      facts.push({
        kind: 'config.file',
        id: file,
        data: { file, package: index.packageOf(file)?.name ?? '', category: rule.category, tool: summary.tool ?? tool, items: summary.items, devPort: summary.devPort, ...(summary.portSetting ? { portSetting: summary.portSetting } : {}), ...(summary.previewPortSetting ? { previewPortSetting: summary.previewPortSetting } : {}) },
        at: [{ file }],
      });
    }
    return facts;
  },
};
