/** The "Set in" cell: who sets a variable, grouped by kind, each kind in a few words with where. */
import { cite, citeAll } from '../../markdown/cite.js';
import { code, oneLine } from '../../markdown/text.js';
import { SET_ORDER, type EnvModel, type EnvVarView, type SetKind, type SetSite } from '../../model/env.js';
import { pushTo } from '../../collections.js';

/**
 * `set by the AWS Lambda runtime; CDK env of 3 Lambdas `…:88`; compose service api `…:12`; CI `…:37` (secret X);
 * `/.env.example:3``. Empty sets give `—`.
 */
export function setIn(sites: readonly SetSite[], runtime?: string): string {
  const parts: string[] = runtime ? [`set by ${runtime}`] : [];
  parts.push(...byKinds(sites.filter((s) => !s.otherApp)));
  // Another CDK app's sets (an archived app in docs/) are not the deployment's: after it, said to be another app's.
  const others = new Map<string, SetSite[]>();
  for (const s of sites) if (s.otherApp) pushTo(others, s.otherApp.entry, s);
  for (const [entry, list] of others) {
    const where = list.every((s) => s.at.file === entry) ? '' : ` ${cite(entry)}`;
    parts.push(`in another CDK app${where} (${list[0].otherApp!.cdkJson ? 'not the cdk.json app' : 'not the deployed app'}): ${byKinds(list).join(', ')}`);
  }
  return parts.join('; ') || '—';
}

/**
 * The cell when nothing in the repository sets the variable for the code in `files`: the `.env` files a Serverless
 * service's dotenv plugin injects into that code, and another service's sets (its functions get the value, this code
 * does not). Undefined when there is neither.
 */
export function notSetHere(env: EnvModel, v: EnvVarView, files: readonly string[]): string | undefined {
  const plugin = env.externalFor(files);
  const other = env.otherServiceSets(v, files);
  const parts = [
    plugin.length ? `maybe ${code('.env')} via serverless-dotenv-plugin ${citeAll(plugin.map((e) => ({ file: e.file, line: e.line })), 2)}` : '',
    other.length ? `only another service's functions get it ${citeAll(other.map((s) => s.at), 2)}` : '',
  ].filter(Boolean);
  return parts.length ? parts.join('; ') : undefined;
}

function byKinds(sites: readonly SetSite[]): string[] {
  const parts: string[] = [];
  const byKind = new Map<SetKind, SetSite[]>();
  for (const s of sites) pushTo(byKind, s.kind, s);
  for (const kind of SET_ORDER) {
    const list = byKind.get(kind);
    if (list) parts.push(...describe(kind, list));
  }
  return parts;
}

