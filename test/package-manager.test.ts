import { describe, expect, it } from 'vitest';
import { installsWith } from '../src/detectors/shared/package-manager.js';
import { overviewStep } from '../src/steps/01-overview.js';
import { frontendStep } from '../src/steps/05-frontend.js';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { indexOf, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const NEXT_APP = {
  'package.json': JSON.stringify({ private: true, scripts: { dev: 'next', build: 'next build' }, dependencies: { next: 'latest', react: '^18.2.0', 'react-dom': '^18.2.0' } }, null, 2),
  'app/page.tsx': 'export default function Page() { return null; }\n',
};

describe('the package manager: one decision every step uses', () => {
  it('reads it from the repository\'s own install command when no lockfile or field says (nextauthjs/next-auth-example)', async () => {
    const root = tempRepo({
      ...NEXT_APP,
      'README.md': '# Example\n\n```bash\npnpm install\n```\n\n[npm](https://npm.im/next-auth)\n',
      'Dockerfile': 'FROM node:20-alpine\n# Install dependencies\nCOPY package.json pnpm-lock.yaml* ./\nRUN corepack enable pnpm && pnpm i --frozen-lockfile\nRUN corepack enable pnpm && pnpm build\n',
    });
    const s9 = (await section(workflowsStep, root)).markdown;
    expect(s9).toContain('**Install:** `pnpm install` at the repository root (pnpm, used by `/Dockerfile:4`, no lockfile committed).');
    expect(s9).toContain('**Run locally:** `pnpm dev` — runs `next`');
    expect(s9).not.toContain('npm run');
    const s1 = (await section(overviewStep, root)).markdown;
    expect(s1).toContain('**Package manager:** pnpm (used in `/Dockerfile:4`, no lockfile committed)');
    const s5 = (await section(frontendStep, root)).markdown;
    expect(s5).toContain('`pnpm dev` runs `next`');
    expect(s5).not.toContain('npm run');
    for (const md of [s1, s5, s9]) expect(missingCitations(md, await indexOf(root))).toEqual([]);
  });

  it('keeps npm when nothing says, or when the one source names two tools', async () => {
    const root = tempRepo({ ...NEXT_APP, 'README.md': '# Example\n\n```bash\nnpm install\n# or\nyarn\n```\n' });
    const s9 = (await section(workflowsStep, root)).markdown;
    expect(s9).toContain('**Install:** `npm install` at the repository root (npm, no lockfile committed).');
    expect((await section(frontendStep, root)).markdown).toContain('`npm run dev` runs `next`');
  });

  it('names the dev script with the lockfile\'s tool in step 5 as in step 9 (nextjs-postgres-nextauth-tailwindcss-template)', async () => {
    const root = tempRepo({ ...NEXT_APP, 'pnpm-lock.yaml': "lockfileVersion: '9.0'\n" });
    const s5 = (await section(frontendStep, root)).markdown;
    expect(s5).toContain('`pnpm dev` runs `next`');
    expect(s5).not.toContain('npm run');
    expect((await section(workflowsStep, root)).markdown).toContain('**Run locally:** `pnpm dev`');
  });

  it('takes the workspace commands of the root scripts as evidence (jason-greenberg/trpc-express-prisma-react-vite-docker-starter)', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ private: true, workspaces: ['packages/*'], scripts: { build: 'yarn workspace server build && yarn workspace client build', develop: 'docker-compose up --build' } }, null, 2),
      'packages/server/package.json': JSON.stringify({ name: 'server', scripts: { build: 'tsc' } }),
      'packages/client/package.json': JSON.stringify({ name: 'client', scripts: { build: 'vite build' } }),
    });
    const s9 = (await section(workflowsStep, root)).markdown;
    expect(s9).toContain('`yarn install` at the repository root (yarn, used by `/package.json:7`, no lockfile committed, yarn workspaces: `packages/*`).');
    const s1 = (await section(overviewStep, root)).markdown;
    expect(s1).toContain('**Package manager:** Yarn (used in `/package.json:7`, no lockfile committed)');
    expect(s1).not.toContain('npm workspaces');
    // Two tools in the scripts: no conclusion.
    const mixed = tempRepo({ 'package.json': JSON.stringify({ private: true, scripts: { a: 'yarn workspace x build', b: 'pnpm -r test' } }, null, 2) });
    expect((await section(workflowsStep, mixed)).markdown).toContain('`npm install` at the repository root (npm, no lockfile committed');
  });

  it('takes pnpm-workspace.yaml as evidence', async () => {
    const root = tempRepo({ ...NEXT_APP, 'pnpm-workspace.yaml': 'packages:\n  - packages/*\n' });
    expect((await section(workflowsStep, root)).markdown).toContain('`pnpm install` at the repository root (pnpm, no lockfile committed, pnpm workspaces');
  });

  it('counts only lines that install the project, with one tool', () => {
    expect(installsWith('RUN corepack enable pnpm && pnpm i --frozen-lockfile', 'dockerfile')).toEqual(['pnpm']);
    expect(installsWith('RUN npm install -g pnpm && pnpm install', 'dockerfile')).toEqual(['pnpm']);
    expect(installsWith('RUN npm ci', 'dockerfile')).toEqual(['npm']);
    expect(installsWith('$ yarn', 'readme')).toEqual(['yarn']);
    expect(installsWith('      - uses: pnpm/action-setup@v4', 'ci')).toEqual(['pnpm']);
    expect(installsWith("          cache: 'yarn'", 'ci')).toEqual(['yarn']);
    // A dependency added, a script run, a global tool, a subfolder, a badge: none of them.
    expect(installsWith('npm install next-auth', 'readme')).toEqual([]);
    expect(installsWith('pnpm add zod', 'readme')).toEqual([]);
    expect(installsWith('yarn dev', 'readme')).toEqual([]);
    expect(installsWith('RUN npm install -g npm@latest', 'dockerfile')).toEqual([]);
    expect(installsWith('cd web && yarn install', 'ci')).toEqual([]);
    expect(installsWith('[npm](https://npm.im/next-auth) npm/v/next-auth', 'readme')).toEqual([]);
    expect(installsWith('# RUN pnpm install', 'dockerfile')).toEqual([]);
  });
});
