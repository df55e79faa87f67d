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
    // An SDK method calls an API endpoint: the client (root or resource) with most such methods is the one to extend.
    // A package whose classes call no endpoint (a bundler's API, a framework) gets no recipe.
    const calling = (c: (typeof clients)[number]) => c.methods.filter((m) => !m.static && m.endpoints.some((e) => e.resolved));
    const client = [...clients].filter((c) => calling(c).length > 0).sort((a, b) => calling(b).length - calling(a).length || Number(b.accessor === 'client') - Number(a.accessor === 'client'))[0];
    if (!client) return '';
    const example = calling(client)[0];
    const endpoint = example.endpoints.find((e) => e.resolved)!;
    const calls = `, which calls ${code(`${endpoint.method} ${endpoint.path}`)}`;
    const http = pkg.http;
    const headers = [...new Map(http?.authHeaders.map((h) => [h.toLowerCase(), h]) ?? []).values()];
    const httpFeatures = http ? [http.retries && 'retries', http.timeout && 'a timeout', headers.length > 0 && `the ${names(headers)} header${headers.length > 1 ? 's' : ''}`].filter(Boolean) : [];
    const errors = pkg.errors.slice(0, 4);
    return recipe(`Add a method to the SDK ${code(pkg.name)}`, [
      `**Method:** add it to ${code(client.className)} in ${cite(client.file)} (class at ${lineIn(client.file, client.line, client.file)}${client.accessor !== 'client' ? `, reached as ${code(client.accessor)}` : ''}, ${plural(client.methods.length, 'method')}); copy ${code(example.name)} at ${lineIn(example.file, example.line, client.file)}${calls}.`,
      http
        ? `**Requests:** send them through ${http.where ? `${code(http.where)} in ` : ''}${cite(http.file, http.line)} (${code(http.transport)}${httpFeatures.length ? `, with ${httpFeatures.join(', ')}` : ''}), as the other methods do.`
        : '',
      errors.length ? `**Errors:** failures map to the SDK's error classes: ${errors.map((e) => `${code(e.name)} (${cite(e.file, e.line)})`).join(', ')}.` : '',
      `**Export:** the package is built from ${cite(pkg.entry)}; export new public types from there.`,
      endpointRecipe ? `**Endpoint:** the API route it calls must exist; "Add an API endpoint" above says how to add one.` : '',
      tests.step(client.file, 'method'),
    ]);
  }).filter(Boolean);
}
