import type { Detector, Fact } from '../../facts.js';
import type { RepoIndex, TreeMemo } from '../../scan/repo-index.js';
import { isSourceFile, parseSource } from '../../scan/ts.js';
import { mentions } from '../shared/ast.js';
import { dotenvNames, isDotenvFile, isExampleDotenv } from './dotenv.js';
import { isBuiltin } from './names.js';
import { envReadsInText, envReadsOf, helperCallsOf, type RawRead } from './reads.js';
import type { EnvDeclaredFact, EnvDynamicReadFact, EnvReadFact } from './types.js';

export type * from './types.js';
export { looksSecret, isBuiltin } from './names.js';
export { isDotenvFile, isExampleDotenv } from './dotenv.js';

/** Build output, vendored and generated code: reads there are copies of reads elsewhere. */
export const GENERATED = /(^|\/)(dist|build|out|\.next|\.nuxt|\.output|\.astro|\.svelte-kit|cdk\.out|coverage|vendor|storybook-static)\/|\.min\.[cm]?js$/;
const TEXT_SOURCES = /\.(astro|vue|svelte|html|mdx)$/;

/**
 * The reads in one source file. Step 8 needs them for nearly every file steps 3 and 5 parsed, so they are computed
 * from those trees while they exist rather than by parsing everything a second time.
 */
const ENV_READS: TreeMemo<ReturnType<typeof envReadsOf>> = {
  namespace: 'env.reads@1',
  wants: (file, text) => !GENERATED.test(file) && mentions(text, ['process.env', 'import.meta.env']),
  compute: envReadsOf,
};

/** Environment variables: where the code reads them, and the names dotenv files and `vite-env.d.ts` declare. */
export const envDetector: Detector = {
  id: 'env',
  isEnabled: () => true,
  treeMemos: [ENV_READS],
  detect(index: RepoIndex): Fact[] {
    const facts: Fact[] = [];
    const helpers = new Map<string, number>();
    for (const file of index.files) {
      if (GENERATED.test(file)) continue;
      if (isDotenvFile(file)) {
        facts.push(...declared(index, file));
        continue;
      }
      if (file.endsWith('.prisma')) {
        facts.push(...group(index, file, prismaEnvReads(index.read(file) ?? '')));
        continue;
      }
      const parseable = isSourceFile(file);
      const typed = file.endsWith('.d.ts');
      if (!parseable && !typed && !TEXT_SOURCES.test(file)) continue;
      const text = index.read(file);
      if (typed) {
        if (mentions(text, ['ImportMetaEnv', 'ProcessEnv'])) facts.push(...typedNames(index, file, text!));
        continue;
      }
      if (!mentions(text, ['process.env', 'import.meta.env'])) continue;
      if (parseable) {
        const result = index.treeMemo(ENV_READS, file);
        if (!result) continue;
        const { reads, dynamic, helpers: found } = result;
        for (const h of found) helpers.set(h.name, h.param);
        facts.push(...group(index, file, reads));
        for (const d of dynamic) {
          const fact: EnvDynamicReadFact = { kind: 'env.dynamic', id: `${file}:${d.line}`, data: { file, ...d }, at: [{ file, line: d.line }] };
          facts.push(fact);
        }
      } else {
        // Component files: the script part is parsed (so code samples in strings are not reads), the markup scanned.
        const { script, markup } = splitComponent(text!);
        const reads = envReadsInText(markup);
        if (mentions(script, ['process.env', 'import.meta.env'])) reads.push(...envReadsOf(parseSource(`${file}.ts`, script)).reads);
        facts.push(...group(index, file, reads));
      }
    }
    if (helpers.size > 0) facts.push(...helperReads(index, helpers));
    return facts;
  },
};

/**
 * A Prisma schema reads its connection strings with `env("DATABASE_URL")` (datasource `url`, `directUrl`,
 * `shadowDatabaseUrl`): the Prisma client and CLI read the variable, without a fallback. Comments are not reads.
 */
function prismaEnvReads(text: string): RawRead[] {
  const out: RawRead[] = [];
  for (const [i, line] of text.split(/\r?\n/).entries()) {
    const code = line.replace(/\/\/.*$/, '');
    for (const m of code.matchAll(/\benv\(\s*"([A-Za-z_][A-Za-z0-9_]*)"\s*\)/g)) {
      out.push({ name: m[1], line: i + 1, via: 'schema', receiver: 'process', fallback: false });
    }
  }
  return out;
}

