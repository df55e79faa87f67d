/** Names declared without being read: dotenv files and their examples, and typed env declarations (`env.d.ts`). */
import type { RepoIndex } from '../../scan/repo-index.js';
import { dotenvNames, isExampleDotenv } from './dotenv.js';
import type { EnvDeclaredFact } from './types.js';

export function declared(index: RepoIndex, file: string): EnvDeclaredFact[] {
  const text = index.read(file);
  if (text === undefined) return [];
  const source = isExampleDotenv(file) ? 'example' : 'dotenv';
  const pkg = index.packageOf(file)?.name ?? '';
  // In an example or template a commented-out line documents an optional variable; in a real dotenv file it is unset.
  return dotenvNames(text, { commented: source === 'example' }).map(({ name, line, commented }) => ({
    kind: 'env.declared',
    id: `${name} ${file}`,
    data: { name, file, line, package: pkg, source, ...(commented ? { commented } : {}) },
    at: [{ file, line }],
  }));
}

/**
 * `interface ImportMetaEnv { readonly VITE_API_URL: string }`, `namespace NodeJS { interface ProcessEnv {…} }`, and
 * the Worker/Oxygen `interface Env { SESSION_SECRET: string }` (Hydrogen's env.d.ts, `wrangler types`). `Env` also
 * types Worker bindings (`MY_KV: KVNamespace`): there only string-typed members are variables.
 */
export function typedNames(index: RepoIndex, file: string, text: string): EnvDeclaredFact[] {
  const out: EnvDeclaredFact[] = [];
  const pkg = index.packageOf(file)?.name ?? '';
  const lines = text.split('\n');
  let depth = 0;
  let inside = false;
  let worker = false;
  lines.forEach((line, i) => {
    const open = /interface\s+(ImportMetaEnv|ProcessEnv|Env)\b/.exec(line);
    if (open) {
      inside = true;
      worker = open[1] === 'Env';
      depth = 0;
    }
    if (!inside) return;
    const m = /^\s*(?:readonly\s+)?([A-Z][A-Z0-9_]*)\??\s*:\s*([^;,]*)/.exec(line);
    // `string` or a union of string literals; the optional `|` owns the spaces after it, so a gap splits one way only.
    const stringTyped = (type: string) => /^(?:string|(?:['"][^'"]*['"]\s*(?:\|\s*)?)+)$/.test(type.trim());
    if (m && depth === 1 && (!worker || stringTyped(m[2]))) out.push({ kind: 'env.declared', id: `${m[1]} ${file}`, data: { name: m[1], file, line: i + 1, package: pkg, source: 'type' }, at: [{ file, line: i + 1 }] });
    depth += (line.match(/\{/g) ?? []).length - (line.match(/\}/g) ?? []).length;
    if (depth <= 0 && line.includes('}')) inside = false;
  });
  return out;
}
