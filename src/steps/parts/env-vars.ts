import { bullets, heading, join, table } from '../../markdown/blocks.js';
import { cite, citeAll } from '../../markdown/cite.js';
import { code, oneLine } from '../../markdown/text.js';
import type { Citation } from '../../facts.js';
import { DOTENV_PLUGIN_WHAT, type DynamicRead, type EnvModel, type EnvRead, type EnvVarView } from '../../model/env.js';
import type { StepModel } from '../../model/repo-model.js';
import { packageRoles, roleRank } from '../../detectors/stack/role.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { DOCUMENTED, envMentions, NAMED_IN_FILE } from '../../model/env-mentions.js';
import { SCRIPT_READ_KINDS } from '../../model/script-reads.js';
import { isLibraryRead, libraryReads } from '../../model/env-library-reads.js';
import { noneOr } from './claims.js';
import { notSetHere, setIn } from './env-set-cell.js';
import { schemaImport, schemaRunsAtStartup } from '../../model/schema-startup.js';
import { readsThroughLibraries, type ReadThroughLibrary } from './env-through-library.js';

/**
 * Step 8's environment variable tables: one per package that reads variables (production reads first), then the
 * names set but not read, the reads by a computed name, and the sources outside the repository.
 */
export function envVarsSection(model: StepModel): string {
  const { index } = model;
  const env = model.env;
  const all = env.sorted();
  const read = all.filter((v) => v.reads.length > 0);
  if (all.length === 0) {
    return join(
      heading(3, 'Environment variables'),
      noneOr(
        model,
        'env',
        'No environment variables are read (`process.env`, `import.meta.env`) or declared (dotenv files, CDK, CI) in this repository.',
        'No environment variable read was recognised, but the repository names these:',
      ),
    );
  }
  // Keyed by the package's folder: two packages may share a name (a template and its copy, forks of one app).
  const byPackage = new Map<string, Map<EnvVarView, EnvRead[]>>();
  for (const v of read) {
    for (const r of v.reads) {
      const dir = index.packageOf(r.file)?.dir ?? '';
      let vars = byPackage.get(dir);
      if (!vars) byPackage.set(dir, (vars = new Map()));
      const reads = vars.get(v);
      if (reads) reads.push(r);
      else vars.set(v, [r]);
    }
  }
  // Library folder → file → names its production code reads: what an app calling the library's loader reads.
  const libReads = new Map<string, Map<string, string[]>>();
  for (const [dir, vars] of byPackage) {
    for (const [v, reads] of vars) {
      for (const r of reads) {
        if (r.test) continue;
        let files = libReads.get(dir);
        if (!files) libReads.set(dir, (files = new Map()));
        const names = files.get(r.file) ?? [];
        if (!names.includes(v.name)) files.set(r.file, [...names, v.name]);
      }
    }
  }
  const through: Map<string, ReadThroughLibrary[]> = readsThroughLibraries(index, libReads);
  const packages = [...new Set([...byPackage.keys(), ...through.keys()])].sort(packageOrder(index));
  // Counted among the variables just named (read ones); a secret only set or declared is counted apart, not as one of them.
  const secretsRead = read.filter((v) => v.secret).length;
  // A secret only a dependency reads (next-auth's NEXTAUTH_SECRET) is read, by the library: counted apart.
  const byLibrary = all.filter((v) => v.secret && v.reads.length === 0 && libraryReads(index, v.name).length > 0).length;
  const unreadSecrets = all.filter((v) => v.secret && v.reads.length === 0 && libraryReads(index, v.name).length === 0);
  // A secret some line names (a Caddyfile's `{$X}`, a shell test, a config the env reader does not follow) is not
  // called "not read": it is counted apart and listed where it is named.
  const namedElsewhere = (v: EnvVarView) => model.evidence('env-read', v.name).some((e) => isNaming(e.what));
  const named = unreadSecrets.filter(namedElsewhere);
  const elsewhere = unreadSecrets.filter((v) => !named.includes(v));
  // A read by a computed name that can be one of them: "not read" would be a conclusion the reader cannot draw.
  const computed = computedReadsOf(env, elsewhere);
  const secretWords = [
    secretsRead ? `${secretsRead} of them look${secretsRead === 1 ? 's' : ''} secret by name` : '',
    elsewhere.length
      ? `${elsewhere.length} more secret-looking variable${elsewhere.length === 1 ? ' is' : 's are'} set or declared but not read${computed.length ? ` by name (the code reads variables by a computed name at ${citeAll(computed, 2)}, which may include ${elsewhere.length === 1 ? 'it' : 'them'})` : ''}`
      : '',
    named.length ? `${named.length}${secretsRead || elsewhere.length ? ' more' : ''} secret-looking variable${named.length === 1 ? ' is' : 's are'} named in files or code the map's env readers do not follow (listed below)` : '',
    byLibrary ? `${byLibrary}${elsewhere.length || secretsRead ? ' more' : ''} secret-looking variable${byLibrary === 1 ? ' is' : 's are'} read only by a library the code depends on` : '',
  ].filter(Boolean);
  // `env(X)` in supabase/config.toml is the Supabase CLI's read, not the app's: said apart.
  const byCli = read.filter((v) => v.reads.every((r) => r.via === 'supabase-config')).length;
  // Keys passed to a framework's settings accessor (`env.get(EnvKey.X)`) may be variables too: the count is of names read.
  const accessors = env.dynamic.filter((d) => d.accessor);
  const accessorWords = accessors.length
    ? `; the code also reads settings through an accessor the map does not follow (${accessors.length} call${accessors.length === 1 ? '' : 's'}, listed below), whose keys may be more variables`
    : '';
  // Names other lines mention may be read by code the readers do not follow: the count is of the reads they recognise.
  const otherNamed = all.some((v) => v.reads.length === 0 && namedElsewhere(v));
  const intro =
    `${read.length} variable${read.length === 1 ? '' : 's'} read${byCli ? '' : accessors.length ? ' by name in the code' : otherNamed ? ' by the code the map follows' : ' by the code'} in ${packages.length} package${packages.length === 1 ? '' : 's'}` +
    (byCli ? ` (${read.length - byCli} by the code, ${byCli} only by the Supabase CLI through ${code('env()')} in its config)` : '') +
    `${secretWords.length ? `; ${secretWords.join('; ')}` : ''}${accessorWords}. Names only: values are never copied from dotenv files, ` +
    'CI files or infrastructure code. "Read in" lists production code first, then counts test files. "Set in" lists what the runtime ' +
    'provides, infrastructure code (CDK, SST, Serverless, SAM), compose, Dockerfiles, Kubernetes, hosting config, CI `env:` and `run:` commands, the code ' +
    'itself, and the dotenv files and typed declarations that serve that package.';
  const tables = packages.map((pkg) => {
    const rows = [...(byPackage.get(pkg) ?? [])].flatMap(([v, reads]) => {
      // `import.meta.env.MODE` (Vite's) and `process.env.MODE` (the project's) in one package: a row for each.
      const groups = v.runtime ? [reads] : [reads.filter((r) => !r.runtime), reads.filter((r) => r.runtime)].filter((g) => g.length > 0);
      return groups.map((group) => {
        const files = group.map((r) => r.file);
        const kind = groups.length > 1 && group[0].runtime ? ` (${code('import.meta.env')})` : '';
        const cell = setIn(env.setsFor(v, files), env.runtimeFor(v, files));
        return [`${code(v.name)}${kind}`, readIn(group), cell === '—' ? (notSetHere(env, v, files) ?? documentedIn(index, v.name) ?? cell) : cell, secretCell(v)];
      });
    });
    const via = (through.get(pkg) ?? []).map((t) =>
      `Also read through ${code(t.libName)}: ${t.names.map((n) => code(n)).join(', ')} — ${code(`${t.call}()`)}, called at ${cite(t.file, t.line)}, parses them with the schema in ${cite(t.schema)} (their rows are in the ${code(t.libName)} table).`);
    return join(heading(4, packageTitle(index, pkg)), rows.length ? table(['Variable', 'Read in', 'Set in', 'Secret?'], rows) : '', ...via);
  });
  const notRead = all.filter((v) => v.reads.length === 0 && v.sets.length > 0);
  // Compose's own `${X}` only: a `$$X` a container's shell expands (`compose healthcheck`) is not compose interpolation.
  const interpolated = all.filter((v) => v.reads.length === 0 && v.sets.length === 0 && v.consumers.some(byCompose));
  return join(heading(3, 'Environment variables'), intro, ...tables, ...notReadBlocks(model, notRead), interpolatedBlock(interpolated), dynamicBlock(env), externalBlock(env));
}

