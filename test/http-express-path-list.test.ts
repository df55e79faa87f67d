/** An Express route declared with an array of paths (el-ground/serverless-fullstack-starter's health check). */
import { describe, expect, it } from 'vitest';
import { httpFrameworksDetector, type HttpRouteData } from '../src/detectors/http-frameworks/index.js';
import { detect } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

describe('router.get([paths], handler)', () => {
  it('declares one route per path, each at the call, under the mount prefix', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'api', private: true, dependencies: { express: '^4.0.0' } }),
      'src/app.ts': "import express from 'express';\nimport api from './api';\nconst app = express();\napp.use('/api/rest', api);\napp.listen(3000);\n",
      'src/api.ts': [
        "import { Router } from 'express';",
        'const r = Router();',
        "r.get([`/`, '/healthy', '/ping'], (req, res) => {",
        "  res.send('healthy!');",
        '});',
        'export default r;',
        '',
      ].join('\n'),
    });
    const routes = (await detect(httpFrameworksDetector, root)).map((f) => f.data as HttpRouteData);
    expect(routes.map((r) => `${r.method} ${r.path} ${r.file}:${r.line}`).sort()).toEqual([
      'GET /api/rest src/api.ts:3',
      'GET /api/rest/healthy src/api.ts:3',
      'GET /api/rest/ping src/api.ts:3',
    ]);
  });
});
