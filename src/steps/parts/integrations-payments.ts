import type { CdkRouteFact } from '../../detectors/cdk/facts.js';
import type { HttpRouteFact } from '../../detectors/http-frameworks/index.js';
import type { PaymentProvider, PaymentRole, PaymentUsageFact } from '../../detectors/integrations/index.js';
import type { FactSet } from '../../facts.js';
import { bullets, heading, join } from '../../markdown/blocks.js';
import { cite, citeAll } from '../../markdown/cite.js';
import { code } from '../../markdown/text.js';
import type { StepModel } from '../../model/repo-model.js';
import { noneOr } from './claims.js';
import type { EnvModel } from '../../model/env.js';
import { pushTo } from '../../collections.js';
import { firstUseOfImport } from '../../detectors/shared/called-from.js';

const NAME: Record<PaymentProvider, string> = { paddle: 'Paddle', stripe: 'Stripe' };

/** One provider: endpoint, handler, signature check, events, API use, checkout, prices and plans, configuration. */
export function paymentsSection(model: StepModel, provider: PaymentProvider, vars: EnvModel): string {
  const { index, facts } = model;
  const usage = facts.of<PaymentUsageFact>('payments.usage').filter((f) => f.data.provider === provider);
  const title = `${NAME[provider]} payments`;
  const deps = index.packages.filter((p) => Object.keys({ ...p.manifest.dependencies, ...p.manifest.devDependencies }).some((d) => (provider === 'paddle' ? /^@paddle\// : /^(stripe|@stripe\/)/).test(d)));
  if (usage.length === 0 && deps.length === 0) {
    const none = `No ${NAME[provider]} integration found (no ${provider === 'paddle' ? '`@paddle/*`' : '`stripe`/`@stripe/*`'} dependency, API call, webhook or checkout code).`;
    return join(heading(3, title), noneOr(model, 'payments', none, `No ${NAME[provider]} code was mapped, but the repository refers to it:`, provider));
  }
  const of = (role: PaymentRole) => usage.filter((u) => u.data.role === role);
  const items: string[] = [];
  const handlerFiles = [...new Set([...of('signature-header'), ...of('webhook-events')].map((u) => u.data.file))].sort();
  for (const file of handlerFiles) {
    const endpoints = endpointsFor(facts, file);
    if (endpoints.length === 0) endpoints.push(...endpointsCalling(model, file));
    items.push(`**Webhook:** ${endpoints.length ? `${endpoints.join(', ')} → ` : ''}handler ${cite(file)}${endpoints.length ? '' : ' (no route wiring found for it)'}`);
  }
  const verify = of('signature-verification');
  if (verify.length) items.push(`**Signature verification:** ${verify.map((v) => `${code(v.data.detail)} at ${cite(v.data.file, v.data.line)}`).join('; ')}${of('signature-header').length ? `; header read at ${citeAll(of('signature-header').map((h) => h.at[0]), 3)}` : ''}`);
  else if (handlerFiles.length) items.push('**Signature verification:** none found next to the webhook handler — check it before trusting events.');
  for (const e of of('webhook-events')) items.push(`**Events handled** in ${cite(e.data.file, e.data.line)}: ${e.data.detail.split(', ').map((x) => code(x)).join(', ')}`);
  const server = [...of('server-sdk'), ...of('api-call'), ...of('server-checkout')];
  if (server.length) items.push(`**Server-side API:** ${server.map((s) => `${code(s.data.detail)} (${cite(s.data.file, s.data.line)})`).join(', ')}`);
  const client = [...of('client-sdk'), ...of('client-checkout')];
  if (client.length) {
    const byFile = groupByFile(client);
    items.push(`**Client-side checkout:**\n${bullets(byFile.map(([file, list]) => `${cite(file)} — ${[...new Set(list.map((c) => code(c.data.detail)))].join(', ')} (line${list.length > 1 ? 's' : ''} ${[...new Set(list.map((c) => c.data.line))].join(', ')})`), 2)}`);
  }
  const prices = [...of('price-id'), ...of('price-env')];
  if (prices.length) {
    const byFile = groupByFile(prices);
    items.push(`**Prices:**\n${bullets(byFile.map(([file, list]) => `${cite(file)} — ${[...new Set(list.map((p) => code(p.data.detail)))].join(', ')}`), 2)}`);
  }
  const plans = of('plan-definition');
  if (plans.length) items.push(`**Plan definitions:** ${plans.map((p) => `${code(p.data.detail)} (${cite(p.data.file, p.data.line)})`).join(', ')}`);
  const config = vars.sorted().filter((v) => new RegExp(provider, 'i').test(v.name));
  if (config.length) items.push(`**Configuration:** ${config.map((v) => `${code(v.name)}${v.secret ? ' (secret)' : ''}`).join(', ')}`);
  if (deps.length) items.push(`**Packages using it:** ${deps.map((p) => `${code(p.name)} (${cite(p.manifestPath)})`).join(', ')}`);
  return join(heading(3, title), bullets(items));
}

function groupByFile(list: readonly PaymentUsageFact[]): [string, PaymentUsageFact[]][] {
  const map = new Map<string, PaymentUsageFact[]>();
  for (const u of list) pushTo(map, u.data.file, u);
  return [...map].sort(([a], [b]) => (a < b ? -1 : 1));
}

/**
 * Routes whose file imports the handler module and calls it (`StripeWebhookService.handleEvent(…)` in the webhook
 * route's file): the module is reached from them, though no route names it as its handler. Only the webhook routes of
 * such a file are kept when it has any, as with `endpointsFor`.
 */
function endpointsCalling(model: StepModel, file: string): string[] {
  const byFile = new Map<string, HttpRouteFact[]>();
  for (const r of model.facts.of<HttpRouteFact>('http.route')) pushTo(byFile, r.data.file, r);
  const out: string[] = [];
  for (const [routeFile, routes] of [...byFile].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const use = firstUseOfImport(model.index, routeFile, file);
    if (!use) continue;
    const hooks = routes.filter((r) => /hook/i.test(`${r.data.path} ${r.data.handler ?? ''}`));
    const shown = (hooks.length ? hooks : routes).map((r) => `${code(`${r.data.method} ${r.data.path}`)} (${r.data.framework}, ${cite(r.data.file, r.data.line)})`);
    out.push(`${shown.join(', ')}, whose file calls ${code(use.name)} at ${cite(routeFile, use.line)}`);
  }
  return out;
}

/** Routes (API Gateway from CDK, or a Node framework) whose handler is the file. */
function endpointsFor(facts: FactSet, file: string): string[] {
  const out: string[] = [];
  for (const r of facts.of<CdkRouteFact>('cdk.route')) {
    if (r.data.entry === file) out.push(`${code(`${r.data.method} ${r.data.path}`)} (API Gateway, wired at ${cite(r.at[0])})`);
  }
  const routes = facts.of<HttpRouteFact>('http.route').filter((r) => r.data.handlerFile === file || r.data.file === file);
  // A file exporting several handlers (webhook and checkout) is reached by several routes: keep the webhook ones.
  const hooks = routes.filter((r) => /hook/i.test(`${r.data.path} ${r.data.handler ?? ''}`));
  for (const r of hooks.length ? hooks : routes) out.push(`${code(`${r.data.method} ${r.data.path}`)} (${r.data.framework}, ${cite(r.data.file, r.data.line)})`);
  return out;
}

