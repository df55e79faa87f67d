import { COMPOSE_FILE, DOCKERFILE } from '../../scan/file-kinds.js';
export interface ConfigFile {
  readonly file: string;
  /** What it configures: `TypeScript`, `Vite`, `environment variable template`. */
  readonly tool: string;
}

export const CDK_JSON_TOOL = 'AWS CDK app command and context';

/** Configuration files by name, relative to the package folder (the first matching rule wins). */
const RULES: readonly [RegExp, string][] = [
  [/^tsconfig[^/]*\.json$/, 'TypeScript'],
  [/^jsconfig\.json$/, 'JavaScript project'],
  [/^vite\.config\.[cm]?[jt]s$/, 'Vite'],
  [/^vitest\.(config|workspace)\.[cm]?[jt]s$/, 'Vitest'],
  [/^jest\.config\.[cm]?[jt]s(on)?$/, 'Jest'],
  [/^astro\.config\.[cm]?[jt]s$/, 'Astro'],
  [/^next\.config\.[cm]?[jt]s$/, 'Next.js'],
  [/^(svelte|nuxt|remix|angular)\.config\.[cm]?[jt]s$|^angular\.json$/, 'framework'],
  [/^tailwind\.config\.[cm]?[jt]s$/, 'Tailwind CSS'],
  [/^(uno|unocss)\.config\.[cm]?[jt]s$/, 'UnoCSS'],
  [/^postcss\.config\.[cm]?[jt]s$|^\.postcssrc/, 'PostCSS'],
  [/^cdk\.json$/, CDK_JSON_TOOL],
  [/^cdk\.context\.json$/, 'AWS CDK context cache'],
  [/^\.eslintrc(\.[a-z]+)?$|^eslint\.config\.[cm]?[jt]s$|^\.eslintignore$/, 'ESLint'],
  [/^\.prettierrc(\.[a-z]+)?$|^prettier\.config\.[cm]?[jt]s$|^\.prettierignore$/, 'Prettier'],
  [/^biome\.jsonc?$/, 'Biome'],
  [/^\.env(\.[\w-]+)*\.(example|sample|template|dist)$|^\.env\.(example|sample|template)(\.[\w-]+)?$/, 'environment variable template'],
  [/^\.env(\.[\w-]+)?$/, 'environment file (values not shown)'],
  [DOCKERFILE, 'Docker image'],
  [COMPOSE_FILE, 'Docker Compose'],
  [/^\.dockerignore$/, 'Docker build context'],
  [/^serverless\.(ya?ml|[jt]s)$/, 'Serverless Framework'],
  [/^sst\.config\.[jt]s$/, 'SST'],
  [/^turbo\.json$/, 'Turborepo pipeline'],
  [/^nx\.json$|^project\.json$/, 'Nx'],
  [/^lerna\.json$/, 'Lerna'],
  [/^pnpm-workspace\.ya?ml$/, 'pnpm workspaces'],
  [/^\.nvmrc$|^\.node-version$|^\.tool-versions$/, 'Node.js version'],
  [/^\.npmrc$|^\.yarnrc(\.yml)?$/, 'package manager settings'],
  [/^babel\.config\.[cm]?[jt]s(on)?$|^\.babelrc(\.[a-z]+)?$/, 'Babel'],
  [/^(webpack|rollup|tsup|esbuild|rspack|rsbuild)\.config\.[cm]?[jt]s$/, 'bundler'],
  [/^playwright\.config\.[cm]?[jt]s$/, 'Playwright'],
  [/^cypress\.config\.[cm]?[jt]s$/, 'Cypress'],
  [/^wrangler\.(toml|jsonc?)$/, 'Cloudflare Workers'],
  [/^vercel\.json$/, 'Vercel'],
  [/^netlify\.toml$/, 'Netlify'],
  [/^amplify\.ya?ml$/, 'AWS Amplify'],
  [/^buildspec\.ya?ml$/, 'AWS CodeBuild'],
  [/^\.editorconfig$/, 'editor settings'],
  [/^(openapi|swagger)\.(ya?ml|json)$/, 'OpenAPI specification'],
  [/^\.github\/workflows\/[^/]+\.ya?ml$/, 'GitHub Actions workflow'],
  [/^\.github\/dependabot\.ya?ml$|^renovate\.json5?$|^\.github\/renovate\.json5?$/, 'dependency updates'],
  [/^\.gitlab-ci\.ya?ml$|^\.circleci\/config\.ya?ml$|^azure-pipelines\.ya?ml$|^Jenkinsfile$/, 'CI pipeline'],
  [/^\.changeset\/config\.json$/, 'Changesets'],
  [/^\.husky\/[^/_]+$/, 'Git hook (Husky)'],
  [/^\.lintstagedrc(\.[a-z]+)?$|^lint-staged\.config\.[cm]?js$/, 'lint-staged'],
  [/^\.storybook\/main\.[cm]?[jt]s$/, 'Storybook'],
  [/^Makefile$|^justfile$|^Taskfile\.ya?ml$/, 'task runner'],
];

/**
 * The package's configuration files (own files only, at its top level or in the few known nested places).
 * `pnpmWorkspaces` false: the root pnpm-workspace.yaml lists no `packages:` (pnpm settings only), so it is not labelled
 * as workspaces.
 */
export function configFiles(dir: string, own: readonly string[], pnpmWorkspaces = true): ConfigFile[] {
  const prefix = dir ? `${dir}/` : '';
  const out: ConfigFile[] = [];
  for (const file of own) {
    const rel = file.slice(prefix.length);
    // Config files sit at the package's top level or in a dot-folder (.github/, .husky/): skip the source tree cheaply.
    if (rel.includes('/') && !rel.startsWith('.')) continue;
    const rule = RULES.find(([re]) => re.test(rel));
    if (rule) out.push({ file, tool: !pnpmWorkspaces && dir === '' && rule[1] === 'pnpm workspaces' ? 'pnpm settings' : rule[1] });
  }
  return out.sort((a, b) => a.file.localeCompare(b.file));
}
