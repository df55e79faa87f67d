import type { FactSet } from '../../facts.js';
import type { Orm, OrmAccessData, OrmAccessFact, OrmAuthAdapterData, OrmAuthAdapterFact, OrmModelData, OrmModelFact, OrmWrapperData, OrmWrapperFact } from '../../detectors/orm/index.js';
import { managingAdapter } from '../../detectors/orm/auth-adapter.js';
import { heading, join, table } from '../../markdown/blocks.js';
import { cite } from '../../markdown/cite.js';
import { code } from '../../markdown/text.js';
import { plural } from './cdk-shared.js';
import { byFileLine, files, names } from './format.js';
import { ORM_ORDER } from './orm-schema.js';

const NOUN: Record<Orm, string> = {
  prisma: 'Prisma model',
  drizzle: 'Drizzle table',
  typeorm: 'TypeORM entity',
  'mikro-orm': 'MikroORM entity',
  mongoose: 'Mongoose model',
};
/** Rows per model: a model used all over a large codebase is summarised by the files of the rest. */
const MAX_ROWS = 12;

interface Row {
  readonly kind: OrmAccessData['kind'];
  readonly method: string;
  readonly file: string;
  readonly line: number;
  readonly calls: number;
  readonly functions: string[];
}

/**
 * `#### Access patterns: <model>` per model the code calls, in schema order: one row per file and method (first call's
 * line, how many calls), then one line naming the models no call was found for (through any schema's client); ''
 * when no access was found.
 */
export function ormAccessPart(facts: FactSet, rank: (file: string) => number = () => 0): string {
  const accesses = facts.of<OrmAccessFact>('orm.access').map((f) => f.data);
  const wrappers = facts.of<OrmWrapperFact>('orm.wrapper').map((f) => f.data);
  if (accesses.length === 0 && wrappers.length === 0) return '';
  const byModel = new Map<string, OrmAccessData[]>();
  for (const a of accesses) {
    const key = modelKey(a.orm, a.model, a.modelFile);
    const list = byModel.get(key);
    if (list) list.push(a);
    else byModel.set(key, [a]);
  }
  const models = facts
    .of<OrmModelFact>('orm.model')
    .map((f) => f.data)
    .sort((a, b) => rank(a.file) - rank(b.file) || ORM_ORDER.indexOf(a.orm) - ORM_ORDER.indexOf(b.orm) || byFileLine(a, b));
  const unused: string[] = [];
  const used = models.filter((m) => byModel.has(modelKey(m.orm, m.name, m.file)));
  // A model is uncalled only when no copy of it is called: two schemas of one model (an admin app and a storefront,
  // a template copy) send their calls to one client or the other, and either copy's calls are calls of the model.
  const calledNames = new Set(accesses.map((a) => `${a.orm}\0${a.model}`));
  // Several schemas of one monorepo may each define a `Post`: their headings name the schema file too.
  const shared = new Set(used.filter((m, i) => used.findIndex((o) => o.name === m.name) !== i).map((m) => m.name));
  // A model of an ORM the code also reaches through a wrapper no model matched may be used through it: neither "no
  // calls" nor "used" is known, and the sentence names the wrapper instead.
  const wrapped = new Set(wrappers.filter((w) => !w.model).map((w) => w.orm));
  // A delegate of one model handed on (`super(prisma.user)`): that model's calls happen under another name.
  const handed = new Set(wrappers.filter((w) => w.model).map((w) => `${w.orm}\0${w.model}`));
  const unknown: string[] = [];
  const handedOn: string[] = [];
  const sections = models.map((m) => {
    const list = byModel.get(modelKey(m.orm, m.name, m.file));
    if (!list) {
      const into = handed.has(`${m.orm}\0${m.name}`) ? handedOn : wrapped.has(m.orm) ? unknown : unused;
      if (!calledNames.has(`${m.orm}\0${m.name}`) && !into.includes(m.name)) into.push(m.name);
      return '';
    }
    return modelSection(m, list, shared.has(m.name));
  });
  // A model that a called model relates to may be written and read through it (Prisma nested `create`, `include`):
  // "no direct calls" is true of it, but it is not unused, and the sentence says so.
  const via = new Map<string, string[]>();
  for (const m of models) {
    if (!calledNames.has(`${m.orm}\0${m.name}`)) continue;
    for (const f of m.fields) {
      if (f.relation && unused.includes(f.relation.model)) via.set(f.relation.model, [...new Set([...(via.get(f.relation.model) ?? []), `${m.name}.${f.name}`])]);
    }
  }
  // An auth library handed the database through its adapter reads and writes its own tables: not "no direct calls".
  const adapters = facts.of<OrmAuthAdapterFact>('orm.auth-adapter').map((f) => f.data);
  const managed = new Map<string, OrmAuthAdapterData>();
  for (const n of [...unused]) {
    const m = models.find((x) => x.name === n && !calledNames.has(`${x.orm}\0${x.name}`));
    const by = m && managingAdapter(adapters, m);
    if (!by) continue;
    managed.set(n, by);
    unused.splice(unused.indexOf(n), 1);
  }
  const throughRelations = unused.filter((n) => via.has(n));
  return join(
    accesses.length > 0 && 'Calls in the code that read or write each model: one row per file and method, at its first call.',
    ...sections,
    unused.length > 0 && `No direct calls found in code for ${names(unused, 12)}.`,
    throughRelations.length > 0 &&
      `${throughRelations.map((n) => `${code(n)} is a relation of ${names(via.get(n)!, 3)}`).join('; ')}: the code may read and write ${throughRelations.length === 1 ? 'it' : 'them'} through ${throughRelations.length === 1 ? 'that model' : 'those models'} (nested writes, \`include\`).`,
    ...adapterSentences(managed),
    ...handedOn.map((n) => handedSentence(n, wrappers.filter((w) => w.model === n))),
    unknown.length > 0 && wrapperSentence(unknown, wrappers.filter((w) => !w.model)),
  );
}

