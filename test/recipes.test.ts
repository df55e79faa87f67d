import { describe, expect, it } from 'vitest';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { EXAMPLE, fixturePath, indexOf, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

/** The recipe with this title, up to the next one. */
function recipeOf(markdown: string, title: string): string {
  const start = markdown.indexOf(`#### ${title}`);
  expect(start, `no recipe "${title}"`).toBeGreaterThanOrEqual(0);
  const end = markdown.slice(start + 5).search(/\n###+ /);
  return end === -1 ? markdown.slice(start) : markdown.slice(start, start + 5 + end);
}

describe('step 9 recipes — how to add things, from the repository\'s own conventions', () => {
  it('kv-store: an endpoint names the handler folder, a handler to copy, the route declaration, its authorizer, middleware and test', async () => {
    const md = (await section(workflowsStep, EXAMPLE)).markdown;
    const r = recipeOf(md, 'Add an API endpoint (API Gateway + Lambda, `KvRestApi`)');
    expect(r).toContain('**Handler:** add a file under `/packages/api/src/handlers/` (13 handlers there); copy `/packages/api/src/handlers/kv/get.ts`, which serves `GET /v1/kv/{namespace}/{key}`.');
    expect(r).toContain('**Route:** in `/packages/infrastructure/lib/stacks/api-stack.ts` the function is created at `:120`');
    // After the wrapper's citation a short `:126` would point into the wrapper's file: the stack is named again.
    expect(r).toContain("(through the project's `KvFunction`, `/packages/infrastructure/lib/constructs/kv-function.ts:27`) and wired to its route at `/packages/infrastructure/lib/stacks/api-stack.ts:126`");
    expect(r).toContain('`ApiKeyAuthorizer` (Lambda token) at `:126`');
    expect(r).toContain('`withHandler` (`/packages/api/src/middleware/with-handler.ts:33`, used by 13 files)');
    expect(r).toContain('**Test:** `/packages/api/test/handlers/kv-get.test.ts` tests `/packages/api/src/handlers/kv/get.ts`');
  });

  it('kv-store: a table names where tables are defined, how the code finds it, its access code and how it is created', async () => {
    const md = (await section(workflowsStep, EXAMPLE)).markdown;
    const r = recipeOf(md, 'Add a DynamoDB table (AWS CDK)');
    expect(r).toContain('**Definition:** tables are defined in `/packages/infrastructure/lib/stacks/database-stack.ts` (4 tables); copy `KVStore` at `:33`');
    expect(r).toContain('its name reaches the handlers in `KV_TABLE_NAME`');
    expect(r).toContain('**Access code:** data access goes through the repositories in `/packages/api/src/repositories/` (4 modules)');
    expect(r).toContain('`npm run deploy -w @kv/infrastructure` (runs `cdk deploy --all --require-approval never`, `/packages/infrastructure/package.json:10`)');
  });

  it('kv-store: a dashboard page names the pages folder, one to copy, the router line and the guard', async () => {
    const md = (await section(workflowsStep, EXAMPLE)).markdown;
    const r = recipeOf(md, 'Add a page to `@kv/dashboard` (React + Vite)');
    expect(r).toContain('**Page component:** add it under `/packages/dashboard/src/pages/`');
    expect(r).toContain('copy `BillingPage` in `/packages/dashboard/src/pages/BillingPage.tsx`');
    expect(r).toContain('**Route:** declare it in `/packages/dashboard/src/router.tsx` beside /billing at `:31`');
    expect(r).toContain('`RequireAuth` (`/packages/dashboard/src/components/RequireAuth.tsx:6`)');
    const landing = recipeOf(md, 'Add a page to `@kv/landing` (Astro)');
    expect(landing).toContain('the file is the route: add a `.astro` file under `/packages/landing/src/pages/`');
  });

  it('kv-store: an SDK method names the client class, a method to copy with its endpoint, the HTTP layer and the errors', async () => {
    const md = (await section(workflowsStep, EXAMPLE)).markdown;
    const r = recipeOf(md, 'Add a method to the SDK `@kv-store/sdk`');
    expect(r).toContain('**Method:** add it to `KVClient` in `/packages/sdk-js/src/client.ts` (class at `:37`, 7 methods); copy `get` at `:61`, which calls `GET /v1/kv/{namespace}/{key}`.');
    expect(r).toContain('`HttpClient.request` in `/packages/sdk-js/src/http.ts:45`');
    expect(r).toContain('`KVNotFoundError` (`/packages/sdk-js/src/errors.ts:17`)');
    expect(missingCitations(md, await indexOf(EXAMPLE))).toEqual([]);
  });

  it('an Express API with Prisma and a Next.js app: route and handler files, the guard, the schema, migrations and pages', async () => {
    const md = (await section(workflowsStep, 'recipes-express-prisma-next')).markdown;
    const api = recipeOf(md, 'Add an API endpoint (Express, `@shop/api`)');
    expect(api).toContain('**Route:** @shop/api declares its routes in `/apps/api/src/routes/users.ts` (3 of its 4 routes; the others in 1 more file); `GET /users` is at `:7`.');
    expect(api).toContain('**Handler:** `listUsers` in `/apps/api/src/controllers/users.ts`; handlers of this app are in `/apps/api/src/controllers/` (2 files); copy it.');
    expect(api).toContain('`requireAuth` on 4 of 4 routes');
    expect(api).toContain('**Test:** `/apps/api/test/users.test.ts` tests `/apps/api/src/controllers/users.ts`');
    const model = recipeOf(md, 'Add a Prisma model');
    expect(model).toContain('Prisma models are defined in `/packages/db/prisma/schema.prisma`; copy `User` at `:10`.');
    expect(model).toContain('**Migrations:** migrations are in `/packages/db/prisma/migrations/` (1 migration file); run them with `npm run db:migrate -w @shop/db` (runs `prisma migrate dev`, `/packages/db/package.json:5`).');
    const page = recipeOf(md, 'Add a page to `@shop/web` (Next.js)');
    expect(page).toContain('the file is the route: add one under `/apps/web/app/`');
    expect(page).toContain('copy `/apps/web/app/dashboard/page.tsx`, which serves /dashboard');
    const env = recipeOf(md, 'Add an environment variable');
    expect(env).toContain('**Read it** in the configuration module `/apps/api/src/config.ts` (it reads 3 variables)');
    expect(env).toContain('`NEXT_PUBLIC_` in `@shop/web`');
    expect(missingCitations(md, await indexOf('recipes-express-prisma-next'))).toEqual([]);
  });

  it('writes no recipe for a kind of thing the product does not have, nor from an example app', async () => {
    // model-hidden-apps has an Express API and two apps but no tables, models or SDK.
    const md = (await section(workflowsStep, 'model-hidden-apps')).markdown;
    expect(md).not.toContain('#### Add a DynamoDB table');
    expect(md).not.toMatch(/#### Add a (Prisma|Drizzle|TypeORM|Mongoose)/);
    expect(md).not.toContain('#### Add a method to the SDK');
    // A Next.js app under examples/ is not where the product's pages go: the same app elsewhere gets a recipe.
    const app = (dir: string) => ({
      [`${dir}/package.json`]: JSON.stringify({ name: 'storefront', private: true, dependencies: { next: '14.2.3', react: '18.3.1', 'react-dom': '18.3.1' } }),
      [`${dir}/next.config.js`]: 'module.exports = {};\n',
      [`${dir}/app/layout.tsx`]: 'export default function L({ children }: { children: unknown }) { return children; }\n',
      [`${dir}/app/about/page.tsx`]: 'export default function About() { return null; }\n',
    });
    const root = JSON.stringify({ name: 'lib', version: '1.0.0', main: 'dist/index.js', workspaces: ['examples/*', 'apps/*'] });
    const asExample = (await section(workflowsStep, tempRepo({ 'package.json': root, ...app('examples/storefront') }))).markdown;
    expect(asExample).not.toContain('#### Add a page');
    const asApp = (await section(workflowsStep, tempRepo({ 'package.json': root, ...app('apps/storefront') }))).markdown;
    expect(asApp).toContain('#### Add a page to `storefront` (Next.js)');
  });

  it('a Next.js page recipe says which guard a page inherits from a layout that redirects without a session, citing the layout', async () => {
    const root = fixturePath('fe-next-protected');
    const md = (await section(workflowsStep, root)).markdown;
    const r = recipeOf(md, 'Add a page to `next-protected`');
    expect(r).toContain("a page added under `/app/(protected)/` inherits `redirect('/login')` from its layout (`/app/(protected)/layout.tsx:6`)");
    expect(r).toContain('**Access:** pages like /about are not guarded;');
    expect(missingCitations(md, await indexOf(root))).toEqual([]);
  });

  it('a Next.js page recipe says which pages pass through middleware.ts, citing it', async () => {
    const root = fixturePath('fe-next-app');
    const md = (await section(workflowsStep, root)).markdown;
    const r = recipeOf(md, 'Add a page to `next-shop`');
    expect(r).toContain('**Access:** pages like /about are not guarded; a page added at a URL its matcher covers (/dashboard/:path\\*) passes through `middleware` (`/middleware.ts`), as 2 of 8 routes do.');
    expect(missingCitations(md, await indexOf(root))).toEqual([]);
  });
});

describe('a Next.js page recipe names the middleware matchers a new page must fall under', () => {
  it('matchers /dashboard/:path* and /login share only "/", which the middleware does not cover: the matchers are named', async () => {
    const page = (name: string) => `export default function ${name}() {\n  return <main>${name}</main>;\n}\n`;
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'guarded-site', private: true, dependencies: { next: '14.2.5', react: '18.3.1', 'react-dom': '18.3.1', 'next-auth': '4.24.0' } }),
      'next.config.js': 'module.exports = {};\n',
      'middleware.ts': "export { default } from 'next-auth/middleware';\n\nexport const config = { matcher: ['/dashboard/:path*', '/login'] };\n",
      'app/layout.tsx': 'export default function RootLayout({ children }: { children: React.ReactNode }) {\n  return <html><body>{children}</body></html>;\n}\n',
      'app/about/page.tsx': page('About'),
      'app/pricing/page.tsx': page('Pricing'),
      'app/blog/page.tsx': page('Blog'),
      'app/dashboard/page.tsx': page('Dashboard'),
      'app/dashboard/billing/page.tsx': page('Billing'),
      'app/login/page.tsx': page('Login'),
    });
    const md = (await section(workflowsStep, root)).markdown;
    const r = recipeOf(md, 'Add a page to `guarded-site`');
    expect(r).toContain('a page added at a URL its matcher covers (/dashboard/:path\\*, /login) passes through `middleware` (`/middleware.ts`), as 3 of');
    expect(r).not.toContain('a page added under / passes through');
    expect(missingCitations(md, await indexOf(root))).toEqual([]);
  });
});

