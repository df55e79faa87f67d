/** "Add an SDK method": the client class, a method to copy with the endpoint it calls, the HTTP layer and errors. */
import type { SdkClientFact, SdkPackageFact } from '../../../detectors/sdk/index.js';
import { cite } from '../../../markdown/cite.js';
import { code } from '../../../markdown/text.js';
import { plural } from '../cdk-shared.js';
import { names } from '../format.js';
import { lineIn, recipe, type RecipeInput } from './shared.js';

export function sdkRecipes({ facts, product, tests }: RecipeInput, endpointRecipe: boolean): string[] {
  const packages = facts.of<SdkPackageFact>('sdk.package').map((f) => f.data).filter((p) => product(p.manifest));
  return packages.slice(0, 2).map((pkg) => {
    const clients = facts.of<SdkClientFact>('sdk.client').map((f) => f.data).filter((c) => c.package === pkg.name);
    // The root client first, then the one with most methods.
    const client = [...clients].sort((a, b) => Number(b.accessor === 'client') - Number(a.accessor === 'client') || b.methods.length - a.methods.length)[0];
    if (!client || client.methods.length === 0) return '';
    const example = client.methods.find((m) => !m.static && m.endpoints.length > 0 && m.endpoints[0].resolved) ?? client.methods[0];
    const endpoint = example.endpoints[0];
    const calls = endpoint ? `, which calls ${code(`${endpoint.method} ${endpoint.path}`)}` : '';
    const http = pkg.http;
    const httpFeatures = http ? [http.retries && 'retries', http.timeout && 'a timeout', http.authHeaders.length > 0 && `the ${names(http.authHeaders)} header`].filter(Boolean) : [];
    const errors = pkg.errors.slice(0, 4);
    return recipe(`Add a method to the SDK ${code(pkg.name)}`, [
      `**Method:** add it to ${code(client.className)} in ${cite(client.file)} (class at ${lineIn(client.file, client.line, client.file)}, ${plural(client.methods.length, 'method')}); copy ${code(example.name)} at ${lineIn(example.file, example.line, client.file)}${calls}.`,
      http
        ? `**Requests:** send them through ${http.where ? `${code(http.where)} in ` : ''}${cite(http.file, http.line)} (${code(http.transport)}${httpFeatures.length ? `, with ${httpFeatures.join(', ')}` : ''}), as the other methods do.`
        : '',
      errors.length ? `**Errors:** failures map to the SDK's error classes: ${errors.map((e) => `${code(e.name)} (${cite(e.file, e.line)})`).join(', ')}.` : '',
      `**Export:** the package is built from ${cite(pkg.entry)}; export new public types from there.`,
      endpoint && endpointRecipe ? `**Endpoint:** the API route it calls must exist; "Add an API endpoint" above says how to add one.` : '',
      tests.step(client.file, 'method'),
    ]);
  }).filter(Boolean);
}
