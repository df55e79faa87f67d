/**
 * Where NestJS exception filters are registered: `app.useGlobalFilters(new X())`, `@UseFilters(X)` or a
 * `{ provide: APP_FILTER, useClass: X }` provider. A `@Catch` class nothing registers turns no error into a response.
 * One pass over the files whose text names a registration, not one per filter.
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import { importsFromText } from '../shared/import-text.js';
import { moduleResolver } from '../shared/resolve-module.js';

const SITE = /\b(?:useGlobalFilters|UseFilters|APP_FILTER)\b/;

/** Per filter (`file#name`), the files that register it. */
export function filterRegistrations(index: RepoIndex, files: readonly string[], filters: readonly { name: string; file: string }[]): Map<string, string[]> {
  const out = new Map(filters.map((f) => [`${f.file}#${f.name}`, [] as string[]]));
  if (filters.length === 0) return out;
  const names = new Set(filters.map((f) => f.name));
  const mention = new RegExp(String.raw`\b(?:${[...names].map((n) => n.replace(/\$/g, '\\$')).join('|')})\b`, 'g');
  for (const file of files) {
    const text = index.read(file);
    if (!text || !SITE.test(text)) continue;
    const found = new Set(text.match(mention) ?? []);
    if (found.size === 0) continue;
    const imports = importsFromText(text);
    for (const f of filters) {
      if (!found.has(f.name)) continue;
      // The name must be the filter itself: defined here, or imported from a module inside the repository (through a
      // barrel or path alias too). `RpcException` from '@nestjs/microservices' is the framework's error, not this filter.
      const binding = imports.get(f.name);
      const ours = file === f.file || (binding !== undefined && binding.imported === f.name && moduleResolver(index).resolve(file, binding.module) !== undefined);
      if (ours) out.get(`${f.file}#${f.name}`)!.push(file);
    }
  }
  return out;
}
