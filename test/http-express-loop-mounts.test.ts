/**
 * Express routers mounted in a loop over a list (`routers.forEach((e) => app.use(e.basePath, e.router))`): followed
 * when the list is known statically, so each router's routes get their prefix and the app's middleware; a list that
 * is not known keeps the routes unresolved, with no prefix guessed.
 */
import { describe, expect, it } from 'vitest';
import { httpFrameworksDetector, type HttpRouteData } from '../src/detectors/http-frameworks/index.js';
import { detect } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const routesOf = async (files: Record<string, string>) =>
  (await detect(httpFrameworksDetector, tempRepo(files)))
    .map((f) => f.data as HttpRouteData)
    .map((r) => `${r.method} ${r.path}${r.resolved ? '' : ' (unresolved)'} [${(r.middleware ?? []).join(', ')}] ${r.file}:${r.line}`)
    .sort();

const pkg = JSON.stringify({ name: 'api', dependencies: { express: '4.18.0', cors: '2.8.5', inversify: '6.0.0' } });
const routers = {
  'src/routes/users.ts': 'import { Router } from "express";\nexport const usersRouter = Router();\nusersRouter.get("/:id", (req, res) => res.end());\n',
  'src/routes/health.ts': 'import { Router } from "express";\nconst router = Router();\nrouter.get("/", (req, res) => res.end());\nexport default router;\n',
};