describe('page recipes for Remix file routes and mixed guards', () => {
  it('Remix flat routes: the file is the route, a resource route is neither an example nor a page', async () => {
    const { workflowsStep } = await import('../src/steps/09-workflows.js');
    const { frontendStep } = await import('../src/steps/05-frontend.js');
    const { section } = await import('./helpers/fixture.js');
    const md = (await section(workflowsStep, 'be-remix')).markdown;
    expect(md).toMatch(/\*\*Page:\*\* the file is the route: add one under `\/app\/routes\/`/);
    // Counted as step 5 lists them: the resource route is in the folder too.
    expect(md).toContain('add one under `/app/routes/` (2 page routes and 1 resource route there)');
    // Each runner's tests where they are: Vitest's beside the code, Cypress's specs (not its support file) in cypress/e2e.
    expect(md).toContain("**Test:** this package's Vitest tests sit beside the code under `/app/`, as `/app/utils.test.ts`; its Cypress tests live in `/cypress/e2e/`.");
    expect(md).toContain('`/app` (1, beside the code), `/cypress` (1, Cypress)');
    expect(md).not.toMatch(/copy[^\n]*healthcheck/);
    expect(md).not.toContain('**Route:** declare it in');
    const fe = (await section(frontendStep, 'be-remix')).markdown;
    expect(fe).toContain('Remix / React Router file routes (the file is the route)');
    expect(fe).toMatch(/\| \/healthcheck \|[^\n]*resource route/);
  });

  it('when no guard covers most routes, the recipe says how the routes divide instead of passing the example off as the rule', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const { workflowsStep } = await import('../src/steps/09-workflows.js');
    const { section } = await import('./helpers/fixture.js');
    const page = (name: string) => `export default function ${name}() { return <div />; }\n`;
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'notes', private: true, dependencies: { react: '^18.0.0', 'react-dom': '^18.0.0', 'react-router-dom': '^6.0.0' }, devDependencies: { vite: '^5.0.0' } }),
      'index.html': '<div id="root"></div>',
      'src/main.tsx': "import { createRoot } from 'react-dom/client';\nimport { BrowserRouter } from 'react-router-dom';\nimport Routes from './Routes';\ncreateRoot(document.getElementById('root')!).render(<BrowserRouter><Routes /></BrowserRouter>);\n",
      'src/Routes.tsx': [
        "import { Route, Routes } from 'react-router-dom';",
        "import AuthenticatedRoute from './AuthenticatedRoute';",
        "import UnauthenticatedRoute from './UnauthenticatedRoute';",
        "import Login from './pages/Login';",
        "import Signup from './pages/Signup';",
        "import Settings from './pages/Settings';",
        "import NewNote from './pages/NewNote';",
        "import Notes from './pages/Notes';",
        "import About from './pages/About';",
        'export default function AppRoutes() {',
        '  return (',
        '    <Routes>',
        '      <Route path="/about" element={<About />} />',
        '      <Route path="/login" element={<UnauthenticatedRoute><Login /></UnauthenticatedRoute>} />',
        '      <Route path="/signup" element={<UnauthenticatedRoute><Signup /></UnauthenticatedRoute>} />',
        '      <Route path="/settings" element={<AuthenticatedRoute><Settings /></AuthenticatedRoute>} />',
        '      <Route path="/notes/new" element={<AuthenticatedRoute><NewNote /></AuthenticatedRoute>} />',
        '      <Route path="/notes/:id" element={<AuthenticatedRoute><Notes /></AuthenticatedRoute>} />',
        '    </Routes>',
        '  );',
        '}',
      ].join('\n'),
      'src/AuthenticatedRoute.tsx': 'export default function AuthenticatedRoute({ children }) { return children; }\n',
      'src/UnauthenticatedRoute.tsx': 'export default function UnauthenticatedRoute({ children }) { return children; }\n',
      'src/pages/Login.tsx': page('Login'),
      'src/pages/Signup.tsx': page('Signup'),
      'src/pages/Settings.tsx': page('Settings'),
      'src/pages/NewNote.tsx': page('NewNote'),
      'src/pages/Notes.tsx': page('Notes'),
      'src/pages/About.tsx': page('About'),
    });
    const md = (await section(workflowsStep, root)).markdown;
    expect(md).not.toContain('pages here sit behind');
    expect(md).toMatch(/\*\*Access:\*\* routes differ — of 6, 3 sit behind `AuthenticatedRoute`, 2 sit behind `UnauthenticatedRoute`, 1 have none/);
  });
});