/** Names set or declared but never read by name: a claim only where nothing in the code can be reading them. */
function notReadBlocks(model: StepModel, notRead: readonly EnvVarView[]): string[] {
  const unread: EnvVarView[] = [];
  const named: [EnvVarView, string][] = [];
  const maybe: EnvVarView[] = [];
  const byLibrary: [EnvVarView, string][] = [];
  for (const v of notRead) {
    if (model.none('env-read', 'not read by the code', v.name) !== undefined) {
      unread.push(v);
      continue;
    }
    const evidence = model.evidence('env-read', v.name);
    // A dependency that reads it itself (next-auth's NEXTAUTH_SECRET) is named, at its manifest line.
    const library = libraryReadText(evidence);
    const mentions = evidence.filter((e) => e.what === 'named in code');
    const files = evidence.filter((e) => e.what === NAMED_IN_FILE);
    const scripts = evidence.filter((e) => (SCRIPT_READ_KINDS as readonly string[]).includes(e.what));
    const where = [
      mentions.length ? citeAll(mentions.map((e) => e.at), 3) : '',
      files.length ? citeAll(files.map((e) => e.at), 3) : '',
      ...SCRIPT_READ_KINDS.map((what) => {
        const at = scripts.filter((e) => e.what === what).map((e) => e.at);
        return at.length ? `${what} ${citeAll(at, 2)}` : '';
      }),
    ].filter(Boolean);
    if (where.length > 0) named.push([v, [...where, library].filter(Boolean).join('; ')]);
    else if (library) byLibrary.push([v, library]);
    else maybe.push(v);
  }
  const usedBy = (v: EnvVarView) => (v.consumers.length ? `${[...new Set(v.consumers.map((c) => c.tool))].join(', ')} ${citeAll(v.consumers.map((c) => c.at), 2)}` : '—');
  const withUse = (list: readonly EnvVarView[]) => list.some((v) => v.consumers.length > 0);
  const rows = (list: readonly EnvVarView[]) =>
    list.map((v) => [code(v.name), setIn(v.sets), ...(withUse(list) ? [usedBy(v)] : []), secretCell(v)]);
  const columns = (list: readonly EnvVarView[]) => ['Variable', 'Set in', ...(withUse(list) ? ['Used by'] : []), 'Secret?'];
  const blocks: string[] = [];
  if (unread.length > 0) {
    blocks.push(
      join(
        heading(4, 'Set or declared, but not read by the code'),
        'Source files never name them: tools and images often consume them instead (compose interpolation, a database image, AWS CLI/CDK credentials, build-time variables), or they are left over.',
        table(columns(unread), rows(unread)),
      ),
    );
  }
  if (named.length > 0) {
    const computed = computedReadsOf(model.env, named.map(([v]) => v));
    blocks.push(
      join(
        heading(4, 'Set or declared, and named in code the env reader does not follow'),
        'No read was recognised in the source files, but these lines name the variable (a config loader, a schema, a helper, a shell script, a CI step, a server config or template the env readers do not follow): read them to see how it is used.' +
          (computed.length ? ` The code also reads variables by a computed name (${citeAll(computed, 2)}), which may include them.` : ''),
        table(['Variable', 'Set in', 'Named in', 'Secret?'], named.map(([v, where]) => [code(v.name), setIn(v.sets), where, secretCell(v)])),
      ),
    );
  }
  if (byLibrary.length > 0) {
    blocks.push(
      join(
        heading(4, 'Set or declared, and read by a library'),
        'No source line names them: a dependency reads them from the environment itself.',
        table(['Variable', 'Set in', 'Read by', 'Secret?'], byLibrary.map(([v, by]) => [code(v.name), setIn(v.sets), by, secretCell(v)])),
      ),
    );
  }
  if (maybe.length > 0) {
    blocks.push(
      join(
        heading(4, 'Set or declared, and not read by name'),
        'No source line names them, but the code reads variables by a computed name (below), which may be any of these.',
        table(columns(maybe), rows(maybe)),
      ),
    );
  }
  return blocks;
}