describe('Express routers mounted in a loop over a list', () => {
  it('prefixes the routes of an array literal of { basePath, router } rows (a literal, a constant; destructured), behind the app-wide middleware', async () => {
    const routes = await routesOf({
      'package.json': pkg,
      ...routers,
      'src/app.ts': [
        'import express from "express";',
        'import cors from "cors";',
        'import { usersRouter } from "./routes/users";',
        'import healthRouter from "./routes/health";',
        'const app = express();',
        'app.use(cors());',
        'const API = "/api";',
        'const health = { basePath: "/health", router: healthRouter };',
        '[{ basePath: `${API}/users`, router: usersRouter }, health].forEach(({ basePath, router }) => {',
        '  app.use(basePath, router);',
        '});',
        'export default app;',
      ].join('\n'),
    });
    expect(routes).toEqual(['GET /api/users/:id [cors()] src/routes/users.ts:3', 'GET /health [cors()] src/routes/health.ts:3']);
  });

  it('follows an imported const array of rows, row constants and namespace modules, destructured in a for-of', async () => {
    const routes = await routesOf({
      'package.json': pkg,
      ...routers,
      'src/modules/orders.ts': 'import { Router } from "express";\nexport const path = "/orders";\nexport const router = Router();\nrouter.post("/", (req, res) => res.end());\n',
      'src/routes/index.ts': [
        'import { usersRouter } from "./users";',
        'import * as orders from "../modules/orders";',
        'const users = { path: "/users", router: usersRouter };',
        'export const routes = [users, orders];',
      ].join('\n'),
      'src/app.ts': [
        'import express from "express";',
        'import { routes } from "./routes";',
        'const app = express();',
        'for (const { path, router } of routes) app.use(path, router);',
        'export default app;',
      ].join('\n'),
      // Used where the code is not followed: it may be mounted (a router no code mounts is listed apart instead).
      'src/extra.ts': 'import health from "./routes/health";\nexport const extra = () => health;\n',
    });
    expect(routes).toEqual(['GET / (unresolved) [] src/routes/health.ts:3', 'GET /users/:id [] src/routes/users.ts:3', 'POST /orders [] src/modules/orders.ts:4']);
  });

  it('follows controllers taken from a DI container and mapped to { basePath, router } (their own routerPath read once)', async () => {
    const routes = await routesOf({
      'package.json': pkg,
      'src/lib/controller.ts': 'import { Router } from "express";\nexport abstract class Controller {\n  public router: Router = Router();\n  abstract readonly routerPath: string;\n}\n',
      'src/api/auth.controller.ts': [
        'import { Controller } from "../lib/controller";',
        'export class AuthController extends Controller {',
        '  readonly routerPath = "/auth";',
        '  mountRoutes() {',
        '    this.router.post("/log-in", (req, res) => res.end());',
        '  }',
        '}',
      ].join('\n'),
      'src/router.ts': [
        'import type { Express } from "express";',
        'import { AuthController } from "./api/auth.controller";',
        'import { container } from "./inversify.config";',
        'import { env } from "./env";',
        'export const router = (app: Express) => {',
        '  const routers = [container.get(AuthController)].map((c) => ({ basePath: `${env.API_BASE_PATH}${c.routerPath}`, router: c.router }));',
        '  routers.forEach((e) => {',
        '    app.use(e.basePath, e.router);',
        '  });',
        '};',
      ].join('\n'),
      'src/server.ts': [
        'import express from "express";',
        'import cors from "cors";',
        'import { router } from "./router";',
        'const app = express();',
        'app.use(cors());',
        'router(app);',
      ].join('\n'),
    });
    // The prefix is read from the environment at run time: shown as written, unresolved, but no longer missing.
    expect(routes).toEqual(['POST /${env.API_BASE_PATH}/auth/log-in (unresolved) [cors()] src/api/auth.controller.ts:5']);
  });

  it('mounts a class that makes its own router under its routerPath; a controller whose routerPath the prefix ignores stays unmounted', async () => {
    const routes = await routesOf({
      'package.json': pkg,
      'src/lib/controller.ts': 'import { Router } from "express";\nexport abstract class Controller {\n  public router: Router = Router();\n}\n',
      'src/app.ts': [
        'import express, { Router } from "express";',
        'import { Controller } from "./lib/controller";',
        'class Items {',
        '  routerPath = "/items";',
        '  router = Router();',
        '  constructor() {',
        '    this.router.get("/", (req, res) => res.end());',
        '  }',
        '}',
        'class Auth extends Controller {',
        '  readonly routerPath = "/auth";',
        '  mount() {',
        '    this.router.post("/log-in", (req, res) => res.end());',
        '  }',
        '}',
        'const app = express();',
        '[new Items()].forEach((c) => app.use(`/v1${c.routerPath}`, c.router));',
        '[new Auth()].forEach((c) => app.use("/v1", c.router));',
        'export default app;',
      ].join('\n'),
    });
    expect(routes).toEqual(['GET /v1/items [] src/app.ts:7', 'POST /auth/log-in (unresolved) [] src/app.ts:13']);
  });

  it('mounts a list of the routers themselves, and a list of middleware stays middleware', async () => {
    const routes = await routesOf({
      'package.json': pkg,
      ...routers,
      'src/auth.ts': 'export const requireAuth = (req, res, next) => next();\n',
      'src/app.ts': [
        'import express from "express";',
        'import { requireAuth } from "./auth";',
        'import { usersRouter } from "./routes/users";',
        'const app = express();',
        '[requireAuth].forEach((mw) => app.use("/api", mw));',
        'for (const r of [usersRouter, require("./routes/health")]) app.use("/api", r);',
        'export default app;',
      ].join('\n'),
    });
    expect(routes).toEqual(['GET /api [requireAuth] src/routes/health.ts:3', 'GET /api/:id [requireAuth] src/routes/users.ts:3']);
  });

  it('keeps the routes unresolved, with no prefix, when the list is not known statically', async () => {
    const routes = await routesOf({
      'package.json': pkg,
      ...routers,
      'src/app.ts': [
        'import express from "express";',
        'import cors from "cors";',
        'import { loadRouters } from "./loader";',
        'const app = express();',
        'app.use(cors());',
        'loadRouters().forEach((e) => app.use(e.basePath, e.router));',
        'export default app;',
      ].join('\n'),
      // The list is made by a call: not known statically, though the routers are used there.
      'src/loader.ts': 'import health from "./routes/health";\nimport { usersRouter } from "./routes/users";\nexport const loadRouters = () => [{ basePath: "/health", router: health }, { basePath: "/users", router: usersRouter }];\n',
    });
    expect(routes).toEqual(['GET / (unresolved) [] src/routes/health.ts:3', 'GET /:id (unresolved) [] src/routes/users.ts:3']);
  });
});
