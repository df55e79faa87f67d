import { describe, expect, it } from 'vitest';
import { httpFrameworksDetector, type HttpRouteData } from '../src/detectors/http-frameworks/index.js';
import { backendApiStep } from '../src/steps/03-backend-api.js';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { detect, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

async function chains(files: Record<string, string>): Promise<string[]> {
  const routes = (await detect(httpFrameworksDetector, tempRepo(files))).map((f) => f.data as HttpRouteData);
  return routes.map((r) => `${r.method} ${r.path}${r.resolved ? '' : ' (unresolved)'}: ${(r.middleware ?? []).join(', ')}`).sort();
}

const pkg = JSON.stringify({ name: 'api', private: true, dependencies: { express: '^4.0.0' } });
const router = (path: string) => `import { Router } from 'express';\nconst r = Router();\nr.get('${path}', (req, res) => res.json({}));\nexport default r;\n`;

describe('Express app.use with a concatenated path (`base + "/logs"`)', () => {
  it('the path scopes the middleware and mounts the router there; neither the path nor a sibling mount is middleware', async () => {
    const found = await chains({
      'package.json': pkg,
      'src/app.ts': [
        "import express from 'express';",
        "import helmet from 'helmet';",
        "import client from './client';",
        "import admin from './admin';",
        "const base = '/api';",
        'const app = express();',
        'app.use(helmet());',
        "app.use(base + '/logs', express.static('logs'));",
        "app.use(base + '/client/', client);",
        "app.use(base + '/admin/', admin);",
        'app.listen(3000);',
      ].join('\n'),
      'src/client.ts': router('/me'),
      'src/admin.ts': router('/users'),
    });
    expect(found).toEqual(['GET /api/admin/users: helmet()', 'GET /api/client/me: helmet()']);
  });

  it('a prefix known only in part is kept (unresolved) and scopes by what is written', async () => {
    const found = await chains({
      'package.json': pkg,
      'src/app.ts': [
        "import express from 'express';",
        "import config from './config';",
        "import logs from './logs';",
        "import admin from './admin';",
        'const app = express();',
        "app.use(config.prefix + '/logs', express.static('logs'));",
        "app.use(config.prefix + '/logs', logs);",
        "app.use(config.prefix + '/admin', admin);",
        'app.listen(3000);',
      ].join('\n'),
      'src/config.ts': 'export default { prefix: process.env.PREFIX };\n',
      'src/logs.ts': router('/'),
      'src/admin.ts': router('/users'),
    });
    expect(found).toEqual(["GET /${config.prefix}/admin/users (unresolved): ", "GET /${config.prefix}/logs (unresolved): express.static('logs')"]);
  });

  it('step 3 says a path-scoped use applies under its path, not to every route, and lists no mount as middleware', async () => {
    const root = tempRepo({
      'package.json': pkg,
      'src/app.ts': [
        "import express from 'express';",
        "import helmet from 'helmet';",
        "import logs from './logs';",
        "import admin from './admin';",
        "const base = '/api';",
        'const app = express();',
        'app.use(helmet());',
        "app.use(base + '/logs', express.static('logs'));",
        "app.use(base + '/logs', logs);",
        "app.use(base + '/admin/', admin);",
        'app.listen(3000);',
      ].join('\n'),
      'src/logs.ts': router('/'),
      'src/admin.ts': router('/users'),
    });
    const md = (await section(backendApiStep, root)).markdown;
    expect(md).toContain('Every route here passes through `helmet()`.');
    expect(md).toContain("| `GET /api/logs` | inline | `express.static('logs')` |");
    expect(md).toContain("| `GET /api/admin/users` | inline | — |");
    expect(md).toContain("- `express.static('logs')` — from the `express` package; `use` under /api/logs before the route, at `/src/app.ts:8`");
    expect(md).not.toContain("`base + '/");
  });

  it('step 9 still shows how to add an endpoint when the routes sit under a prefix known only in part, and says so', async () => {
    const root = tempRepo({
      'package.json': pkg,
      'src/app.ts': [
        "import express from 'express';",
        "import config from './config';",
        "import users from './users';",
        'const app = express();',
        "app.use(config.prefix + '/users', users);",
        'app.listen(3000);',
      ].join('\n'),
      'src/config.ts': 'export default { prefix: process.env.PREFIX };\n',
      'src/users.ts': [
        "import { Router } from 'express';",
        'const r = Router();',
        "r.get('/', (req, res) => res.json([]));",
        "r.get('/:id', (req, res) => res.json({}));",
        "r.post('/', (req, res) => res.json({}));",
        'export default r;',
      ].join('\n'),
    });
    const md = (await section(workflowsStep, root)).markdown;
    expect(md).toContain('#### Add an API endpoint (Express, `api`)');
    expect(md).toContain('`GET /${config.prefix}/users` (path known only in part) is at `:3`');
  });
});

describe('Express app.use with a prefix read off a settings object (`config.prefix`)', () => {
  it('is where the rest is mounted, not a middleware in front of it; an object\'s middleware stays middleware', async () => {
    const found = await chains({
      'package.json': pkg,
      'src/app.ts': [
        "import express from 'express';",
        "import config from './config';",
        "import auth from './auth';",
        "import logs from './logs';",
        "import admin from './admin';",
        "import users from './users';",
        'const app = express();',
        "app.use(config.prefix, express.static('public'));",
        'app.use(config.api.adminPath, admin);',
        'app.use(process.env.LOGS_ROUTE, logs);',
        'app.use(auth.required, users);',
        'app.listen(3000);',
      ].join('\n'),
      'src/config.ts': 'export default { prefix: process.env.PREFIX, api: { adminPath: process.env.ADMIN } };\n',
      'src/auth.ts': 'export default { required: (req, res, next) => next() };\n',
      'src/logs.ts': router('/'),
      'src/admin.ts': router('/users'),
      'src/users.ts': router('/me'),
    });
    expect(found).toEqual([
      'GET /${config.api.adminPath}/users (unresolved): ',
      'GET /${process.env.LOGS_ROUTE} (unresolved): ',
      'GET /me: auth.required',
    ]);
  });
});