/** `users`, `sessions` are read and written by better-auth through `drizzleAdapter` (`/auth.ts:23`). */
function adapterSentences(managed: ReadonlyMap<string, OrmAuthAdapterData>): string[] {
  const by = new Map<OrmAuthAdapterData, string[]>();
  for (const [n, a] of managed) by.set(a, [...(by.get(a) ?? []), n]);
  return [...by].map(
    ([a, ns]) => `${names(ns, 12)} ${ns.length === 1 ? 'is' : 'are'} read and written by ${a.library} through ${code(a.name)} (${cite(a.file, a.line)}), with no direct calls in the code.`,
  );
}

/** `User` is handed on as `prisma.user` to code that calls it under another name, which this map does not follow. */
function handedSentence(model: string, wrappers: readonly OrmWrapperData[]): string {
  const sorted = [...wrappers].sort(byFileLine);
  const shown = sorted.slice(0, 3).map((w) => `${code(w.name)} (${cite(w.file, w.line)})`);
  const more = sorted.length > 3 ? ` and ${sorted.length - 3} more` : '';
  return `${code(model)} is handed on as ${shown.join(', ')}${more}, to code that calls it under another name, which this map does not follow.`;
}

/** `Session` may be used through a wrapper that names no model (a generated repository, `prisma[model]`): where it is. */
function wrapperSentence(models: readonly string[], wrappers: readonly OrmWrapperData[]): string {
  const sorted = [...wrappers].sort(byFileLine);
  const shown = sorted.slice(0, 3).map((w) => `${code(w.name)}${w.via.startsWith('@') ? ` from ${code(w.via)}` : ''} (${cite(w.file, w.line)})`);
  const more = sorted.length > 3 ? ` and ${sorted.length - 3} more` : '';
  return `${names(models, 12)} may be read and written through ${shown.join(', ')}${more}, which this map could not tie to a model.`;
}

function modelKey(orm: Orm, name: string, file: string): string {
  return `${orm}\0${name}\0${file}`;
}

function modelSection(m: OrmModelData, list: readonly OrmAccessData[], sharedName: boolean): string {
  const rows = new Map<string, Row>();
  for (const a of [...list].sort(byFileLine)) {
    const key = `${a.file}\0${a.method}\0${a.kind}`;
    const row = rows.get(key);
    if (!row) rows.set(key, { kind: a.kind, method: a.method, file: a.file, line: a.line, calls: 1, functions: a.function ? [a.function] : [] });
    else {
      rows.set(key, { ...row, calls: row.calls + 1 });
      if (a.function && !row.functions.includes(a.function)) row.functions.push(a.function);
    }
  }
  const all = [...rows.values()].sort((a, b) => byFileLine(a, b) || (a.method < b.method ? -1 : a.method > b.method ? 1 : 0));
  const shown = all.slice(0, MAX_ROWS);
  const rest = all.slice(MAX_ROWS);
  const reads = list.filter((a) => a.kind === 'read').length;
  const writes = list.filter((a) => a.kind === 'write').length;
  // Calls of model methods whose operation the code does not show (a plugin's static) are counted apart.
  const others = list.length - reads - writes;
  const fileCount = new Set(list.map((a) => a.file)).size;
  const parts = [reads > 0 && plural(reads, 'read'), writes > 0 && plural(writes, 'write'), others > 0 && `${plural(others, 'other call')} (operation not known)`].filter((p): p is string => !!p);
  const counts = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : parts[0];
  const note = `${NOUN[m.orm]} ${code(m.name)} (${cite(m.file, m.line)}): ${counts} in ${plural(fileCount, 'file')}.`;
  const body = table(
    ['Access', 'Method', 'Function', 'Where'],
    shown.map((r) => [
      r.kind,
      code(r.method),
      r.functions.length > 0 ? names(r.functions, 3) : '—',
      `${cite(r.file, r.line)}${r.calls > 1 ? ` (${r.calls} calls)` : ''}`,
    ]),
  );
  const more = rest.length > 0
    ? `And ${plural(rest.length, 'more row')} (${rest.reduce((n, r) => n + r.calls, 0)} calls) in ${files(rest.map((r) => r.file))}.`
    : '';
  const title = `Access patterns: ${code(m.name)}${sharedName ? ` (${cite(m.file)})` : ''}`;
  return join(heading(4, title), note, body, more);
}
