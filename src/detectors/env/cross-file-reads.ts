/**
 * Reads found across files, after the first pass over each file: env helpers called elsewhere (`getEnv('X')`), modules
 * that export `process.env`, schemas and constants defined in another module, loops over enum members, and Prisma's
 * `env("X")`.
 */
import type { RepoIndex, TreeMemo } from '../../scan/repo-index.js';
import { isSourceFile } from '../../scan/ts.js';
import { importsOf, mentions } from '../shared/ast.js';
import { findDefinition } from '../shared/definitions.js';
import { moduleResolver } from '../shared/resolve-module.js';
import { isGenerated, isGeneratedPath } from '../shared/source-scope.js';
import { helperCallsIn, literalArgumentsOf, QUOTED_NAME, type LiteralArgument } from './helper-calls.js';
import { callsWithMember, enumArgumentReads, memberValueOf } from './helper-enum-args.js';
import { isEnvName } from './names.js';
import { group } from './read-facts.js';
import { envReadsOf, schemaFacts, type EnvHelper } from './reads.js';
import type { RawDynamic, RawRead, SchemaImport } from './raw-reads.js';
import type { ConfigConstant } from './reads-config-def.js';
import { exportedSchemaKeys } from './reads-schema.js';
import type { EnvReadFact, EnvSetData } from './types.js';

/**
 * The name-shaped literals a file passes to functions, for the second pass over env helper calls (`helperReads`): a
 * function of the tree alone, so the calling files parsed by earlier steps (nearly all of them) are not parsed again.
 */
export const HELPER_CALLS: TreeMemo<LiteralArgument[]> = {
  namespace: 'env.helper-calls@4',
  wants: (file, text) => {
    if (isGeneratedPath(file)) return false;
    QUOTED_NAME.lastIndex = 0;
    const found = QUOTED_NAME.test(text);
    QUOTED_NAME.lastIndex = 0;
    return found;
  },
  compute: literalArgumentsOf,
};

/**
 * `process.env[key]` in a loop over enum members (`for (const [key] of Object.entries({ [Keys.A]: … }))`): a read of
 * each member's value at that line, when every member is declared with a string (here or in the enum's module); none
 * otherwise, and the read stays one by a computed name.
 */
export function memberLoopReads(index: RepoIndex, file: string, d: RawDynamic): RawRead[] {
  if (!d.members || !d.memberRead) return [];
  const sf = index.parse(file);
  if (!sf) return [];
  const names = d.members.map((m) => memberValueOf(index, file, sf, m));
  if (!names.every((n): n is string => n !== undefined && isEnvName(n))) return [];
  return [...new Set(names)].map((name) => ({ name, line: d.line, ...d.memberRead! }));
}

/**
 * A schema a framework validates `process.env` with (NestJS `validationSchema`), exported by another module: its
 * defaults are set sites, and the keys it requires are read there (unset, startup fails), both at the schema's keys.
 */
export function frameworkSchema(index: RepoIndex, file: string, s: SchemaImport): { file: string; defaults: EnvSetData[]; required: RawRead[] } {
  const target = moduleResolver(index).resolve(file, s.module);
  const sf = target ? index.parse(target) : undefined;
  if (!sf || !target) return { file, defaults: [], required: [] };
  const keys = exportedSchemaKeys(sf, s.imported);
  return {
    file: target,
    defaults: keys.filter((k) => k.hasDefault).map((k) => ({ name: k.text, file: target, line: k.line, kind: 'schema-default' as const, tool: 'schema default' })),
    required: keys.filter((k) => k.required).map((k) => ({ name: k.text, line: k.line, via: 'schema' as const, receiver: 'process' as const, fallback: false, required: 'schema' as const })),
  };
}