/** Second pass: files calling an env helper found in the first (`Utils.getEnv('X')`). */
function helperReads(index: RepoIndex, helpers: ReadonlyMap<string, number>): EnvReadFact[] {
  const needles = [...helpers.keys()].map((n) => `${n}(`);
  const out: EnvReadFact[] = [];
  for (const file of index.files) {
    if (GENERATED.test(file) || !isSourceFile(file) || !mentions(index.read(file), needles)) continue;
    const sf = index.parse(file);
    if (!sf) continue;
    const reads = helperCallsOf(sf, helpers);
    // Keep ids unique next to the first pass: a helper read is its own fact kind of read.
    out.push(...group(index, file, reads).map((f) => ({ ...f, id: `${f.id} helper` })));
  }
  return out;
}

function group(index: RepoIndex, file: string, reads: RawRead[]): EnvReadFact[] {
  const byName = new Map<string, RawRead[]>();
  for (const r of reads) byName.set(r.name, [...(byName.get(r.name) ?? []), r]);
  const pkg = index.packageOf(file)?.name ?? '';
  return [...byName].sort(([a], [b]) => a.localeCompare(b)).map(([name, list]) => {
    const lines = [...new Set(list.map((r) => r.line))].sort((a, b) => a - b);
    return {
      kind: 'env.read',
      id: `${name} ${file}`,
      data: { name, file, package: pkg, lines, via: list[0].via, builtin: isBuiltin(name, list[0].receiver), hasFallback: list.every((r) => r.fallback) },
      at: [{ file, line: lines[0] }],
    };
  });
}

function declared(index: RepoIndex, file: string): EnvDeclaredFact[] {
  const text = index.read(file);
  if (text === undefined) return [];
  const source = isExampleDotenv(file) ? 'example' : 'dotenv';
  const pkg = index.packageOf(file)?.name ?? '';
  return dotenvNames(text).map(({ name, line }) => ({
    kind: 'env.declared',
    id: `${name} ${file}`,
    data: { name, file, line, package: pkg, source },
    at: [{ file, line }],
  }));
}

/** `interface ImportMetaEnv { readonly VITE_API_URL: string }` and `namespace NodeJS { interface ProcessEnv {…} }`. */
function typedNames(index: RepoIndex, file: string, text: string): EnvDeclaredFact[] {
  const out: EnvDeclaredFact[] = [];
  const pkg = index.packageOf(file)?.name ?? '';
  const lines = text.split('\n');
  let depth = 0;
  let inside = false;
  lines.forEach((line, i) => {
    if (/interface\s+(ImportMetaEnv|ProcessEnv)\b/.test(line)) {
      inside = true;
      depth = 0;
    }
    if (!inside) return;
    const m = /^\s*(?:readonly\s+)?([A-Z][A-Z0-9_]*)\??\s*:/.exec(line);
    if (m && depth === 1) out.push({ kind: 'env.declared', id: `${m[1]} ${file}`, data: { name: m[1], file, line: i + 1, package: pkg, source: 'type' }, at: [{ file, line: i + 1 }] });
    depth += (line.match(/\{/g) ?? []).length - (line.match(/\}/g) ?? []).length;
    if (depth <= 0 && line.includes('}')) inside = false;
  });
  return out;
}

/**
 * Splits an `.astro`/`.vue`/`.svelte` file into its script (Astro frontmatter, `<script>` blocks) and its markup, each
 * the full length of the file with the other part blanked, so line numbers stay true.
 */
export function splitComponent(text: string): { script: string; markup: string } {
  const ranges: [number, number][] = [];
  const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  if (front) ranges.push([front.index + 4, front.index + 4 + front[1].length]);
  for (const m of text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)) {
    const start = (m.index ?? 0) + m[0].indexOf('>') + 1;
    ranges.push([start, start + m[1].length]);
  }
  const blank = (s: string) => s.replace(/[^\n]/g, ' ');
  let script = '';
  let markup = '';
  let pos = 0;
  for (const [a, b] of ranges.sort((x, y) => x[0] - y[0])) {
    if (a < pos) continue;
    script += blank(text.slice(pos, a)) + text.slice(a, b);
    markup += text.slice(pos, a) + blank(text.slice(a, b));
    pos = b;
  }
  script += blank(text.slice(pos));
  markup += text.slice(pos);
  return { script, markup };
}
