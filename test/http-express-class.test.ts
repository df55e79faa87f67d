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
