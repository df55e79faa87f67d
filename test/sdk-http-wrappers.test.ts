import { describe, expect, it } from 'vitest';
import { httpLayer } from '../src/detectors/sdk/http-layer.js';
import { buildIndex } from '../src/scan/repo-index.js';
import { tempRepo } from './helpers/temp-repo.js';

/** The transport, line and auth headers httpLayer reads from one file of a tiny repo. */
async function layerOf(source: string) {
  const index = await buildIndex(tempRepo({ 'src/client.ts': source }));
  const l = httpLayer(index, ['src/client.ts']);
  return l && { transport: l.transport, line: l.line, where: l.where, authHeaders: l.authHeaders };
}

describe('HTTP layer: wrappers and injected clients', () => {
  it('an injected @nestjs/axios HttpService (this.httpService.get) with a Bearer header set by assignment', async () => {
    // nestjs-ai-saas-starter platform-client.service.ts: "No HTTP call found" was false.
    const source = [
      "import { Injectable } from '@nestjs/common';",
      "import { HttpService } from '@nestjs/axios';",
      "import { firstValueFrom } from 'rxjs';",
      '@Injectable()',
      'export class PlatformClientService {',
      '  constructor(private readonly httpService: HttpService) {}',
      '  async get<T>(endpoint: string): Promise<T> {',
      '    const r = await firstValueFrom(this.httpService.get(endpoint, { headers: this.headers() }));',
      '    return r.data;',
      '  }',
      '  private headers(): Record<string, string> {',
      "    const headers: Record<string, string> = { 'Content-Type': 'application/json' };",
      '    headers.Authorization = `Bearer ${process.env.KEY}`;',
      '    return headers;',
      '  }',
      '}',
    ].join('\n');
    expect(await layerOf(source)).toEqual({ transport: 'HttpService (@nestjs/axios)', line: 8, where: 'PlatformClientService.get', authHeaders: ['Authorization'] });
  });

  it('an Angular HttpClient, injected with inject() or the constructor; .set() headers', async () => {
    const injected = "import { HttpClient, HttpHeaders } from '@angular/common/http';\nexport class Api {\n  private http = inject(HttpClient);\n  list() {\n    return this.http.get('/api/items', { headers: new HttpHeaders().set('x-api-key', 'k') });\n  }\n}\n";
    expect(await layerOf(injected)).toEqual({ transport: 'HttpClient (@angular/common/http)', line: 5, where: 'Api.list', authHeaders: ['x-api-key'] });
    const ctor = "import { HttpClient } from '@angular/common/http';\nexport class Api {\n  constructor(private http: HttpClient) {}\n  save(x: unknown) {\n    return this.http.post('/api/items', x);\n  }\n}\n";
    expect((await layerOf(ctor))?.transport).toBe('HttpClient (@angular/common/http)');
    // A class that merely mentions the type, with no request through it, sends nothing.
    const typeOnly = "import { HttpClient } from '@angular/common/http';\nexport class Api {\n  constructor(private http: HttpClient) {}\n  name() { return this.http.toString(); }\n}\n";
    expect(await layerOf(typeOnly)).toBeUndefined();
  });

  it('fetch wrappers and small clients: $fetch, ofetch, redaxios, wretch, openapi-fetch, undici, superagent, node-fetch, cross-fetch', async () => {
    const cases: [string, string][] = [
      ["export const load = () => $fetch('/api/items');\n", '$fetch'],
      ["import { ofetch } from 'ofetch';\nexport const load = () => ofetch('/api/items');\n", 'ofetch'],
      ["import axios from 'redaxios';\nexport const load = () => axios.get('/api/items');\n", 'redaxios'],
      ["import wretch from 'wretch';\nexport const load = () => wretch('/api/items').get().json();\n", 'wretch'],
      ["import createClient from 'openapi-fetch';\nconst client = createClient({ baseUrl: 'https://x' });\nexport const load = () => client.GET('/items');\n", 'openapi-fetch'],
      ["import { request } from 'undici';\nexport const load = () => request('https://x/items');\n", 'undici'],
      ["import request from 'superagent';\nexport const load = () => request.get('/api/items');\n", 'superagent'],
      ["import fetch from 'node-fetch';\nexport const load = () => fetch('https://x/items');\n", 'fetch'],
      ["import fetch from 'cross-fetch';\nexport const load = () => fetch('https://x/items');\n", 'fetch'],
    ];
    const got = [];
    for (const [source] of cases) got.push((await layerOf(source))?.transport);
    expect(got).toEqual(cases.map(([, t]) => t));
  });
});