/** `env: [AI_MODEL_ENV_KEY]` (figue) with the constant imported: its string in the defining module names the variable. */
export function configConstantRead(index: RepoIndex, file: string, c: ConfigConstant): RawRead | RawDynamic {
  const target = moduleResolver(index).resolve(file, c.module);
  const at = target ? findDefinition(index, { file: target, name: c.imported }) : undefined;
  const line = at?.line === undefined ? undefined : index.read(at.file)?.split('\n')[at.line - 1];
  const name = line && /=\s*(['"`])([A-Za-z_][A-Za-z0-9_]*)\1\s*(;|as const|$)/.exec(line)?.[2];
  return name ? { name, ...c.read } : { line: c.read.line, expression: c.expression };
}

/** The keys of a schema another module exports, read where it is parsed; unresolved, the parse is a dynamic read. */
export function importedSchemaReads(index: RepoIndex, file: string, s: SchemaImport): (RawRead | RawDynamic)[] {
  const target = moduleResolver(index).resolve(file, s.module);
  const sf = target ? index.parse(target) : undefined;
  const keys = sf ? exportedSchemaKeys(sf, s.imported) : [];
  if (keys.length === 0) return [{ line: s.line, expression: s.expression }];
  return keys.map((k) => ({ name: k.text, line: s.line, via: 'schema', receiver: 'process', fallback: k.fallback, ...(s.exportedAs ? { exportedAs: `${s.exportedAs}.${k.text}` } : {}), ...schemaFacts(k, target) }));
}

/**
 * Modules that export `process.env` (or a wrapper of it): in the files importing them, the imported name reads
 * variables (`import environment from './utils/environment'; environment.URL`).
 */
export function importedEnvReads(index: RepoIndex, modules: ReadonlyMap<string, readonly string[]>, firstPass: ReadonlyMap<string, Set<string>>): EnvReadFact[] {
  // Only files whose text names one of the modules in an import specifier (`'./utils/environment'`, `"@/env"`) are parsed.
  const stems = [...new Set([...modules.keys()].map(importStem))].map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const names = new RegExp(`[/'"](${stems.join('|')})(\\.[cm]?[jt]sx?)?(/index(\\.[cm]?[jt]sx?)?)?['"]`);
  const resolver = moduleResolver(index);
  const out: EnvReadFact[] = [];
  for (const file of index.files) {
    if (isGenerated(index, file) || !isSourceFile(file) || modules.has(file)) continue;
    const text = index.read(file);
    if (!text || !names.test(text)) continue;
    const sf = index.parse(file);
    if (!sf) continue;
    const aliases = new Map<string, 'process'>();
    for (const [local, binding] of importsOf(sf)) {
      const target = resolver.resolve(file, binding.module);
      if (target && modules.get(target)?.includes(binding.imported === '*' ? 'default' : binding.imported)) aliases.set(local, 'process');
    }
    if (aliases.size === 0) continue;
    const seen = firstPass.get(file) ?? new Set();
    const reads = envReadsOf(sf, aliases).reads.filter((r) => !seen.has(`${r.name}:${r.line}`));
    out.push(...group(index, file, reads).map((f) => ({ ...f, id: `${f.id} via module` })));
  }
  return out;
}

/**
 * A Prisma schema reads its connection strings with `env("DATABASE_URL")` (datasource `url`, `directUrl`,
 * `shadowDatabaseUrl`): the Prisma client and CLI read the variable, without a fallback. Comments are not reads.
 */
export function prismaEnvReads(text: string): RawRead[] {
  const out: RawRead[] = [];
  for (const [i, line] of text.split(/\r?\n/).entries()) {
    const code = line.replace(/\/\/.*$/, '');
    for (const m of code.matchAll(/\benv\(\s*"([A-Za-z_][A-Za-z0-9_]*)"\s*\)/g)) {
      out.push({ name: m[1], line: i + 1, via: 'schema', receiver: 'process', fallback: false });
    }
  }
  return out;
}

/** The last segment an import of a module names: its file name, or its folder's for an index file. */
export function importStem(file: string): string {
  const parts = file.replace(/\.[cm]?[jt]sx?$/, '').split('/');
  return parts.at(-1) === 'index' && parts.length > 1 ? parts.at(-2)! : parts.at(-1)!;
}

/** Second pass: files calling an env helper found in the first (`Utils.getEnv('X')`). */
export function helperReads(index: RepoIndex, helpers: ReadonlyMap<string, EnvHelper>): EnvReadFact[] {
  const needles = [...helpers.keys()].map((n) => `${n}(`);
  const out: EnvReadFact[] = [];
  for (const file of index.files) {
    if (isGenerated(index, file) || !isSourceFile(file)) continue;
    const text = index.read(file);
    // A file passing no quoted name has no helper read: it need not be parsed (the helper's own file, often).
    if (!mentions(text, needles)) continue;
    const reads = HELPER_CALLS.wants(file, text!) ? helperCallsIn(index.treeMemo(HELPER_CALLS, file) ?? [], helpers) : [];
    // `processEnv(envKeys.GeminiApiKey)`: an enum member names the variable.
    if (callsWithMember(text!, helpers)) reads.push(...enumArgumentReads(index, file, helpers));
    // Keep ids unique next to the first pass: a helper read is its own fact kind of read.
    out.push(...group(index, file, reads).map((f) => ({ ...f, id: `${f.id} helper` })));
  }
  return out;
}
