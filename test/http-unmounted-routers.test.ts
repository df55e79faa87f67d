/**
 * Express routers no code mounts (their `app.use` left in comments, their module imported only for another export,
 * or not at all) are listed apart as not mounted, never counted as served routes nor called "could not be followed";
 * a router whose use we cannot follow (a `require`, a computed load, handed to a function) stays unresolved.
 */
import { describe, expect, it } from 'vitest';
import { httpFrameworksDetector, type HttpRouteData, type UnmountedRouterData } from '../src/detectors/http-frameworks/index.js';
import { FactSet } from '../src/facts.js';
import { unmountedRoutersPart } from '../src/steps/parts/http-routes.js';
import { detect } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const pkg = JSON.stringify({ name: 'api', dependencies: { express: '4.18.0' } });
const files = {
  'package.json': pkg,
  'src/modules/auth/authRouter.ts': 'import express from "express";\nexport const authRouter = express.Router();\nauthRouter.post("/sign-in", (req, res) => res.end());\n',
  'src/modules/user/userRouter.ts': [
    'import express, { type Router } from "express";',
    'export const userRegistry = { name: "user" };',
    'export const userRouter: Router = express.Router();',
    'userRouter.get("/me", (req, res) => res.end());',
  ].join('\n'),
  'src/modules/health/healthRouter.ts': 'import { Router } from "express";\nconst router = Router();\nrouter.get("/", (req, res) => res.end());\nexport default router;\n',
  'src/docs/openApi.ts': 'import { userRegistry } from "../modules/user/userRouter";\nexport const registries = [userRegistry];\n',
  'src/docs/docsRouter.ts': 'import { Router } from "express";\nexport const docsRouter = Router();\ndocsRouter.get("/swagger.json", (req, res) => res.end());\n',
  'src/server.ts': [
    'import express from "express";',
    'import { docsRouter } from "./docs/docsRouter";',
    'import healthRouter from "./modules/health/healthRouter";',
    'const app = express();',
    '// app.use("/auth", authRouter);',
    '// app.use("/user", userRouter);',
    '// app.use("/health", healthRouter);',
    'app.use(docsRouter);',
    'export { app };',
  ].join('\n'),
};

const run = async (over: Record<string, string> = {}) => {
  const facts = await detect(httpFrameworksDetector, tempRepo({ ...files, ...over }));
  const routes = facts.filter((f) => f.kind === 'http.route').map((f) => f.data as HttpRouteData).map((r) => `${r.method} ${r.path}${r.resolved ? '' : ' (unresolved)'}`).sort();
  const unmounted = facts.filter((f) => f.kind === 'http.unmounted-router').map((f) => f.data as UnmountedRouterData);
  return { facts, routes, unmounted };
};

describe('Express routers no code mounts', () => {
  it('lists routers mounted only in comments apart: imported nowhere, imported for another export, imported and unused', async () => {
    const { facts, routes, unmounted } = await run();
    expect(routes).toEqual(['GET /swagger.json']);
    expect(unmounted.map((u) => `${u.router} ${u.file}:${u.line} [${u.importedAt.map((c) => `${c.file}:${c.line}`).join(', ')}] ${u.routes.map((r) => `${r.method} ${r.path}`).join(', ')}`)).toEqual([
      'authRouter src/modules/auth/authRouter.ts:2 [] POST /sign-in',
      'router src/modules/health/healthRouter.ts:2 [src/server.ts:3] GET /',
      'userRouter src/modules/user/userRouter.ts:3 [src/docs/openApi.ts:1] GET /me',
    ]);
    const part = unmountedRoutersPart(new FactSet(facts));
    expect(part).toContain('Routers not mounted by any code');
    expect(part).toContain('- `authRouter` (Express, `/src/modules/auth/authRouter.ts:2`): its module is imported nowhere; 1 route as declared: `POST /sign-in`');
    expect(part).toContain('its module is imported without mounting it at `/src/docs/openApi.ts:1`');
    expect(part).not.toContain('could not be followed');
  });

  it('keeps a router unresolved when something may mount it: a require, a computed load, a use of its import, a hand-off in its file', async () => {
    for (const over of <Record<string, string>[]>[
      { 'src/load.ts': 'const r = require("./modules/auth/authRouter");\nmodule.exports = r;\n' },
      { 'src/load.ts': 'export const load = (name: string) => require(`./modules/${name}`);\n' },
      { 'src/load.ts': 'import { authRouter } from "./modules/auth/authRouter";\nexport const all = [authRouter];\n' },
      { 'src/modules/auth/authRouter.ts': 'import express from "express";\nimport { register } from "../register";\nexport const authRouter = express.Router();\nauthRouter.post("/sign-in", (req, res) => res.end());\nregister(authRouter);\n' },
    ]) {
      const { routes, unmounted } = await run(over);
      expect(routes, JSON.stringify(over)).toContain('POST /sign-in (unresolved)');
      expect(unmounted.map((u) => u.router), JSON.stringify(over)).not.toContain('authRouter');
    }
  });
});
