import type { CiWorkflowFact } from '../../detectors/ci/index.js';
import type { SecretSourceFact } from '../../detectors/secrets-sources/index.js';
import { bullets, heading, join, table } from '../../markdown/blocks.js';
import { cite, citeAll } from '../../markdown/cite.js';
import { code } from '../../markdown/text.js';
import type { StepModel } from '../../model/repo-model.js';
import { noneOr } from './claims.js';
import type { EnvVarView } from '../../model/env.js';
import type { EnvDeclaredFact } from '../../detectors/env/types.js';
import { hasDotenvValue } from '../../detectors/env/dotenv.js';
import { value } from './format.js';
import { SCRIPT_READ_KINDS } from '../../model/script-reads.js';
import { isLibraryRead } from '../../model/env-library-reads.js';
import { libraryReadText } from './env-vars.js';
import { pushTo } from '../../collections.js';
import { isCognitoVariable, usesCognito } from './integrations-cognito.js';

const PROVIDER: Record<string, string> = { ssm: 'SSM Parameter Store', 'secrets-manager': 'Secrets Manager', sst: 'SST secret', plaintext: 'plain text in code' };

/** Where secrets come from: Parameter Store, Secrets Manager, CI secrets, committed dotenv files. Names and places only. */
export function secretsSection(model: StepModel, sources: readonly SecretSourceFact[], workflows: readonly CiWorkflowFact[]): string {
  const { index } = model;
  const blocks: string[] = [];
  const stores = sources.filter((s) => s.data.provider !== 'plaintext');
  if (stores.length > 0) {
    const rows = [...stores]
      .sort((a, b) => (a.data.file < b.data.file ? -1 : a.data.file > b.data.file ? 1 : a.data.line - b.data.line))
      .map((s) => [PROVIDER[s.data.provider], s.data.name ? `${value(s.data.name)}${s.data.resolved ? '' : ' (unresolved)'}` : '—', s.data.action, code(s.data.via), cite(s.data.file, s.data.line)]);
    blocks.push(table(['Store', 'Name', 'Use', 'API', 'Where'], rows));
    if (stores.some((s) => s.data.provider === 'sst')) {
      blocks.push('SST keeps secret values outside the repository (in SSM Parameter Store, per stage): set one with `npx sst secret set <Name> <value>`.');
    }
  } else {
    blocks.push(
      noneOr(
        model,
        'secrets-store',
        'No SSM Parameter Store, Secrets Manager or SST secret use found in code or infrastructure.',
        'No SSM Parameter Store or Secrets Manager call was mapped, but these point to one:',
      ),
    );
  }
  const plaintext = sources.filter((s) => s.data.provider === 'plaintext');
  if (plaintext.length) blocks.push(`**Plain-text secret values in infrastructure code** (value not shown): ${citeAll(plaintext.map((s) => s.at[0]), 6)}.`);

  const ciSecrets = new Map<string, { file: string; line: number }[]>();
  const ciVars = new Map<string, { file: string; line: number }[]>();
  for (const w of workflows) {
    for (const s of w.data.secrets) pushTo(ciSecrets, s.name, { file: w.data.file, line: s.line });
    for (const s of w.data.vars) pushTo(ciVars, s.name, { file: w.data.file, line: s.line });
  }
  if (ciSecrets.size > 0) {
    const rows = [...ciSecrets].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, at]) => [code(name), citeAll(at, 4)]);
    blocks.push(join('**CI secrets** (`secrets.X`; stored in the CI provider, not in the repository):', table(['Secret', 'Used in'], rows)));
  }
  if (ciVars.size > 0) {
    const rows = [...ciVars].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, at]) => [code(name), citeAll(at, 4)]);
    blocks.push(join('**CI configuration variables** (`vars.X`, not secret):', table(['Variable', 'Used in'], rows)));
  }

  const vars = model.env.sorted();
  const secretVars = vars.filter((v) => v.secret && !v.builtin);
  if (secretVars.length > 0) {
    const items = secretVars.map((v) => {
      const cdk = v.sets.filter((s) => s.kind === 'cdk');
      const ci = v.sets.filter((s) => s.kind === 'ci' && s.source?.startsWith('secret'));
      // An ECS container's `secrets` (the deployed app's, not another CDK app's): the value comes from a secret store.
      const stored = v.sets.filter((s) => s.kind === 'iac' && s.secretRef && !s.otherApp);
      const holders = [...new Set(stored.map((s) => s.owner).filter((o): o is string => !!o))].map(code);
      const how = [
        ci.length ? `from CI secret${ci.length > 1 ? 's' : ''} ${[...new Set(ci.map((s) => code(s.source!.split(' ')[1] ?? v.name)))].join(', ')}` : '',
        cdk.length ? `into Lambda environment via CDK ${citeAll(cdk.map((s) => s.at), 2)}` : '',
        stored.length ? `from a secret store into ${holders.length ? holders.join(', ') : 'a container'} via ${stored[0].tool ?? 'infrastructure code'} \`secrets\` ${citeAll(stored.map((s) => s.at), 2)}` : '',
        v.reads.length ? readSites(v.reads) : notRead(model, v.name),
      ].filter(Boolean);
      return `${code(v.name)} — ${how.join('; ')}`;
    });
    blocks.push(join('**Secret-looking variables** (by name) and how each reaches the code:', bullets(items)));
  }

  // A pool id is Cognito's only where the repository uses Cognito (not Google Cloud's workload identity pool).
  const cognito = usesCognito(model.facts, index);
  const isCognito = (name: string) => isCognitoVariable(name, cognito);
  const providers = vars.filter((v) => isCognito(v.name) || /PADDLE|STRIPE/.test(v.name));
  if (providers.length > 0) {
    // `STRIPE_PKEY`, `*_PUBLIC_KEY`: the key the browser gets, like a publishable key.
    const kind = (v: EnvVarView) => (v.secret ? 'secret' : /CLIENT_TOKEN|PUBLISHABLE|PUBLIC_KEY|_PUB_KEY|_PKEY$/.test(v.name) ? 'public client key' : /PRICE/.test(v.name) ? 'price id' : 'identifier/setting');
    // Only the providers whose variables are listed: a Stripe-only app gets "Stripe keys and ids".
    const names = ([['Cognito', isCognito], ['Paddle', (n: string) => /PADDLE/.test(n)], ['Stripe', (n: string) => /STRIPE/.test(n)]] as const)
      .filter(([, is]) => providers.some((v) => is(v.name)))
      .map(([n]) => n);
    const title = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names[0];
    blocks.push(`**${title} keys and ids** (details in step 10): ${providers.map((v) => `${code(v.name)} (${kind(v)})`).join(', ')}.`);
  }

  // Every dotenv file the env model takes as a set source (`.env`, `envs/.api.env`, `config/prod.env`, `.dev.vars`),
  // in any folder: the files behind the "Set in" column's dotenv cells. Templates (`.env.example`) are not among them,
  // nor a file whose every value is empty (`KEY=` lines only): it holds no value, real or not.
  const committed = [...new Set(model.facts.of<EnvDeclaredFact>('env.declared').filter((f) => f.data.source === 'dotenv').map((f) => f.data.file))]
    .filter((f) => hasDotenvValue(index.read(f) ?? ''))
    .sort();
  if (committed.length > 0) {
    blocks.push(`**Dotenv files in the repository with real values** (only their variable names are used here): ${committed.map((f) => cite(f)).join(', ')}.`);
  }
  return join(heading(3, 'Secrets management'), ...blocks);
}

