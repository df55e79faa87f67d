/** Round 17's misreadings from hand checks of real repositories, each pinned by the smallest repository that shows it. */
import { describe, expect, it } from 'vitest';
import { frontendApps } from '../src/detectors/frontend-build/apps.js';
import { readConfig } from '../src/detectors/frontend-build/config.js';
import { packageKind } from '../src/detectors/stack/kind.js';
import { scriptBundlers } from '../src/detectors/stack/bundler.js';
import { runSets } from '../src/detectors/ci/run-sets.js';
import { configurationStep } from '../src/steps/08-configuration.js';
import { frontendStep } from '../src/steps/05-frontend.js';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { envDetector, looksSecret } from '../src/detectors/env/index.js';
import { authOf } from '../src/detectors/react-app/auth.js';
import { detect, indexOf, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

describe('round 17 misreadings', () => {
  it('the bundler is what the scripts and config files run, not a stray vite devDependency (ESquad stream-frontend)', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({
        name: 'stream',
        private: true,
        scripts: { build: 'webpack --config ./webpack.config.js', dev: 'cross-env NODE_ENV=dev webpack serve --config ./webpack.config.dev.js' },
        dependencies: { react: '^18.2.0', 'react-dom': '^18.2.0' },
        devDependencies: { vite: '^6.0.3', webpack: '^5.89.0', 'webpack-cli': '^4.10.0' },
      }),
      'webpack.config.js': 'module.exports = { entry: "./src/index.tsx" };\n',
      'src/index.tsx': "import { createRoot } from 'react-dom/client';\nconst env = import.meta.env?.VITE_ENVIRONMENT || 'dev';\ncreateRoot(document.body).render(env);\n",
    });
    const index = await indexOf(root);
    expect(packageKind(index.packages[0], index)?.label).toBe('React SPA (Webpack)');
    expect(frontendApps(index).map((a) => a.buildTool)).toEqual(['webpack']);
    const frontend = (await section(frontendStep, root)).markdown;
    expect(frontend).not.toContain('Vite');
    expect(frontend).toContain('built with webpack');
    const workflows = (await section(workflowsStep, root)).markdown;
    expect(workflows).not.toMatch(/`VITE_` in/);
  });

  it('webpack plugins are the classes constructed in `plugins`, not a call in their options', async () => {
    const root = tempRepo({
      'webpack.config.js': [
        'const path = require("path");',
        'const HtmlWebpackPlugin = require("html-webpack-plugin");',
        'module.exports = {',
        '  plugins: [new HtmlWebpackPlugin({ template: path.resolve(__dirname, "app/index.html") })],',
        '};',
        '',
      ].join('\n'),
    });
    expect(readConfig(await indexOf(root), 'webpack.config.js').plugins).toEqual(['html-webpack-plugin']);
  });

  it('reads bundler commands from scripts, not words in their arguments', () => {
    expect([...scriptBundlers({ a: 'eslint vite.config.ts', b: 'echo webpack', c: 'tsc && vite build' })]).toEqual(['vite']);
    expect([...scriptBundlers({ dev: 'concurrently "vite" "node server.js"', s: 'npx --yes webpack-dev-server' })]).toEqual(['vite', 'webpack']);
  });

  it('a CI run line that writes NAME=value into a dotenv file sets NAME (ESquad deploy-front-dev.yml)', async () => {
    const workflow = [
      'name: deploy',
      'on: push',
      'jobs:',
      '  build:',
      '    runs-on: ubuntu-latest',
      '    defaults:',
      '      run:',
      '        working-directory: frontend',
      '    steps:',
      '      - name: Set up environment variables file',
      '        run: echo "VITE_ENVIRONMENT=dev" > .env',
      '      - run: npm run build',
      '',
    ].join('\n');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['frontend'] }),
      'frontend/package.json': JSON.stringify({ name: 'web', private: true, scripts: { build: 'vite build' }, dependencies: { react: '^18.0.0', 'react-dom': '^18.0.0' }, devDependencies: { vite: '^5.0.0' } }),
      'frontend/vite.config.ts': "import { defineConfig } from 'vite';\nexport default defineConfig({});\n",
      'frontend/src/main.tsx': "import { createRoot } from 'react-dom/client';\ncreateRoot(document.body).render(import.meta.env.VITE_ENVIRONMENT);\n",
      '.github/workflows/deploy.yml': workflow,
    });
    const config = (await section(configurationStep, root)).markdown;
    const row = config.split('\n').find((l) => l.startsWith('| `VITE_ENVIRONMENT`'));
    expect(row).toContain('/.github/workflows/deploy.yml:11');
    expect(config).not.toMatch(/VITE_ENVIRONMENT.*\bdev\b/);
  });

  it('reads dotenv writes: >, >>, several per line, tee, and heredocs; not other files', () => {
    const run = ['echo "A=1" >> .env && echo B=${{ secrets.B }} >> frontend/.env.production', "printf 'C=%s\\n' \"$C\" > .env.local", 'echo "D=4" > out.txt', "cat <<'EOF' > .env", 'E=5', 'export F=6', 'EOF', 'G=7'].join('\n');
    const lines = run.split('\n');
    expect(runSets(run, 1, lines).map((s) => `${s.name}:${s.line}:${s.source}`)).toEqual(['A:1:literal', 'B:1:secret', 'C:2:literal', 'E:5:literal', 'F:6:literal']);
  });

  it('a default on a plain call that wraps the read is a fallback; not on a call that throws first (signalconso config.ts)', async () => {
    const root = tempRepo({
      'src/config.ts': [
        "function readSeverity(s?: string): string | null { return s === 'info' ? s : null; }",
        'export const config = {',
        '  severity: readSeverity(import.meta.env.VITE_SEVERITY) ?? \'warning\',',
        '  banner: import.meta.env.VITE_BANNER,',
        '  flags: JSON.parse(process.env.FLAGS) || {},',
        '};',
        '',
      ].join('\n'),
    });
    const reads = (await detect(envDetector, root)).filter((f) => f.kind === 'env.read').map((f) => f.data as { name: string; hasFallback: boolean });
    expect(Object.fromEntries(reads.map((r) => [r.name, r.hasFallback]))).toEqual({ FLAGS: false, VITE_BANNER: false, VITE_SEVERITY: true });
  });

  it('a query hook that lists or searches records about auth is no auth hook; one that fetches the signed-in state is (signalconso)', async () => {
    const files = {
      'src/queryhooks/userQueryHooks.ts': [
        "import { useQuery } from '@tanstack/react-query';",
        'export const useSearchAuthAttemptsQuery = (filters: { login?: string }) => {',
        '  const { api } = useApiContext();',
        "  return useQueryPaginate(['authAttempts'], api.secured.authAttemptClient.fetch, { limit: 25, login: filters.login });",
        '};',
        'export const useAuthAttemptsQuery = () => useQuery({ queryKey: [\'authAttempts\'], queryFn: () => api.authAttemptClient.list() });',
        "export const useGetCurrentUserQuery = () => useQuery({ queryKey: ['me'], queryFn: () => api.authClient.getUser() });",
        '',
      ].join('\n'),
      'src/context/login.ts': "export function useLoginManagement() {\n  return useContext(LoginContext).login;\n}\n",
    };
    const root = tempRepo(files);
    const index = await indexOf(root);
    const hooks = authOf(index, '', Object.keys(files)).filter((a) => a.kind === 'hook');
    expect(hooks.map((h) => h.name)).toEqual(['useGetCurrentUserQuery', 'useLoginManagement']);
  });

  it('token lifetimes, sizes, limits and addresses are no secrets even with TOKEN/KEY/SECRET in the name (serverless-todo)', () => {
    const names = ['ACCESS_TOKEN_VALIDITY', 'ID_TOKEN_VALIDITY', 'REFRESH_TOKEN_VALIDITY', 'REFRESH_TOKEN_LIFETIME_DAYS', 'TOKEN_DURATION', 'JWT_SECRET_EXPIRES', 'API_KEY_MAX', 'KEY_SIZE', 'TOKEN_COUNT', 'AUTH_TOKEN_URL', 'OAUTH_TOKEN_URI', 'TOKEN_HOST', 'TOKEN_PORT'];
    expect(names.filter(looksSecret)).toEqual([]);
    const still = ['ACCESS_TOKEN', 'JWT_SECRET', 'DATABASE_URL', 'REDIS_URL', 'MONGODB_URI', 'POSTGRES_URL', 'KV_URL', 'UPSTASH_REDIS_REST_URL', 'API_KEY', 'TOKEN_SECRET_ID'];
    expect(still.filter((n) => !looksSecret(n))).toEqual([]);
  });
});
