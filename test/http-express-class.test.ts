/** An Express app handed to a class constructor (a later parameter, defaulted to `express()`) still has its routes. */
import { describe, expect, it } from 'vitest';
import { httpFrameworksDetector, type HttpRouteData } from '../src/detectors/http-frameworks/index.js';
import { detect } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const routesOf = async (files: Record<string, string>) =>
  (await detect(httpFrameworksDetector, tempRepo(files))).map((f) => f.data as HttpRouteData).map((r) => `${r.method} ${r.path} ${r.file}:${r.line}`);

describe('Express routes registered in a class constructor', () => {
  it('reads routes on `public expressApp: Express = express()`, through `const app = expressApp`', async () => {
    const routes = await routesOf({
      'package.json': JSON.stringify({ name: 'api', dependencies: { express: '4.18.0' } }),
      'src/app.ts': [
        'import express = require("express");',
        'import { Express, Request, Response } from "express";',
        'export class App {',
        '  constructor(private opts: { name: string }, public expressApp: Express = express()) {',
        '    const app = expressApp;',
        '    app.get("/pets", async (req: Request, res: Response) => res.json([]));',
        '    app.delete("/pets/:petId", async (req: Request, res: Response) => res.json({}));',
        '  }',
        '}',
      ].join('\n'),
    });
    expect(routes).toEqual(['GET /pets src/app.ts:6', 'DELETE /pets/:petId src/app.ts:7']);
  });

  it('reads routes on an untyped later parameter defaulted to `express()`', async () => {
    const routes = await routesOf({
      'package.json': JSON.stringify({ name: 'api', dependencies: { express: '4.18.0' } }),
      'src/server.js': [
        'const express = require("express");',
        'class Server {',
        '  constructor(db, app = express()) {',
        '    app.post("/items", (req, res) => res.end());',
        '  }',
        '}',
        'module.exports = Server;',
      ].join('\n'),
    });
    expect(routes).toEqual(['POST /items src/server.js:4']);
  });

  it('reads routes on `this.router` of a class whose base class (imported, through a barrel) holds the Router, under its literal routerPath', async () => {
    const routes = await routesOf({
      'package.json': JSON.stringify({ name: 'api', dependencies: { express: '4.18.0', inversify: '6.0.0' } }),
      'src/lib/controller.ts': [
        'import { Router } from "express";',
        'export abstract class Controller {',
        '  public router: Router = Router();',
        '  abstract readonly routerPath: string;',
        '  abstract mountRoutes(): void;',
        '}',
      ].join('\n'),
      'src/lib/index.ts': 'export * from "./controller";\n',
      'src/api/auth.controller.ts': [
        'import { Controller } from "../lib";',
        'export class AuthController extends Controller {',
        '  readonly routerPath = "/auth";',
        '  public mountRoutes() {',
        '    this.router.post(',
        '      "/log-in",',
        '      async (req, res) => res.json({}),',
        '    );',
        '    this.router.get("/me", async (req, res) => res.json({}));',
        '  }',
        '}',
      ].join('\n'),
      // A base that makes its router in the constructor, and a subclass that passes its path to `super`.
      'src/api/base.ts': [
        'import express from "express";',
        'export class Base {',
        '  constructor(public path: string) {',
        '    this.router = express.Router();',
        '  }',
        '}',
        'export class MonitoringController extends Base {',
        '  constructor() {',
        '    super("/monitoring");',
        '    this.router.get("/health", (req, res) => res.end());',
        '  }',
        '}',
      ].join('\n'),
    });
    expect(routes).toEqual([
      'POST /auth/log-in src/api/auth.controller.ts:5',
      'GET /auth/me src/api/auth.controller.ts:9',
      'GET /monitoring/health src/api/base.ts:10',
    ]);
  });

  it('step 3 says the routes are served behind the API Gateway proxy route of the Lambda whose handler wraps them', async () => {
    const { backendApiStep } = await import('../src/steps/03-backend-api.js');
    const { section } = await import('./helpers/fixture.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'root', private: true }),
      'cdk/package.json': JSON.stringify({ name: 'cdk', dependencies: { 'aws-cdk-lib': '2.100.0', constructs: '10.0.0' } }),
      'cdk/cdk.json': JSON.stringify({ app: 'npx ts-node src/cdk.ts' }),
      'cdk/src/cdk.ts': [
        "import { App, Stack } from 'aws-cdk-lib';",
        "import * as lambda from 'aws-cdk-lib/aws-lambda';",
        "import * as apigateway from 'aws-cdk-lib/aws-apigateway';",
        'class BackendStack extends Stack {',
        '  constructor(scope: App, id: string) {',
        '    super(scope, id);',
        "    const fn = new lambda.Function(this, 'APIFunction', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromAsset('../lambda/api/dist/src') });",
        "    const api = new apigateway.RestApi(this, 'Api', {});",
        "    api.root.addProxy({ defaultIntegration: new apigateway.LambdaIntegration(fn), anyMethod: true });",
        '  }',
        '}',
        "new BackendStack(new App(), 'Backend');",
      ].join('\n'),
      'lambda/api/package.json': JSON.stringify({ name: 'api', dependencies: { express: '4.18.0', 'aws-serverless-express': '3.4.0' } }),
      'lambda/api/src/index.ts': 'import { createServer, proxy } from "aws-serverless-express";\nimport { app } from "./app";\nconst server = createServer(app);\nexport const handler = (e: any, c: any) => proxy(server, e, c);\n',
      'lambda/api/src/app.ts': 'import express from "express";\nexport const app = express();\napp.get("/pets", (req, res) => res.json([]));\n',
    });
    const md = (await section(backendApiStep, root)).markdown;
    expect(md).toContain('`GET /pets`');
    expect(md).toContain('This package holds the handler of the Lambda `APIFunction` (`/lambda/api/src/index.ts`) that API Gateway reaches through `ANY /{proxy+}`: the handler wraps an app in a serverless adapter');
  });
});
