import { bullets, heading, join, table } from '../../markdown/blocks.js';
import { cite, citeAll } from '../../markdown/cite.js';
import { code, oneLine } from '../../markdown/text.js';
import type { StepModel } from '../../model/repo-model.js';
import { packageRoles, roleRank } from '../../detectors/stack/role.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { noneOr } from './claims.js';
import type { EnvReadData } from '../../detectors/env/index.js';
import type { EnvVarView, SetSite } from './env-model.js';
import { sortedVars } from './env-model.js';

/** Step 8's environment variable tables: one per package that reads variables, then names set but never read. */
export function envVarsSection(model: StepModel, vars: Map<string, EnvVarView>): string {
  const { index } = model;
  const all = sortedVars(vars);
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
  const packages = [...new Set(read.flatMap((v) => v.reads.map((r) => r.package)))].sort(packageOrder(index));
  const secrets = all.filter((v) => v.secret).length;
  const intro =
    `${read.length} variable${read.length === 1 ? '' : 's'} read by the code in ${packages.length} package${packages.length === 1 ? '' : 's'}` +
    `${secrets ? `; ${secrets} look${secrets === 1 ? 's' : ''} secret by name` : ''}. Names only: values are never copied from dotenv files, ` +
    (all.some((v) => v.sets.some((s) => s.kind === 'container'))
      ? 'CI files, CDK code or container files. "Set in" lists CDK Lambda `environment`, CI `env:`, container environments (compose `environment`, Dockerfile `ENV`, Kubernetes `env`), dotenv files and typed declarations.'
      : 'CI files or CDK code. "Set in" lists CDK Lambda `environment`, CI `env:`, dotenv files and typed declarations.');
  // A variable read in many packages has one "Set in" cell, built once; each package's rows keep `read`'s order.
  const setCells = new Map(read.map((v) => [v, setIn(v)]));
  const byPackage = new Map<string, Map<EnvVarView, EnvReadData[]>>();
  for (const v of read) {
    for (const r of v.reads) {
      let vars = byPackage.get(r.package);
      if (!vars) byPackage.set(r.package, (vars = new Map()));
      const reads = vars.get(v);
      if (reads) reads.push(r);
      else vars.set(v, [r]);
    }
  }
  const tables = packages.map((pkg) => {
    const rows = [...(byPackage.get(pkg) ?? [])].map(([v, reads]) => [code(v.name), readIn(reads), setCells.get(v)!, secretCell(v)]);
    return join(heading(4, packageTitle(index, pkg)), table(['Variable', 'Read in', 'Set in', 'Secret?'], rows));
  });
  const notRead = all.filter((v) => v.reads.length === 0);
  const unread = notRead.filter((v) => model.none('env-read', 'not read by the code', v.name) !== undefined);
  const named = notRead.filter((v) => !unread.includes(v));
  const unreadBlock =
    unread.length > 0 &&
    join(
      heading(4, 'Set or declared, but not read by the code'),
      'Source files never name them: tools often consume them instead (AWS CLI/CDK credentials, build-time variables), or they are left over.',
      table(['Variable', 'Set in', 'Secret?'], unread.map((v) => [code(v.name), setIn(v), secretCell(v)])),
    );
  const namedBlock =
    named.length > 0 &&
    join(
      heading(4, 'Set or declared, and named in code the env reader does not follow'),
      'No `process.env` read was recognised, but these source lines name the variable (a config module, a schema, a helper): read them to see how it is used.',
      table(['Variable', 'Set in', 'Named in', 'Secret?'], named.map((v) => [code(v.name), setIn(v), citeAll(model.evidence('env-read', v.name).map((e) => e.at), 3), secretCell(v)])),
    );
  return join(heading(3, 'Environment variables'), intro, ...tables, unreadBlock, namedBlock);
}

function readIn(reads: readonly EnvReadData[]): string {
  return citeAll(reads.map((r) => ({ file: r.file, line: r.lines[0] })), 3);
}