describe('Next.js route handler recipe', () => {
  it('a single catch-all proxy (api/[[...path]]/route.ts) is no convention: no "add a route.ts under api/[[...path]]" recipe', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const { workflowsStep } = await import('../src/steps/09-workflows.js');
    const { section } = await import('./helpers/fixture.js');
    const methods = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'].map((m) => `export const ${m} = proxy;`).join('\n');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'web', private: true, dependencies: { next: '14.2.0', react: '18.2.0', 'react-dom': '18.2.0' } }),
      'next.config.js': 'module.exports = {};',
      'app/page.tsx': 'export default function Home() { return <main />; }',
      'app/api/[[...path]]/route.ts': `async function proxy(request: Request) { return fetch(request); }\n${methods}\n`,
    });
    const md = (await section(workflowsStep, root)).markdown;
    expect(md).not.toContain('[[...path]]/`');
    expect(md).not.toContain('Add an API endpoint (Next.js');
  });
});

describe('Next.js Pages Router API recipe', () => {
  it('says to add a file under pages/api with a default-export handler, not a route.ts', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const { workflowsStep } = await import('../src/steps/09-workflows.js');
    const { section } = await import('./helpers/fixture.js');
    const handler = "export default async function handler(req, res) {\n  if (req.method === 'POST') return res.status(201).json({});\n  res.json([]);\n}\n";
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'web', private: true, dependencies: { next: '13.0.0', react: '18.2.0', 'react-dom': '18.2.0' } }),
      'next.config.js': 'module.exports = {};',
      'pages/index.jsx': 'export default function Home() { return <main />; }',
      'pages/api/posts/index.js': handler,
      'pages/api/users/index.js': handler,
      'pages/api/users/[id].js': handler,
    });
    const md = (await section(workflowsStep, root)).markdown;
    expect(md).toMatch(/\*\*API route:\*\* the file is the route: add a file under `\/pages\/api\/` whose default export handles the request/);
    expect(md).not.toContain('`route.ts`');
  });
});