/** Evidence that a line names the variable (not a read the map recognised, nor a computed read, nor a library's). */
function isNaming(what: string): boolean {
  return what === 'named in code' || what === NAMED_IN_FILE || (SCRIPT_READ_KINDS as readonly string[]).includes(what);
}

/** The reads by a computed name that can be one of `vars`, each place once, in file and line order. */
function computedReadsOf(env: EnvModel, vars: readonly EnvVarView[]): Citation[] {
  const seen = new Map<string, Citation>();
  for (const v of vars) for (const e of env.readEvidence(v.name)) if (e.kind === 'dynamic') seen.set(`${e.at.file}:${e.at.line}`, e.at);
  return [...seen.values()].sort((a, b) => (a.file === b.file ? (a.line ?? 0) - (b.line ?? 0) : a.file < b.file ? -1 : 1));
}

const byCompose = (c: { tool: string }) => c.tool === 'docker compose';

/** Names only compose interpolates (`${X}`): compose takes them from the shell or the `.env` next to the file. */
function interpolatedBlock(vars: readonly EnvVarView[]): string {
  if (vars.length === 0) return '';
  const items = vars.map((v) => `${code(v.name)} — ${citeAll(v.consumers.filter(byCompose).map((c) => c.at), 2)}`);
  return join('**Interpolated in compose files** (`${X}`: compose takes the value from the shell or a `.env` file next to the compose file):', bullets(items));
}

