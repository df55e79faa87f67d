import type { CdkAuthorizerFact, CdkLambdaFact, CdkUserPoolClientFact, CdkUserPoolFact } from '../../detectors/cdk/facts.js';
import type { CognitoUsageFact } from '../../detectors/integrations/index.js';
import type { FactSet } from '../../facts.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { dependsOn } from '../../scan/package-json.js';
import { bullets, heading, join, table } from '../../markdown/blocks.js';
import { cite } from '../../markdown/cite.js';
import { code, oneLine } from '../../markdown/text.js';
import type { EnvModel } from '../../model/env.js';
import { authorizerLabel } from './cdk-shared.js';
import { value } from './format.js';

/** Lambda fact id → its handler file citation, or the id as written when unresolved. */
export function lambdaRef(lambdas: readonly CdkLambdaFact[], id: string): string {
  const fn = lambdas.find((l) => l.id === id);
  if (!fn) return value(id);
  return `${code(fn.data.constructId)} → ${fn.data.entry ? cite(fn.data.entry) : value(fn.data.entryAsWritten ?? 'handler not resolved')}`;
}

/** Libraries that talk to Cognito: with one of them, a `USER_POOL_ID` / `IDENTITY_POOL_ID` variable is Cognito's. */
const COGNITO_PACKAGE = /^(amazon-cognito-identity-js|aws-amplify|@aws-amplify\/(auth|ui-react)|@aws-sdk\/client-cognito-identity(-provider)?|aws-jwt-verify|react-oidc-context)$/;

/** Whether the repository uses Cognito: a user pool or client in CDK code, the code calling it, or a Cognito library. */
export function usesCognito(facts: FactSet, index: RepoIndex): boolean {
  if (facts.has('cdk.userPool') || facts.has('cdk.userPoolClient') || facts.has('cognito.usage')) return true;
  return index.packages.some((p) => dependsOn(p.manifest, COGNITO_PACKAGE));
}

/**
 * A variable that names Cognito: COGNITO itself, or a user/identity pool id where the repository uses Cognito. Google
 * Cloud's workload identity pool (`GOOGLE_CLOUD_IDENTITY_POOL_ID`), Azure's or Firebase's pools are not Cognito's.
 */
export function isCognitoVariable(name: string, cognito: boolean): boolean {
  if (/COGNITO/.test(name)) return true;
  return cognito && /USER_POOL|IDENTITY_POOL/.test(name) && !/GOOGLE|GCP|GCLOUD|AZURE|FIREBASE|WORKLOAD/.test(name);
}

const SIDE: Record<string, string> = {
  frontend: 'Frontend sign-in',
  backend: 'Backend (admin API, token checks)',
  identity: 'Identity pool credentials (temporary AWS credentials)',
  trigger: 'Trigger handlers (typed)',
};

/** User pools, clients, triggers and authorizers from CDK; then where the code uses Cognito. */
export function cognitoSection(facts: FactSet, vars: EnvModel): string {
  const pools = facts.of<CdkUserPoolFact>('cdk.userPool');
  const clients = facts.of<CdkUserPoolClientFact>('cdk.userPoolClient');
  const lambdas = facts.of<CdkLambdaFact>('cdk.lambda');
  const authorizers = facts.of<CdkAuthorizerFact>('cdk.authorizer').filter((a) => a.data.type === 'cognito');
  const usage = facts.of<CognitoUsageFact>('cognito.usage');
  if (pools.length + clients.length + usage.length === 0) {
    if (!facts.has('cdk.app') && !facts.has('cdk.stack')) return '';
    return join(heading(3, 'Cognito authentication'), 'No Cognito user pools in CDK code and no Cognito client library in use.');
  }
  const blocks: string[] = [];
  if (pools.length) {
    blocks.push(
      table(
        ['User pool', 'Sign-in', 'Attributes', 'Triggers → handler', 'Defined in'],
        pools.map((p) => {
          const d = p.data;
          // Attributes set on the L1 resource may be named by variables: cite the assignment rather than say "—".
          const listed = [...d.standardAttributes, ...d.customAttributes.map((a) => `custom:${a}`)].join(', ');
          const override = d.schemaOverride ? `L1 \`schema\` override ${cite(d.schemaOverride)}` : '';
          const attrs = [listed, override].filter(Boolean).join('; ') || '—';
          const signIn = [d.signInAliases.join(', '), d.selfSignUp ? `self sign-up ${value(d.selfSignUp)}` : '', d.mfa ? `MFA ${value(d.mfa)}` : ''].filter(Boolean).join('; ');
          const triggers = d.triggers.map((t) => `${code(t.trigger)}: ${lambdaRef(lambdas, t.lambda)}`).join('; ') || '—';
          return [`${code(d.constructId)}${d.userPoolName ? ` (${value(d.userPoolName.text)})` : ''}`, signIn || '—', attrs, triggers, cite(p.at[0])];
        }),
      ),
    );
    const extras = pools.flatMap((p) => [
      ...p.data.domains.map((d) => `Hosted UI domain ${value(d.domain)} (${cite(d.at)})`),
      ...p.data.groups.map((g) => `Group ${value(g.name)} (${cite(g.at)})`),
      ...p.data.identityProviders.map((i) => `Identity provider ${oneLine(i.kind)} (${cite(i.at)})`),
    ]);
    if (extras.length) blocks.push(bullets(extras));
  }
  if (clients.length) {
    blocks.push(
      table(
        ['App client', 'Pool', 'Auth flows', 'OAuth', 'Secret', 'Defined in'],
        clients.map((c) => {
          const d = c.data;
          // "—" says the code sets none; props built where the reader does not follow are said to be not read.
          const oauth = [d.oauthFlows.join(', '), d.oauthScopes.length ? `scopes ${d.oauthScopes.join(', ')}` : ''].filter(Boolean).join('; ') || (d.oauthUnread ? 'not read statically' : '—');
          return [code(d.constructId), d.userPool ? value(d.userPool) : '—', d.authFlows.join(', ') || (d.authFlowsUnread ? 'not read statically' : '—'), oauth, d.generateSecret ? value(d.generateSecret) : '—', cite(c.at[0])];
        }),
      ),
    );
  }
  if (authorizers.length) {
    blocks.push(`**API Gateway Cognito authorizers:** ${authorizers.map((a) => `${code(authorizerLabel(a.data))} on ${a.data.userPools.map(value).join(', ')} (${cite(a.at[0])})`).join('; ')}.`);
  }
  for (const side of ['frontend', 'backend', 'identity', 'trigger'] as const) {
    const list = usage.filter((u) => u.data.side === side);
    if (!list.length) continue;
    const items = list.map((u) => `${cite(u.data.file, u.data.line)} — ${code(u.data.library)}: ${u.data.symbols.map((s) => code(s)).join(', ')}`);
    blocks.push(join(`**${SIDE[side]}:**`, bullets(items)));
  }
  const config = vars.sorted().filter((v) => isCognitoVariable(v.name, true) && v.reads.length > 0);
  if (config.length) blocks.push(`**Configuration:** ${config.map((v) => code(v.name)).join(', ')} (where each is read and set: step 8).`);
  return join(heading(3, 'Cognito authentication'), ...blocks);
}
