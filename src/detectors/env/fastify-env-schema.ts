/**
 * Across files for `@fastify/env` / env-schema (reads-fastify-env.ts): a schema imported from another module is read
 * there, at its keys; and `fastify.config.X` (the object the plugin decorates the instance with) reads X where it is
 * used, with the schema key's verdict.
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import { isSourceFile } from '../../scan/ts.js';
import { constantsOf } from '../shared/ast.js';
import { findDefinition } from '../shared/definitions.js';
import { moduleResolver } from '../shared/resolve-module.js';
import { isGenerated } from '../shared/source-scope.js';
import { lineAt, withoutComments } from '../shared/text-scan.js';
import { fastifySchemaKeys, FASTIFY_ENV_TEXT } from './reads-fastify-env.js';
import { group } from './read-facts.js';
import type { EnvReadFact } from './types.js';
import type { RawDynamic, RawRead, SchemaImport } from './raw-reads.js';
import { schemaFacts } from './reads-schema-uses.js';
import type { SchemaKey } from './reads-schema.js';

/** A schema key and the file that holds it, for the verdict of its uses. */
export interface FastifyKey {
  readonly key: SchemaKey;
  readonly file: string;
}

/**
 * The keys of the schema `s` names, in the module that defines it (through barrels and path aliases), as reads at
 * the keys; unresolved, the registration is a read by a computed name (every variable it checks, none known).
 */
export function importedFastifySchema(index: RepoIndex, file: string, s: SchemaImport): { file: string; keys: SchemaKey[] } | RawDynamic {
  const target = moduleResolver(index).resolve(file, s.module);
  const at = target ? findDefinition(index, { file: target, name: s.imported }) : undefined;
  const sf = at ? index.parse(at.file) : undefined;
  const init = sf ? constantsOf(sf).get(s.imported) : undefined;
  const keys = init && sf ? fastifySchemaKeys(init, constantsOf(sf), sf) : undefined;
  if (!at || !keys?.length) return { line: s.line, expression: s.expression };
  return { file: at.file, keys };
}

export function keyReads(keys: readonly SchemaKey[]): RawRead[] {
  return keys.map((k) => ({ name: k.text, line: k.line, via: 'schema', receiver: 'process', fallback: k.fallback, ...schemaFacts(k) }));
}

/** `fastify.config.X`, `app.config.X`, `request.server.config.X`: the default `confKey` on the usual instance names. */
const CONFIG_USE = /\b(?:fastify|server|app|instance|(?:request|req)\.server)\.config\.([A-Z][A-Z0-9_]*)\b/g;

/** Each `…config.X` use in a file's code (comments left out): a function of the text alone. */
export function configUses(text: string): { name: string; line: number }[] {
  const code = withoutComments(text);
  return [...code.matchAll(CONFIG_USE)].map((m) => ({ name: m[1], line: lineAt(code, m.index ?? 0) }));
}

/** Reads at the uses of the schema's keys on the instance's `config`, per file; each takes its key's verdict. */
export function configUseReads(index: RepoIndex, keys: ReadonlyMap<string, FastifyKey>): Map<string, RawRead[]> {
  const out = new Map<string, RawRead[]>();
  for (const file of index.files) {
    if (isGenerated(index, file) || !isSourceFile(file)) continue;
    const text = index.read(file);
    if (!text || !text.includes('.config.')) continue;
    const reads: RawRead[] = [];
    for (const u of index.memo('env.fastify-config-uses@1', file, configUses) ?? []) {
      const k = keys.get(u.name);
      // The verdict is cited at the key (a default there); "required" is the key's read, not each use's.
      if (k) reads.push({ name: u.name, line: u.line, via: 'schema', receiver: 'process', fallback: k.key.fallback, ...schemaFacts({ ...k.key, required: false }, k.file) });
    }
    if (reads.length) out.set(file, reads);
  }
  return out;
}

/**
 * What one detector run gathers: the keys of every schema (this file's, from its schema reads when it names the
 * package; an imported one's, at its module, once per module), then the facts at the schemas and at the uses.
 */
export class FastifySchemas {
  private readonly keys = new Map<string, FastifyKey>();
  private readonly schemas = new Map<string, SchemaKey[]>();

  /** The file's schema reads and imported schemas; returns the registrations whose schema was not found. */
  add(index: RepoIndex, file: string, text: string, reads: readonly RawRead[], imports: readonly SchemaImport[]): RawDynamic[] {
    if (FASTIFY_ENV_TEXT.test(text)) {
      for (const r of reads) {
        if (r.via !== 'schema') continue;
        const key: SchemaKey = { text: r.name, line: r.line, fallback: r.fallback, hasDefault: r.defaultAt !== undefined, required: r.required === 'schema' };
        if (!this.keys.has(r.name)) this.keys.set(r.name, { key, file });
      }
    }
    const unresolved: RawDynamic[] = [];
    for (const s of imports) {
      if (!s.fastify) continue;
      const found = importedFastifySchema(index, file, s);
      if (!('keys' in found)) {
        unresolved.push(found);
        continue;
      }
      this.schemas.set(found.file, found.keys);
      for (const key of found.keys) if (!this.keys.has(key.text)) this.keys.set(key.text, { key, file: found.file });
    }
    return unresolved;
  }

  facts(index: RepoIndex): EnvReadFact[] {
    if (this.keys.size === 0) return [];
    const out: EnvReadFact[] = [];
    for (const [file, keys] of this.schemas) out.push(...group(index, file, keyReads(keys)).map((f) => ({ ...f, id: `${f.id} schema` })));
    for (const [file, reads] of configUseReads(index, this.keys)) out.push(...group(index, file, reads).map((f) => ({ ...f, id: `${f.id} config` })));
    return out;
  }
}
