import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sdksStep } from '../src/steps/07-sdks.js';
import { STEPS } from '../src/steps/registry.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { EXAMPLE, PROJECT_ROOT, indexOf, section } from './helpers/fixture.js';

describe('step 7 — SDKs', () => {
  it('is registered as step 7', () => {
    expect(STEPS[6].definition).toBe(sdksStep);
  });

  it.each(['sdk-client', 'sdk-no-readme', 'fe-react-router', 'fe-next-app'])('%s: starts with the step heading and cites only existing paths', async (fixture) => {
    const s = await section(sdksStep, fixture);
    expect(s.markdown.split('\n')[0]).toBe('## 7. SDKs');
    expect(missingCitations(s.markdown, await indexOf(fixture))).toEqual([]);
    expect(s.failures).toEqual([]);
  });

  it('says in one line when there is no SDK', async () => {
    const md = (await section(sdksStep, 'fe-react-router')).markdown;
    expect(md).toBe('## 7. SDKs\n\nNo SDK or client library found: no publishable package is named or described as an SDK or client library, or exports a client class named like one or like the package.\n');
  });

  it('writes methods with endpoints, options with defaults, resources, HTTP layer and errors', async () => {
    const md = (await section(sdksStep, 'sdk-client')).markdown;
    expect(md).toContain('1 SDK package: `@acme/storage-sdk` (repository root).');
    expect(md).toContain("| `client.buckets.create` | `create(name: string, region: Region = 'eu-west-1'): Promise<Bucket>` | `POST /v2/buckets` | Creates a bucket. | `/src/resources/buckets.ts:19` |");
    expect(md).toContain("| `baseURL` | `string` | no | `'https://storage.acme.dev'` | Region-specific API origin. |");
    expect(md).toContain('- Retries on 429, 502, 503 with backoff (option `maxRetries`, default `2`).');
    expect(md).toContain('| `RateLimitError` | `StorageError` | `retryAfter` | Too many requests; retry after `retryAfter` seconds. | `/src/errors.ts:15` |');
    expect(md).toContain('│ client.buckets │');
    expect(md).toContain('From `/README.md:13` (Usage):');
  });

  it('builds an example only from existing signatures when the package has none', async () => {
    const md = (await section(sdksStep, 'sdk-no-readme')).markdown;
    expect(md).toContain("```ts\nimport { WeatherClient } from 'weather-client';\n\nconst client = new WeatherClient({ apiKey: '<apiKey>' });\nconst result = await client.current(city);\n```");
  });

  it('matches the golden section for examples/kv-store', async () => {
    const s = await section(sdksStep, EXAMPLE);
    expect(missingCitations(s.markdown, await indexOf(EXAMPLE))).toEqual([]);
    const golden = path.join(PROJECT_ROOT, 'test/golden/step-07.md');
    if (process.env.UPDATE_GOLDEN) writeFileSync(golden, s.markdown);
    expect(s.markdown).toBe(readFileSync(golden, 'utf8'));
  });
});
