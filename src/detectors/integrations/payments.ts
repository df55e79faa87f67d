import type { Detector, Fact } from '../../facts.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { isGenerated } from '../shared/source-scope.js';
import { isTestFile } from '../testing/index.js';
import type { PaymentProvider, PaymentRole, PaymentUsageFact } from './types.js';

interface Spec {
  readonly provider: PaymentProvider;
  readonly mention: RegExp;
  readonly serverModules: RegExp;
  readonly clientModules: RegExp;
  readonly serverClient: RegExp;
  readonly apiHost: RegExp;
  readonly verify: RegExp;
  readonly signatureHeader: RegExp;
  readonly clientCheckout: RegExp;
  readonly serverCheckout: RegExp;
  readonly eventType: RegExp;
  readonly priceId: RegExp;
}

const SPECS: readonly Spec[] = [
  {
    provider: 'paddle',
    mention: /paddle/i,
    serverModules: /^@paddle\/paddle-node-sdk/,
    clientModules: /^@paddle\/paddle-js/,
    serverClient: /\bnew\s+Paddle\s*\(/,
    apiHost: /\b(sandbox-)?(api|vendors)\.paddle\.com\b/,
    verify: /\.(unmarshal|isSignatureValid)\s*\(/,
    signatureHeader: /paddle[-_]signature/i,
    clientCheckout: /\b(initializePaddle|Paddle\.(Initialize|Setup|Environment\.set)|Checkout\.open)\s*\(|cdn\.paddle\.com/,
    serverCheckout: /\.transactions\.create\s*\(/,
    eventType: /['"`]((?:subscription|transaction|customer|adjustment|address|business|payout|discount|product|price|report|payment_method)\.[a-z_]+)['"`]/g,
    priceId: /['"`](pri_[a-z0-9]{26})['"`]/g,
  },
  {
    provider: 'stripe',
    mention: /stripe/i,
    serverModules: /^stripe$/,
    clientModules: /^@stripe\/(stripe-js|react-stripe-js)/,
    serverClient: /\bnew\s+Stripe\s*\(|\bStripe\s*\(\s*process\.env/,
    apiHost: /\bapi\.stripe\.com\b/,
    verify: /\.webhooks\.(constructEvent|constructEventAsync)\s*\(/,
    signatureHeader: /stripe[-_]signature/i,
    clientCheckout: /\b(loadStripe|redirectToCheckout|confirmPayment|confirmCardPayment|initEmbeddedCheckout)\s*\(|<(Elements|EmbeddedCheckoutProvider)\b|js\.stripe\.com|stripe-pricing-table|buy\.stripe\.com/,
    serverCheckout: /\.checkout\.sessions\.create\s*\(|\.paymentIntents\.create\s*\(|\.subscriptions\.create\s*\(|\.billingPortal\.sessions\.create\s*\(/,
    eventType: /['"`]((?:checkout\.session|customer\.subscription|invoice|payment_intent|charge|customer|price|product|setup_intent|subscription_schedule|payment_method)\.[a-z_.]+)['"`]/g,
    priceId: /['"`](price_[A-Za-z0-9]{14,})['"`]/g,
  },
];

const SOURCE = /\.([cm]?[jt]sx?|astro|vue|svelte|html)$/;
const IMPORT = /(?:from\s+|import\s*\(\s*|require\s*\(\s*|import\s+)['"]([^'"]+)['"]/g;
const COMMENT = /^\s*(\/\/|\*|\/\*|<!--)/;

/** Paddle and Stripe: SDKs, API calls, webhook handlers and their signature checks, checkout, prices and plans. */
export const paymentsDetector: Detector = {
  id: 'payments',
  isEnabled: () => true,
  detect(index: RepoIndex): Fact[] {
    const facts: PaymentUsageFact[] = [];
    for (const file of index.files) {
      if (!SOURCE.test(file) || isGenerated(index, file) || file.endsWith('.d.ts') || isTestFile(file)) continue;
      const text = index.read(file);
      if (text === undefined) continue;
      for (const spec of SPECS) if (spec.mention.test(text)) facts.push(...scan(index, file, text, spec));
    }
    const providers = [...new Set(facts.map((f) => f.data.provider))];
    if (providers.length === 1) facts.push(...planDefinitions(index, providers[0]));
    return facts;
  },
};

function scan(index: RepoIndex, file: string, text: string, spec: Spec): PaymentUsageFact[] {
  const out: PaymentUsageFact[] = [];
  const pkg = index.packageOf(file)?.name ?? '';
  const add = (role: PaymentRole, line: number, detail: string) =>
    out.push({
      kind: 'payments.usage',
      id: `${spec.provider} ${role} ${file}:${line} ${detail}`,
      data: { provider: spec.provider, role, file, line, package: pkg, detail },
      at: [{ file, line }],
    });
  const mentionsHeader = spec.signatureHeader.test(text);
  const events = new Map<string, number>();
  text.split('\n').forEach((line, i) => {
    const n = i + 1;
    if (COMMENT.test(line)) return;
    for (const m of line.matchAll(IMPORT)) {
      if (spec.serverModules.test(m[1])) add('server-sdk', n, m[1]);
      else if (spec.clientModules.test(m[1])) add('client-sdk', n, m[1]);
    }
    if (spec.serverClient.test(line)) add('server-sdk', n, spec.provider === 'paddle' ? 'new Paddle(…)' : 'new Stripe(…)');
    const host = spec.apiHost.exec(line);
    if (host) add('api-call', n, host[0]);
    const verify = spec.verify.exec(line);
    if (verify) add('signature-verification', n, verify[0].replace(/[\s(]+$/, '').replace(/^\./, ''));
    else if (mentionsHeader && /\bcreateHmac\s*\(/.test(line)) add('signature-verification', n, 'HMAC (createHmac)');
    if (spec.signatureHeader.test(line) && /headers|header\(|\.get\(/.test(line)) add('signature-header', n, spec.signatureHeader.exec(line)![0]);
    const client = spec.clientCheckout.exec(line);
    if (client) add('client-checkout', n, client[0].replace(/[\s(]+$/, '').replace(/^<|\s*$/g, ''));
    const server = spec.serverCheckout.exec(line);
    if (server) add('server-checkout', n, server[0].replace(/[\s(]+$/, '').replace(/^\./, ''));
    for (const m of line.matchAll(spec.priceId)) add('price-id', n, m[1]);
    for (const m of line.matchAll(/(?:process\.env|import\.meta\.env)\.([A-Z0-9_]*PRICE[A-Z0-9_]*)/g)) {
      if (spec.mention.test(m[1]) || spec.mention.test(text)) add('price-env', n, m[1]);
    }
    for (const m of line.matchAll(spec.eventType)) if (!events.has(m[1])) events.set(m[1], n);
  });
  // Event names alone are ambiguous (types files, docs); they mark a webhook handler next to a signature check.
  const handlerLike = out.some((f) => f.data.role === 'signature-header' || f.data.role === 'signature-verification');
  if (events.size > 0 && (handlerLike || /webhook/i.test(file))) {
    const first = Math.min(...events.values());
    add('webhook-events', first, [...events.keys()].sort().join(', '));
  }
  return out;
}

const PLAN_EXPORT = /^export\s+(?:declare\s+)?(?:const|let|type|enum|interface)\s+(\w*(?:Plan|PLAN|Price|PRICE|Pricing|PRICING|Tier|TIER)\w*)\b/;

/**
 * Exported plan, price and tier definitions (`export type Plan = …`, `export const PLAN_LIMITS = …`). Attributed to the
 * provider only when the repository uses exactly one, since nothing else ties them to it.
 */
function planDefinitions(index: RepoIndex, provider: PaymentProvider): PaymentUsageFact[] {
  const out: PaymentUsageFact[] = [];
  for (const file of index.files) {
    if (!/\.[cm]?[jt]sx?$/.test(file) || isGenerated(index, file) || /\.(test|spec)\./.test(file)) continue;
    const text = index.read(file);
    if (text === undefined || !/plan|price|pricing|tier/i.test(text)) continue;
    text.split('\n').forEach((line, i) => {
      const m = PLAN_EXPORT.exec(line);
      if (!m || /Props$|Response$|Request$|Input$/.test(m[1])) return;
      out.push({
        kind: 'payments.usage',
        id: `${provider} plan-definition ${file}:${i + 1} ${m[1]}`,
        data: { provider, role: 'plan-definition', file, line: i + 1, package: index.packageOf(file)?.name ?? '', detail: m[1] },
        at: [{ file, line: i + 1 }],
      });
    });
  }
  return out;
}