function dynamicBlock(env: EnvModel): string {
  const list = (items: readonly DynamicRead[]) => {
    const lines = items.map((d) => `${code(d.expression)} — ${cite(d.file, d.line)}${d.test ? ' (test)' : ''}`);
    return bullets(lines.length > 6 ? [...lines.slice(0, 6), `(+${lines.length - 6} more)`] : lines);
  };
  const computed = env.dynamic.filter((d) => !d.accessor);
  const accessors = env.dynamic.filter((d) => d.accessor);
  return join(
    computed.length > 0 && join('**Read by a computed name** (the name is not in the code; it could not be resolved statically):', list(computed)),
    accessors.length > 0 &&
      join(
        "**Read through a settings accessor** (a framework's `get`, whose code is not in the repository: it may return the variable named by the key, or read another source):",
        list(accessors),
      ),
    env.dynamicSets.length > 0 && join('**Set by a computed name** (`process.env[key] = …`; the names could not be resolved statically):', list(env.dynamicSets)),
  );
}

function externalBlock(env: EnvModel): string {
  if (env.external.length === 0) return '';
  // A service's dotenv plugin reaches the functions of that service only (env-services.ts).
  const items = env.external.map((e) => `${e.tool} ${code(e.ref)}${e.owner ? ` for ${code(e.owner)}` : ''}${e.service ? " for that service's functions" : ''} — ${cite(e.file, e.line)}`);
  return join('**Loaded in bulk from outside the repository** (any variable may come from these; they are not committed):', bullets(items));
}

/**
 * `read by next-auth (dependency, `/package.json:22`)` from the env-read evidence's library reads; '' when none.
 * One citation per library (its first manifest).
 */
export function libraryReadText(evidence: readonly { what: string; at: Citation }[]): string {
  const libs = evidence.filter((e) => isLibraryRead(e.what));
  const first = new Map<string, Citation>();
  for (const e of libs) if (!first.has(e.what)) first.set(e.what, e.at);
  return [...first].map(([what, at]) => `${what.slice(0, -')'.length)}, ${cite(at)})`).join('; ');
}

