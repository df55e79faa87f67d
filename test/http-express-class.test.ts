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
});
