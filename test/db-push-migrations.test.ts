import { describe, expect, it } from 'vitest';
import { databaseSchemaStep } from '../src/steps/04-database-schema.js';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { indexOf, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

/** boxyhq/saas-starter-kit's shape: `build` runs `prisma db push`; CI applies prisma/migrations with `migrate deploy`. */
function repo(withCi: boolean): string {
  return tempRepo({
    'package.json': JSON.stringify(
      { name: 'saas', private: true, scripts: { build: 'prisma generate && prisma db push && next build' }, dependencies: { '@prisma/client': '5.0.0', next: '14.2.0' }, devDependencies: { prisma: '5.0.0' } },
      null,
      2,
    ),
    'prisma/schema.prisma': ['datasource db {', '  provider = "postgresql"', '  url      = env("DATABASE_URL")', '}', 'model Team {', '  id String @id', '}', ''].join('\n'),
    'prisma/migrations/20230101000000_init/migration.sql': 'CREATE TABLE "Team" ("id" TEXT NOT NULL);\n',
    'models/team.ts': "import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\nexport const getTeam = (id: string) => prisma.team.findFirst({ where: { id } });\n",
    ...(withCi
      ? { '.github/workflows/main.yml': ['name: CI', 'on: push', 'jobs:', '  test:', '    runs-on: ubuntu-latest', '    steps:', '      - uses: actions/checkout@v4', '      - run: npx prisma migrate deploy', ''].join('\n') }
      : {}),
  });
}

const line = (md: string, re: RegExp) => re.exec(md)?.[0] ?? '';

describe('`prisma db push` is no migration runner', () => {
  it('step 4 and step 9 name the CI command that applies the migrations, and say the build script only pushes the schema', async () => {
    const root = repo(true);
    const s4 = (await section(databaseSchemaStep, root)).markdown;
    expect(line(s4, /- \*\*Migrations \(Prisma Migrate\)\*\*[^\n]*/)).toBe(
      '- **Migrations (Prisma Migrate)** — applied by `npx prisma migrate deploy` (`/.github/workflows/main.yml:8`); in `/prisma/migrations` (1 migration file); `build` → `prisma generate && prisma db push && next build` (`/package.json:5`) pushes the schema without applying migrations',
    );
    const s9 = (await section(workflowsStep, root)).markdown;
    expect(line(s9, /\*\*Migrations:\*\*[^\n]*/)).toContain('apply them with `npx prisma migrate deploy`, as `/.github/workflows/main.yml:8` does');
    expect(s9).not.toContain('run them with `npm run build`');
    const index = await indexOf(root);
    expect(missingCitations(s4, index)).toEqual([]);
    expect(missingCitations(s9, index)).toEqual([]);
  });

  it('without one, step 9 says the script pushes the schema rather than running the migrations', async () => {
    const s9 = (await section(workflowsStep, repo(false))).markdown;
    expect(line(s9, /\*\*Migrations:\*\*[^\n]*/)).toContain('`npm run build` (runs `prisma generate && prisma db push && next build`, `/package.json:5`) pushes the schema without migrations');
    expect(s9).not.toContain('run them with');
  });
});