/** Production reads first (a config module says what it exports them as), then test files, counted. */
export function readIn(reads: readonly EnvRead[]): string {
  const prod = reads.filter((r) => !r.test);
  const tests = reads.filter((r) => r.test);
  // `"env(X)"` in supabase/config.toml: the Supabase CLI reads it, not the app.
  const one = (r: EnvRead) =>
    `${cite(r.file, r.lines[0])}${r.shadowed ? ' (not used: a literal on the left always wins)' : r.exportedAs ? ` (${exported(r.exportedAs)})` : r.via === 'supabase-config' ? ` (Supabase CLI, ${code('env()')})` : ''}`;
  const list = (rs: readonly EnvRead[], limit: number) => `${rs.slice(0, limit).map(one).join(', ')}${rs.length > limit ? ` (+${rs.length - limit} more)` : ''}`;
  // `Cypress.env('x')` reads `CYPRESS_x`: say how once, since those files never spell the variable's name.
  const cypress = reads.find((r) => r.via === 'Cypress.env');
  // A library call reads it (`Redis.fromEnv()`): the cited line names the call, not the variable.
  const through = reads.find((r) => r.through)?.through;
  const how = cypress ? ` (as ${code(`Cypress.env('${cypress.name.slice('CYPRESS_'.length)}')`)})` : through ? ` (through ${code(through.call)} of ${through.library})` : '';
  if (prod.length === 0) return `tests only: ${list(tests, 2)}${how}`;
  const testFiles = new Set(tests.map((r) => r.file)).size;
  return `${list(prod, 3)}${testFiles ? `; ${testFiles} test file${testFiles === 1 ? '' : 's'}` : ''}${how}`;
}

/** `config.db.url` → as `config.db.url`; `default.db.url` → as `db.url` of the default export. */
function exported(path: string): string {
  const m = /^(default|module\.exports|exports)(?:\.(.+))?$/.exec(path);
  if (!m) return `as ${code(path)}`;
  const owner = m[1] === 'default' ? 'the default export' : code(m[1]);
  return m[2] ? `as ${code(m[2])} of ${owner}` : `as ${owner}`;
}

function secretCell(v: EnvVarView): string {
  return v.secret && !v.builtin ? '**yes**' : '—';
}

/** The heading of a package's block, from its folder ('' for the root, or a repository without package.json). */
export function packageTitle(index: RepoIndex, dir: string): string {
  const pkg = index.packages.find((p) => p.dir === dir);
  if (!pkg) return dir ? cite(dir) : 'Repository';
  // The manifest's own name: the index's name of a package sharing it with another already carries the folder.
  const name = typeof pkg.manifest.name === 'string' && pkg.manifest.name !== '' ? pkg.manifest.name : pkg.name;
  return pkg.isRoot ? `${oneLine(name)} (repository root)` : `${oneLine(name)} — ${cite(pkg.dir)}`;
}