/** Infrastructure-code sets by the key their names are under: `environment` first, then ECS `secrets`, then others. */
function keyGroups(list: readonly SetSite[]): [string, SetSite[]][] {
  const groups = new Map<string, SetSite[]>();
  for (const s of list) pushTo(groups, s.key ?? (s.secretRef ? 'secrets' : 'environment'), s);
  const rank = (k: string) => (k === 'environment' ? 0 : k === 'secrets' ? 1 : 2);
  return [...groups].sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

function describe(kind: SetKind, list: readonly SetSite[]): string[] {
  const at = (l: readonly SetSite[], n = 2) => citeAll(l.map((s) => s.at), n);
  switch (kind) {
    case 'cdk': {
      const fns = new Set(list.map((s) => s.ownerKey ?? s.owner)).size;
      return [`CDK env of ${fns} Lambda${fns === 1 ? '' : 's'}${list.some((s) => s.literal) ? ', literal in code' : ''} ${at(list)}`];
    }
    case 'iac':
      return byTool(list).flatMap(([tool, l]) =>
        // One group per key the names are written under: `environment`, ECS `secrets`, Alchemy's `bindings` / `env`.
        keyGroups(l).map(([key, g]) => `${tool} \`${key}\`${owners(g)} ${at(g)}`),
      );
    case 'function':
      return byTool(list).map(([tool, l]) => `${tool} function env${owners(l)} ${at(l)}`);
    case 'cloudformation':
      return [`SAM/CloudFormation env${owners(list)} ${at(list)}`];
    case 'compose':
      return [`compose service${plural(list)}${owners(list, '')} ${at(list)}`];
    case 'compose-env-file': {
      const base = (p: string) => p.split('/').pop();
      const missing = list.filter((s) => s.ref && s.from && base(s.ref) !== base(s.from));
      const from = (l: readonly SetSite[]) => citeAll([...new Set(l.map((s) => s.from!))].map((file) => ({ file })), 2);
      const note = missing.length
        ? ` (${[...new Set(missing.map((s) => code(s.ref!)))].join(', ')} not committed; names from ${from(missing)})`
        : ` (${from(list.filter((s) => s.from))})`;
      return [`compose \`env_file\`${owners(list)} ${at(list)}${note}`];
    }
    case 'dockerfile':
      return [`Dockerfile \`ENV\` ${at(list)}`];
    case 'dockerfile-arg':
      return [`Dockerfile \`ARG\` (build time) ${at(list)}`];
    case 'kubernetes':
      // Kubernetes manifests, and Knative services (Cloud Run's YAML), each under its own name.
      return byTool(list).map(([tool, l]) => {
        const refs = [...new Set(l.map((s) => s.ref).filter((r): r is string => !!r))];
        const secret = l.some((s) => s.secretRef) ? ', from a Secret' : '';
        return `${oneLine(tool)}${owners(l, '')} ${at(l)}${refs.length ? ` (via ${refs.map(code).join(', ')}${secret})` : secret ? ` (${secret.slice(2)})` : ''}`;
      });
    case 'schema-default':
      return [`default in the schema ${at(list)}`];
    case 'platform':
    case 'framework-config':
      return byTool(list).map(([tool, l]) => `${oneLine(tool)}${owners(l, '')} ${at(l)}`);
    case 'ci': {
      const sources = [...new Set(list.map((s) => s.source).filter((s): s is string => !!s && s !== 'literal' && s !== 'expression'))];
      return [`CI ${at(list)}${sources.length ? ` (${sources.map(ciSource).join(', ')})` : ''}`];
    }
    case 'script': {
      const npm = list.filter((s) => s.tool === 'npm script');
      const run = list.filter((s) => s.tool === 'command run by the code');
      const shell = list.filter((s) => s.tool !== 'npm script' && s.tool !== 'command run by the code');
      const written = [...new Set(shell.map((s) => s.ref).filter((r): r is string => !!r))];
      return [
        shell.length ? `script ${at(shell)}${written.length ? ` (writes ${written.map(code).join(', ')})` : ''}` : '',
        npm.length ? `npm script${owners(npm, '')} ${at(npm, 1)}` : '',
        run.length ? `a command the code runs ${at(run)}` : '',
      ].filter(Boolean);
    }
    case 'code': {
      const prod = list.filter((s) => !s.test);
      const tests = list.filter((s) => s.test);
      return [prod.length ? `assigned in code ${at(prod)}` : '', tests.length ? `assigned in tests ${at(tests, 1)}` : ''].filter(Boolean);
    }
    case 'type':
      return [`typed in ${at(list)}`];
    default:
      return [at(list)];
  }
}

function byTool(list: readonly SetSite[]): [string, SetSite[]][] {
  const map = new Map<string, SetSite[]>();
  for (const s of list) pushTo(map, s.tool ?? 'config', s);
  return [...map];
}

/** ` of api, worker (+1)` — the services, constructs or containers it is set for. */
function owners(list: readonly SetSite[], lead = ' of'): string {
  const names = [...new Set(list.map((s) => s.owner).filter((o): o is string => !!o))];
  if (names.length === 0) return '';
  const shown = names.slice(0, 2).map((n) => code(n)).join(', ');
  return `${lead} ${shown}${names.length > 2 ? ` (+${names.length - 2})` : ''}`;
}

function plural(list: readonly SetSite[]): string {
  return new Set(list.map((s) => s.owner)).size > 1 ? 's' : '';
}

function ciSource(source: string): string {
  const [kind, name] = source.split(' ');
  return name ? `${kind === 'var' ? 'variable' : kind} ${code(name)}` : kind;
}