/**
 * "not read by the code" only when no source file names the variable; otherwise where it is named. A read by a
 * computed name (`process.env[key]`, `schema.validate(process.env)`) does not name this variable: it is said to
 * possibly include it, never that the variable is named there.
 */
function notRead(model: StepModel, name: string): string {
  if (model.none('env-read', 'not read by the code', name) !== undefined) return 'not read by the code';
  const all = model.evidence('env-read', name).filter((e) => !isLibraryRead(e.what));
  // A dependency that reads it itself (next-auth's NEXTAUTH_SECRET), at its manifest line.
  const library = libraryReadText(model.evidence('env-read', name));
  // Shell scripts and CI steps read it: said as a read, where (`read by a shell script /run.sh:5`).
  const isScript = (what: string) => (SCRIPT_READ_KINDS as readonly string[]).includes(what);
  const scripts = SCRIPT_READ_KINDS.flatMap((what) => {
    const at = all.filter((e) => e.what === what).map((e) => e.at);
    return at.length ? [`${what} ${citeAll(at, 2)}`] : [];
  });
  const evidence = all.filter((e) => !isScript(e.what));
  if (evidence.length === 0) return [...scripts, library].filter(Boolean).join('; ');
  const named = evidence.filter((e) => !e.what.startsWith('read by a computed name')).map((e) => e.at);
  const computed = evidence.filter((e) => e.what.startsWith('read by a computed name')).map((e) => e.at);
  const parts = [
    named.length ? `named in ${citeAll(named, 3)}` : '',
    computed.length ? `the code reads variables by a computed name at ${citeAll(computed, 2)}, which may include it` : '',
    ...scripts,
    library,
  ].filter(Boolean);
  return `no \`process.env\` read recognised; ${parts.join('; ')}`;
}

/** `read in …`; the Supabase CLI's `env(X)` in supabase/config.toml is said apart: the CLI reads it, not the app. */
function readSites(reads: readonly { file: string; lines: readonly number[]; via: string }[]): string {
  const at = (list: typeof reads) => citeAll(list.map((r) => ({ file: r.file, line: r.lines[0] })), 3);
  const cli = reads.filter((r) => r.via === 'supabase-config');
  const code = reads.filter((r) => r.via !== 'supabase-config');
  return [code.length ? `read in ${at(code)}` : '', cli.length ? `read by the Supabase CLI from its config ${at(cli)}` : ''].filter(Boolean).join('; ');
}