/** Package folders: root package first, then by role and folder, as the index lists them. */
export function packageOrder(index: RepoIndex): (a: string, b: string) => number {
  const ranks = new Map<string, number>();
  const roles = packageRoles(index);
  // Product packages first (the root among them), then docs and tooling, then examples, tests and benchmarks.
  index.packages.forEach((p, i) => {
    if (!ranks.has(p.dir)) ranks.set(p.dir, roleRank(roles.get(p.dir)?.id ?? 'product') * 1e6 + i);
  });
  const rank = (name: string) => ranks.get(name) ?? index.packages.length;
  return (a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * Variables production code reads without a fallback: first those a schema or a check requires (unset, startup fails),
 * then plain reads (unset, the code gets `undefined`). A schema default is a fallback.
 */
export function unsetVarsBlocks(model: StepModel): string {
  const env = model.env;
  const required: string[] = [];
  const plain: string[] = [];
  for (const v of env.sorted()) {
    // The Supabase CLI substitutes `env(X)` in its config: no code gets `undefined`, and what the CLI does when it is
    // unset is not read here.
    // A read of a schema's parsed output (`env: z.infer<typeof schema>`): the schema says whether it may be missing.
    const unguarded = v.reads.filter((r) => !r.test && !r.hasFallback && !r.parsedBy && r.via !== 'supabase-config' && !env.runtimeFor(v, [r.file]));
    // A schema default is a fallback; a platform binding is an object the runtime always hands over.
    if (v.builtin || unguarded.length === 0 || v.sets.some((s) => s.kind === 'schema-default' || s.binding)) continue;
    const where = v.sets.length || v.runtime ? '' : setNowhere(model, v.name);
    // A client that reads it itself (`Redis.fromEnv()`, @vercel/kv's `kv`) fails without it; the code never sees undefined.
    const byLibrary = unguarded.filter((r) => r.through);
    if (byLibrary.length > 0) {
      const { call, library, orElse } = byLibrary[0].through!;
      const unless = orElse ? `; since ${library} ${orElse.since} it reads ${code(orElse.name)} instead when this is unset` : '';
      required.push(`${code(v.name)} — required: ${code(call)} of ${library} fails without it (${citeAll(byLibrary.map((r) => ({ file: r.file, line: r.lines[0] })), 3)}${unless})${where}`);
    }
    const reads = unguarded.filter((r) => !r.through);
    if (reads.length === 0) continue;
    // A schema whose module application code imports only as a type (or only scripts import) never runs at startup.
    // An exported env object (`export const env = createEnv(…)`) is made to be imported: when nothing imports its module,
    // nothing runs the schema, and "startup fails" is not what the code shows.
    const startup = (r: EnvRead) => schemaImport(model.index, r.file);
    const unimported = reads.filter((r) => r.required === 'schema' && r.exportedAs !== undefined && startup(r) === 'none');
    const declared = reads.filter((r) => r.required === 'schema' && !unimported.includes(r) && !schemaRunsAtStartup(model.index, r.file));
    const checks = reads.filter((r) => r.required && !declared.includes(r) && !unimported.includes(r));
    const inSchema = join2(
      declared.length > 0 ? `declared required in the schema ${citeAll(declared.map((r) => ({ file: r.file, line: r.requiredAt ?? r.lines[0] })), 2)}, which does not run at startup (application code imports its module only as a type, or only scripts and tests import it)` : '',
      unimported.length > 0 ? `declared required in the schema ${citeAll(unimported.map((r) => ({ file: r.file, line: r.requiredAt ?? r.lines[0] })), 2)}, whose module no code imports` : '',
    );
    // Prisma's `env("DATABASE_URL")` in schema.prisma: the client refuses to start without it, it never sees undefined.
    // Beside code that reads the same variable, it is still required; only the code's own reads can get undefined.
    const prisma = reads.filter((r) => /\.prisma$/.test(r.file));
    const byPrisma = prisma.length > 0 ? `Prisma fails to connect if unset (${citeAll(prisma.map((r) => ({ file: r.file, line: r.lines[0] })), 3)})` : '';
    const inCode = reads.filter((r) => !prisma.includes(r));
    if (checks.length > 0) {
      // A helper's own check (`getOsEnv` throws): named, with the call that passes the variable.
      const how = checks.map((r) => `${r.required === 'schema' ? 'schema' : r.requiredBy ? `checked by ${code(r.requiredBy)}, called at` : 'checked at'} ${cite(r.file, r.requiredAt ?? r.lines[0])}`);
      // A schema or a module-level check fails at startup; a check in a function throws when that code runs.
      const when = checks.some((r) => r.required !== 'check') ? 'startup fails' : 'the code throws';
      // A check in a function guards that code only: where other production code reads it with a fallback or a guard
      // (`if (!base) return null`), the variable is optional there, and the line says where it is required.
      const copes = when === 'startup fails' ? [] : v.reads.filter((r) => !r.test && r.hasFallback && !checks.some((c) => c.file === r.file));
      const scope = copes.length > 0 ? ' only where checked' : '';
      const elsewhere = copes.length > 0 ? `; read with a fallback or a guard in ${citeAll(copes.map((r) => ({ file: r.file, line: r.lines[0] })), 3)}` : '';
      required.push(`${code(v.name)} — required${scope}: ${when} if unset (${how.slice(0, 3).join(', ')}${how.length > 3 ? `, +${how.length - 3} more` : ''})${elsewhere}${byPrisma ? `; ${byPrisma}` : ''}${inSchema ? `; ${inSchema}` : ''}${where}`);
      // A schema validates the whole environment at startup; a check (`get('X').required()`, `invariant`) guards its
      // own module only: another module reading the variable directly (a migration script) still gets undefined.
      const unchecked = checks.some((r) => r.required === 'schema') ? [] : inCode.filter((r) => !r.required);
      if (unchecked.length > 0) plain.push(`${code(v.name)} — read without a fallback in ${citeAll(unchecked.map((r) => ({ file: r.file, line: r.bareAt ?? r.lines[0] })), 3)}${where}`);
      continue;
    }
    if (byPrisma) required.push(`${code(v.name)} — required: ${byPrisma}${where}`);
    if (inSchema) {
      const others = inCode.filter((r) => !declared.includes(r) && !unimported.includes(r));
      // A schema module nothing imports never runs: when every other read has a fallback, no code gets `undefined`,
      // and the variable does not belong under this heading at all.
      if (others.length === 0 && declared.length === 0) continue;
      plain.push(`${code(v.name)} — ${others.length > 0 ? `read without a fallback in ${citeAll(others.map((r) => ({ file: r.file, line: r.bareAt ?? r.lines[0] })), 3)}; ` : ''}${inSchema}${where}`);
    } else if (inCode.length > 0) plain.push(`${code(v.name)} — read without a fallback in ${citeAll(inCode.map((r) => ({ file: r.file, line: r.bareAt ?? r.lines[0] })), 3)}${where}`);
  }
  return join(
    required.length > 0 && join('**Environment variables the code requires** (a schema or a check throws when one is unset):', bullets(required)),
    plain.length > 0 && join('**Environment variables read without a fallback** (unset, the code gets `undefined`):', bullets(plain)),
  );
}

/** " — set nowhere in the repository" only when nothing in the repository sets or names it as a setting. */
function setNowhere(model: StepModel, name: string): string {
  if (model.none('env-set', 'set nowhere in the repository', name) !== undefined) return ' — **set nowhere in the repository**';
  const evidence = model.evidence('env-set', name);
  const named = evidence.filter((e) => e.what === 'named in a settings file').map((e) => e.at);
  const computed = evidence.filter((e) => e.what.startsWith('set by a computed name')).map((e) => e.at);
  // A service's dotenv plugin injects uncommitted `.env` files into the code that reads it.
  const plugin = evidence.filter((e) => e.what === DOTENV_PLUGIN_WHAT).map((e) => e.at);
  if (plugin.length) {
    const also = named.length ? `; named in ${citeAll(named, 3)}` : '';
    return ` — may come from the uncommitted ${code('.env')} that serverless-dotenv-plugin injects (${citeAll(plugin, 2)})${also}`;
  }
  const docs = documentedIn(model.index, name);
  if (docs && !named.length && !computed.length && evidence.every((e) => e.what === DOCUMENTED)) return ` — not set in the repository; ${docs}`;
  if (named.length) return ` — no set was recognised; named in ${citeAll(named, 3)}`;
  return computed.length ? ` — the code sets variables by a computed name at ${citeAll(computed, 2)}, which may include it` : '';
}

/** "documented in README `/readme.md:74`": a docs code block assigns it (the name only; the value is never shown). */
function documentedIn(index: RepoIndex, name: string): string | undefined {
  const at = envMentions(index).docs(name).map((e) => e.at);
  if (at.length === 0) return undefined;
  const readme = at.every((c) => /(^|\/)readme\.[^/]+$/i.test(c.file));
  return `documented in ${readme ? 'README ' : ''}${citeAll(at, 2)}`;
}

function join2(a: string, b: string): string {
  return a && b ? `${a}; ${b}` : a || b;
}
