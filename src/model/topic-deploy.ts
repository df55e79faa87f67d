/**
 * Evidence for the `deploy` topic: scripts, CI steps and build files that run a deploy command, hosting platforms'
 * project files, production run files and README deploy buttons. Subject `cdk`: only commands that run the CDK CLI.
 */
import type { FactSet } from '../facts.js';
import type { RepoIndex } from '../scan/repo-index.js';
import type { InfraProjectData } from '../detectors/other-infra/types.js';
import { sveltekitAdapters } from '../detectors/frontend-build/sveltekit-adapters.js';
import { infraCommands } from './infra-commands.js';
import { readmeDeployButtons, readmeDeploySections } from './deploy-buttons.js';
import { facts, kinds } from './topic-evidence.js';
import type { Evidence } from './topics.js';

const CDK_COMMAND = /(^|[\s;&|(])(npx\s+|pnpm\s+(exec\s+)?|yarn\s+)?(cdk|aws-cdk)\s+(deploy|synth|diff|destroy|bootstrap|watch|--app|-a)(?![\w-])/;
const DEPLOY_WORDS = /\b(cdk deploy|sst deploy|serverless deploy|sls deploy|vercel( deploy| --prod)?|netlify deploy|wrangler (deploy|publish)|fly deploy|kubectl apply|helm (upgrade|install)|docker push|terraform apply|pulumi up|firebase deploy|supabase (db push|functions deploy)|eb deploy|sam deploy|amplify publish|npm publish|pnpm publish|changeset publish|gcloud (app|run) deploy)\b/;

export function deployEvidence(set: FactSet, index: RepoIndex, subject?: string): Evidence[] {
  const words = subject === 'cdk' ? CDK_COMMAND : DEPLOY_WORDS;
  return [
    ...facts<{ name: string; command: string; manifest: string; line?: number }>(set, 'scripts.script')
      // A `deploy` script may run the CDK CLI through a program of its own (`ts-node bin/cdk-runner.ts`).
      .filter((s) => (subject !== 'cdk' ? /^(deploy|release|publish)([:-].*)?$/ : /^(deploy|cdk)([:-].*)?$/).test(s.data.name) || words.test(s.data.command))
      .map((s) => ({ what: `script ${s.data.name}`, at: { file: s.data.manifest, line: s.data.line } })),
    ...facts<CiRunData>(set, 'ci.workflow').flatMap((w) =>
      w.data.jobs.flatMap((j) => j.steps.filter((st) => st.run && words.test(st.run)).map((st) => ({ what: `CI job ${j.id}`, at: { file: w.data.file, line: st.line } }))),
    ),
    // A Travis `deploy:` provider deploys without a command in the file.
    ...(subject === 'cdk' ? [] : facts<CiRunData>(set, 'ci.workflow').flatMap((w) =>
      w.data.jobs.filter((j) => j.deploy?.length).map((j) => ({ what: `CI job ${j.id} (deploy provider ${j.deploy!.join(', ')})`, at: { file: w.data.file, line: j.line } })),
    )),
    ...(subject === 'cdk' ? [] : kinds(set, ['cdk.app'], () => 'a CDK app (deployed with cdk deploy)')),
    ...(subject === 'cdk'
      ? []
      : infraCommands(index, facts<InfraProjectData>(set, 'infra.project').map((f) => f.data), 'deploy').map((c) => ({ what: `${c.what} (deployed with ${c.command})`, at: c.project }))),
    ...deployInFiles(index, words),
    // A hosting platform's project file: the platform builds and deploys on push, with no command in the repo.
    ...(subject === 'cdk' ? [] : index.files.filter((f) => HOSTING_FILE.test(f)).slice(0, 5).map((file) => ({ what: `${hostingOf(file)} project config`, at: { file } }))),
    // How production runs, with no deploy command in the repository: a production compose file or Dockerfile,
    // a pm2 ecosystem file. "No deploy …" next to `docker-compose.prod.yml` would mislead.
    ...(subject === 'cdk' ? [] : index.files.filter((f) => PRODUCTION_RUN.test(f)).slice(0, 5).map((file) => ({ what: productionRunKind(file), at: { file } }))),
    // A SvelteKit adapter builds the app for one platform (adapter-vercel → Vercel), as a hosting file says.
    ...(subject === 'cdk' ? [] : sveltekitAdapters(index).slice(0, 5).map((a) => ({ what: `SvelteKit adapter ${a.module} (builds for ${a.target})`, at: { file: a.file, line: a.line } }))),
    // A README's "Deploy with Vercel" button deploys with no file of the platform's in the repository.
    ...(subject === 'cdk' ? [] : readmeDeployButtons(index)),
    // A README section on deploying to a named platform ("Hosted Quickstart": Supabase + Vercel) is how it deploys.
    ...(subject === 'cdk' ? [] : readmeDeploySections(index).map(({ what, at }) => ({ what, at }))),
  ];
}

interface CiRunData {
  readonly file: string;
  readonly jobs: readonly { id: string; line?: number; deploy?: readonly string[]; steps: readonly { run?: string; line?: number }[] }[];
}

const HOSTING: Record<string, string> = {
  'vercel.json': 'Vercel',
  'now.json': 'Vercel',
  'netlify.toml': 'Netlify',
  'fly.toml': 'Fly.io',
  'render.yaml': 'Render',
  'railway.json': 'Railway',
  'railway.toml': 'Railway',
  'amplify.yml': 'AWS Amplify Hosting',
  'firebase.json': 'Firebase',
  'app.yaml': 'Google App Engine',
  'Procfile': 'Heroku-style Procfile',
};
const HOSTING_FILE = new RegExp(`(^|/)(${Object.keys(HOSTING).map((k) => k.replace('.', '\\.')).join('|')})$`);
const PRODUCTION_RUN = /(^|\/)((docker-|podman-)?compose[.-](prod|production|deploy)[\w.-]*\.ya?ml|(Dockerfile|Containerfile)[.-](prod|production)|ecosystem\.config\.(c?js|json|ya?ml))$/;
const productionRunKind = (file: string) => (/ecosystem\.config/.test(file) ? 'pm2 process file (production start)' : /compose/.test(file) ? 'production compose file' : 'production Dockerfile');
const hostingOf = (file: string) => HOSTING[file.split('/').pop() ?? ''] ?? 'Hosting';

/** Makefiles, justfiles and shell scripts that run a deploy command (they are not npm scripts). */
function deployInFiles(index: RepoIndex, words: RegExp): Evidence[] {
  const out: Evidence[] = [];
  for (const file of index.files) {
    if (!/(^|\/)(Makefile|makefile|GNUmakefile|justfile|Justfile|Taskfile\.ya?ml|[^/]+\.sh|[^/]+\.mk)$/.test(file)) continue;
    const text = index.read(file);
    if (!text) continue;
    const m = words.exec(text);
    if (m) out.push({ what: `${m[0]} in ${file.split('/').pop()}`, at: { file, line: text.slice(0, m.index).split('\n').length } });
    if (out.length >= 10) break;
  }
  return out;
}