/** Sets grouped by kind, each kind in a few words: CDK (3 functions) `…:88`, CI `…:37` (secret X), `.env.example:3`. */
export function setIn(v: EnvVarView): string {
  const parts: string[] = [];
  const of = (kind: SetSite['kind']) => v.sets.filter((s) => s.kind === kind);
  const cdk = of('cdk');
  if (cdk.length) {
    const fns = new Set(cdk.map((s) => s.owner)).size;
    const literal = cdk.some((s) => s.literal) ? ', literal in code' : '';
    parts.push(`CDK env of ${fns} Lambda${fns === 1 ? '' : 's'}${literal} ${citeAll(cdk.map((s) => s.at), 2)}`);
  }
  const sls = of('serverless');
  if (sls.length) parts.push(`function env ${citeAll(sls.map((s) => s.at), 2)}`);
  const containers = of('container');
  if (containers.length) parts.push(`container env ${citeAll(containers.map((s) => s.at), 2)}`);
  const ci = of('ci');
  if (ci.length) {
    const sources = [...new Set(ci.map((s) => s.source).filter((s): s is string => !!s && s !== 'literal' && s !== 'expression'))];
    parts.push(`CI ${citeAll(ci.map((s) => s.at), 2)}${sources.length ? ` (${sources.map(ciSource).join(', ')})` : ''}`);
  }
  for (const kind of ['example', 'dotenv', 'type'] as const) {
    const list = of(kind);
    if (list.length) parts.push(`${kind === 'type' ? 'typed in ' : ''}${citeAll(list.map((s) => s.at), 2)}`);
  }
  return parts.join('; ') || '—';
}

function ciSource(source: string): string {
  const [kind, name] = source.split(' ');
  return name ? `${kind === 'var' ? 'variable' : kind} ${code(name)}` : kind;
}

function secretCell(v: EnvVarView): string {
  if (v.builtin) return 'set by the runtime/tool';
  return v.secret ? '**yes**' : '—';
}

export function packageTitle(index: RepoIndex, name: string): string {
  const pkg = index.packages.find((p) => p.name === name);
  if (!pkg) return name || 'Repository';
  return pkg.isRoot ? `${oneLine(name)} (repository root)` : `${oneLine(name)} — ${cite(pkg.dir)}`;
}

/** Root package first, then by folder, as the index lists them. */
export function packageOrder(index: RepoIndex): (a: string, b: string) => number {
  const ranks = new Map<string, number>();
  const roles = packageRoles(index);
  // Product packages first (the root among them), then docs and tooling, then examples, tests and benchmarks.
  index.packages.forEach((p, i) => {
    if (!ranks.has(p.name)) ranks.set(p.name, roleRank(roles.get(p.dir)?.id ?? 'product') * 1e6 + i);
  });
  const rank = (name: string) => ranks.get(name) ?? index.packages.length;
  return (a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Variables read without a fallback and set nowhere the repository shows: what breaks first on a fresh setup. */
export function requiredVarsBullets(model: StepModel, vars: Map<string, EnvVarView>): string {
  const required = sortedVars(vars).filter((v) => !v.builtin && v.reads.some((r) => !r.hasFallback));
  return bullets(
    required.map((v) => {
      const files = v.reads.filter((r) => !r.hasFallback);
      const where = v.sets.length ? '' : setNowhere(model, v.name);
      return `${code(v.name)} — read without a fallback in ${citeAll(files.map((r) => ({ file: r.file, line: r.lines[0] })), 3)}${where}`;
    }),
  );
}

/** " — set nowhere in the repository" only when no file the analysis lists names it as a setting; else where it is named. */
function setNowhere(model: StepModel, name: string): string {
  if (model.none('env-set', 'set nowhere in the repository', name) !== undefined) return ' — **set nowhere in the repository**';
  const named = model.evidence('env-set', name).map((e) => e.at);
  return named.length ? ` — not set by CDK, CI or a dotenv file; named in ${citeAll(named, 3)}` : '';
}