describe('route trees', () => {
  it('a route folder named like a benchmark (`performance`) is still product', async () => {
    const { Owners } = await import('../src/steps/budget/owners.js');
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const { buildIndex } = await import('../src/scan/repo-index.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'web', private: true, dependencies: { next: '^15.0.0' } }),
      'src/app/api/reports/performance/route.ts': 'export async function GET() { return Response.json({}); }\n',
      'benchmarks/run.ts': 'export {};\n',
    });
    const owners = Owners.of(await buildIndex(root));
    expect(owners.of('src/app/api/reports/performance/route.ts').tier).toBe(0);
    expect(owners.of('benchmarks/run.ts').tier).toBe(2);
  });
});

describe('the DynamoDB recipe counts call sites', () => {
  it('a BatchWrite over three tables is one call, not three: the file with two calls has the most', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const { workflowsStep } = await import('../src/steps/09-workflows.js');
    const { section } = await import('./helpers/fixture.js');
    const table = (id: string) => `    new Table(this, '${id}', { partitionKey: { name: 'PK', type: AttributeType.STRING } });\n`;
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'claims', private: true, dependencies: { 'aws-cdk-lib': '2.150.0', constructs: '10.3.0', 'aws-sdk': '2.1600.0' } }),
      'cdk.json': JSON.stringify({ app: 'npx ts-node bin/app.ts' }),
      'bin/app.ts': "import { App } from 'aws-cdk-lib';\nimport { ClaimsStack } from '../lib/claims-stack';\n\nconst app = new App();\nnew ClaimsStack(app, 'ClaimsStack');\n",
      'lib/claims-stack.ts':
        "import { Stack } from 'aws-cdk-lib';\nimport { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';\nimport { Construct } from 'constructs';\n\nexport class ClaimsStack extends Stack {\n  constructor(scope: Construct, id: string) {\n    super(scope, id);\n" +
        table('Claims') + table('Customers') + table('Policies') + '  }\n}\n',
      'src/cleanup.js':
        "const AWS = require('aws-sdk');\n\nconst db = new AWS.DynamoDB.DocumentClient();\n\nexports.handler = async () => {\n  await db\n    .batchWrite({\n      RequestItems: {\n        [process.env.CLAIMS_TABLE]: [],\n        [process.env.CUSTOMERS_TABLE]: [],\n        [process.env.POLICIES_TABLE]: [],\n      },\n    })\n    .promise();\n};\n",
      'src/claims.js':
        "const AWS = require('aws-sdk');\n\nconst db = new AWS.DynamoDB.DocumentClient();\n\nexports.handler = async (event) => {\n  const claim = await db.get({ TableName: process.env.CLAIMS_TABLE, Key: { PK: event.id } }).promise();\n  await db.put({ TableName: process.env.CLAIMS_TABLE, Item: claim.Item }).promise();\n};\n",
    });
    const md = (await section(workflowsStep, root)).markdown;
    expect(md).toContain('**Access code:** DynamoDB calls are written where they are needed; `/src/claims.js` has the most (2 call sites), e.g. `Get` at `/src/claims.js:6`.');
  });
});
