import { describe, expect, it } from 'vitest';
import { sdkDetector, type SdkClient, type SdkPackageData } from '../src/detectors/sdk/index.js';
import { EXAMPLE, detect } from './helpers/fixture.js';

const of = async (fixture: string) => {
  const facts = await detect(sdkDetector, fixture);
  return {
    packages: facts.filter((f) => f.kind === 'sdk.package').map((f) => f.data as SdkPackageData),
    clients: facts.filter((f) => f.kind === 'sdk.client').map((f) => f.data as SdkClient),
  };
};

describe('SDK detector', () => {
  it('finds the SDK package of the example and nothing else (apps, infrastructure and shared types are not SDKs)', async () => {
    const { packages, clients } = await of(EXAMPLE);
    expect(packages.map((p) => `${p.name} ${p.entry}`)).toEqual(['@kv-store/sdk packages/sdk-js/src/index.ts']);
    expect(clients.map((c) => `${c.accessor} ${c.className}`)).toEqual(['client KVClient']);
  });

  it('lists every public method with signature, doc line and the endpoint it names', async () => {
    const [kv] = (await of(EXAMPLE)).clients;
    expect(kv.methods.map((m) => `${m.name} → ${m.endpoints.map((e) => `${e.method} ${e.path}`).join(', ')} | ${m.doc}`)).toEqual([
      'get → GET /v1/kv/{namespace}/{key} | Reads a value.',
      'set → PUT /v1/kv/{namespace}/{key} | Creates or replaces a value, optionally with a time-to-live.',
      'delete → DELETE /v1/kv/{namespace}/{key} | Deletes a key.',
      'list → GET /v1/kv/{namespace} | Lists keys of a namespace in lexicographic order, one page at a time.',
      'batch → POST /v1/kv/{namespace}/batch | Applies up to 25 put/delete operations in a single request.',
      'listNamespaces → GET /v1/namespaces | Lists the namespaces of the account that owns the API key.',
      'createNamespace → POST /v1/namespaces | Creates a namespace.',
    ]);
    expect(kv.methods[0].signature).toBe('get<T extends KVValue = KVValue>(namespace: string, key: string): Promise<T | null>');
    expect(kv.methods[0]).toMatchObject({ file: 'packages/sdk-js/src/client.ts', line: 61 });
  });

  it('reads constructor options with the defaults the constructor applies', async () => {
    const [kv] = (await of(EXAMPLE)).clients;
    expect(kv.options?.fields.map((f) => `${f.name}${f.optional ? '?' : ''}=${f.default ?? ''}`)).toEqual([
      'apiKey=',
      "baseUrl?='https://api.kvstore.dev'",
      'timeoutMs?=10_000',
      'retries?=3',
      'fetch?=globalThis.fetch.bind(globalThis)',
    ]);
    const { clients } = await of('sdk-client');
    const root = clients.find((c) => c.accessor === 'client')!;
    expect(root.options?.fields.map((f) => `${f.name}=${f.default ?? ''}`)).toEqual([
      'token=',
      "baseURL='https://storage.acme.dev'",
      'timeout=30_000',
      'maxRetries=2',
      'debug=',
    ]);
    const [weather] = (await of('sdk-no-readme')).clients;
    expect(weather.options?.fields.map((f) => `${f.name}=${f.default ?? ''}`)).toEqual(['apiKey=', "host='https://api.weather.example'", "units='metric'"]);
  });

  it('follows resources (client.buckets) and leaves private, #private and _underscored members out', async () => {
    const { clients } = await of('sdk-client');
    expect(clients.map((c) => `${c.accessor} ${c.className} ${c.methods.map((m) => m.name).join(',')}`)).toEqual([
      'client StorageClient ping,whoami,fromEnv',
      'client.objects Objects put,get',
      'client.buckets Buckets list,create,delete',
    ]);
    const root = clients[0];
    // `whoami` only delegates to a private helper: the helper's path is its endpoint.
    expect(root.methods.find((m) => m.name === 'whoami')!.endpoints.map((e) => e.path)).toEqual(['/v2/me']);
    expect(root.methods.find((m) => m.name === 'fromEnv')!.static).toBe(true);
    const buckets = clients[2];
    expect(buckets.methods.map((m) => m.endpoints.map((e) => `${e.method} ${e.path}`).join())).toEqual(['GET /v2/buckets', 'POST /v2/buckets', 'DELETE /v2/buckets/{bucketId}']);
  });

  it('describes the HTTP layer, errors, exported types and README examples', async () => {
    const [pkg] = (await of('sdk-client')).packages;
    expect(pkg.http).toMatchObject({ file: 'src/http.ts', transport: 'axios', retries: true, backoff: true, timeout: true, retryStatuses: [429, 502, 503], authHeaders: ['Authorization'] });
    expect(pkg.errors.map((e) => `${e.name} < ${e.extends} [${e.fields.join()}]`)).toEqual([
      'StorageError < Error [status]',
      'NotFoundError < StorageError []',
      'RateLimitError < StorageError [retryAfter]',
    ]);
    expect(pkg.types.map((t) => `${t.name}:${t.kind}`)).toEqual(['Bucket:interface', 'ListPage:interface', 'ObjectInfo:interface', 'Region:type', 'StorageClientOptions:interface']);
    expect(pkg.functions.map((f) => f.signature)).toEqual(['createStorageClient(options: StorageClientOptions): StorageClient']);
    expect(pkg.examples.map((e) => `${e.file}:${e.line} ${e.title}`)).toEqual(['README.md:13 Usage', 'README.md:23 Errors']);
    const [kv] = (await of(EXAMPLE)).packages;
    expect(kv.http).toMatchObject({ file: 'packages/sdk-js/src/http.ts', where: 'HttpClient.request', transport: 'fetch', retryStatuses: [429, 500, 502, 503, 504] });
    expect(kv.examples.map((e) => e.title)).toEqual(['Quick start', 'Listing and batches', 'Error handling']);
  });

  it('handles a plain JavaScript client without README: destructured options, fetch calls with query strings', async () => {
    const { packages, clients } = await of('sdk-no-readme');
    expect(packages[0]).toMatchObject({ name: 'weather-client', entry: 'src/index.js', examplesFrom: 'none' });
    expect(clients[0].methods.map((m) => `${m.name}(${m.required.join(', ')}) ${m.endpoints.map((e) => `${e.method} ${e.path}`)}`)).toEqual([
      'current(city) GET /v1/current',
      'forecast(city) GET /v1/forecast/{city}',
    ]);
  });
});
